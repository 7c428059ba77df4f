//go:build js && wasm

package jsapi

import (
	"encoding/json"
	"syscall/js"
	"testing"

	"unroll/wasm/bridge"
)

// callJS calls globalThis.unroll.call as the Web Worker does and decodes the envelope.
func callJS(t *testing.T, args ...any) map[string]any {
	t.Helper()
	out := js.Global().Get("unroll").Call("call", args...)
	if out.Type() != js.TypeString {
		t.Fatalf("call returned a %s, want a JSON string", out.Type())
	}
	var env map[string]any
	if err := json.Unmarshal([]byte(out.String()), &env); err != nil {
		t.Fatalf("call returned %q: %v", out.String(), err)
	}
	return env
}

func TestRegisteredCall(t *testing.T) {
	Register(js.Global(), bridge.New(), nil)
	if p := js.Global().Get("unroll").Get("protocol").Int(); p != bridge.ProtocolVersion {
		t.Errorf("protocol = %d, want %d", p, bridge.ProtocolVersion)
	}

	env := callJS(t, "set_model", `{"spec":{"cell":"lstm","units":3,"seed":1,"steps":10}}`)
	if env["ok"] != true {
		t.Fatalf("set_model: %v", env)
	}
	model := env["result"].(map[string]any)["model"].(map[string]any)
	params := model["params"].(map[string]any)
	// LSTM(3) on 1 input: 4 × (3 × (3 + 1) + 3) = 60, Dense(1) adds 4.
	if params["rnn"] != 60.0 || params["dense"] != 4.0 || params["total"] != 64.0 {
		t.Errorf("params = %v", params)
	}

	env = callJS(t, "trace", `{"input":{"kind":"seq","text":"0.1,0.5,-0.2"}}`)
	if env["ok"] != true {
		t.Fatalf("trace: %v", env)
	}
	res := env["result"].(map[string]any)
	steps := res["steps"].([]any)
	if len(steps) != 3 {
		t.Fatalf("%d steps, want 3", len(steps))
	}
	last := steps[2].(map[string]any)
	gates := last["gates"].(map[string]any)
	for _, g := range []string{"i", "f", "g", "o"} {
		if _, ok := gates[g]; !ok {
			t.Errorf("gate %s missing", g)
		}
	}
	if x := last["x"].([]any)[0]; x != -0.2 {
		t.Errorf("x_3 = %v, want -0.2 (typed values go in unscaled)", x)
	}

	// The same numbers as the native engine computes (the bridge is one code path).
	native := bridge.New()
	native.Call("set_model", []byte(`{"spec":{"cell":"lstm","units":3,"seed":1,"steps":10}}`))
	want := native.Call("trace", []byte(`{"input":{"kind":"seq","text":"0.1,0.5,-0.2"}}`))
	got := js.Global().Get("unroll").Call("call", "trace", `{"input":{"kind":"seq","text":"0.1,0.5,-0.2"}}`).String()
	if got != string(want) {
		t.Error("the JS entry point and a direct Call disagree")
	}
}

func TestRegisteredCallRefusesBadArguments(t *testing.T) {
	Register(js.Global(), bridge.New(), nil)
	tests := []struct {
		name string
		args []any
		code string
	}{
		{"no arguments", nil, bridge.CodeBadRequest},
		{"op not a string", []any{42}, bridge.CodeBadRequest},
		{"args not a string", []any{"set_model", map[string]any{"spec": 1}}, bridge.CodeBadRequest},
		{"malformed JSON", []any{"set_model", "{"}, bridge.CodeBadRequest},
		{"unknown op", []any{"format_disk", "{}"}, bridge.CodeUnknownOp},
		{"trace before a model", []any{"trace", `{"input":{"kind":"sine"}}`}, bridge.CodeNoModel},
		{"letters", []any{"set_model", `{"spec":{"cell":"rnn","units":"many"}}`}, bridge.CodeBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := callJS(t, tc.args...)
			if env["ok"] != false {
				t.Fatalf("ok = %v, want false", env["ok"])
			}
			e := env["error"].(map[string]any)
			if e["code"] != tc.code || e["message_zh"] == "" || e["message"] == "" {
				t.Errorf("error = %v, want code %s", e, tc.code)
			}
		})
	}
	// Still alive after every refusal.
	if env := callJS(t, "info", ""); env["ok"] != true {
		t.Errorf("info after refusals: %v", env)
	}
}

func TestRegisteredOps(t *testing.T) {
	Register(js.Global(), bridge.NewFirst(), bridge.FirstOps)
	ops := js.Global().Get("unroll").Get("ops")
	if ops.Length() != len(bridge.FirstOps) {
		t.Fatalf("ops has %d names, want %d", ops.Length(), len(bridge.FirstOps))
	}
	for i, op := range bridge.FirstOps {
		if got := ops.Index(i).String(); got != op {
			t.Errorf("ops[%d] = %q, want %q", i, got, op)
		}
	}
	if env := callJS(t, "export_model", "{}"); env["ok"] != false || env["error"].(map[string]any)["code"] != bridge.CodeUnknownOp {
		t.Errorf("the first engine's export_model: %v", env)
	}
	Register(js.Global(), bridge.New(), nil)
	if ops := js.Global().Get("unroll").Get("ops"); !ops.IsUndefined() {
		t.Errorf("the whole engine lists ops: %v", ops)
	}
}
