package memory

import (
	"math"
	"reflect"
	"testing"

	"unroll/core/nn"
)

func TestData(t *testing.T) {
	x, y, a := Data(7, 12, 50, 0)
	if len(x) != 50 || len(x[0]) != 12 || len(x[0][0]) != Symbols+1 || len(y[0]) != 1 || len(y[0][0]) != Symbols {
		t.Fatalf("shapes: x %d×%d×%d, y %d×%d×%d", len(x), len(x[0]), len(x[0][0]), len(y), len(y[0]), len(y[0][0]))
	}
	counts := make([]int, Symbols)
	for k := range x {
		for s, xt := range x[k] {
			ones := 0
			for _, v := range xt[:Symbols] {
				ones += int(v)
			}
			marker := xt[Symbols]
			if ones != 1 || (s == 0) != (marker == 1) {
				t.Fatalf("sequence %d step %d: %v", k, s+1, xt)
			}
		}
		if x[k][0][a[k]] != 1 || y[k][0][a[k]] != 1 {
			t.Fatalf("sequence %d: answer %d, x_1 %v, y %v", k, a[k], x[k][0], y[k][0])
		}
		counts[a[k]]++
	}
	for s, c := range counts {
		if c == 0 {
			t.Errorf("symbol %d never the answer in 50 sequences: %v", s, counts)
		}
	}
	x2, y2, a2 := Data(7, 12, 50, 0)
	if !reflect.DeepEqual(x, x2) || !reflect.DeepEqual(y, y2) || !reflect.DeepEqual(a, a2) {
		t.Error("the same seed gave other sequences")
	}
	held, _, _ := Data(7, 12, 10, 50)
	more, _, _ := Data(7, 12, 60, 0)
	if !reflect.DeepEqual(held, more[50:]) {
		t.Error("the held-out sequences are not the ones after the training sequences")
	}
	other, _, _ := Data(8, 12, 50, 0)
	if reflect.DeepEqual(x, other) {
		t.Error("another seed gave the same sequences")
	}
}

// TestRunDeterministic: the same configuration gives the same result, and
// an untrained-length run reports every quantity.
func TestRunDeterministic(t *testing.T) {
	cfg := Defaults
	cfg.Cell, cfg.Length, cfg.Train, cfg.Test, cfg.Epochs, cfg.Seed = nn.LSTM, 6, 64, 32, 2, 3
	a, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("two runs differ:\n%+v\n%+v", a, b)
	}
	if a.Updates != 4 || a.Accuracy < 0 || a.Accuracy > 1 || !(a.Loss > 0) || !(a.GradRatio > 0) || !(a.StateRatio > 0) || !(a.Retention > 0 && a.Retention < 1) {
		t.Errorf("result %+v", a)
	}
	cfg.Cell = nn.SimpleRNN
	r, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(r.Retention) {
		t.Errorf("SimpleRNN retention %v, want NaN", r.Retention)
	}
	cfg.Length = 1
	if _, err := Run(cfg); err == nil {
		t.Error("length 1: no error")
	}
}

// TestMeasureGradRatio checks grad_ratio against the engine's per-sequence
// ‖∂L/∂x_t‖ computed one sequence at a time.
func TestMeasureGradRatio(t *testing.T) {
	const L, test = 8, 5
	m, err := nn.NewModel([]nn.LayerConfig{{Cell: nn.GRU, ResetAfter: true, Units: 3, Inputs: Symbols + 1}}, nn.DenseConfig{Outputs: Symbols})
	if err != nil {
		t.Fatal(err)
	}
	m.Init(2)
	r, err := Measure(m, 4, L, 10, test)
	if err != nil {
		t.Fatal(err)
	}
	x, y, _ := Data(4, L, test, 10)
	var want float64
	for k := range x {
		g, err := m.Gradient(nn.Batch{X: x[k : k+1], Y: y[k : k+1]}, nn.SoftmaxCrossEntropy)
		if err != nil {
			t.Fatal(err)
		}
		want += g.InputGradNorms[0] / g.InputGradNorms[L-1]
	}
	want /= test
	if math.Abs(r.GradRatio-want) > 1e-9*want {
		t.Errorf("grad_ratio %v, one sequence at a time %v", r.GradRatio, want)
	}
}
