package lecture

import (
	"math"
	"testing"

	"unroll/core/series"
)

// The step-through trace of a text gives the same distributions as
// NextChars, the numbers `unroll predict` prints.
func TestTraceTextSameAsNextChars(t *testing.T) {
	v, err := series.NewVocab("neuron network")
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewTextModel("gru", 5, v.Size(), 3, Page)
	if err != nil {
		t.Fatal(err)
	}
	tt, err := TraceText(m, CharSetOf(v), "neuron", 3, Page)
	if err != nil {
		t.Fatal(err)
	}
	want, err := NextChars(m, v, "neuron", Page)
	if err != nil {
		t.Fatal(err)
	}
	if tt.Model != m || len(tt.Next.Probs) != 6 || len(tt.Result.Outputs) != 6 {
		t.Fatalf("model %p (want %p), %d distributions, %d outputs", tt.Model, m, len(tt.Next.Probs), len(tt.Result.Outputs))
	}
	var worst float64
	for s := range want {
		for k := range want[s] {
			worst = max(worst, math.Abs(tt.Next.Probs[s][k]-want[s][k]))
		}
	}
	if top := tt.Next.Top[5]; len(top) != NextTop || tt.Next.Probs[5][top[0]] < tt.Next.Probs[5][top[1]] {
		t.Errorf("top %v of %v", top, tt.Next.Probs[5])
	}
	if worst > 0 {
		t.Errorf("largest difference from NextChars %g, want 0", worst)
	}
	if _, err := TraceText(m, CharSetOf(v), "neural", 3, Page); err == nil || err.(*Error).Code != CodeUnknownChar {
		t.Errorf("a character outside the vocabulary: %v, want %s", err, CodeUnknownChar)
	}
}

// A model without a vocabulary stands for the seeded text model over the
// text's own characters, so the same settings give the same numbers.
func TestTraceTextSeeded(t *testing.T) {
	m, err := NewModel("lstm", 4, 1, 9, Page.Units, Page)
	if err != nil {
		t.Fatal(err)
	}
	a, err := TraceText(m, nil, "我愛貓", 9, Page)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := TraceText(m, nil, "我愛貓", 9, Page)
	if a.Model.Inputs() != 3 || a.Model.Outputs() != 3 || a.Next.Probs[2][1] != b.Next.Probs[2][1] {
		t.Errorf("inputs %d outputs %d; probabilities %v and %v", a.Model.Inputs(), a.Model.Outputs(), a.Next.Probs[2], b.Next.Probs[2])
	}
	if got := a.Input.Tokens; len(got) != 3 || a.Input.Vocab[got[2]] != "貓" {
		t.Errorf("tokens %v of vocabulary %v", got, a.Input.Vocab)
	}
}
