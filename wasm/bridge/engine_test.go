package bridge

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"unroll/core/modelfile"
	"unroll/core/nn"
	"unroll/core/series"
)

// call runs op through the JSON entry point and decodes the envelope.
func call(t *testing.T, e *Engine, op, args string) (result json.RawMessage, errOut *Error) {
	t.Helper()
	var env struct {
		OK     bool            `json:"ok"`
		Result json.RawMessage `json:"result"`
		Error  *Error          `json:"error"`
	}
	out := e.Call(op, []byte(args))
	if err := json.Unmarshal(out, &env); err != nil {
		t.Fatalf("%s: envelope is not JSON: %v\n%s", op, err, out)
	}
	if env.OK == (env.Error != nil) {
		t.Fatalf("%s: envelope has ok=%v and error=%v", op, env.OK, env.Error)
	}
	return env.Result, env.Error
}

func mustOK(t *testing.T, e *Engine, op, args string) json.RawMessage {
	t.Helper()
	res, err := call(t, e, op, args)
	if err != nil {
		t.Fatalf("%s %s: %+v", op, args, err)
	}
	return res
}

func TestBadRequestsReturnErrors(t *testing.T) {
	e := New()
	tests := []struct {
		name, op, args, code string
	}{
		{"unknown op", "explode", `{}`, CodeUnknownOp},
		{"malformed JSON", "set_model", `{"spec":`, CodeBadRequest},
		{"not an object", "set_model", `[1,2]`, CodeBadRequest},
		{"unknown field", "set_model", `{"spec":{"cell":"rnn","units":2},"extra":1}`, CodeBadRequest},
		{"no spec", "set_model", `{}`, CodeBadRequest},
		{"unknown cell", "set_model", `{"spec":{"cell":"transformer","units":2}}`, CodeInvalidModel},
		{"zero units", "set_model", `{"spec":{"cell":"lstm","units":0}}`, CodeInvalidModel},
		{"too many units", "set_model", `{"spec":{"cell":"lstm","units":100000}}`, CodeInvalidModel},
		{"negative units", "set_model", `{"spec":{"cell":"lstm","units":-3}}`, CodeInvalidModel},
		{"too many steps", "set_model", `{"spec":{"cell":"gru","units":2,"steps":201}}`, CodeInvalidModel},
		{"seed too large", "set_model", `{"spec":{"cell":"gru","units":2,"seed":18014398509481984}}`, CodeInvalidModel},
		{"fractional units", "set_model", `{"spec":{"cell":"gru","units":2.5}}`, CodeBadRequest},
		{"trace before a model", "trace", `{"input":{"kind":"seq","text":"1,2"}}`, CodeNoModel},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := call(t, e, tc.op, tc.args)
			if err == nil || err.Code != tc.code {
				t.Fatalf("%s %s: error %+v, want code %s", tc.op, tc.args, err, tc.code)
			}
		})
	}
	mustOK(t, e, "set_model", `{"spec":{"cell":"rnn","units":3,"seed":7}}`)
	traceErrors := []struct {
		name, args, code string
	}{
		{"no input", `{}`, CodeBadRequest},
		{"unknown kind", `{"input":{"kind":"audio"}}`, CodeBadRequest},
		{"letters", `{"input":{"kind":"seq","text":"0.1, x, 0.3"}}`, CodeSeqNotNumber},
		{"empty text", `{"input":{"kind":"seq","text":""}}`, CodeSeqEmpty},
		{"too long", `{"input":{"kind":"seq","text":"` + strings.Repeat("0.5,", 201) + `"}}`, CodeSeqTooLong},
		{"empty values", `{"input":{"kind":"seq","values":[]}}`, CodeSeqEmpty},
		{"wide rows", `{"input":{"kind":"seq","values":[[1,2]]}}`, CodeInputMismatch},
		{"text and values", `{"input":{"kind":"seq","text":"1","values":[[1]]}}`, CodeBadRequest},
		{"bad period", `{"input":{"kind":"sine","period":-1}}`, CodeBadRequest},
		{"prices too short", `{"input":{"kind":"prices","series":[1,2,3],"dates":["a","b","c"]}}`, CodePricesTooShort},
	}
	for _, tc := range traceErrors {
		t.Run("trace "+tc.name, func(t *testing.T) {
			_, err := call(t, e, "trace", tc.args)
			if err == nil || err.Code != tc.code {
				t.Fatalf("trace %s: error %+v, want code %s", tc.args, err, tc.code)
			}
		})
	}
	// The model survives every refusal.
	mustOK(t, e, "trace", `{"input":{"kind":"seq","text":"1,2"}}`)
}

func TestPanicIsRecovered(t *testing.T) {
	e := New()
	mustOK(t, e, "set_model", `{"spec":{"cell":"lstm","units":2,"seed":1}}`)
	good := e.model
	e.model = &nn.Model{} // no layers: tracing it indexes an empty slice
	_, err := call(t, e, "trace", `{"input":{"kind":"seq","text":"1,2"}}`)
	if err == nil || err.Code != CodeInternal {
		t.Fatalf("error = %+v, want code %s", err, CodeInternal)
	}
	if !strings.Contains(err.Message, "index out of range") {
		t.Errorf("message %q does not name the panic", err.Message)
	}
	e.model = good
	mustOK(t, e, "trace", `{"input":{"kind":"seq","text":"1,2"}}`)
}

func TestTraceMatchesEngine(t *testing.T) {
	x := [][]float64{{0.1}, {0.5}, {-0.2}, {0.9}, {0.05}}
	for _, cell := range []string{"rnn", "lstm", "gru"} {
		for _, units := range []int{1, 3} {
			t.Run(fmt.Sprintf("%s-%d", cell, units), func(t *testing.T) {
				e := New()
				mustOK(t, e, "set_model", fmt.Sprintf(`{"spec":{"cell":%q,"units":%d,"seed":42,"steps":5}}`, cell, units))
				raw := mustOK(t, e, "trace", `{"input":{"kind":"seq","text":"0.1, 0.5, -0.2, 0.9, 0.05"}}`)
				var res TraceResult
				if err := json.Unmarshal(raw, &res); err != nil {
					t.Fatal(err)
				}
				c, _ := nn.ParseCell(cell)
				m, err := nn.NewSeeded(c, units, 1, 42)
				if err != nil {
					t.Fatal(err)
				}
				tr, err := m.Trace(x)
				if err != nil {
					t.Fatal(err)
				}
				checkAgainstTrace(t, &res, m, tr)
			})
		}
	}
}

func checkAgainstTrace(t *testing.T, res *TraceResult, m *nn.Model, tr *nn.Trace) {
	t.Helper()
	steps := tr.Layers[0].Steps
	if len(res.Steps) != len(steps) {
		t.Fatalf("%d steps, want %d", len(res.Steps), len(steps))
	}
	var maxDiff float64
	same := func(what string, got, want []float64) {
		if len(got) != len(want) {
			t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
		}
		for k := range got {
			maxDiff = math.Max(maxDiff, math.Abs(got[k]-want[k]))
			if got[k] != want[k] { // JSON carries float64 exactly
				t.Errorf("%s[%d] = %v, want %v", what, k, got[k], want[k])
			}
		}
	}
	for k, st := range steps {
		got := res.Steps[k]
		if got.T != k+1 || st.T != k+1 {
			t.Errorf("step %d has t=%d (engine %d)", k, got.T, st.T)
		}
		same(fmt.Sprintf("x_%d", k+1), got.X, st.X)
		same(fmt.Sprintf("h_%d", k+1), got.H, st.H)
		same(fmt.Sprintf("s_prev_%d", k+1), got.SPrev, st.SPrev)
		same(fmt.Sprintf("c_%d", k+1), got.C, st.C)
		if len(got.Gates) != len(st.Gates) {
			t.Fatalf("step %d: %d gates, want %d", k+1, len(got.Gates), len(st.Gates))
		}
		for j, g := range st.Gates {
			gi := got.Gates[j]
			if gi.Name != g.Name || res.GateOrder[j] != g.Name {
				t.Fatalf("step %d: gate %d is %q (gate_order %v), want %q", k+1, j, gi.Name, res.GateOrder, g.Name)
			}
			same(g.Name+".act", gi.Act, g.Act)
			same(g.Name+".pre", gi.Pre, g.Pre)
			same(g.Name+".ux", gi.UX, g.UX)
			same(g.Name+".ws", gi.WS, g.WS)
			same(g.Name+".b", gi.B, g.B)
		}
	}
	same("output", res.Output, tr.Output[len(tr.Output)-1])
	t.Logf("largest difference from nn.Trace: %g", maxDiff)

	// The parameter count is the lecture's formula.
	r := m.Layers[0]
	p := res.Model.Params
	g, n, i := r.Cell.Gates(), r.Units, r.Inputs
	want := g * (n*(n+i) + n)
	if r.Cell == nn.GRU && r.ResetAfter {
		want += g * n
	}
	if p.G != g || p.N != n || p.I != i || p.RNN != want || p.Dense != n+1 || p.Total != want+n+1 || p.Total != m.ParamCount() {
		t.Errorf("params = %+v, want g=%d n=%d i=%d rnn=%d dense=%d", p, g, n, i, want, n+1)
	}

	// The graph: x_t and s_t at every step (and s_0), one output, U at every
	// step, W from s_0 on, V once; the weights with their biases.
	T := len(steps)
	gr := res.Graph
	count := map[string]int{}
	for _, nd := range gr.Nodes {
		count[nd.Kind]++
	}
	for _, ed := range gr.Edges {
		count[ed.Kind]++
	}
	if count["x"] != T || count["h"] != T+1 || count["y"] != 1 || count["U"] != T || count["W"] != T || count["V"] != 1 {
		t.Errorf("graph counts %v for T=%d", count, T)
	}
	w := map[string]nn.WeightMatrix{}
	for _, wm := range gr.Weights {
		w[wm.Name] = wm
	}
	U, W, V := w["U0"], w["W0"], w["V"]
	if U.Rows != i || U.Cols != g*n || W.Rows != n || W.Cols != g*n || V.Rows != n || V.Cols != 1 || len(U.Bias) != g*n || len(V.Bias) != 1 {
		t.Errorf("weight shapes U %dx%d W %dx%d V %dx%d b %d b_V %d", U.Rows, U.Cols, W.Rows, W.Cols, V.Rows, V.Cols, len(U.Bias), len(V.Bias))
	}
	if U.Values[0][0] != r.Kernel.At(0, 0) || W.Values[n-1][g*n-1] != r.RecurrentKernel.At(n-1, g*n-1) {
		t.Error("graph weights differ from the model's")
	}
}

func TestTraceJSONShape(t *testing.T) {
	e := New()
	mustOK(t, e, "set_model", `{"spec":{"cell":"lstm","units":2,"seed":3}}`)
	raw := mustOK(t, e, "trace", `{"input":{"kind":"sine"}}`)
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	step := doc["steps"].([]any)[0].(map[string]any)
	for _, k := range []string{"t", "x", "s_prev", "h", "c_prev", "c", "gates", "terms"} {
		if _, ok := step[k]; !ok {
			t.Errorf("step lacks %q: %v", k, step)
		}
	}
	// gates: each gate's activation (DESIGN.md §1); terms: its parts.
	gates, _ := step["gates"].(map[string]any)
	terms, _ := step["terms"].(map[string]any)
	for _, name := range []string{"i", "f", "g", "o"} {
		if act, ok := gates[name].([]any); !ok || len(act) != 2 {
			t.Errorf("gate %q is not 2 numbers: %v", name, gates[name])
		}
		parts, ok := terms[name].(map[string]any)
		if !ok {
			t.Fatalf("terms of %q missing: %v", name, terms)
		}
		for _, k := range []string{"ux", "ws", "b", "pre"} {
			if _, ok := parts[k]; !ok {
				t.Errorf("terms of %s lack %q", name, k)
			}
		}
	}
	model := doc["model"].(map[string]any)
	if model["cell"] != "lstm" || model["keras"] != "LSTM" || model["source"] != "seed" || model["steps"] != 10.0 {
		t.Errorf("model = %v", model)
	}
	if len(doc["steps"].([]any)) != 10 {
		t.Errorf("a sine input has TIME_STEPS steps, got %d", len(doc["steps"].([]any)))
	}
}

func TestTracePrices(t *testing.T) {
	e := New()
	mustOK(t, e, "set_model", `{"spec":{"cell":"gru","units":2,"seed":5,"steps":4}}`)
	raw := mustOK(t, e, "trace", `{"input":{"kind":"prices",
		"series":[500,510,null,520,505,530,540,535,550,560],
		"dates":["d0","d1","d2","d3","d4","d5","d6","d7","d8","d9"],"end":7,"fit_frac":0.7}}`)
	var res TraceResult
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatal(err)
	}
	in := res.Input
	if fmt.Sprint(in.Dates) != "[d4 d5 d6 d7]" || in.Next == nil || in.Next.Date != "d8" {
		t.Fatalf("window dates %v next %+v", in.Dates, in.Next)
	}
	// 9 trading days, 5 windows of 4 → floor(0.7·5) = 3 training windows read 3+4 = 7 days.
	if in.Scaler.FitDays != 7 || in.Scaler.Min[0] != 500 || in.Scaler.Max[0] != 540 {
		t.Errorf("scaler %+v, want 7 days, min 500, max 540", in.Scaler)
	}
	for k, st := range res.Steps {
		if st.X[0] != in.Scaled[k][0] {
			t.Errorf("x_%d = %v, but the scaled input is %v", k+1, st.X[0], in.Scaled[k][0])
		}
	}
	want := res.Output[0]*(540-500) + 500
	if math.Abs(res.OutputRaw[0]-want) > 1e-9 {
		t.Errorf("output_raw = %v, want %v", res.OutputRaw[0], want)
	}
	if res.Model.ResetAfter == nil || !*res.Model.ResetAfter {
		t.Error("a seeded GRU has reset_after = true")
	}
}

func TestInfo(t *testing.T) {
	e := New()
	raw := mustOK(t, e, "info", "")
	if !strings.Contains(string(raw), `"model":null`) {
		t.Errorf("info before a model: %s", raw)
	}
	mustOK(t, e, "set_model", `{"spec":{"cell":"rnn","units":2}}`)
	raw = mustOK(t, e, "info", "{}")
	if !strings.Contains(string(raw), `"cell":"rnn"`) {
		t.Errorf("info: %s", raw)
	}
}

func TestSetModelFromFile(t *testing.T) {
	m, err := nn.NewSeeded(nn.LSTM, 3, 1, 9)
	if err != nil {
		t.Fatal(err)
	}
	scaler := &series.MinMaxScaler{Features: []string{"close"}, Min: []float64{400}, Max: []float64{600}}
	data, err := modelfile.Encode(m, scaler, modelfile.Meta{TimeSteps: 4})
	if err != nil {
		t.Fatal(err)
	}
	for _, form := range []string{string(data), strconv.Quote(string(data))} {
		e := New()
		raw := mustOK(t, e, "set_model", `{"file":`+form+`}`)
		var got struct{ Model ModelInfo }
		if err := json.Unmarshal(raw, &got); err != nil {
			t.Fatal(err)
		}
		if got.Model.Source != "imported" || got.Model.Steps != 4 || got.Model.Cell != "lstm" || got.Model.Seed != nil {
			t.Errorf("model = %+v", got.Model)
		}
		// The same weights trace the same numbers as the seeded model.
		raw = mustOK(t, e, "trace", `{"input":{"kind":"seq","values":[[0.2],[0.4]]}}`)
		var res TraceResult
		if err := json.Unmarshal(raw, &res); err != nil {
			t.Fatal(err)
		}
		tr, _ := m.Trace([][]float64{{0.2}, {0.4}})
		checkAgainstTrace(t, &res, m, tr)
		// Prices are scaled with the file's scaler, not refitted.
		raw = mustOK(t, e, "trace", `{"input":{"kind":"prices","series":[500,550,450,600,520],"dates":["a","b","c","d","e"]}}`)
		if err := json.Unmarshal(raw, &res); err != nil {
			t.Fatal(err)
		}
		if s := res.Input.Scaler; s.FitDays != 0 || s.Min[0] != 400 || s.Max[0] != 600 || res.Input.Scaled[0][0] != 0.75 {
			t.Errorf("scaler %+v, first scaled %v; want the file's 400..600 and 0.75", s, res.Input.Scaled[0][0])
		}
	}
	e := New()
	for _, tc := range []struct{ args, code string }{
		{`{"file":{"format":"unroll-model","version":99}}`, CodeBadModelFile},
		{`{"file":"not json"}`, CodeBadModelFile},
		{`{"file":` + string(data) + `,"spec":{"cell":"rnn","units":1}}`, CodeBadRequest},
		{`{"file":` + string(data) + `,"steps":999}`, CodeInvalidModel},
	} {
		if _, err := call(t, e, "set_model", tc.args); err == nil || err.Code != tc.code {
			t.Errorf("set_model %.60s…: error %+v, want %s", tc.args, err, tc.code)
		}
	}
}
