package bridge

import (
	"encoding/json"
	"testing"
)

// fuzzOps is every operation doc.go lists, and one that does not exist.
var fuzzOps = []string{
	"set_model", "trace", "info", "order_demo", "generate",
	"train_prepare", "train_text_prepare", "train_run", "train_stop", "predict",
	"export_model", "import_model", "use_model",
	"memory_start", "memory_run", "memory_stop", "memory_model", "no_such_op",
}

// FuzzCall feeds Call every operation with arbitrary arguments, after a model
// is set: no panic escapes (a recovered one is the code "internal", which
// fails here too), and every answer is the documented envelope, an error
// with its code and both messages.
func FuzzCall(f *testing.F) {
	for i, args := range []string{
		`{"spec":{"cell":"lstm","units":2,"inputs":1,"seed":1,"steps":3}}`,
		`{"input":{"kind":"seq","text":"0.1, 0.5"}}`,
		`{}`, `{"cell":"rnn","units":2,"seed":1}`, `{"prompt":"a","chars":3}`,
		`{"batches":1}`, `{"source":"trained"}`, `{"file":"{}"}`,
		`{"tfjs":{"model_json":"{}","shards":{}}}`, `{"length":2,"cells":["rnn"],"seed":1,"epochs":1}`,
		`{"cell":"lstm"}`, `[]`, `null`, `{"input":{"kind":"seq","values":[[1e308],[-1e308]]}}`,
	} {
		f.Add(uint8(i), []byte(args))
	}
	f.Fuzz(func(t *testing.T, op uint8, args []byte) {
		e := New()
		e.Call("set_model", []byte(`{"spec":{"cell":"gru","units":2,"inputs":1,"seed":3,"steps":4}}`))
		name := fuzzOps[int(op)%len(fuzzOps)]
		out := e.Call(name, args)
		var env struct {
			OK     *bool           `json:"ok"`
			Result json.RawMessage `json:"result"`
			Error  *Error          `json:"error"`
		}
		if err := json.Unmarshal(out, &env); err != nil || env.OK == nil {
			t.Fatalf("%s %q: not an envelope: %v %.200s", name, args, err, out)
		}
		switch {
		case *env.OK && (env.Error != nil || len(env.Result) == 0):
			t.Fatalf("%s %q: ok without a result: %.200s", name, args, out)
		case !*env.OK && (env.Error == nil || env.Error.Code == "" || env.Error.Message == "" || env.Error.MessageZh == ""):
			t.Fatalf("%s %q: an error without its code and messages: %.200s", name, args, out)
		case !*env.OK && env.Error.Code == CodeInternal:
			t.Fatalf("%s %q: a panic: %s", name, args, env.Error.Message)
		}
	})
}
