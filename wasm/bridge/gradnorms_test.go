package bridge

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"unroll/core/lecture"
	"unroll/core/nn"
)

// TestTraceGradNorms: trace's grad_norms are T finite, non-negative numbers
// equal to nn's StateGradNorms for the same model, window and target.
func TestTraceGradNorms(t *testing.T) {
	for _, cell := range []string{"rnn", "lstm", "gru"} {
		t.Run(cell, func(t *testing.T) {
			e := New()
			mustOK(t, e, "set_model", `{"spec":{"cell":"`+cell+`","units":3,"seed":11,"steps":4}}`)
			raw := mustOK(t, e, "trace", `{"input":{"kind":"prices",
				"series":[500,510,null,520,505,530,540,535,550,560],
				"dates":["d0","d1","d2","d3","d4","d5","d6","d7","d8","d9"],"end":7,"fit_frac":0.7}}`)
			var res TraceResult
			if err := json.Unmarshal(raw, &res); err != nil {
				t.Fatal(err)
			}
			T := len(res.Steps)
			if len(res.GradNorms) != T {
				t.Fatalf("grad_norms has %d entries, want T = %d", len(res.GradNorms), T)
			}
			for k, v := range res.GradNorms {
				if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
					t.Errorf("grad_norms[%d] = %v", k, v)
				}
			}
			if res.GradTarget == nil || res.Input.Next == nil || *res.GradTarget != res.Input.Next.Scaled {
				t.Fatalf("grad_target %v, want input.next.scaled %+v", res.GradTarget, res.Input.Next)
			}
			g, err := e.model.Gradient(nn.Batch{
				X: [][][]float64{res.Input.Scaled},
				Y: [][][]float64{{{*res.GradTarget}}},
			}, nn.MSE)
			if err != nil {
				t.Fatal(err)
			}
			for k, want := range g.StateGradNorms[0] {
				if math.Abs(res.GradNorms[k]-want) > 1e-12*math.Max(1, want) {
					t.Errorf("grad_norms[%d] = %v, nn says %v", k, res.GradNorms[k], want)
				}
			}
		})
	}
}

// TestTraceGradNormsNoNext: without a next value the target is null and the
// loss uses y = 0.
func TestTraceGradNormsNoNext(t *testing.T) {
	e := New()
	mustOK(t, e, "set_model", `{"spec":{"cell":"rnn","units":2,"seed":3}}`)
	raw := mustOK(t, e, "trace", `{"input":{"kind":"sine"}}`)
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if v, ok := doc["grad_target"]; !ok || v != nil {
		t.Errorf("grad_target = %v (present %v), want null", v, ok)
	}
	var res TraceResult
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatal(err)
	}
	want, err := lecture.GradientNorms(e.model, res.Input.Scaled, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.GradNorms) != 10 || len(want.GradNorms) != 10 || len(res.GradInputNorms) != 10 {
		t.Fatalf("grad_norms %v, grad_input_norms %v, want 10 entries", res.GradNorms, res.GradInputNorms)
	}
	if !reflect.DeepEqual(res.GradFlow, want) {
		t.Errorf("the trace's norms %+v, lecture.GradientNorms says %+v", res.GradFlow, want)
	}
	if res.GradCellNorms != nil {
		t.Errorf("a SimpleRNN has no cell state, yet grad_cell_norms = %v", res.GradCellNorms)
	}
}
