package lecture

import (
	"math"
	"math/rand/v2"
	"strconv"

	"unroll/core/msg"
	"unroll/core/nn"
	"unroll/core/series"
)

// Softmax writes the softmax of logits into dst (the same length; dst may be
// logits): exp(o_k − max) / Σ exp(o_j − max).
func Softmax(dst, logits []float64) {
	top := math.Inf(-1)
	for _, v := range logits {
		top = max(top, v)
	}
	var sum float64
	for k, v := range logits {
		dst[k] = math.Exp(v - top)
		sum += dst[k]
	}
	for k := range dst {
		dst[k] /= sum
	}
}

// encodeKnown maps text to indices of v, naming the first character v does
// not hold.
func encodeKnown(v *series.Vocab, text string) ([]int, error) {
	seq := make([]int, 0, len(text))
	for _, r := range text {
		k, ok := v.Index(r)
		if !ok {
			return nil, NewError(CodeUnknownChar,
				msg.Sprintf("The character %q is not in the model's vocabulary.", r),
				msg.Sprintf("字元「%c」不在模型的字彙表裡。", r),
				map[string]any{"char": string(r), "index": len(seq) + 1})
		}
		seq = append(seq, k)
	}
	return seq, nil
}

// checkTextModel reports a model that is not a next-character model of v:
// one-hot inputs and outputs of v's size, returning sequences.
func checkTextModel(m *nn.Model, v *series.Vocab) error {
	if v == nil {
		return InvalidModel("not a next-character model (it has no vocabulary)")
	}
	if m.Inputs() != v.Size() || m.Outputs() != v.Size() || !m.ReturnSequences() {
		return InvalidModel("not a next-character model of this vocabulary (inputs and outputs must be its %d characters, at every step)", v.Size())
	}
	return nil
}

// NextChars runs m once over text, character by character (one-hot over v),
// and returns after each character the model's distribution of the next one:
// the softmax of the head's outputs, [len][V], each row summing to 1. The
// text must be 1 … lim.Context characters of v.
func NextChars(m *nn.Model, v *series.Vocab, text string, lim Limits) ([][]float64, error) {
	if err := checkTextModel(m, v); err != nil {
		return nil, err
	}
	seq, err := encodeKnown(v, text)
	if err != nil {
		return nil, err
	}
	if len(seq) == 0 {
		return nil, NewError(CodeTextEmpty, "The text is empty.", "文字是空的。", nil)
	}
	if len(seq) > lim.Context {
		return nil, contextTooLong(len(seq), lim)
	}
	x, err := v.Vectors(seq)
	if err != nil {
		return nil, NewError(CodeInternal, err.Error(), err.Error(), nil)
	}
	out, err := m.Predict([][][]float64{x})
	if err != nil {
		return nil, NewError(CodeInternal, "Prediction failed: "+err.Error(), "預測失敗："+err.Error(), nil)
	}
	for _, o := range out[0] {
		Softmax(o, o)
	}
	return out[0], nil
}

func contextTooLong(n int, lim Limits) *Error {
	return NewError(CodeTextTooLong,
		"The model reads at most "+strconv.Itoa(lim.Context)+" characters at a time; this is "+strconv.Itoa(n)+".",
		"模型一次最多讀 "+strconv.Itoa(lim.Context)+" 個字元，這裡有 "+strconv.Itoa(n)+" 個。",
		map[string]any{"count": n, "max": lim.Context})
}

// CharProb is a character and its probability.
type CharProb struct {
	Char string  `json:"char"`
	P    float64 `json:"p"`
}

// Top is the k most likely characters of a distribution p over v, most
// likely first (ties: the earlier in the vocabulary).
func Top(v *series.Vocab, p []float64, k int) []CharProb {
	var out []CharProb
	for _, c := range topIndices(p, k) {
		out = append(out, CharProb{Char: string(v.Runes[c]), P: p[c]})
	}
	return out
}

// topIndices are the indices of the k largest values of p, largest first
// (ties: the earlier index).
func topIndices(p []float64, k int) []int {
	idx := identity(len(p))
	// A stable selection: k passes of the largest remaining.
	k = min(k, len(p))
	out := make([]int, 0, k)
	for range k {
		best := -1
		for i, c := range idx {
			if c >= 0 && (best < 0 || p[c] > p[idx[best]]) {
				best = i
			}
		}
		out = append(out, idx[best])
		idx[best] = -1
	}
	return out
}

// genStream is the second PCG word of a generation's draws, so that a seed
// used for a model's weights draws different numbers here.
const genStream = 0x6765_6e65_7261_7465 // "generate"

// GenSpec is one generation (one-to-many).
type GenSpec struct {
	Prompt string `json:"prompt"` // at least one character of the vocabulary
	Chars  int    `json:"chars"`  // characters to write after it
	// Temperature 0 takes the most likely character every time (greedy);
	// above 0 draws from softmax(o / Temperature), seeded by Seed.
	Temperature float64 `json:"temperature"`
	Seed        uint64  `json:"seed"`
}

// Generate writes spec.Chars characters after spec.Prompt, one at a time:
// after reading the prompt and what it wrote so far (NextChars), it chooses
// the next character (greedy, or drawn with the temperature) and feeds it
// back as the next input. Prompt and result together are at most
// lim.Context characters. The same spec gives the same text. Each character
// reads the whole text again from the first step (a pass of the prompt's
// length plus what was written), so a generation costs about
// Chars × (len(Prompt) + Chars/2) steps.
func Generate(m *nn.Model, v *series.Vocab, spec GenSpec, lim Limits) (string, error) {
	if err := checkTextModel(m, v); err != nil {
		return "", err
	}
	seq, err := encodeKnown(v, spec.Prompt)
	if err != nil {
		return "", err
	}
	switch {
	case len(seq) == 0:
		return "", NewError(CodeTextEmpty, "Give at least one character to start from.", "請至少給一個開頭的字元。", nil)
	case spec.Chars < 0 || len(seq)+spec.Chars > lim.Context:
		return "", contextTooLong(len(seq)+spec.Chars, lim)
	case !(spec.Temperature >= 0) || math.IsInf(spec.Temperature, 0):
		return "", BadRequest("temperature %v is not a number ≥ 0", spec.Temperature)
	}
	rng := rand.New(rand.NewPCG(spec.Seed, genStream))
	ws := m.NewWorkspace(1, len(seq)+spec.Chars)
	onehot, err := v.Vectors(identity(v.Size()))
	if err != nil {
		return "", NewError(CodeInternal, err.Error(), err.Error(), nil)
	}
	x := make([][]float64, 0, len(seq)+spec.Chars)
	for _, k := range seq {
		x = append(x, onehot[k])
	}
	out := make([]rune, 0, spec.Chars)
	p := make([]float64, v.Size())
	for range spec.Chars {
		o, err := ws.Predict([][][]float64{x})
		if err != nil {
			return "", NewError(CodeInternal, "Prediction failed: "+err.Error(), "預測失敗："+err.Error(), nil)
		}
		last := o[0][len(x)-1]
		next := series.Argmax(last)
		if spec.Temperature > 0 {
			for k, l := range last {
				p[k] = l / spec.Temperature
			}
			Softmax(p, p)
			next = draw(p, rng.Float64())
		}
		out = append(out, v.Runes[next])
		x = append(x, onehot[next])
	}
	return string(out), nil
}

// draw is the index where the running sum of p first exceeds u ∈ [0, 1).
func draw(p []float64, u float64) int {
	var sum float64
	for k, v := range p {
		sum += v
		if u < sum {
			return k
		}
	}
	return len(p) - 1
}
