package bridge

import (
	"encoding/json"
	"math"
	"testing"
)

// A text traced with a seeded model of prices reads one-hot characters with
// a seeded next-character model over the text's vocabulary: an output and a
// distribution at every step, each summing to 1.
func TestTraceText(t *testing.T) {
	e := New()
	mustOK(t, e, "set_model", `{"spec":{"cell":"lstm","units":3,"seed":7}}`)
	var res struct {
		Model struct {
			Inputs  int `json:"inputs"`
			Outputs int `json:"outputs"`
			Params  struct {
				I int `json:"i"`
			} `json:"params"`
		} `json:"model"`
		Input struct {
			Kind   string   `json:"kind"`
			Chars  []string `json:"chars"`
			Tokens []int    `json:"tokens"`
			Vocab  []string `json:"vocab"`
		} `json:"input"`
		Steps   []struct{ X []float64 } `json:"steps"`
		Output  []float64               `json:"output"`
		Outputs [][]float64             `json:"outputs"`
		Probs   [][]float64             `json:"probs"`
	}
	decode2(t, mustOK(t, e, "trace", `{"input":{"kind":"text","text":"貓愛我 neuron"}}`), &res)
	V := len(res.Input.Vocab)
	if V != 9 || res.Model.Inputs != V || res.Model.Outputs != V || res.Model.Params.I != V {
		t.Fatalf("vocab %v, model %+v: want 9 characters in and out", res.Input.Vocab, res.Model)
	}
	if len(res.Steps) != 10 || len(res.Outputs) != 10 || len(res.Probs) != 10 {
		t.Fatalf("steps %d outputs %d probs %d, want 10", len(res.Steps), len(res.Outputs), len(res.Probs))
	}
	for k, st := range res.Steps {
		if st.X[res.Input.Tokens[k]] != 1 || res.Input.Vocab[res.Input.Tokens[k]] != res.Input.Chars[k] {
			t.Errorf("step %d: x %v, token %d, char %q", k+1, st.X, res.Input.Tokens[k], res.Input.Chars[k])
		}
		var sum float64
		for _, p := range res.Probs[k] {
			sum += p
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("step %d: probabilities sum to %v", k+1, sum)
		}
	}
	if res.Output[0] != res.Outputs[9][0] {
		t.Errorf("output %v is not the last of outputs %v", res.Output, res.Outputs[9])
	}
	// The model of a price sequence is untouched: it still traces numbers.
	mustOK(t, e, "trace", `{"input":{"kind":"seq","text":"0.1,0.2"}}`)
}

// A trained next-character model reads only its own characters.
func TestTrainTextThenTrace(t *testing.T) {
	e := New()
	text := "neuron network neural neuron network neural nets run on neurons. "
	mustOK(t, e, "train_text_prepare", jsonOf(t, map[string]any{"text": text + text + text, "steps": 6,
		"model": map[string]any{"cell": "rnn", "units": 4, "seed": 1}, "train": map[string]any{"epochs": 2, "batch": 8}}))
	var run struct {
		Done  bool `json:"done"`
		Model *struct {
			Source string `json:"source"`
		} `json:"model"`
	}
	for k := 0; k < 100 && !run.Done; k++ {
		decode2(t, mustOK(t, e, "train_run", `{"batches":3}`), &run)
	}
	if !run.Done || run.Model == nil || run.Model.Source != "trained" {
		t.Fatalf("training did not end with a trained model: %+v", run)
	}
	var tr struct {
		Probs  [][]float64 `json:"probs"`
		Bigram *struct {
			Probs [][]float64 `json:"probs"`
			Top   [][]int     `json:"top"`
		} `json:"bigram"`
	}
	decode2(t, mustOK(t, e, "trace", `{"input":{"kind":"text","text":"neuro"}}`), &tr)
	if tr.Bigram == nil || len(tr.Bigram.Probs) != 5 || len(tr.Bigram.Top[4]) != 5 {
		t.Fatalf("a trained model's trace has no bigram baseline beside its %d distributions", len(tr.Probs))
	}
	for s, row := range tr.Bigram.Probs {
		var sum float64
		for _, p := range row {
			sum += p
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("step %d: the bigram row sums to %v", s+1, sum)
		}
	}
	if _, err := call(t, e, "train_text_prepare", `{"demo":"neuron","steps":5}`); err == nil || err.Code != "bad_request" {
		t.Errorf("a demo with settings of its own: %v, want bad_request", err)
	}
	if _, err := call(t, e, "trace", `{"input":{"kind":"text","text":"貓"}}`); err == nil || err.Code != "unknown_char" {
		t.Errorf("a character outside the vocabulary: %v, want unknown_char", err)
	}
	var ex struct {
		File string `json:"file"`
	}
	decode2(t, mustOK(t, e, "export_model", `{}`), &ex)
	var f struct {
		Vocab []string `json:"vocab"`
	}
	if err := json.Unmarshal([]byte(ex.File), &f); err != nil || len(f.Vocab) == 0 {
		t.Errorf("the exported file has no vocabulary: %v %v", err, f.Vocab)
	}
}

func decode2(t *testing.T, raw json.RawMessage, v any) {
	t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("%v\n%s", err, raw)
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
