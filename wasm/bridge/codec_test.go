package bridge

import (
	"encoding/json"
	"reflect"
	"testing"

	"unroll/core/jsonx"
)

// TestCodecsMatchEncodingJSON runs operations and checks that every result
// written by the generated codecs is byte for byte what encoding/json writes
// from the same struct tags, and that the arguments read by them are what
// encoding/json reads.
func TestCodecsMatchEncodingJSON(t *testing.T) {
	e := New()
	ops := []struct{ op, args string }{
		{"set_model", `{"spec":{"cell":"gru","units":3,"seed":4,"steps":5}}`},
		{"trace", `{"input":{"kind":"seq","values":[[0.5],[-1],[2],[0.25],[1e-9]]},"contrib":{"from":1,"to":2,"units":2}}`},
		{"info", ``},
		{"train_prepare", prepareJSON(t, 160, 1000, []string{"open", "high", "low", "close", "volume"}, "lstm", 3, 6, 1, 16, "adam", 2)},
		{"train_run", `{"batches":2}`},
		{"predict", ``},
		{"export_model", ``},
		{"train_stop", ``},
		{"order_demo", `{"cell":"lstm","units":2,"seed":3}`},
	}
	for _, o := range ops {
		res, err := e.Do(o.op, []byte(o.args))
		if err != nil {
			t.Fatalf("%s: %v", o.op, err)
		}
		got, gerr := jsonx.AppendAny(nil, res)
		want, werr := json.Marshal(res)
		if gerr != nil || werr != nil || string(got) != string(want) {
			t.Errorf("%s: jsonx (%v) and encoding/json (%v) differ:\n%.600s\n%.600s", o.op, gerr, werr, got, want)
		}
	}
	var a, b TraceArgs
	args := []byte(`{"input":{"kind":"prices","series":[1,null,3],"dates":["a","b","c"],"end":2,"fit_frac":0.5,"columns":{"open":[1,null],"high":[2]},"text":"x"},"CONTRIB":{"From":1,"to":2}}`)
	if err := jsonx.Unmarshal(args, a.DecodeJSON); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(args, &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("decoded differently:\n%+v\n%+v", a, b)
	}
}
