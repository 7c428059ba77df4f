package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"unroll/core/modelfile"
	"unroll/core/nn"
)

// runCLI runs the command as main would and returns stdout, stderr and the error.
func runCLI(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func TestParams(t *testing.T) {
	tests := []struct {
		args []string
		want int
	}{
		// Keras model.summary() figures for these layers.
		{[]string{"--cell", "lstm", "--units", "50", "--inputs", "1"}, 10400},
		{[]string{"--cell", "rnn", "--units", "50", "--inputs", "1"}, 2600},
		{[]string{"--cell", "gru", "--units", "50", "--inputs", "1"}, 7950},
		{[]string{"--cell", "gru", "--units", "50", "--inputs", "1", "--reset-after=false"}, 7800},
		{[]string{"--cell", "LSTM", "--units", "4", "--inputs", "3"}, 128},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out, _, err := runCLI(t, "", append([]string{"params"}, tc.args...)...)
			if err != nil {
				t.Fatal(err)
			}
			if got := lastLine(out); got != strconv.Itoa(tc.want) {
				t.Errorf("last line %q, want %d\n%s", got, tc.want, out)
			}
		})
	}
}

func TestBadInputIsAUsageError(t *testing.T) {
	tests := [][]string{
		{"params", "--cell", "transformer", "--units", "4"},
		{"params", "--cell", "lstm", "--units", "0"},
		{"params", "--cell", "lstm", "--units", "-3"},
		{"params", "--cell", "lstm", "--units", "100000000"},
		{"params", "--units", "4"},
		{"trace", "--cell", "lstm", "--units", "4", "--seed", "1", "--input", "0.1,abc"},
		{"trace", "--cell", "lstm", "--units", "4", "--seed", "1", "--input", ""},
		{"trace", "--cell", "lstm", "--units", "4", "--seed", "1", "--input", "0.1,NaN"},
		{"trace", "--cell", "lstm", "--units", "4", "--seed", "1", "--input", "Inf"},
		{"trace", "--cell", "cnn", "--units", "4", "--seed", "1", "--input", "1"},
		{"trace", "--units", "4", "--input", "1"},
		{"eval"},
		{"nosuchcommand"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			_, _, err := runCLI(t, "", args...)
			var u usageError
			if !errors.As(err, &u) {
				t.Fatalf("err = %v, want a usage error", err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("message is not one line: %q", err)
			}
		})
	}
}

func TestEvalBadFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"truncated.json": `{"layer": "LSTM", "config": {"units": 4`,
		"unknown.json":   `{"layer": "Transformer", "config": {"units": 4, "input_dim": 1, "timesteps": 1, "batch": 1}}`,
		"empty.json":     ``,
	}
	for name, body := range files {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			_, _, err := runCLI(t, "", "eval", p)
			if err == nil {
				t.Fatal("no error")
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("message is not one line: %q", err)
			}
		})
	}
}

// TestEvalMatchesReference runs every reference case (testdata/testvectors)
// through the command and compares the printed JSON with the float64 oracle.
func TestEvalMatchesReference(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "testvectors")
	files, _ := filepath.Glob(filepath.Join(dir, "*_*.json"))
	if len(files) == 0 {
		t.Fatalf("no reference cases in %s", dir)
	}
	for _, f := range files {
		if filepath.Base(f) == "index.json" {
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			out, _, err := runCLI(t, "", "eval", f)
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var c struct {
				Expected map[string]any `json:"expected_f64"`
			}
			if err := json.Unmarshal(raw, &c); err != nil {
				t.Fatal(err)
			}
			// PyTorch float64 agrees with an exact float64 computation to ~1e-15;
			// 1e-10 leaves room for summation order only.
			if d := maxDiff(t, "", got, c.Expected); d > 1e-10 {
				t.Errorf("max |diff| %g > 1e-10", d)
			} else {
				t.Logf("max |diff| vs expected_f64: %.3g", d)
			}
		})
	}
}

// TestEvalSoftmaxCases: unroll eval runs the reference cases of softmax
// models and agrees with TF.js, which computes in float32 (1e-5).
func TestEvalSoftmaxCases(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "softmaxvectors", "*.json"))
	if len(files) == 0 {
		t.Fatal("no softmax reference cases")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			out, _, err := runCLI(t, "", "eval", f)
			if err != nil {
				t.Fatal(err)
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var c struct {
				Expected map[string]any `json:"expected"`
			}
			if err := json.Unmarshal(raw, &c); err != nil {
				t.Fatal(err)
			}
			if d := maxDiff(t, "", got, c.Expected); d > 1e-5 {
				t.Errorf("max |diff| %g > 1e-5", d)
			} else {
				t.Logf("max |diff| vs expected (TF.js): %.3g", d)
			}
		})
	}
}

// maxDiff walks want (numbers, arrays, objects) and returns the largest
// absolute difference to got; a missing or mis-shaped value fails the test.
func maxDiff(t *testing.T, path string, got, want any) float64 {
	t.Helper()
	switch w := want.(type) {
	case float64:
		g, ok := got.(float64)
		if !ok {
			t.Fatalf("%s: got %T, want a number", path, got)
		}
		return math.Abs(g - w)
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			t.Fatalf("%s: got %v, want %d values", path, got, len(w))
		}
		d := 0.0
		for k := range w {
			d = math.Max(d, maxDiff(t, path+"["+strconv.Itoa(k)+"]", g[k], w[k]))
		}
		return d
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			t.Fatalf("%s: got %T, want an object", path, got)
		}
		d := 0.0
		for k := range w {
			d = math.Max(d, maxDiff(t, path+"."+k, g[k], w[k]))
		}
		return d
	}
	t.Fatalf("%s: unexpected %T", path, want)
	return 0
}

func TestTraceSeededIsDeterministic(t *testing.T) {
	args := []string{"trace", "--cell", "lstm", "--units", "3", "--seed", "7", "--input", "0.1,0.5,-0.2"}
	a, _, err := runCLI(t, "", args...)
	if err != nil {
		t.Fatal(err)
	}
	b, _, _ := runCLI(t, "", args...)
	if a != b {
		t.Error("same seed, different traces")
	}
	var tr nn.TraceResult
	if err := json.Unmarshal([]byte(a), &tr); err != nil {
		t.Fatal(err)
	}
	if len(tr.Steps) != 3 || tr.Steps[2].T != 3 || len(tr.Steps[0].H) != 3 || len(tr.Steps[0].C) != 3 {
		t.Fatalf("unexpected shape: %s", a)
	}
	for _, g := range []string{"i", "f", "g", "o"} {
		if gt := tr.Steps[1].Gate(g); gt == nil || len(gt.Act) != 3 {
			t.Errorf("gate %s missing: %s", g, a)
		}
	}
	if tr.Steps[0].X[0] != 0.1 || len(tr.Output) != 1 {
		t.Errorf("x or output wrong: %s", a)
	}
	c, _, _ := runCLI(t, "", "trace", "--cell", "lstm", "--units", "3", "--seed", "8", "--input", "0.1,0.5,-0.2")
	if c == a {
		t.Error("different seeds, same trace")
	}
}

// TestTraceModelFile checks that a model saved as an Unroll model file traces
// exactly like the seeded model it was made from.
func TestTraceModelFile(t *testing.T) {
	for _, cell := range []string{"rnn", "lstm", "gru"} {
		t.Run(cell, func(t *testing.T) {
			c, err := nn.ParseCell(cell)
			if err != nil {
				t.Fatal(err)
			}
			m, err := nn.NewSeeded(c, 4, 1, 42)
			if err != nil {
				t.Fatal(err)
			}
			data, err := modelfile.Encode(m, nil, modelfile.Meta{})
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(t.TempDir(), "model.json")
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			seq := "0.25,-0.5,1,0.125"
			fromFile, _, err := runCLI(t, "", "trace", "--model", p, "--input", seq)
			if err != nil {
				t.Fatal(err)
			}
			fromSeed, _, err := runCLI(t, "", "trace", "--cell", cell, "--units", "4", "--seed", "42", "--input", seq)
			if err != nil {
				t.Fatal(err)
			}
			if fromFile != fromSeed {
				t.Errorf("model file and seed disagree:\n%s\n%s", fromFile, fromSeed)
			}
		})
	}
}

func TestTraceTFJSModel(t *testing.T) {
	p := filepath.Join("..", "..", "testdata", "tfjs", "gru", "model.json")
	if _, err := os.Stat(p); err != nil {
		t.Fatal(err)
	}
	_, _, err := runCLI(t, "", "trace", "--model", p, "--input", "0.1,0.2,0.3")
	// The fixture reads two values per step: a clear error, not a panic.
	if err == nil || !strings.Contains(err.Error(), "values per step") {
		t.Fatalf("err = %v, want the model's input size named", err)
	}
}
