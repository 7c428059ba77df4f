package bridge

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"testing"

	"unroll/core/lecture"
)

// A trained model traced afterwards: scaled with the training scaler, on
// several features, and its default window on the last days that scaler saw.

// TestTraceUsesTheTrainingScaler checks that after training, a price window
// is scaled with the training scaler, not one fitted on the window's series.
func TestTraceUsesTheTrainingScaler(t *testing.T) {
	e := New()
	var prep PrepareResult
	_ = json.Unmarshal(mustOK(t, e, "train_prepare", prepareJSON(t, 150, 1000, []string{"close"}, "rnn", 3, 10, 1, 32, "adam", 4)), &prep)
	runAll(t, e, 100)
	closes := prep.Raw["close"][:60]
	args, _ := json.Marshal(map[string]any{"input": map[string]any{"kind": "prices", "series": closes, "dates": prep.Dates[:60], "end": 40}})
	var tr TraceResult
	_ = json.Unmarshal(mustOK(t, e, "trace", string(args)), &tr)
	sc := tr.Input.Scaler
	if sc == nil || !sc.Own || sc.FitDays != prep.FitRows.End || sc.Min[0] != prep.Scaler.Min[0] || sc.Max[0] != prep.Scaler.Max[0] {
		t.Fatalf("trace scaler %+v, training scaler %+v fitted on %d days", sc, prep.Scaler, prep.FitRows.End)
	}
	if tr.Model.Source != "trained" || tr.Input.Scaled[9][0] != prep.Scaled["close"][40] {
		t.Errorf("source %s, last scaled x %v, want %v", tr.Model.Source, tr.Input.Scaled[9][0], prep.Scaled["close"][40])
	}
}

// TestTraceSeveralFeatures traces a window of a model trained on open, high,
// low, close and volume: every column scaled with the training scaler, the
// output turned back into a close.
func TestTraceSeveralFeatures(t *testing.T) {
	e := New()
	var prep PrepareResult
	_ = json.Unmarshal(mustOK(t, e, "train_prepare", prepareJSON(t, 150, 1000, lecture.Columns, "lstm", 3, 10, 1, 32, "adam", 4)), &prep)
	if len(prep.WindowsPreview) != 5 || prep.WindowsPreview[1].YDate != prep.Dates[11] {
		t.Fatalf("windows preview %+v", prep.WindowsPreview)
	}
	runAll(t, e, 100)
	cols := map[string][]float64{}
	for _, f := range lecture.Columns {
		cols[f] = prep.Raw[f][:60]
	}
	args, _ := json.Marshal(map[string]any{"input": map[string]any{"kind": "prices", "series": cols["close"], "columns": cols, "dates": prep.Dates[:60], "end": 40}})
	var tr TraceResult
	_ = json.Unmarshal(mustOK(t, e, "trace", string(args)), &tr)
	for k, f := range lecture.Columns {
		if got, want := tr.Input.Scaled[9][k], prep.Scaled[f][40]; got != want {
			t.Errorf("%s scaled %v, want %v", f, got, want)
		}
	}
	if want := prep.Scaler.Min[3] + tr.Output[0]*(prep.Scaler.Max[3]-prep.Scaler.Min[3]); math.Abs(tr.OutputRaw[0]-want) > 1e-9*want {
		t.Errorf("output_raw %v, want %v", tr.OutputRaw[0], want)
	}
	if tr.Input.Next == nil || tr.Input.Next.Raw != prep.Raw["close"][41] {
		t.Errorf("next %+v, want close %v", tr.Input.Next, prep.Raw["close"][41])
	}
	// Without the columns, a several-feature model refuses a close series.
	args, _ = json.Marshal(map[string]any{"input": map[string]any{"kind": "prices", "series": cols["close"], "dates": prep.Dates[:60]}})
	if _, err := call(t, e, "trace", string(args)); err == nil || err.Code != CodeInputMismatch {
		t.Errorf("closes alone: %+v", err)
	}
}

// TestTrainedModelDefaultWindow traces a trained model on its training series
// without an end, and again after export and import: the scaler says the days
// it was fitted on, the window ends on the last of them, the next trading day
// is known and is the gradient's target; with five features the close is the
// target column.
func TestTrainedModelDefaultWindow(t *testing.T) {
	const n, steps = 150, 10
	dates, cols := walk(n, 1000, 7)
	for _, features := range [][]string{{"close"}, lecture.Columns} {
		t.Run(fmt.Sprint(len(features)), func(t *testing.T) {
			e := New()
			var prep PrepareResult
			_ = json.Unmarshal(mustOK(t, e, "train_prepare", prepareJSON(t, n, 1000, features, "lstm", 3, steps, 1, 32, "adam", 4)), &prep)
			runAll(t, e, 100)
			fit := prep.FitRows.End
			if fit < steps+1 || fit >= prep.Rows {
				t.Fatalf("fitted on %d of %d days", fit, prep.Rows)
			}
			input := map[string]any{"kind": "prices", "series": cols["close"], "dates": dates}
			if len(features) > 1 {
				input["columns"] = cols
			}
			args, _ := json.Marshal(map[string]any{"input": input})
			var exported ExportResult
			_ = json.Unmarshal(mustOK(t, e, "export_model", `{}`), &exported)
			for _, how := range []string{"trained", "exported and imported"} {
				if how != "trained" {
					file, _ := json.Marshal(exported.File)
					mustOK(t, e, "import_model", `{"file":`+string(file)+`}`)
				}
				var tr TraceResult
				_ = json.Unmarshal(mustOK(t, e, "trace", string(args)), &tr)
				in := tr.Input
				if sc := in.Scaler; sc == nil || !sc.Own || sc.FitDays != fit || sc.FitFirst != prep.Dates[0] || sc.FitLast != prep.Dates[fit-1] {
					t.Fatalf("%s: scaler %+v, want its own, %d days %s…%s", how, in.Scaler, fit, prep.Dates[0], prep.Dates[fit-1])
				}
				if got := in.Dates[steps-1]; got != prep.Dates[fit-1] {
					t.Errorf("%s: window ends on %s, want the last fitted day %s", how, got, prep.Dates[fit-1])
				}
				for k, row := range in.Scaled {
					for j, v := range row {
						if v < 0 || v > 1 {
							t.Errorf("%s: scaled[%d][%d] = %v outside [0, 1]", how, k, j, v)
						}
					}
				}
				target := slices.Index(features, "close")
				if in.Target == nil || *in.Target != target || !slices.Equal(in.Features, features) {
					t.Errorf("%s: features %v target %v, want %v and %d", how, in.Features, in.Target, features, target)
				}
				for k := range steps {
					if got, want := in.Raw[k][target], prep.Raw["close"][fit-steps+k]; got != want {
						t.Errorf("%s: close on %s = %v, want %v", how, in.Dates[k], got, want)
					}
				}
				if in.Next == nil || in.Next.Date != prep.Dates[fit] || in.Next.Raw != prep.Raw["close"][fit] {
					t.Fatalf("%s: next %+v, want %s close %v", how, in.Next, prep.Dates[fit], prep.Raw["close"][fit])
				}
				if tr.GradTarget == nil || *tr.GradTarget != in.Next.Scaled {
					t.Fatalf("%s: grad target %v, want the next day's scaled close %v", how, tr.GradTarget, in.Next.Scaled)
				}
				want, _ := lecture.GradientNorms(e.model, in.Scaled, in.Next.Scaled)
				zero, _ := lecture.GradientNorms(e.model, in.Scaled, 0)
				if !slices.Equal(tr.GradNorms, want.GradNorms) || !slices.Equal(tr.GradInputNorms, want.GradInputNorms) || slices.Equal(tr.GradNorms, zero.GradNorms) {
					t.Errorf("%s: grad norms %v, want %v (y = 0 gives %v)", how, tr.GradNorms, want, zero)
				}
			}
		})
	}
}
