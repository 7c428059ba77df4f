package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"unroll/wasm/bridge"
)

// TestTraceSameAsEngine checks that `unroll trace` prints the very value the
// page's engine sends for the same model and input: every field the command
// prints is byte-for-byte the engine's (which adds the model, the input and
// the gradient norms around it).
func TestTraceSameAsEngine(t *testing.T) {
	const seq = "0.1,0.5,-0.2,0.8,0.3"
	for _, cell := range []string{"rnn", "lstm", "gru"} {
		t.Run(cell, func(t *testing.T) {
			cli, _, err := runCLI(t, "", "trace", "--cell", cell, "--units", "3", "--seed", "7", "--input", seq)
			if err != nil {
				t.Fatal(err)
			}
			e := bridge.New()
			engineCall(t, e, "set_model", fmt.Sprintf(`{"spec":{"cell":%q,"units":3,"seed":7}}`, cell))
			page := engineCall(t, e, "trace", fmt.Sprintf(`{"input":{"kind":"seq","text":%q}}`, seq))

			var fromCLI, fromEngine map[string]json.RawMessage
			if err := json.Unmarshal([]byte(cli), &fromCLI); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(page, &fromEngine); err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"gate_order", "steps", "output", "graph"} {
				if fromCLI[k] == nil {
					t.Errorf("unroll trace prints no %q", k)
				}
			}
			for k, v := range fromCLI {
				if !bytes.Equal(v, fromEngine[k]) {
					t.Errorf("%q differs:\nunroll trace %.300s\nengine       %.300s", k, v, fromEngine[k])
				}
			}
		})
	}
}

// TestTraceTextSameAsEngine: `unroll trace --text` with a seeded model
// prints what the page's engine sends for the Text source with the same
// cell, units and seed: the trace, o_t at every step, and the softmax after
// each character ("probs", "top") byte for byte; the characters, their
// indices and the vocabulary as the engine's input holds them.
func TestTraceTextSameAsEngine(t *testing.T) {
	const text = "我愛貓, neuron"
	for _, cell := range []string{"rnn", "lstm", "gru"} {
		t.Run(cell, func(t *testing.T) {
			cli, _, err := runCLI(t, "", "trace", "--cell", cell, "--units", "3", "--seed", "7", "--text", text)
			if err != nil {
				t.Fatal(err)
			}
			e := bridge.New()
			engineCall(t, e, "set_model", fmt.Sprintf(`{"spec":{"cell":%q,"units":3,"seed":7}}`, cell))
			page := engineCall(t, e, "trace", fmt.Sprintf(`{"input":{"kind":"text","text":%q}}`, text))
			var fromCLI, fromEngine map[string]json.RawMessage
			if err := json.Unmarshal([]byte(cli), &fromCLI); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(page, &fromEngine); err != nil {
				t.Fatal(err)
			}
			var input map[string]json.RawMessage
			if err := json.Unmarshal(fromEngine["input"], &input); err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"gate_order", "steps", "output", "outputs", "graph", "probs", "top", "chars", "tokens", "vocab"} {
				want := fromEngine[k]
				if k == "chars" || k == "tokens" || k == "vocab" {
					want = input[k]
				}
				if fromCLI[k] == nil || !bytes.Equal(fromCLI[k], want) {
					t.Errorf("%q differs:\nunroll trace %.300s\nengine       %.300s", k, fromCLI[k], want)
				}
			}
		})
	}
}

// engineCall calls the page's engine and returns the result of a successful call.
func engineCall(t *testing.T, e *bridge.Engine, op, args string) json.RawMessage {
	t.Helper()
	var env struct {
		OK     bool            `json:"ok"`
		Result json.RawMessage `json:"result"`
		Error  json.RawMessage `json:"error"`
	}
	if err := json.Unmarshal(e.Call(op, []byte(args)), &env); err != nil {
		t.Fatal(err)
	}
	if !env.OK {
		t.Fatalf("%s %s: %s", op, args, env.Error)
	}
	return env.Result
}

// TestTraceGatesContract checks the shape DESIGN.md §1 gives a step's gates:
// each gate's activation as a number array, keyed by the gate's name (LSTM
// i, f, g, o; GRU z, r, n), and no gates at all for a SimpleRNN. Each gate's
// parts are beside them under "terms", the SimpleRNN's one block "h" too.
func TestTraceGatesContract(t *testing.T) {
	const units = 3
	for _, c := range []struct {
		cell  string
		gates []string
		terms []string
	}{
		{"rnn", nil, []string{"h"}},
		{"lstm", []string{"i", "f", "g", "o"}, []string{"i", "f", "g", "o"}},
		{"gru", []string{"z", "r", "n"}, []string{"z", "r", "n"}},
	} {
		t.Run(c.cell, func(t *testing.T) {
			out, _, err := runCLI(t, "", "trace", "--cell", c.cell, "--units", fmt.Sprint(units), "--seed", "7", "--input", "0.1,0.5,-0.2")
			if err != nil {
				t.Fatal(err)
			}
			var tr struct {
				Steps []map[string]json.RawMessage `json:"steps"`
			}
			if err := json.Unmarshal([]byte(out), &tr); err != nil {
				t.Fatal(err)
			}
			if len(tr.Steps) != 3 {
				t.Fatalf("%d steps, want 3", len(tr.Steps))
			}
			for k, st := range tr.Steps {
				raw, has := st["gates"]
				if c.gates == nil {
					if has {
						t.Errorf("steps[%d] of a SimpleRNN has gates: %s", k, raw)
					}
				} else {
					var gates map[string][]float64
					if err := json.Unmarshal(raw, &gates); err != nil {
						t.Fatalf("steps[%d].gates is not {name: [numbers]}: %v: %s", k, err, raw)
					}
					if len(gates) != len(c.gates) {
						t.Errorf("steps[%d].gates has %d gates, want %v: %s", k, len(gates), c.gates, raw)
					}
					for _, g := range c.gates {
						if len(gates[g]) != units {
							t.Errorf("steps[%d].gates.%s = %v, want %d numbers", k, g, gates[g], units)
						}
					}
				}
				var terms map[string]struct{ UX, WS, B, Pre []float64 }
				if err := json.Unmarshal(st["terms"], &terms); err != nil {
					t.Fatalf("steps[%d].terms: %v: %s", k, err, st["terms"])
				}
				for _, g := range c.terms {
					p := terms[g]
					if len(p.UX) != units || len(p.WS) != units || len(p.B) != units || len(p.Pre) != units {
						t.Errorf("steps[%d].terms.%s = %+v, want ux, ws, b, pre of %d", k, g, p, units)
					}
				}
			}
		})
	}
}
