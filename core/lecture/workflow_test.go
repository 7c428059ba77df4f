package lecture

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"unroll/core/nn"
	"unroll/core/train"
)

// walk is n days of a seeded random walk around NT$500 in the five columns,
// with a day without trades (nulls) every 13th day, dated d000, d001, ….
func walk(n int) *Series {
	rng := rand.New(rand.NewPCG(3, 4))
	s := &Series{Columns: map[string][]*float64{}}
	p := 500.0
	for d := range n {
		p *= 1 + 0.02*(rng.Float64()-0.5)
		s.Dates = append(s.Dates, fmt.Sprintf("d%03d", d))
		vals := map[string]float64{"open": p * 0.99, "high": p * 1.01, "low": p * 0.98, "close": p, "volume": 1e6 * (1 + rng.Float64())}
		for _, f := range Columns {
			v := vals[f]
			if d%13 == 6 {
				s.Columns[f] = append(s.Columns[f], nil)
			} else {
				s.Columns[f] = append(s.Columns[f], &v)
			}
		}
	}
	return s
}

func spec(s *Series, features []string, cell string, epochs, batch int) Spec {
	return Spec{Series: s, Features: features, Steps: 6,
		Model: ModelSpec{Cell: cell, Units: 3, Seed: 7},
		Train: TrainSpec{Epochs: epochs, Batch: batch, LR: 0.01}}
}

func code(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return fmt.Sprint(err)
}

func TestFeatureRows(t *testing.T) {
	s := walk(30)
	rows, idx, err := FeatureRows(*s, []string{"close", "volume"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 28 || len(idx) != 28 || slices.Contains(idx, 6) || slices.Contains(idx, 19) {
		t.Fatalf("%d rows, days %v: want 28 without days 6 and 19", len(rows), idx)
	}
	for k, d := range idx {
		if rows[k][0] != *s.Columns["close"][d] || rows[k][1] != *s.Columns["volume"][d] {
			t.Fatalf("row %d = %v, day %d", k, rows[k], d)
		}
	}
	zero, neg := 0.0, -1.0
	for name, tc := range map[string]struct {
		mut  func(s *Series)
		code string
	}{
		"missing column": {func(s *Series) { delete(s.Columns, "volume") }, CodeBadRequest},
		"ragged column":  {func(s *Series) { s.Columns["close"] = s.Columns["close"][:5] }, CodeBadPrices},
		"zero close":     {func(s *Series) { s.Columns["close"][3] = &zero }, CodeBadPrices},
		"negative vol":   {func(s *Series) { s.Columns["volume"][3] = &neg }, CodeBadPrices},
		"zero volume":    {func(s *Series) { s.Columns["volume"][3] = &zero }, ""},
	} {
		t.Run(name, func(t *testing.T) {
			s := walk(30)
			tc.mut(s)
			_, _, err := FeatureRows(*s, []string{"close", "volume"})
			if tc.code == "" && err != nil || tc.code != "" && code(err) != tc.code {
				t.Fatalf("error %v, want code %q", err, tc.code)
			}
		})
	}
}

// TestPrepareSplitsInTimeAndFitsOnTrain checks the split is in time order and
// the scaler saw the rows of the training windows only.
func TestPrepareSplitsInTimeAndFitsOnTrain(t *testing.T) {
	for _, features := range [][]string{{"close"}, Columns} {
		j, err := Prepare(spec(walk(200), features, "lstm", 1, 16), Page)
		if err != nil {
			t.Fatal(err)
		}
		p := j.Data
		n := len(p.X)
		if p.Parts.Train.Start != 0 || p.Parts.Train.End != p.Parts.Val.Start || p.Parts.Val.End != p.Parts.Test.Start || p.Parts.Test.End != n {
			t.Fatalf("parts %+v of %d windows are not contiguous and in order", p.Parts, n)
		}
		if p.Parts.Train.Len() != int(0.7*float64(n)) || p.Parts.Val.Len() != int(0.15*float64(n)+1e-9) {
			t.Errorf("parts %+v of %d windows, want 70/15/15", p.Parts, n)
		}
		if p.FitRows != p.Parts.Train.End+j.Spec.Steps {
			t.Errorf("fit rows %d, want the %d rows the training windows read", p.FitRows, p.Parts.Train.End+j.Spec.Steps)
		}
		for k := range features {
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, row := range j.Rows[:p.FitRows] {
				lo, hi = math.Min(lo, row[k]), math.Max(hi, row[k])
			}
			if p.Scaler.Min[k] != lo || p.Scaler.Max[k] != hi {
				t.Errorf("%s scaler [%v, %v], want [%v, %v] over the training rows", features[k], p.Scaler.Min[k], p.Scaler.Max[k], lo, hi)
			}
		}
		if p.Scaler.First != j.Dates[0] || p.Scaler.Last != j.Dates[p.FitRows-1] {
			t.Errorf("scaler saw %s…%s, want %s…%s", p.Scaler.First, p.Scaler.Last, j.Dates[0], j.Dates[p.FitRows-1])
		}
		st := j.Stages()
		if st.Rows != len(j.Rows) || st.Dropped != 200-len(j.Rows) || st.WindowDates[0] != j.Dates[6] || len(st.WindowsPreview) != 5 {
			t.Errorf("stages rows %d dropped %d first target %s previews %d", st.Rows, st.Dropped, st.WindowDates[0], len(st.WindowsPreview))
		}
	}
}

// TestSteppedLoopIsFit checks that a job run to its end in one call (as
// `unroll train` runs it), a job run a few batches at a time (as the page
// runs it) and train.Fit on the same windows give the same model.
func TestSteppedLoopIsFit(t *testing.T) {
	for _, cell := range []string{"rnn", "lstm", "gru"} {
		t.Run(cell, func(t *testing.T) {
			whole, err := Prepare(spec(walk(160), []string{"close"}, cell, 3, 8), Page)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := whole.Loop.Step(math.MaxInt); err != nil {
				t.Fatal(err)
			}
			stepped, _ := Prepare(spec(walk(160), []string{"close"}, cell, 3, 8), Page)
			for k := 0; !stepped.Over(); k++ {
				if _, err := stepped.Step(1 + k%4); err != nil {
					t.Fatal(err)
				}
			}
			c, _ := nn.ParseCell(cell)
			m, _ := nn.NewSeeded(c, 3, 1, 7)
			opt, _ := train.NewOptimizer("adam", 0.01)
			p := whole.Data
			tx, ty := p.Slice(p.Parts.Train)
			vx, vy := p.Slice(p.Parts.Val)
			h, err := train.Fit(m, train.Dataset{X: tx, Y: ty}, train.Config{Epochs: 3, BatchSize: 8, Seed: 7, Optimizer: opt,
				Validation: &train.Dataset{X: vx, Y: vy}})
			if err != nil {
				t.Fatal(err)
			}
			for _, got := range []*Job{whole, stepped} {
				for k, want := range m.Params() {
					if g := got.Model.Params()[k].Value; !slices.Equal(g, want.Value) {
						t.Fatalf("%s = %v, train.Fit gives %v", want.Name, g, want.Value)
					}
				}
				if !reflect.DeepEqual(got.Loop.History().Loss(), h.Loss()) || !reflect.DeepEqual(got.Loop.History().ValLoss(), h.ValLoss()) {
					t.Errorf("losses %v, train.Fit %v", got.Loop.History().Loss(), h.Loss())
				}
			}
			if st := stepped.State(nil); !st.Done || st.Stopped || len(st.History) != 3 || st.Progress.Step != st.Progress.Steps {
				t.Errorf("state %+v", st)
			}
		})
	}
}

// TestBaselineByHand predicts a tiny series: 12 closes, windows of 2 days,
// 10 windows split 7/1/2, so the test windows predict days 10 and 11 and the
// last-value baseline says days 9 and 10.
func TestBaselineByHand(t *testing.T) {
	closes := []float64{10, 11, 12, 13, 14, 15, 16, 17, 18, 20, 17, 21}
	s := &Series{Columns: map[string][]*float64{}}
	for d := range closes {
		s.Dates = append(s.Dates, fmt.Sprintf("d%02d", d))
		s.Columns["close"] = append(s.Columns["close"], &closes[d])
	}
	j, err := Prepare(Spec{Series: s, Steps: 2, Model: ModelSpec{Cell: "rnn", Units: 2, Seed: 1}, Train: TrainSpec{Epochs: 1}}, Page)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.Step(100); err != nil {
		t.Fatal(err)
	}
	pred, err := j.Predict()
	if err != nil {
		t.Fatal(err)
	}
	tp := pred.Test
	if !slices.Equal(tp.Dates, []string{"d10", "d11"}) || !slices.Equal(tp.Actual, []float64{17, 21}) || !slices.Equal(tp.Baseline, []float64{20, 17}) {
		t.Fatalf("test part %+v", tp)
	}
	// Errors −3 and +4: RMSE √((9 + 16) / 2), MAE (3 + 4) / 2.
	if pred.RMSE.Baseline != math.Sqrt(12.5) || pred.MAE.Baseline != 3.5 {
		t.Errorf("baseline RMSE %v MAE %v, want %v and 3.5", pred.RMSE.Baseline, pred.MAE.Baseline, math.Sqrt(12.5))
	}
	for k, y := range tp.Predicted {
		out, _ := j.Model.Predict([][][]float64{j.Data.X[8+k]})
		if want := j.Data.Scaler.Unscale(0, out[0][0][0]); y != want {
			t.Errorf("prediction %d = %v, want the model's output in NT$ %v", k, y, want)
		}
	}
	m := j.Meta(pred)
	if *m.BaselineRMSE != math.Sqrt(12.5) || m.TimeSteps != 2 || m.Epochs != 1 || !slices.Equal(m.Split, []float64{0.7, 0.15, 1 - 0.7 - 0.15}) {
		t.Errorf("meta %+v", m)
	}
}

func TestPrepareRejects(t *testing.T) {
	for name, tc := range map[string]struct {
		mut  func(s *Spec)
		code string
	}{
		"no series":      {func(s *Spec) { s.Series = nil }, CodeBadRequest},
		"unknown":        {func(s *Spec) { s.Features = []string{"close", "mood"} }, CodeBadRequest},
		"twice":          {func(s *Spec) { s.Features = []string{"close", "close"} }, CodeBadRequest},
		"no target":      {func(s *Spec) { s.Features = []string{"open"} }, CodeBadRequest},
		"one step":       {func(s *Spec) { s.Steps = 1 }, CodeInvalidModel},
		"61 steps":       {func(s *Spec) { s.Steps = 61 }, CodeInvalidModel},
		"65 units":       {func(s *Spec) { s.Model.Units = 65 }, CodeInvalidModel},
		"bad cell":       {func(s *Spec) { s.Model.Cell = "cnn" }, CodeInvalidModel},
		"huge seed":      {func(s *Spec) { s.Model.Seed = 1 << 53 }, CodeInvalidModel},
		"501 epochs":     {func(s *Spec) { s.Train.Epochs = 501 }, CodeBadRequest},
		"big batch":      {func(s *Spec) { s.Train.Batch = 4097 }, CodeBadRequest},
		"lr above 1":     {func(s *Spec) { s.Train.LR = 1.5 }, CodeBadRequest},
		"tiny lr":        {func(s *Spec) { s.Train.LR = 1e-7 }, CodeBadRequest},
		"optimizer":      {func(s *Spec) { s.Train.Optimizer = "lbfgs" }, CodeBadRequest},
		"too few days":   {func(s *Spec) { s.Steps = 60 }, CodeTrainData},
		"the page's max": {func(s *Spec) { s.Steps, s.Model.Units, s.Train.Epochs, s.Train.LR = 60, 64, 500, 1 }, ""},
	} {
		t.Run(name, func(t *testing.T) {
			sp := spec(walk(70), []string{"close"}, "gru", 1, 8)
			if name == "the page's max" {
				sp.Series = walk(200)
			}
			tc.mut(&sp)
			_, err := Prepare(sp, Page)
			if tc.code == "" && err != nil || tc.code != "" && code(err) != tc.code {
				t.Fatalf("error %v, want code %q", err, tc.code)
			}
			var e *Error
			if errors.As(err, &e) && (e.Message == "" || e.MessageZh == "") {
				t.Errorf("error without both messages: %+v", e)
			}
		})
	}
}

// TestModule checks that the page's module holds the engine's values: the
// page reads these, and nothing else declares them.
func TestModule(t *testing.T) {
	b, err := Module()
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	start, end := strings.Index(text, "export default freeze("), strings.LastIndex(text, ");")
	if start < 0 || end < start {
		t.Fatalf("no default export:\n%s", text)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(text[start+len("export default freeze("):end]), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"units": []any{1.0, 64.0}, "steps": []any{1.0, 60.0}, "seed": []any{0.0, float64(1<<53 - 1)},
		"trainUnits": []any{1.0, 64.0}, "trainSteps": []any{2.0, 60.0}, "epochs": []any{1.0, 500.0},
		"batch": []any{1.0, 4096.0}, "lr": []any{1e-6, 1.0}, "rows": 100000.0,
		"seqSteps": 200.0, "seqMagnitude": 1e6, "period": []any{2.0, 1000.0}, "runBatches": 10000.0, "shardBytes": float64(64 << 20),
		"modelBytes": float64(16 << 20),
		"vocab":      512.0, "textChars": float64(1 << 20), "context": 1000.0,
		"split":     map[string]any{"train": 0.7, "val": 0.15},
		"textSplit": map[string]any{"train": 0.9, "val": 0.0},
		"features":  map[string]any{"close": []any{"close"}, "ohlcv": []any{"open", "high", "low", "close", "volume"}},
		"target":    "close", "minTestWindows": 20.0, "forecasts": []any{"price", "window", "logret"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("module\n%v\nwant\n%v", got, want)
	}
	for k := range got {
		if fmt.Sprint(got[k]) != fmt.Sprint(want[k]) {
			t.Errorf("%s = %v, want %v", k, got[k], want[k])
		}
	}
}
