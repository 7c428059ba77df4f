package bridge

import (
	"encoding/json"
	"testing"
)

// TestTraceContrib checks that trace adds the terms of the pre-activations
// when asked, for numbers and for a text, and leaves them out otherwise.
func TestTraceContrib(t *testing.T) {
	e := New()
	mustOK(t, e, "set_model", `{"spec":{"cell":"lstm","units":3,"seed":2}}`)
	var plain map[string]json.RawMessage
	if err := json.Unmarshal(mustOK(t, e, "trace", `{"input":{"kind":"seq","text":"0.1,0.5,-0.2"}}`), &plain); err != nil {
		t.Fatal(err)
	}
	if _, ok := plain["contrib"]; ok {
		t.Error("contrib without asking")
	}
	for _, input := range []string{`{"kind":"seq","text":"0.1,0.5,-0.2"}`, `{"kind":"text","text":"abca"}`} {
		var res struct {
			Contrib struct {
				From, To, Units int
				Steps           []struct {
					T     int
					Gates map[string]struct{ U, W [][]float64 }
				}
			}
		}
		if err := json.Unmarshal(mustOK(t, e, "trace", `{"input":`+input+`,"contrib":{"from":2,"to":3,"units":2}}`), &res); err != nil {
			t.Fatal(err)
		}
		c := res.Contrib
		if c.From != 2 || c.To != 3 || c.Units != 2 || len(c.Steps) != 2 || c.Steps[0].T != 2 {
			t.Fatalf("%s: contrib %d..%d units %d, %d steps", input, c.From, c.To, c.Units, len(c.Steps))
		}
		if g := c.Steps[1].Gates["f"]; len(g.W) != 3 || len(g.W[0]) != 2 {
			t.Errorf("%s: f's w is %d rows", input, len(g.W))
		}
	}
}

// BenchmarkTraceContrib is one trace of the drawing pad's size for the neuron view (LSTM n=8,
// T=10, with every weight's term), through the JSON entry point the page's worker calls.
func BenchmarkTraceContrib(b *testing.B) {
	e := New()
	if out := e.Call("set_model", []byte(`{"spec":{"cell":"lstm","units":8,"seed":2}}`)); !json.Valid(out) {
		b.Fatal(string(out))
	}
	args := []byte(`{"input":{"kind":"seq","text":"0.9,0.88,0,0.84,0.86,0.92,0.93,0.9,0.93,0.99"},"contrib":{"from":1,"to":20,"units":16}}`)
	b.ReportAllocs()
	for b.Loop() {
		e.Call("trace", args)
	}
	b.ReportMetric(float64(len(e.Call("trace", args))), "bytes/trace")
}
