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
