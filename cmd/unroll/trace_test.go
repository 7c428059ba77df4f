package main

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"unroll/core/lecture"
	"unroll/core/modelfile"
	"unroll/core/nn"
	"unroll/core/series"
)

// tfjsFixture is a model.json of testdata/tfjs and the predictions TF.js recorded beside it, of a
// model returning sequences.
func tfjsFixture(t *testing.T, name string) (string, [][][]float64, [][][]float64) {
	t.Helper()
	dir := filepath.Join("..", "..", "testdata", "tfjs", name)
	raw, err := os.ReadFile(filepath.Join(dir, "outputs.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Inputs  [][][]float64 `json:"inputs"`
		Outputs [][][]float64 `json:"outputs"`
	}
	if err := json.Unmarshal(raw, &rec); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "model.json"), rec.Inputs, rec.Outputs
}

// printedTrace is what `unroll trace` prints, as far as these tests read it.
type printedTrace struct {
	Steps   []nn.Step   `json:"steps"`
	Output  []float64   `json:"output"`
	Outputs [][]float64 `json:"outputs"`
	Probs   [][]float64 `json:"probs"`
	Top     [][]int     `json:"top"`
	Chars   []string    `json:"chars"`
	Tokens  []int       `json:"tokens"`
	Vocab   []string    `json:"vocab"`
}

func traceJSON(t *testing.T, args ...string) printedTrace {
	t.Helper()
	out, stderr, err := runCLI(t, "", append([]string{"trace"}, args...)...)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var tr printedTrace
	if err := json.Unmarshal([]byte(out), &tr); err != nil {
		t.Fatal(err)
	}
	return tr
}

// wantUsage checks that the command fails with a one-line usage error holding every one of parts.
func wantUsage(t *testing.T, parts []string, args ...string) {
	t.Helper()
	_, _, err := runCLI(t, "", append([]string{"trace"}, args...)...)
	var u usageError
	if !errors.As(err, &u) {
		t.Fatalf("%q: err = %v, want a usage error", args, err)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("%q: %q does not say %q", args, err, p)
		}
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("%q: message is not one line: %q", args, err)
	}
}

// maxAbsDiff is the largest |a − b| over two [T][k] arrays of the same shape.
func maxAbsDiff(t *testing.T, a, b [][]float64) float64 {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%d rows, want %d", len(a), len(b))
	}
	worst := 0.0
	for i := range a {
		if len(a[i]) != len(b[i]) {
			t.Fatalf("row %d: %d values, want %d", i, len(a[i]), len(b[i]))
		}
		for j := range a[i] {
			worst = math.Max(worst, math.Abs(a[i][j]-b[i][j]))
		}
	}
	return worst
}

// argmax is the index of the largest entry of each one-hot row.
func argmax(rows [][]float64) []int {
	var out []int
	for _, r := range rows {
		out = append(out, series.Argmax(r))
	}
	return out
}

// tokenList writes indices as --tokens takes them.
func tokenList(ks []int) string {
	var s []string
	for _, k := range ks {
		s = append(s, string(rune('0'+k)))
	}
	return strings.Join(s, ",")
}

// TestTraceRows: --input takes one row per step for a model of two inputs; a row of another width is
// an error naming the row and both widths.
func TestTraceRows(t *testing.T) {
	p := filepath.Join("..", "..", "testdata", "tfjs", "gru", "model.json") // GRU, two inputs, Dense(1)
	tr := traceJSON(t, "--model", p, "--input", "0.1,0.2; 0.3,-0.4;0.5,0.6")
	want := [][]float64{{0.1, 0.2}, {0.3, -0.4}, {0.5, 0.6}}
	if len(tr.Steps) != 3 {
		t.Fatalf("%d steps, want 3", len(tr.Steps))
	}
	for k, s := range tr.Steps {
		if s.T != k+1 || len(s.X) != 2 || s.X[0] != want[k][0] || s.X[1] != want[k][1] {
			t.Errorf("step %d: t %d, x %v; want x %v", k+1, s.T, s.X, want[k])
		}
	}
	if len(tr.Output) != 1 || tr.Outputs != nil || tr.Probs != nil {
		t.Errorf("a many-to-one Dense(1) model: output %v, outputs %v, probs %v", tr.Output, tr.Outputs, tr.Probs)
	}
	wantUsage(t, []string{"Row 2", "3 values", "2 values per step"}, "--model", p, "--input", "0.1,0.2;0.3,0.4,0.5")
	wantUsage(t, []string{"Row 1", "1 value;", "2 values per step"}, "--model", p, "--input", "0.1;0.2")
	wantUsage(t, []string{"one of --input, --text or --tokens"}, "--model", p, "--input", "0.1,0.2", "--tokens", "1")
	wantUsage(t, []string{"one of --input, --text or --tokens"}, "--model", p)
}

// TestTraceTokens: --tokens feeds one-hot rows; a TF.js next-character model (return_sequences, softmax
// head) traced on the inputs TF.js predicted for gives o_t at every step, o_T as "output", and the
// softmax of o_t within 1e-5 of TF.js's predictions (float32 against float64).
func TestTraceTokens(t *testing.T) {
	for _, name := range []string{"simplernn_softmax_seq", "lstm_softmax_seq", "gru_softmax_seq"} {
		t.Run(name, func(t *testing.T) {
			p, inputs, outputs := tfjsFixture(t, name)
			for b := range inputs {
				tr := traceJSON(t, "--model", p, "--tokens", tokenList(argmax(inputs[b])))
				if maxAbsDiff(t, stepInputs(tr.Steps), inputs[b]) != 0 {
					t.Fatalf("sequence %d: x_t are not the one-hot rows TF.js read", b)
				}
				T := len(inputs[b])
				if len(tr.Outputs) != T || maxAbsDiff(t, [][]float64{tr.Output}, tr.Outputs[T-1:]) != 0 {
					t.Fatalf("sequence %d: %d outputs, output %v; want %d outputs and the last as output", b, len(tr.Outputs), tr.Output, T)
				}
				d := maxAbsDiff(t, tr.Probs, outputs[b])
				t.Logf("sequence %d: max |softmax(o_t) − TF.js| = %.3g", b, d)
				if d > 1e-5 {
					t.Errorf("sequence %d: probabilities differ from TF.js by %g", b, d)
				}
				for s, top := range tr.Top {
					if top[0] != series.Argmax(tr.Probs[s]) {
						t.Errorf("step %d: top %v, most likely %d", s+1, top, series.Argmax(tr.Probs[s]))
					}
				}
			}
		})
	}
	p, _, _ := tfjsFixture(t, "simplernn_softmax_seq")
	wantUsage(t, []string{"Token 3 is 5", "numbered 0 to 4"}, "--model", p, "--tokens", "1,0,5")
	wantUsage(t, []string{"not a whole number"}, "--model", p, "--tokens", "1,x")
	wantUsage(t, []string{"--tokens", "1 value per step"}, "--cell", "lstm", "--units", "3", "--seed", "1", "--tokens", "0,1")
}

// stepInputs is every step's x_t.
func stepInputs(steps []nn.Step) [][]float64 {
	var x [][]float64
	for _, s := range steps {
		x = append(x, s.X)
	}
	return x
}

// TestTraceText: --text reads a text model's characters one-hot. A TF.js model that lists its
// characters in userDefinedMetadata.vocab reads "neuron" as TF.js did; one that does not points to
// --tokens; an Unroll next-character model file gives after each character the distribution
// `unroll predict` prints; a character outside the vocabulary is named.
func TestTraceText(t *testing.T) {
	p, inputs, outputs := tfjsFixture(t, "lstm_softmax_seq")
	tr := traceJSON(t, "--model", p, "--text", "neuron")
	if strings.Join(tr.Chars, "") != "neuron" || strings.Join(tr.Vocab, "") != "enoru" ||
		maxAbsDiff(t, stepInputs(tr.Steps), inputs[0]) != 0 {
		t.Fatalf("chars %v, vocab %v, tokens %v: not the one-hot \"neuron\" TF.js read", tr.Chars, tr.Vocab, tr.Tokens)
	}
	if d := maxAbsDiff(t, tr.Probs, outputs[0]); d > 1e-5 {
		t.Errorf("probabilities differ from TF.js by %g", d)
	}
	wantUsage(t, []string{"'x'", "not in the model's vocabulary"}, "--model", p, "--text", "neurox")
	noVocab, _, _ := tfjsFixture(t, "simplernn_softmax_seq")
	wantUsage(t, []string{"userDefinedMetadata.vocab", "--tokens"}, "--model", noVocab, "--text", "neuron")

	// An Unroll next-character model file, and the same model without its vocabulary.
	v, err := series.NewVocab("abc 貓")
	if err != nil {
		t.Fatal(err)
	}
	m, err := lecture.NewTextModel("gru", 4, v.Size(), 9, cliLimits)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, f *modelfile.File) string {
		b, err := modelfile.EncodeFile(f)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	textModel := write("text.json", &modelfile.File{Model: m, Vocab: v, Softmax: true})
	tr = traceJSON(t, "--model", textModel, "--text", "cab 貓")
	out, _, err := runCLI(t, "", "predict", "--model", textModel, "--text", "cab 貓", "--top", "1")
	if err != nil {
		t.Fatal(err)
	}
	var pred struct {
		Steps []struct {
			Next []lecture.CharProb `json:"next"`
		} `json:"steps"`
	}
	if err := json.Unmarshal([]byte(out), &pred); err != nil {
		t.Fatal(err)
	}
	if len(pred.Steps) != 5 || len(tr.Probs) != 5 {
		t.Fatalf("predict %d steps, trace %d", len(pred.Steps), len(tr.Probs))
	}
	for s, st := range pred.Steps {
		k, _ := v.Index([]rune(st.Next[0].Char)[0])
		if tr.Top[s][0] != k || tr.Probs[s][k] != st.Next[0].P {
			t.Errorf("step %d: trace's top %d (p %v), predict's %q (p %v)", s+1, tr.Top[s][0], tr.Probs[s][tr.Top[s][0]], st.Next[0].Char, st.Next[0].P)
		}
	}
	wantUsage(t, []string{"'d'"}, "--model", textModel, "--text", "abd")
	plain := write("plain.json", &modelfile.File{Model: m})
	wantUsage(t, []string{"not a text model", "--tokens"}, "--model", plain, "--text", "abc")
}

// TestPredictTFJSModel: unroll predict reads a TF.js next-character model
// that lists its characters, with TF.js's probabilities (float32, 1e-5); one
// that does not is an error pointing to --tokens.
func TestPredictTFJSModel(t *testing.T) {
	p, _, outputs := tfjsFixture(t, "lstm_softmax_seq")
	out, _, err := runCLI(t, "", "predict", "--model", p, "--text", "neuron", "--top", "5")
	if err != nil {
		t.Fatal(err)
	}
	var pred struct {
		Steps []struct {
			Char string             `json:"char"`
			Next []lecture.CharProb `json:"next"`
		} `json:"steps"`
	}
	if err := json.Unmarshal([]byte(out), &pred); err != nil {
		t.Fatal(err)
	}
	if len(pred.Steps) != 6 {
		t.Fatalf("%d steps, want 6", len(pred.Steps))
	}
	vocab := "enoru"
	worst := 0.0
	for s, st := range pred.Steps {
		if len(st.Next) != len(vocab) {
			t.Fatalf("step %d: %d characters, want %d", s+1, len(st.Next), len(vocab))
		}
		for _, n := range st.Next {
			worst = math.Max(worst, math.Abs(n.P-outputs[0][s][strings.Index(vocab, n.Char)]))
		}
	}
	t.Logf("max |p − TF.js| = %.3g", worst)
	if worst > 1e-5 {
		t.Errorf("probabilities differ from TF.js by %g", worst)
	}
	noVocab, _, _ := tfjsFixture(t, "gru_softmax_seq")
	_, _, err = runCLI(t, "", "predict", "--model", noVocab, "--text", "neuron")
	if err == nil || !strings.Contains(err.Error(), "userDefinedMetadata.vocab") || !strings.Contains(err.Error(), "--tokens") {
		t.Errorf("a TF.js model without characters: %v", err)
	}
}
