package bridge

import (
	"testing"
	"unicode/utf8"
)

// generate writes with the last trained next-character model: greedy, every
// character is the one the model's trace of the written text puts first after
// the one before; sampled, the same seed writes the same text.
func TestGenerate(t *testing.T) {
	e := New()
	if _, err := call(t, e, "generate", `{"prompt":"n","chars":5}`); err == nil || err.Code != CodeNoModel {
		t.Fatalf("generate before a training: %v, want %s", err, CodeNoModel)
	}
	text := "neuron network neural neuron network neural nets run on neurons. "
	mustOK(t, e, "train_text_prepare", jsonOf(t, map[string]any{"text": text + text + text, "steps": 6,
		"model": map[string]any{"cell": "gru", "units": 4, "seed": 2}, "train": map[string]any{"epochs": 2, "batch": 8}}))
	var run struct {
		Done bool `json:"done"`
	}
	for k := 0; k < 100 && !run.Done; k++ {
		decode2(t, mustOK(t, e, "train_run", `{"batches":5}`), &run)
	}
	// A seeded model of prices becomes current: generate still writes with the trained one.
	mustOK(t, e, "set_model", `{"spec":{"cell":"rnn","units":2,"seed":1}}`)
	var g struct {
		Prompt string `json:"prompt"`
		Text   string `json:"text"`
	}
	decode2(t, mustOK(t, e, "generate", `{"prompt":"n","chars":12}`), &g)
	if g.Prompt != "n" || utf8.RuneCountInString(g.Text) != 12 {
		t.Fatalf("generate: %+v, want 12 characters after n", g)
	}
	mustOK(t, e, "use_model", `{"source":"trained"}`)
	var tr struct {
		Input struct {
			Tokens []int `json:"tokens"`
		} `json:"input"`
		Top [][]int `json:"top"`
	}
	decode2(t, mustOK(t, e, "trace", jsonOf(t, map[string]any{"input": map[string]any{"kind": "text", "text": g.Prompt + g.Text}})), &tr)
	for s := 0; s < 12; s++ {
		if tr.Top[s][0] != tr.Input.Tokens[s+1] {
			t.Errorf("step %d: greedy wrote token %d, the trace puts %d first", s+1, tr.Input.Tokens[s+1], tr.Top[s][0])
		}
	}
	sampled := `{"prompt":"ne","chars":20,"temperature":0.8,"seed":5}`
	a, b := mustOK(t, e, "generate", sampled), mustOK(t, e, "generate", sampled)
	if string(a) != string(b) {
		t.Errorf("the same seed wrote %s and %s", a, b)
	}
	for args, code := range map[string]string{
		`{"prompt":"貓","chars":3}`:                      "unknown_char",
		`{"prompt":"","chars":3}`:                       "text_empty",
		`{"prompt":"n","chars":3,"temperature":-1}`:     CodeBadRequest,
		`{"prompt":"n","chars":3,"temperature":"warm"}`: CodeBadRequest,
	} {
		if _, err := call(t, e, "generate", args); err == nil || err.Code != code {
			t.Errorf("generate %s: %v, want %s", args, err, code)
		}
	}
}
