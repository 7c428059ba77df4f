package lecture

import (
	"math"
	"reflect"
	"slices"
	"testing"
)

// forecastJob prepares and trains (2 epochs) a job on s for the target,
// walking forward when wf is not nil, and predicts the test part.
func forecastJob(t *testing.T, s *Series, target string, wf *WalkForward) (*Job, *Predictions) {
	t.Helper()
	sp := spec(s, []string{"close"}, "lstm", 2, 16)
	sp.Forecast, sp.WalkForward = target, wf
	if wf != nil {
		sp.WalkForward = &WalkForward{Every: wf.Every, Epochs: wf.Epochs}
	}
	j, err := Prepare(sp, Page)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.Step(math.MaxInt); err != nil {
		t.Fatal(err)
	}
	pred, err := j.Predict()
	if err != nil {
		t.Fatal(err)
	}
	return j, pred
}

// TestForecastPoisonedTestPart changes every close from some test day on
// (times 3) and checks that nothing fitted or trained moves: the scaler,
// the training and validation windows, the trained weights, and every
// prediction made before that day, walking forward too (scaler refits and
// model refits see only the days known then).
func TestForecastPoisonedTestPart(t *testing.T) {
	const n, into = 400, 25 // days; the first poisoned day is test target number into
	for _, target := range Forecasts {
		for _, wf := range []*WalkForward{nil, {Every: 10}, {Every: 10, Epochs: 1}} {
			name := target
			if wf != nil {
				name += "/walk-forward"
				if wf.Epochs > 0 {
					name += "+refit"
				}
			}
			t.Run(name, func(t *testing.T) {
				clean := walk(n)
				j, pred := forecastJob(t, clean, target, wf)
				from := pred.Test.Dates[into]
				bad := walk(n)
				for d, date := range bad.Dates {
					if c := bad.Columns["close"][d]; date >= from && c != nil {
						v := *c * 3
						bad.Columns["close"][d] = &v
					}
				}
				jb, predb := forecastJob(t, bad, target, wf)
				if !reflect.DeepEqual(j.Data.Scaler, jb.Data.Scaler) {
					t.Fatalf("scaler %+v, poisoned %+v", j.Data.Scaler, jb.Data.Scaler)
				}
				known := j.Data.Parts.Val.End
				if !reflect.DeepEqual(j.Data.X[:known], jb.Data.X[:known]) || !reflect.DeepEqual(j.Data.Y[:known], jb.Data.Y[:known]) {
					t.Fatal("training or validation windows changed")
				}
				if !reflect.DeepEqual(j.Model, jb.Model) {
					t.Fatal("trained weights changed")
				}
				for k := 0; k <= into; k++ {
					if pred.Test.Predicted[k] != predb.Test.Predicted[k] {
						t.Fatalf("prediction %d (%s, before the poisoned %s) %v, poisoned %v", k, pred.Test.Dates[k], from, pred.Test.Predicted[k], predb.Test.Predicted[k])
					}
				}
				if slices.Equal(pred.Test.Predicted, predb.Test.Predicted) {
					t.Fatal("the poisoned days changed no prediction: the test is not testing")
				}
			})
		}
	}
}

// TestForecastWindowIsTraining: a trained window or logret model, given its
// own scaler, cuts any window of the series exactly as training cut it, and
// turns its output into the close Predict reports.
func TestForecastWindowIsTraining(t *testing.T) {
	for _, target := range Forecasts {
		t.Run(target, func(t *testing.T) {
			s := walk(300)
			j, pred := forecastJob(t, s, target, nil)
			sc := j.Data.Scaler
			if (sc.Of == "") != (target == ForecastPrice) || sc.First != j.Dates[0] || sc.Last != j.Dates[j.Data.FitRows-1] {
				t.Fatalf("scaler of %q fitted %s..%s", sc.Of, sc.First, sc.Last)
			}
			test := j.Data.Parts.Test
			for _, w := range []int{test.Start, test.Start + 7, test.End - 1} {
				end := slices.Index(s.Dates, j.Dates[w+j.lead-1])
				win, err := CutWindow(*s, []string{"close"}, j.Spec.Steps, end, 0, sc)
				if err != nil {
					t.Fatal(err)
				}
				for k, row := range win.Scaled {
					if row[0] != j.Data.X[w][k][0] {
						t.Fatalf("window %d day %d: %v, training read %v", w, k, row[0], j.Data.X[w][k][0])
					}
				}
				if win.Next == nil || win.Next.Scaled != j.Data.Y[w][0][0] || win.Next.Date != pred.Test.Dates[w-test.Start] {
					t.Fatalf("window %d next day %+v, training's target %v", w, win.Next, j.Data.Y[w][0][0])
				}
				out, err := j.Model.Predict([][][]float64{win.Scaled})
				if err != nil {
					t.Fatal(err)
				}
				if got, want := win.Close(out[0][0][0]), pred.Test.Predicted[w-test.Start]; math.Abs(got-want) > 1e-9 {
					t.Fatalf("window %d: the step-through's close %v, Predict's %v", w, got, want)
				}
			}
		})
	}
}

// TestForecastMeasures checks the direction and the why numbers against
// their definitions on the predictions returned.
func TestForecastMeasures(t *testing.T) {
	j, pred := forecastJob(t, walk(300), ForecastPrice, nil)
	te := pred.Test
	right, moves, outside := 0, 0, 0
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, row := range j.Rows[:j.Data.FitRows] {
		lo, hi = min(lo, row[0]), max(hi, row[0])
	}
	if pred.Why.TrainCloses != [2]float64{lo, hi} || lo != j.Data.Scaler.Min[0] || hi != j.Data.Scaler.Max[0] {
		t.Fatalf("train closes %v, want the scaler's %v..%v", pred.Why.TrainCloses, lo, hi)
	}
	for k, a := range te.Actual {
		if a < lo || a > hi {
			outside++
		}
		if m := a - te.Baseline[k]; m != 0 {
			moves++
			if (te.Predicted[k]-te.Baseline[k])*m > 0 {
				right++
			}
		}
	}
	if pred.Why.Outside != outside || pred.Direction.Days != moves || pred.Direction.Model != float64(right)/float64(moves) {
		t.Fatalf("outside %d, direction %+v; want %d outside, %d of %d", pred.Why.Outside, pred.Direction, outside, right, moves)
	}
	if pred.Why.RMSERatio != pred.RMSE.Model/pred.RMSE.Baseline || pred.Target != ForecastPrice || math.Abs(pred.Why.CorrShifted) > 1 || math.Abs(pred.Why.CorrAligned) > 1 {
		t.Fatalf("target %q, why %+v", pred.Target, pred.Why)
	}
}

func TestForecastRejects(t *testing.T) {
	for name, mut := range map[string]func(*Spec){
		"unknown target":      func(s *Spec) { s.Forecast = "volume" },
		"window with ohlcv":   func(s *Spec) { s.Forecast, s.Features = ForecastWindow, Columns },
		"negative walk step":  func(s *Spec) { s.WalkForward = &WalkForward{Every: -1} },
		"too many refit runs": func(s *Spec) { s.WalkForward = &WalkForward{Epochs: 101} },
	} {
		t.Run(name, func(t *testing.T) {
			sp := spec(walk(100), []string{"close"}, "rnn", 1, 8)
			mut(&sp)
			if _, err := Prepare(sp, Page); code(err) != CodeBadRequest {
				t.Fatalf("error %v, want %s", err, CodeBadRequest)
			}
		})
	}
}

// TestForecastSameTestDays: every target is tested on the same days, so
// their errors compare against one baseline.
func TestForecastSameTestDays(t *testing.T) {
	for _, n := range []int{120, 121, 122, 300} {
		_, price := forecastJob(t, walk(n), ForecastPrice, nil)
		for _, target := range Forecasts[1:] {
			_, p := forecastJob(t, walk(n), target, nil)
			if !slices.Equal(p.Test.Dates, price.Test.Dates) || !slices.Equal(p.Test.Actual, price.Test.Actual) ||
				!slices.Equal(p.Test.Baseline, price.Test.Baseline) || p.RMSE.Baseline != price.RMSE.Baseline {
				t.Fatalf("%d days, %s: test days %v…, price's %v…", n, target, p.Test.Dates[:2], price.Test.Dates[:2])
			}
		}
	}
}
