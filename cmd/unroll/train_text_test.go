package main

import (
	"bytes"
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

// sampleText is a short text written for these tests: English and Chinese
// sentences about reading in order, repeated with small changes.
func sampleText() string {
	var b strings.Builder
	for k := range 40 {
		b.WriteString("the neuron reads n, e, u, r, o, n in order. ")
		b.WriteString("我愛貓，貓愛我。")
		b.WriteString("step " + strconv.Itoa(k%7) + ". ")
	}
	return b.String()
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func trainTextArgs(text, out string) []string {
	return []string{"train", "--text", text, "--cell", "gru", "--units", "8", "--steps", "12", "--epochs", "3",
		"--seed", "3", "--batch", "16", "--lr", "0.01", "--out", out}
}

func TestTrainText(t *testing.T) {
	text := writeFile(t, "sample.txt", []byte(sampleText()))
	out := filepath.Join(t.TempDir(), "m.json")
	stdout, stderr, err := runCLI(t, "", trainTextArgs(text, out)...)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var sum map[string]json.RawMessage
	if err := json.Unmarshal([]byte(lastLine(stdout)), &sum); err != nil {
		t.Fatalf("last line of stdout is not the summary: %v\n%s", err, stdout)
	}
	var keys []string
	for k := range sum {
		keys = append(keys, k)
	}
	if len(sum) != 4 || sum["epochs"] == nil || sum["vocab"] == nil || sum["accuracy"] == nil || sum["baseline_accuracy"] == nil {
		t.Fatalf("summary keys %v, want epochs, vocab, accuracy, baseline_accuracy", keys)
	}
	var s struct {
		Epochs []map[string]float64 `json:"epochs"`
		Vocab  int                  `json:"vocab"`
		Acc    float64              `json:"accuracy"`
		Base   float64              `json:"baseline_accuracy"`
	}
	json.Unmarshal([]byte(lastLine(stdout)), &s)
	distinct := map[rune]bool{}
	for _, r := range sampleText() {
		distinct[r] = true
	}
	if s.Vocab != len(distinct) || len(s.Epochs) != 3 || !(s.Acc >= 0 && s.Acc <= 1) || !(s.Base > 0 && s.Base <= 1) {
		t.Errorf("summary %s, want vocab %d", lastLine(stdout), len(distinct))
	}
	for _, ep := range s.Epochs {
		if _, ok := ep["val_loss"]; !ok || len(ep) != 2 || !(ep["loss"] > 0) {
			t.Errorf("epoch %v, want loss and val_loss", ep)
		}
	}
	for _, want := range []string{"epoch 1/3", "epoch 3/3", "val_loss", "held out", "bigram"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	file, _ := os.ReadFile(out)
	f, err := modelfile.Decode(file)
	if err != nil {
		t.Fatal(err)
	}
	if f.Vocab == nil || f.Vocab.Size() != s.Vocab || !f.Softmax || f.Model.Inputs() != s.Vocab || f.Model.Outputs() != s.Vocab ||
		!f.Model.ReturnSequences() || f.Model.Layers[0].Cell != nn.GRU || f.Meta.Text != "sample.txt" ||
		f.Meta.TimeSteps != 12 || *f.Meta.Accuracy != s.Acc || *f.Meta.BaselineAccuracy != s.Base {
		t.Errorf("model file: vocab %v, softmax %v, meta %+v", f.Vocab, f.Softmax, f.Meta)
	}
	if !bytes.Contains(file, []byte(`"activation":"softmax"`)) {
		t.Error("the model file does not write the head as softmax")
	}

	// The same seed writes the same model.
	out2 := filepath.Join(t.TempDir(), "m.json")
	stdout2, _, err := runCLI(t, "", trainTextArgs(text, out2)...)
	file2, _ := os.ReadFile(out2)
	if err != nil || stdout2 != stdout || !bytes.Equal(file2, file) {
		t.Errorf("a second run with the same seed differs (%v)", err)
	}

	t.Run("predict", func(t *testing.T) {
		stdout, stderr, err := runCLI(t, "", "predict", "--model", out, "--text", "neuron 貓", "--top", "3")
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		var p struct {
			Steps []struct {
				T    int    `json:"t"`
				Char string `json:"char"`
				Next []struct {
					Char string  `json:"char"`
					P    float64 `json:"p"`
				} `json:"next"`
			} `json:"steps"`
		}
		if err := json.Unmarshal([]byte(lastLine(stdout)), &p); err != nil {
			t.Fatal(err)
		}
		chars := []rune("neuron 貓")
		if len(p.Steps) != len(chars) {
			t.Fatalf("%d steps, want %d", len(p.Steps), len(chars))
		}
		for k, st := range p.Steps {
			if st.T != k+1 || st.Char != string(chars[k]) || len(st.Next) != 3 {
				t.Errorf("step %+v", st)
			}
			for i := 1; i < len(st.Next); i++ {
				if st.Next[i].P > st.Next[i-1].P {
					t.Errorf("step %d: not most likely first: %+v", k+1, st.Next)
				}
			}
		}
		// Over the whole vocabulary the probabilities sum to 1; --top
		// beyond it lists every character once.
		stdout, _, err = runCLI(t, "", "predict", "--model", out, "--text", "n", "--top", "1000")
		if err != nil {
			t.Fatal(err)
		}
		json.Unmarshal([]byte(lastLine(stdout)), &p)
		seen, total := map[string]bool{}, 0.0
		for _, n := range p.Steps[0].Next {
			seen[n.Char] = true
			total += n.P
		}
		if len(p.Steps[0].Next) != s.Vocab || len(seen) != s.Vocab || math.Abs(total-1) > 1e-12 {
			t.Errorf("%d characters (%d distinct) summing to %v, want %d summing to 1", len(p.Steps[0].Next), len(seen), total, s.Vocab)
		}
		// A character outside the vocabulary is named.
		_, _, err = runCLI(t, "", "predict", "--model", out, "--text", "neuron狗")
		if err == nil || !strings.Contains(err.Error(), "狗") || strings.Contains(err.Error(), "\n") {
			t.Errorf("unknown character: %v", err)
		}
	})
}

func TestTrainTextErrors(t *testing.T) {
	many := make([]rune, 600)
	for k := range many {
		many[k] = rune(0x4e00 + k)
	}
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "empty"},
		{"not UTF-8", []byte("the neuron\xff reads"), "UTF-8"},
		{"vocabulary over 512", []byte(strings.Repeat(string(many), 2)), "512"},
		{"too short", []byte("neuron"), "at least"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := writeFile(t, "t.txt", tc.data)
			out := filepath.Join(t.TempDir(), "m.json")
			_, _, err := runCLI(t, "", trainTextArgs(text, out)...)
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %v, want one line naming %q", err, tc.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a model file was written")
			}
		})
	}
	if _, _, err := runCLI(t, "", trainTextArgs(filepath.Join(t.TempDir(), "none.txt"), "m.json")...); err == nil {
		t.Error("a missing file trained")
	}
}

func TestTextFlags(t *testing.T) {
	text := writeFile(t, "sample.txt", []byte(sampleText()))
	price := writeFile(t, "price.json", nil)
	m := seeded(t)
	b, _ := modelfile.Encode(m, nil, modelfile.Meta{})
	os.WriteFile(price, b, 0o644)
	tests := map[string][]string{
		"with stock":      append(trainTextArgs(text, "m.json"), "--stock", "2330"),
		"with features":   append(trainTextArgs(text, "m.json"), "--features", "ohlcv"),
		"no cell":         {"train", "--text", text, "--units", "4", "--steps", "5", "--epochs", "1", "--out", "m.json"},
		"no out":          {"train", "--text", text, "--cell", "rnn", "--units", "4", "--steps", "5", "--epochs", "1"},
		"zero units":      {"train", "--text", text, "--cell", "rnn", "--units", "0", "--steps", "5", "--epochs", "1", "--out", "m.json"},
		"predict none":    {"predict"},
		"predict text":    {"predict", "--model", price},
		"predict top":     {"predict", "--model", price, "--text", "a", "--top", "0"},
		"predict extra":   {"predict", "--model", price, "--text", "a", "b"},
		"predict unknown": {"predict", "--model", price, "--text", "a", "--temperature", "1"},
	}
	for name, args := range tests {
		t.Run(name, func(t *testing.T) {
			_, _, err := runCLI(t, "", args...)
			var u usageError
			if !errors.As(err, &u) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %v, want a one-line usage error", err)
			}
		})
	}
	// A price model has no vocabulary.
	if _, _, err := runCLI(t, "", "predict", "--model", price, "--text", "a"); err == nil || !strings.Contains(err.Error(), "not a next-character model") {
		t.Errorf("price model: %v", err)
	}
}

func seeded(t *testing.T) *nn.Model {
	t.Helper()
	m, err := nn.NewSeeded(nn.LSTM, 2, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
