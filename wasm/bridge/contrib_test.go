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
