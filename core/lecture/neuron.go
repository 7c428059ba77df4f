package lecture

import "unroll/core/series"

// NeuronCorpus is the neuron demo's text, written for Unroll: short
// sentences about neurons, neural networks and recurrence. In it "r" is
// mostly followed by "e" (recurrent, remember, are, more …), but after
// "neu" it is followed by "o" or "a" (neuron, neural): a network that sees
// only the current character (the bigram table) cannot know which, a
// recurrent network that remembers "neu" can.
const NeuronCorpus = `a neuron reads a number and fires. a neural network is many neurons.
a recurrent network reads one character at a time and remembers the state.
the neuron remembers more than the last character: neu then r then o then n.
every neuron in a recurrent neural network reads the state before it.
we read, we remember, we predict the next character. neurons are simple.
a neural net learns. a neuron learns. the network predicts the neuron.
recurrent networks are neural networks with memory; the state returns.
here the neuron reads r and remembers neu, where a bigram reads r alone.
neural networks are trained; recurrent neurons remember their past.
a neuron, a neural network, a recurrent neuron: read, remember, predict.
`

// Demos are the built-in text demos, by name: the text and how the page
// trains on it (a deterministic seed, a few seconds in the page's worker).
var Demos = map[string]TextSpec{
	"neuron": {
		Text: NeuronCorpus, Name: "neuron", Steps: 12,
		Model: ModelSpec{Cell: "lstm", Units: 32, Seed: 1},
		Train: TrainSpec{Epochs: 40, Batch: 8, LR: 0.01, Optimizer: "adam"},
	},
}

// CharSet is what a next-character model reads and is compared with: its
// vocabulary and, for a model trained on a text here, that text's bigram
// table (the exact feed-forward baseline, TextData.BigramProbs).
type CharSet struct {
	Vocab  *series.Vocab
	Bigram [][]float64 // [V][V]; nil when the training text is not known
}

// CharSetOf is the CharSet of a vocabulary alone (a model file's), nil
// for none.
func CharSetOf(v *series.Vocab) *CharSet {
	if v == nil {
		return nil
	}
	return &CharSet{Vocab: v}
}

// Vocabulary is c's vocabulary; nil for a nil CharSet.
func (c *CharSet) Vocabulary() *series.Vocab {
	if c == nil {
		return nil
	}
	return c.Vocab
}

// CharSet is the trained model's vocabulary with the bigram table of its
// training part.
func (j *TextJob) CharSet() *CharSet {
	return &CharSet{Vocab: j.Data.Vocab, Bigram: j.Data.BigramProbs()}
}

// BigramProbs is the bigram table as probabilities: row c is the
// distribution of the character after c over the pairs Bigram counts (the
// training part), P(next | c) = count(c, next) / count(c, ·); a character
// never followed there gets the distribution of all training targets. Its
// most likely entries are Bigram's answers.
func (d *TextData) BigramProbs() [][]float64 {
	V := d.Vocab.Size()
	counts := make([][]float64, V)
	for c := range counts {
		counts[c] = make([]float64, V)
	}
	targets := make([]float64, V)
	for p := 1; p < d.Cut; p++ {
		counts[d.Seq[p-1]][d.Seq[p]]++
		targets[d.Seq[p]]++
	}
	for c, row := range counts {
		var n float64
		for _, v := range row {
			n += v
		}
		if n == 0 {
			row, n = append(row[:0], targets...), float64(d.Cut-1)
			counts[c] = row
		}
		for k := range row {
			row[k] /= n
		}
	}
	return counts
}
