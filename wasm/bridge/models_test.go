package bridge

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exportText is the current model's file, through export_model.
func exportText(t *testing.T, e *Engine) string {
	t.Helper()
	var ex ExportResult
	if err := json.Unmarshal(mustOK(t, e, "export_model", `{}`), &ex); err != nil {
		t.Fatal(err)
	}
	return ex.File
}

func traceOf(t *testing.T, e *Engine) TraceResult {
	t.Helper()
	var tr TraceResult
	if err := json.Unmarshal(mustOK(t, e, "trace", `{"input":{"kind":"seq","values":[[0.1],[0.5],[-0.2],[0.9]]}}`), &tr); err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestExportImportIsExact(t *testing.T) {
	e := New()
	mustOK(t, e, "train_prepare", prepareJSON(t, 200, 1000, []string{"close"}, "gru", 3, 7, 2, 16, "adam", 11))
	runAll(t, e, 1000)
	file := exportText(t, e)
	before := traceOf(t, e)
	var meta struct {
		Scaler map[string]any `json:"scaler"`
		Meta   map[string]any `json:"meta"`
	}
	if err := json.Unmarshal([]byte(file), &meta); err != nil {
		t.Fatal(err)
	}
	if meta.Scaler == nil || meta.Meta["stock"] != "2330" || meta.Meta["time_steps"] != 7.0 || meta.Meta["test_rmse"] == nil {
		t.Errorf("file's scaler and meta: %+v %+v", meta.Scaler, meta.Meta)
	}

	f := New()
	mustOK(t, f, "set_model", `{"spec":{"cell":"lstm","units":2,"seed":1}}`)
	args, _ := json.Marshal(map[string]any{"file": file, "name": "m.json"})
	var res ImportResult
	_ = json.Unmarshal(mustOK(t, f, "import_model", string(args)), &res)
	if res.Model.Source != "imported" || res.Model.Cell != "gru" || res.Model.Steps != 7 || res.Format != "unroll-model" || res.Scaler == nil {
		t.Fatalf("import result %+v", res)
	}
	if again := exportText(t, f); again != file {
		t.Errorf("export → import → export differs:\n%s\n%s", file, again)
	}
	after := traceOf(t, f)
	for k := range before.Steps {
		for j, v := range before.Steps[k].H {
			if after.Steps[k].H[j] != v {
				t.Fatalf("h[%d][%d] = %v after import, %v before", k, j, after.Steps[k].H[j], v)
			}
		}
	}
	// Also as a JSON object rather than a string.
	mustOK(t, f, "import_model", `{"file":`+file+`}`)
}

func TestImportTFJS(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "tfjs", "gru")
	mj, err := os.ReadFile(filepath.Join(dir, "model.json"))
	if err != nil {
		t.Fatal(err)
	}
	shards := map[string]string{}
	for _, name := range []string{"group1-shard1of2.bin", "group1-shard2of2.bin"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		shards[name] = base64.StdEncoding.EncodeToString(b)
	}
	e := New()
	args, _ := json.Marshal(map[string]any{"tfjs": map[string]any{"model_json": string(mj), "shards": shards}})
	var res ImportResult
	_ = json.Unmarshal(mustOK(t, e, "import_model", string(args)), &res)
	if res.Model.Cell != "gru" || res.Format != "tfjs-layers" || len(res.Layers) == 0 || e.info.Source != "imported" {
		t.Fatalf("import %+v", res)
	}
	// The same model.json without its shards: a clear message, nothing replaced.
	mustOK(t, e, "set_model", `{"spec":{"cell":"rnn","units":2,"seed":1}}`)
	args, _ = json.Marshal(map[string]any{"file": string(mj)})
	if _, err := call(t, e, "import_model", string(args)); err == nil || err.Code != CodeMissingShard {
		t.Errorf("model.json alone: %+v", err)
	}
	if e.info.Cell != "rnn" {
		t.Errorf("a failed import replaced the model: %+v", e.info)
	}
}

func TestBadFilesKeepTheModel(t *testing.T) {
	e := New()
	mustOK(t, e, "set_model", `{"spec":{"cell":"lstm","units":3,"seed":4,"steps":10}}`)
	good := exportText(t, e)
	lstmJSON, err := os.ReadFile(filepath.Join("..", "..", "testdata", "tfjs", "lstm", "model.json"))
	if err != nil {
		t.Fatal(err)
	}
	bidirectional := strings.Replace(string(lstmJSON), `"class_name": "LSTM"`, `"class_name": "Bidirectional"`, 1)
	tests := []struct {
		name, args, code string
	}{
		{"truncated JSON", jsonString(good[:len(good)/2]), CodeTruncatedJSON},
		{"not JSON", jsonString("hello"), CodeBadModelFile},
		{"another format", jsonString(`{"format":"keras","layers":[]}`), CodeBadModelFile},
		{"unsupported layer", jsonString(strings.Replace(good, `"type":"LSTM"`, `"type":"Conv1D"`, 1)), CodeUnsupportedLayer},
		{"wrong kernel shape", jsonString(strings.Replace(good, `"input_dim":1`, `"input_dim":2`, 1)), CodeShapeMismatch},
		{"tfjs unsupported layer", `{"tfjs":{"model_json":` + jsonQuote(bidirectional) + `,"shards":{}}}`, CodeUnsupportedLayer},
		{"tfjs truncated", `{"tfjs":{"model_json":` + jsonQuote(string(lstmJSON[:200])) + `,"shards":{}}}`, CodeTruncatedJSON},
		{"tfjs missing shard", `{"tfjs":{"model_json":` + jsonQuote(string(lstmJSON)) + `,"shards":{}}}`, CodeMissingShard},
		{"tfjs short shard", `{"tfjs":{"model_json":` + jsonQuote(string(lstmJSON)) + `,"shards":{"weights.bin":"AAAA"}}}`, CodeShapeMismatch},
		{"bad base64", `{"tfjs":{"model_json":"{}","shards":{"weights.bin":"***"}}}`, CodeBadRequest},
		{"nothing", `{}`, CodeBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := tc.args
			if !strings.HasPrefix(args, "{") {
				args = `{"file":` + args + `}`
			}
			_, err := call(t, e, "import_model", args)
			if err == nil || err.Code != tc.code {
				t.Fatalf("error %+v, want code %s", err, tc.code)
			}
			if err.Message == "" || err.MessageZh == "" {
				t.Errorf("messages missing: %+v", err)
			}
			if now := exportText(t, e); now != good {
				t.Fatal("a bad file replaced the current model")
			}
		})
	}
}

func jsonString(s string) string { return jsonQuote(s) }

func jsonQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
