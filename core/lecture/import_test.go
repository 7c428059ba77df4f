package lecture

import (
	"encoding/json"
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
