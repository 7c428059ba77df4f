package lecture

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"unroll/core/modelfile"
)

// TestImportFile: an Unroll model file, as text or as a JSON string holding
// it, keeps its model and its time steps; a broken one gets a code for the
// kind of problem it has.
func TestImportFile(t *testing.T) {
	m, err := NewModel("gru", 2, 1, 3, Page.Units, Page)
	if err != nil {
		t.Fatal(err)
	}
	text, err := modelfile.EncodeFile(&modelfile.File{Model: m, Meta: modelfile.Meta{TimeSteps: 12, Stock: "2330"}})
	if err != nil {
		t.Fatal(err)
	}
	quoted, _ := json.Marshal(string(text))
	for _, data := range [][]byte{text, quoted} {
		im, err := ImportFile(data, 0, Page)
		if err != nil {
			t.Fatal(err)
		}
		if im.Steps != 12 || im.Meta.Stock != "2330" || im.Format != modelfile.Format || im.TFJS != nil || im.Model.ParamCount() != m.ParamCount() {
			t.Errorf("imported %+v", im)
		}
	}
	if im, err := ImportFile(text, 30, Page); err != nil || im.Steps != 30 {
		t.Errorf("steps 30: %v, %v", im, err)
	}
	for _, tc := range []struct {
		data []byte
		want string
	}{
		{text[:len(text)/2], CodeTruncatedJSON},
		{[]byte("hello"), CodeBadModelFile},
		{[]byte(`"unterminated`), CodeBadRequest},
		{[]byte(`{"format":"unroll-model","version":1,"layers":[{"type":"LSTM","units":1000000,"input_dim":1},{"type":"Dense","units":1}]}`), CodeModelLimit},
		{[]byte(strings.Repeat("[", 100000)), CodeBadModelFile},
	} {
		if _, err := ImportFile(tc.data, 0, Page); code(err) != tc.want {
			t.Errorf("%.20q: %v, want %s", tc.data, err, tc.want)
		}
	}
}

func TestImportTFJSShards(t *testing.T) {
	if _, err := ImportTFJS("{}", map[string]string{"w.bin": "not base64!"}, 0, Page); code(err) != CodeBadRequest {
		t.Errorf("bad base64: %v, want %s", err, CodeBadRequest)
	}
	if _, err := ImportTFJS("{", nil, 0, Page); code(err) != CodeTruncatedJSON {
		t.Errorf("truncated model.json: %v, want %s", err, CodeTruncatedJSON)
	}
}

func TestImportSteps(t *testing.T) {
	for _, tc := range []struct{ steps, file, want int }{
		{0, 20, 20}, {5, 20, 5}, {0, 0, 10}, {0, Page.SeqSteps + 1, 10},
	} {
		if got := importSteps(tc.steps, tc.file, Page); got != tc.want {
			t.Errorf("importSteps(%d, %d) = %d, want %d", tc.steps, tc.file, got, tc.want)
		}
	}
}

// TestImportTFJSVocab: a TF.js next-character model that names its
// characters (userDefinedMetadata.vocab) imports with its vocabulary, so a
// text can be traced with it; one that does not, without.
func TestImportTFJSVocab(t *testing.T) {
	for _, tc := range []struct{ dir, vocab string }{
		{"lstm_softmax_seq", "enoru"},
		{"simplernn_softmax_seq", ""},
		{"lstm", ""},
	} {
		dir := filepath.Join("..", "..", "testdata", "tfjs", tc.dir)
		mj, err := os.ReadFile(filepath.Join(dir, "model.json"))
		if err != nil {
			t.Fatal(err)
		}
		bin, err := os.ReadFile(filepath.Join(dir, "weights.bin"))
		if err != nil {
			t.Fatal(err)
		}
		im, err := ImportTFJS(string(mj), map[string]string{"weights.bin": base64.StdEncoding.EncodeToString(bin)}, 0, Page)
		if err != nil {
			t.Fatalf("%s: %v", tc.dir, err)
		}
		if got := im.Vocab.Vocabulary(); (got == nil) != (tc.vocab == "") || got != nil && string(got.Runes) != tc.vocab {
			t.Errorf("%s: vocabulary %v, want %q", tc.dir, got, tc.vocab)
		}
		if tc.vocab == "" {
			continue
		}
		tt, err := TraceText(im.Model, im.Vocab, "neuron", 0, Page)
		if err != nil {
			t.Fatalf("%s: %v", tc.dir, err)
		}
		if len(tt.Next.Probs) != 6 || len(tt.Result.Outputs) != 6 {
			t.Errorf("%s: %d distributions, %d outputs for 6 characters", tc.dir, len(tt.Next.Probs), len(tt.Result.Outputs))
		}
	}
}

// TestImportTooLarge: a model file or model.json above ModelBytes, and
// shards above ShardBytes together, are refused by size with the limit named.
func TestImportTooLarge(t *testing.T) {
	lim := Page
	lim.ModelBytes, lim.ShardBytes = 1<<20, 2<<20
	big := make([]byte, lim.ModelBytes+1)
	for _, err := range []error{
		func() error { _, err := ImportFile(big, 0, lim); return err }(),
		func() error { _, err := ImportTFJS(string(big), nil, 0, lim); return err }(),
		func() error {
			_, err := ImportTFJS("{}", map[string]string{"a.bin": base64.StdEncoding.EncodeToString(big), "b.bin": base64.StdEncoding.EncodeToString(big)}, 0, lim)
			return err
		}(),
	} {
		e, ok := err.(*Error)
		if !ok || e.Code != CodeFileTooLarge || e.Detail["limit"] == nil {
			t.Errorf("%v, want %s", err, CodeFileTooLarge)
		} else {
			t.Log(e.Message, " / ", e.MessageZh)
		}
	}
}
