package lecture

import (
	"strconv"

	"unroll/core/nn"
	"unroll/core/series"
)

// TextInput is a text read one character a step by a next-character model:
// step t's input x_t is the one-hot vector of its character, whose one 1
// sits at Tokens[t−1]. A one-hot x_t makes U x_t the column of U for that
// character.
type TextInput struct {
	Chars  []string    `json:"chars"`  // the characters, one per step
	Tokens []int       `json:"tokens"` // their vocabulary indices
	Vocab  []string    `json:"vocab"`  // the model's characters, index k = input k = output k
	X      [][]float64 `json:"-"`      // [T][V] the one-hot rows
}

// ReadText reads text for a next-character model of vocabulary v: one step
// per character, at most lim.SeqSteps of them. A nil v means the text's own
// vocabulary (CheckText), which ReadText returns; a character outside v is
// an error naming it.
func ReadText(text string, v *series.Vocab, lim Limits) (*TextInput, *series.Vocab, error) {
	var (
		seq []int
		err error
	)
	if v == nil {
		v, seq, err = CheckText(text, lim)
	} else if seq, err = encodeKnown(v, text); err == nil && len(seq) == 0 {
		err = NewError(CodeTextEmpty, "The text is empty.", "文字是空的。", nil)
	}
	if err != nil {
		return nil, nil, err
	}
	if n := len(seq); n > lim.SeqSteps {
		return nil, nil, NewError(CodeSeqTooLong,
			"The text has "+strconv.Itoa(n)+" characters; one trace reads at most "+strconv.Itoa(lim.SeqSteps)+".",
			"文字有 "+strconv.Itoa(n)+" 個字元，一次最多只能展開 "+strconv.Itoa(lim.SeqSteps)+" 個。",
			map[string]any{"count": n, "max": lim.SeqSteps})
	}
	in := &TextInput{Tokens: seq}
	for _, k := range seq {
		in.Chars = append(in.Chars, string(v.Runes[k]))
	}
	for _, r := range v.Runes {
		in.Vocab = append(in.Vocab, string(r))
	}
	if in.X, err = v.Vectors(seq); err != nil {
		return nil, nil, NewError(CodeInternal, err.Error(), err.Error(), nil)
	}
	return in, v, nil
}

// TextTrace is the trace of a text: the model that read it, the text as
// read, the trace and the model's distribution of the next character after
// every step.
type TextTrace struct {
	Model  *nn.Model
	Input  *TextInput
	Result *nn.TraceResult
	Next   *TextNext
}

// NextTop is how many likely next characters the page lists after each one.
const NextTop = 5

// TextNext is a next-character model's distribution after every character.
type TextNext struct {
	Probs [][]float64 `json:"probs"` // [T][V]: the softmax of o_t, each row summing to 1
	Top   [][]int     `json:"top"`   // [T][NextTop]: the most likely indices, most likely first
	// Bigram is the bigram baseline's distribution after each character
	// (the row of the current character only), when the model's training
	// text is known.
	Bigram *TextNext `json:"bigram,omitempty"`
}

// NextOf is the TextNext of distributions p [T][V].
func NextOf(p [][]float64) *TextNext {
	n := &TextNext{Probs: p}
	for _, row := range p {
		n.Top = append(n.Top, topIndices(row, NextTop))
	}
	return n
}

// TraceText traces text in the step-through view. The model reading it is m
// itself when m is a next-character model of cs (then its bigram baseline,
// if known, comes along); otherwise (a model of prices or of typed numbers,
// cs nil) the seeded next-character
// model of m's cell and units with this seed over the text's own vocabulary
// (NewTextModel), so the same settings and text always give the same model.
func TraceText(m *nn.Model, cs *CharSet, text string, seed uint64, lim Limits) (*TextTrace, error) {
	var (
		in  *TextInput
		err error
		v   = cs.Vocabulary()
	)
	if v != nil {
		if err = checkTextModel(m, v); err == nil {
			in, _, err = ReadText(text, v, lim)
		}
	} else if in, v, err = ReadText(text, nil, lim); err == nil {
		r := m.Layers[0]
		cell := map[nn.Cell]string{nn.SimpleRNN: "rnn", nn.LSTM: "lstm", nn.GRU: "gru"}[r.Cell]
		m, err = NewTextModel(cell, r.Units, v.Size(), seed, lim)
	}
	if err != nil {
		return nil, err
	}
	tr, err := m.Trace(in.X)
	if err != nil {
		return nil, NewError(CodeInternal, "The trace failed: "+err.Error(), "展開失敗："+err.Error(), nil)
	}
	res := nn.NewTraceResult(m, tr)
	next := NextOf(SoftmaxRows(res.Outputs))
	if cs != nil && cs.Bigram != nil {
		rows := make([][]float64, len(in.Tokens))
		for t, k := range in.Tokens {
			rows[t] = cs.Bigram[k]
		}
		next.Bigram = NextOf(rows)
	}
	return &TextTrace{Model: m, Input: in, Result: res, Next: next}, nil
}

// SoftmaxRows is the softmax of every row of logits: a next-character
// model's distribution after each character, each row summing to 1.
func SoftmaxRows(logits [][]float64) [][]float64 {
	out := make([][]float64, len(logits))
	for t, o := range logits {
		out[t] = make([]float64, len(o))
		Softmax(out[t], o)
	}
	return out
}
