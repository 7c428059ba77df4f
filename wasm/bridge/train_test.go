package bridge

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"unroll/core/lecture"
	"unroll/core/nn"
	"unroll/core/series"
	"unroll/core/train"
)

// walk is a seeded random walk of n days of open/high/low/close/volume with a
// gap (null) every 17th day, dated consecutively. From day late on the walk
// jumps far above everything before, so a scaler fitted on more than the
// training part would show it.
func walk(n, late int, seed uint64) (dates []string, cols map[string][]*float64) {
	rng := rand.New(rand.NewPCG(seed, 99))
	cols = map[string][]*float64{}
	p := 500.0
	for d := 0; d < n; d++ {
		dates = append(dates, fmt.Sprintf("2020-%02d-%02d", 1+d/28%12, 1+d%28)+fmt.Sprintf("#%d", d))
		p *= 1 + 0.02*(rng.Float64()-0.5)
		v := p
		if d >= late {
			v += 1000
		}
		row := map[string]float64{"open": v * 0.99, "high": v * 1.01, "low": v * 0.98, "close": v, "volume": 1e7 * (1 + rng.Float64())}
		for _, f := range lecture.Columns {
			x := row[f]
			if d%17 == 5 {
				cols[f] = append(cols[f], nil)
			} else {
				cols[f] = append(cols[f], &x)
			}
		}
	}
	return dates, cols
}

// prepareJSON is train_prepare's arguments for the walk.
func prepareJSON(t *testing.T, n, late int, features []string, cell string, units, steps, epochs, batch int, opt string, seed uint64) string {
	t.Helper()
	dates, cols := walk(n, late, 7)
	b, err := json.Marshal(map[string]any{
		"series":   map[string]any{"dates": dates, "columns": cols},
		"stock":    map[string]any{"code": "2330", "name": "台積電", "from": "2020-01", "to": "2020-12", "source": "offline"},
		"features": features, "target": "close", "steps": steps,
		"split": map[string]any{"train": 0.7, "val": 0.15},
		"model": map[string]any{"cell": cell, "units": units, "seed": seed},
		"train": map[string]any{"epochs": epochs, "batch": batch, "lr": 0.01, "optimizer": opt},
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPrepareShapesAndScaler(t *testing.T) {
	for _, features := range [][]string{{"close"}, {"open", "high", "low", "close", "volume"}} {
		t.Run(fmt.Sprint(len(features)), func(t *testing.T) {
			const n, steps = 300, 10
			e := New()
			var res PrepareResult
			raw := mustOK(t, e, "train_prepare", prepareJSON(t, n, 260, features, "lstm", 3, steps, 1, 16, "adam", 1))
			if err := json.Unmarshal(raw, &res); err != nil {
				t.Fatal(err)
			}
			dropped := 0
			for d := 0; d < n; d++ {
				if d%17 == 5 {
					dropped++
				}
			}
			rows := n - dropped
			if res.Rows != rows || res.Dropped != dropped || len(res.Dates) != rows {
				t.Fatalf("rows %d dropped %d dates %d, want %d %d", res.Rows, res.Dropped, len(res.Dates), rows, dropped)
			}
			windows := rows - steps
			parts, _ := series.Split(windows, 0.7, 0.15)
			if res.Windows != windows || len(res.WindowDates) != windows || res.Split.Train != parts.Train ||
				res.Split.Val != parts.Val || res.Split.Test != parts.Test {
				t.Fatalf("windows %d split %+v, want %d %+v", res.Windows, res.Split, windows, parts)
			}
			if res.WindowDates[0] != res.Dates[steps] {
				t.Errorf("window 0 predicts %s, want %s", res.WindowDates[0], res.Dates[steps])
			}
			if res.FitRows.Start != 0 || res.FitRows.End != parts.Train.End+steps {
				t.Errorf("fit rows %+v, want [0, %d)", res.FitRows, parts.Train.End+steps)
			}
			// The scaler saw the fit rows only: the jump after day 260 (a later
			// part) is outside its range.
			for k, f := range features {
				lo, hi := slices.Min(res.Raw[f][:res.FitRows.End]), slices.Max(res.Raw[f][:res.FitRows.End])
				if res.Scaler.Min[k] != lo || res.Scaler.Max[k] != hi {
					t.Errorf("%s scaler [%v, %v], want [%v, %v]", f, res.Scaler.Min[k], res.Scaler.Max[k], lo, hi)
				}
				for d, v := range res.Raw[f] {
					if want := (v - lo) / (hi - lo); res.Scaled[f][d] != want {
						t.Fatalf("%s day %d scaled %v, want %v", f, d, res.Scaled[f][d], want)
					}
				}
			}
			if f := "close"; slices.Max(res.Scaled[f]) < 1.5 {
				t.Errorf("the late jump should scale above 1 (max %v)", slices.Max(res.Scaled[f]))
			}
			if res.Model.Inputs != len(features) || res.Model.Cell != "lstm" || res.Model.Units != 3 || res.Model.Steps != steps {
				t.Errorf("model %+v", res.Model)
			}
			if want := (parts.Train.Len() + 15) / 16; res.Batches != want {
				t.Errorf("batches per epoch %d, want %d", res.Batches, want)
			}
		})
	}
}

func TestPrepareRejects(t *testing.T) {
	base := func(mut func(m map[string]any)) string {
		var m map[string]any
		_ = json.Unmarshal([]byte(prepareJSON(t, 120, 1000, []string{"close"}, "rnn", 2, 5, 1, 8, "adam", 1)), &m)
		mut(m)
		b, _ := json.Marshal(m)
		return string(b)
	}
	tests := []struct {
		name, args, code string
	}{
		{"no series", `{}`, CodeBadRequest},
		{"unknown feature", base(func(m map[string]any) { m["features"] = []string{"close", "mood"} }), CodeBadRequest},
		{"target not a feature", base(func(m map[string]any) { m["features"] = []string{"open"} }), CodeBadRequest},
		{"bad cell", base(func(m map[string]any) { m["model"] = map[string]any{"cell": "cnn", "units": 2} }), CodeInvalidModel},
		{"too many units", base(func(m map[string]any) { m["model"] = map[string]any{"cell": "gru", "units": 5000} }), CodeInvalidModel},
		{"too many steps", base(func(m map[string]any) { m["steps"] = 500 }), CodeInvalidModel},
		{"too few days", base(func(m map[string]any) {
			m["steps"] = 60
			s := m["series"].(map[string]any)
			s["dates"] = s["dates"].([]any)[:70]
			for f, c := range s["columns"].(map[string]any) {
				s["columns"].(map[string]any)[f] = c.([]any)[:70]
			}
		}), CodeTrainData},
		{"bad optimizer", base(func(m map[string]any) { m["train"] = map[string]any{"epochs": 1, "optimizer": "lbfgs"} }), CodeBadRequest},
		{"negative lr", base(func(m map[string]any) { m["train"] = map[string]any{"epochs": 1, "lr": -1} }), CodeBadRequest},
		{"ragged column", base(func(m map[string]any) {
			s := m["series"].(map[string]any)
			s["columns"].(map[string]any)["close"] = []float64{1, 2}
		}), CodeBadPrices},
		{"run before prepare", "", CodeNoTraining},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := New()
			op := "train_prepare"
			if tc.code == CodeNoTraining {
				op = "train_run"
			}
			_, err := call(t, e, op, tc.args)
			if err == nil || err.Code != tc.code {
				t.Fatalf("error %+v, want code %s", err, tc.code)
			}
			if err.Message == "" || err.MessageZh == "" {
				t.Errorf("error without both messages: %+v", err)
			}
		})
	}
}

// runAll drives train_run with chunks of the given sizes, in turn, until the
// training is done, and returns the last result.
func runAll(t *testing.T, e *Engine, chunks ...int) RunResult {
	t.Helper()
	var res RunResult
	for k := 0; !res.Done; k++ {
		if k > 100000 {
			t.Fatal("training does not end")
		}
		raw := mustOK(t, e, "train_run", fmt.Sprintf(`{"batches":%d}`, chunks[k%len(chunks)]))
		res = RunResult{}
		if err := json.Unmarshal(raw, &res); err != nil {
			t.Fatal(err)
		}
	}
	return res
}

// TestSteppedTrainingIsFit checks that train_run, called with any chunk
// sizes, trains exactly as one train.Fit call with the same seed: the same
// weights, bit for bit, and the same epoch losses.
func TestSteppedTrainingIsFit(t *testing.T) {
	for _, tc := range []struct {
		cell, opt string
		batch     int
		chunks    []int
	}{
		{"rnn", "sgd", 8, []int{1}},
		{"lstm", "adam", 16, []int{3, 1, 7}},
		{"gru", "rmsprop", 32, []int{1000}},
		{"lstm", "adam", 500, []int{2}}, // batch larger than the training part
	} {
		t.Run(tc.cell+"/"+tc.opt, func(t *testing.T) {
			const seed, steps, epochs = 5, 6, 3
			e := New()
			mustOK(t, e, "train_prepare", prepareJSON(t, 200, 1000, []string{"close"}, tc.cell, 4, steps, epochs, tc.batch, tc.opt, seed))
			res := runAll(t, e, tc.chunks...)
			if res.Stopped || len(res.History) != epochs || res.Model == nil || res.Model.Source != "trained" {
				t.Fatalf("result %+v", res)
			}
			if res.Progress.Step != res.Progress.Steps || res.Progress.Epoch != epochs {
				t.Errorf("progress %+v", res.Progress)
			}

			// The same workflow through train.Fit.
			p := e.job.Data
			cell, _ := nn.ParseCell(tc.cell)
			m, err := nn.NewSeeded(cell, 4, 1, seed)
			if err != nil {
				t.Fatal(err)
			}
			opt, _ := train.NewOptimizer(tc.opt, 0.01)
			tx, ty := p.Slice(p.Parts.Train)
			vx, vy := p.Slice(p.Parts.Val)
			h, err := train.Fit(m, train.Dataset{X: tx, Y: ty}, train.Config{
				Epochs: epochs, BatchSize: tc.batch, Seed: seed, Optimizer: opt,
				Validation: &train.Dataset{X: vx, Y: vy},
			})
			if err != nil {
				t.Fatal(err)
			}
			got, want := e.model.Params(), m.Params()
			for k := range want {
				for i, w := range want[k].Value {
					if g := got[k].Value[i]; math.Float64bits(g) != math.Float64bits(w) {
						t.Fatalf("%s[%d] = %v, train.Fit gives %v", want[k].Name, i, g, w)
					}
				}
			}
			for k, ep := range h.Epochs {
				r := res.History[k]
				if r.Loss != ep.Loss || r.ValLoss == nil || *r.ValLoss != ep.ValLoss {
					t.Errorf("epoch %d: loss %v val %v, train.Fit %v %v", k+1, r.Loss, r.ValLoss, ep.Loss, ep.ValLoss)
				}
			}
		})
	}
}

func TestStopAdoptsThePartlyTrainedModel(t *testing.T) {
	e := New()
	mustOK(t, e, "set_model", `{"spec":{"cell":"rnn","units":2,"seed":9}}`)
	mustOK(t, e, "train_prepare", prepareJSON(t, 200, 1000, []string{"close"}, "gru", 3, 5, 4, 8, "adam", 2))
	// Preparing leaves the current model alone.
	if e.info.Cell != "rnn" {
		t.Fatalf("train_prepare replaced the model: %+v", e.info)
	}
	var res RunResult
	_ = json.Unmarshal(mustOK(t, e, "train_run", `{"batches":20}`), &res)
	if res.Done || len(res.EpochEnds) != 1 || res.Progress.Epoch != 2 || res.Progress.Step != 20 {
		t.Fatalf("after 20 batches (%d per epoch): %+v", e.job.Loop.Batches(), res)
	}
	_ = json.Unmarshal(mustOK(t, e, "train_stop", `{}`), &res)
	if !res.Done || !res.Stopped || res.Model == nil || e.info.Source != "trained" || e.info.Cell != "gru" {
		t.Fatalf("after stop: %+v, current %+v", res, e.info)
	}
	// Nothing more runs after a stop.
	_ = json.Unmarshal(mustOK(t, e, "train_run", `{"batches":5}`), &res)
	if res.Progress.Step != 20 || !res.Done {
		t.Errorf("train_run after stop: %+v", res.Progress)
	}
	// use_model brings the trained model back after another one.
	mustOK(t, e, "set_model", `{"spec":{"cell":"rnn","units":2,"seed":9}}`)
	mustOK(t, e, "use_model", `{"source":"trained"}`)
	if e.info.Source != "trained" {
		t.Errorf("use_model: %+v", e.info)
	}
	if _, err := call(t, e, "use_model", `{"source":"imported"}`); err == nil || err.Code != CodeNoModel {
		t.Errorf("use_model imported before any import: %+v", err)
	}
}

func TestPredictRMSEIsSeriesRMSE(t *testing.T) {
	e := New()
	mustOK(t, e, "train_prepare", prepareJSON(t, 240, 1000, []string{"close"}, "lstm", 4, 8, 2, 16, "adam", 3))
	runAll(t, e, 50)
	var pr PredictResult
	if err := json.Unmarshal(mustOK(t, e, "predict", `{}`), &pr); err != nil {
		t.Fatal(err)
	}
	p := e.job.Data
	test := p.Parts.Test
	if len(pr.Test.Dates) != test.Len() || len(pr.Test.Predicted) != test.Len() {
		t.Fatalf("%d dates, %d predictions for %d test windows", len(pr.Test.Dates), len(pr.Test.Predicted), test.Len())
	}
	closes := e.job.Data.Actual
	for k := range pr.Test.Actual {
		w := test.Start + k
		if pr.Test.Actual[k] != closes[w] || pr.Test.Dates[k] != e.job.Dates[w+8] {
			t.Fatalf("window %d: actual %v on %s", w, pr.Test.Actual[k], pr.Test.Dates[k])
		}
		// The baseline is the close of the day before the predicted one.
		if k > 0 && pr.Test.Baseline[k] != pr.Test.Actual[k-1] {
			t.Fatalf("baseline %d = %v, yesterday's close %v", k, pr.Test.Baseline[k], pr.Test.Actual[k-1])
		}
	}
	out, _ := train.Predict(e.model, p.X[test.Start:test.End], 0)
	for k, y := range out {
		if want := p.Scaler.Unscale(0, y[0][0]); pr.Test.Predicted[k] != want {
			t.Fatalf("prediction %d = %v, want %v", k, pr.Test.Predicted[k], want)
		}
	}
	rm, _ := series.RMSE(pr.Test.Predicted, pr.Test.Actual)
	rb, _ := series.RMSE(pr.Test.Baseline, pr.Test.Actual)
	if pr.RMSE.Model != rm || pr.RMSE.Baseline != rb {
		t.Errorf("rmse %+v, series.RMSE gives %v %v", pr.RMSE, rm, rb)
	}
	if !(rm > 0 && rb > 0) {
		t.Errorf("rmse %v %v", rm, rb)
	}
}

// TestDivergedTraining: a learning rate far too large makes the loss
// infinite; train_run reports where, in both languages, the model is not
// adopted, and later calls report the same error.
func TestDivergedTraining(t *testing.T) {
	e := New()
	mustOK(t, e, "set_model", `{"spec":{"cell":"rnn","units":2,"seed":9}}`)
	var m map[string]any
	_ = json.Unmarshal([]byte(prepareJSON(t, 200, 150, []string{"close"}, "rnn", 8, 5, 500, 4, "sgd", 1)), &m)
	m["train"].(map[string]any)["lr"] = lecture.Page.LR[1]
	args, _ := json.Marshal(m)
	mustOK(t, e, "train_prepare", string(args))
	var err *Error
	for k := 0; k < 1000 && err == nil; k++ {
		_, err = call(t, e, "train_run", `{"batches":100}`)
	}
	if err == nil || err.Code != CodeDiverged {
		t.Fatalf("error %+v, want %s", err, CodeDiverged)
	}
	t.Log(err.Message, err.MessageZh)
	epoch, batch := err.Detail["epoch"].(float64), err.Detail["batch"].(float64)
	if epoch < 1 || batch < 1 ||
		!strings.HasPrefix(err.Message, "Training diverged: the loss became ") ||
		!strings.HasSuffix(err.Message, fmt.Sprintf(" at epoch %v batch %v. Try a smaller learning rate.", epoch, batch)) ||
		!strings.HasPrefix(err.MessageZh, fmt.Sprintf("訓練發散：第 %v 個 epoch 第 %v 批的損失變成 ", epoch, batch)) {
		t.Errorf("error %+v", err)
	}
	if e.info.Source != "seed" || e.info.Cell != "rnn" || e.info.Units != 2 {
		t.Errorf("the diverged model became current: %+v", e.info)
	}
	if _, again := call(t, e, "train_run", `{"batches":1}`); again == nil || again.Message != err.Message {
		t.Errorf("train_run after the divergence: %+v", again)
	}
}
