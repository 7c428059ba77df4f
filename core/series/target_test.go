package series

import (
	"math"
	"math/rand/v2"
	"testing"
)

// closesWalk is n closes of a seeded random walk from 500.
func closesWalk(n int) []float64 {
	rng := rand.New(rand.NewPCG(5, 6))
	c := make([]float64, n)
	p := 500.0
	for k := range c {
		p *= 1 + 0.03*(rng.Float64()-0.5)
		c[k] = p
	}
	return c
}

// TestTargetRoundTrip checks that every target turns back into the close it
// came from, through the min-max scaling as well. Division, log and exp
// round, so a round trip may differ in the last bit or two: 1e-15 relative
// is about 4 ulps (the largest seen is 1 ulp).
func TestTargetRoundTrip(t *testing.T) {
	closes := closesWalk(200)
	const steps = 7
	for _, kind := range []string{TargetPrice, TargetRelative, TargetLogRet} {
		t.Run(kind, func(t *testing.T) {
			worst := 0.0
			for k := steps; k < len(closes); k++ {
				last, next := closes[k-1], closes[k]
				v := FromClose(kind, last, next)
				sc := &MinMaxScaler{Min: []float64{-0.3}, Max: []float64{0.4}}
				back := ToClose(kind, last, sc.Unscale(0, sc.Scale(0, v)))
				worst = max(worst, math.Abs(back-next)/next)
			}
			t.Logf("largest relative difference %g", worst)
			if worst > 1e-15 {
				t.Fatalf("round trip differs by %g of the close", worst)
			}
		})
	}
	x, y, last, err := RelativeWindows(closes, steps)
	if err != nil {
		t.Fatal(err)
	}
	r, err := LogReturns(closes)
	if err != nil {
		t.Fatal(err)
	}
	for k := range x {
		if last[k] != closes[k+steps-1] || x[k][steps-1][0] != 0 {
			t.Fatalf("window %d: last %v, last value %v", k, last[k], x[k][steps-1][0])
		}
		for s := range steps {
			if got := ToClose(TargetRelative, last[k], x[k][s][0]); math.Abs(got-closes[k+s]) > 1e-15*closes[k+s] {
				t.Fatalf("window %d day %d: %v back to %v, want %v", k, s, x[k][s][0], got, closes[k+s])
			}
		}
		if got := ToClose(TargetRelative, last[k], y[k][0][0]); math.Abs(got-closes[k+steps]) > 1e-15*closes[k+steps] {
			t.Fatalf("window %d target back to %v, want %v", k, got, closes[k+steps])
		}
	}
	for k, v := range r {
		if got := ToClose(TargetLogRet, closes[k], v); math.Abs(got-closes[k+1]) > 1e-15*closes[k+1] {
			t.Fatalf("return %d back to %v, want %v", k, got, closes[k+1])
		}
	}
	if _, err := LogReturns([]float64{1, 0, 2}); err == nil {
		t.Fatal("a zero close gave returns")
	}
}

// TestFitWindowsIsFitMinMax: fitted on price windows, FitWindows sees
// exactly the rows those windows read.
func TestFitWindowsIsFitMinMax(t *testing.T) {
	closes := closesWalk(120)
	rows := Column(closes)
	x, y, err := Window(rows, 5, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, upto := range []int{1, 30, 80} {
		a, err := FitWindows(x, y, upto, 0, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := FitMinMax(rows[:upto+5], nil)
		c, _ := FitWindows(x, y, upto, 0, true, nil)
		d, _ := FitMinMax(rows[:upto+5], nil)
		if a.Min[0] != b.Min[0] || a.Max[0] != b.Max[0] || c.Min[0] != d.Min[0] || c.Max[0] != d.Max[0] {
			t.Fatalf("upto %d: %v..%v, want %v..%v", upto, a.Min, a.Max, b.Min, b.Max)
		}
	}
	if _, err := FitWindows(x, y, len(x), 0, true, nil); err == nil {
		t.Fatal("fitted on the inputs of a window past the last")
	}
}

func TestDirectionAndCorrelation(t *testing.T) {
	last := []float64{10, 10, 10, 10, 10}
	actual := []float64{11, 9, 10, 12, 8}
	pred := []float64{10.5, 10.2, 9, 10, 9}
	acc, up, days, err := Direction(pred, actual, last)
	if err != nil {
		t.Fatal(err)
	}
	// moves: up, down, (none), up, down; calls: up ✓, up ✗, -, none ✗, down ✓
	if days != 4 || acc != 0.5 || up != 0.5 {
		t.Fatalf("accuracy %v, up %v over %d days; want 0.5, 0.5, 4", acc, up, days)
	}
	c, err := Correlation([]float64{1, 2, 3, 4}, []float64{2, 4, 6, 8.5})
	if err != nil || !(c > 0.99 && c <= 1) {
		t.Fatalf("correlation %v, %v", c, err)
	}
	if c, _ := Correlation([]float64{1, 2, 3}, []float64{3, 2, 1}); math.Abs(c+1) > 1e-15 {
		t.Fatalf("reversed correlation %v, want -1", c)
	}
	if c, _ := Correlation([]float64{1, 1, 1}, []float64{3, 2, 1}); c != 0 {
		t.Fatalf("constant correlation %v, want 0", c)
	}
}
