package lecture

import (
	"math"
	"testing"
)

// The neuron demo: trained with its seed, its LSTM reads "neuron" and, at
// "r", puts the "o" of neuron above what the bigram table says follows "r".
func TestNeuronDemo(t *testing.T) {
	j, err := PrepareText(TextSpec{Demo: "neuron"}, Page)
	if err != nil {
		t.Fatal(err)
	}
	for !j.Over() {
		if _, err := j.Step(1000); err != nil {
			t.Fatal(err)
		}
	}
	cs := j.CharSet()
	tt, err := TraceText(j.Model, cs, "neuron", 0, Page)
	if err != nil {
		t.Fatal(err)
	}
	v := cs.Vocab
	for s, k := range tt.Input.Tokens {
		rnn, bi := tt.Next.Top[s][0], tt.Next.Bigram.Top[s][0]
		t.Logf("after %q: RNN %q %.3f, bigram %q %.3f", string(v.Runes[k]), string(v.Runes[rnn]), tt.Next.Probs[s][rnn], string(v.Runes[bi]), tt.Next.Bigram.Probs[s][bi])
	}
	r, o := 3, 4 // "neu r" → "o"
	oi := tt.Input.Tokens[o]
	if tt.Next.Top[r][0] != oi {
		t.Errorf("after neur the RNN's first choice is %q, want o", string(v.Runes[tt.Next.Top[r][0]]))
	}
	if tt.Next.Bigram.Top[r][0] == oi {
		t.Errorf("the bigram table's first choice after r is o: the corpus does not show the point")
	}
	var sum float64
	for _, p := range tt.Next.Bigram.Probs[r] {
		sum += p
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Errorf("the bigram row of r sums to %v", sum)
	}
	if got, want := j.Data.Bigram()[tt.Input.Tokens[r]], tt.Next.Bigram.Top[r][0]; got != want {
		t.Errorf("BigramProbs' first choice after r %d, Bigram's %d", want, got)
	}
}
