package series

import (
	"errors"
	"slices"
	"unicode/utf8"

	"unroll/core/msg"
)

// Vocab is the sorted set of distinct characters (runes) of a text, for the
// character examples: index k stands for Runes[k].
type Vocab struct {
	Runes []rune `json:"runes"` // sorted, distinct
	index map[rune]int
}

// NewVocab collects the distinct runes of text, sorted by code point.
func NewVocab(text string) (*Vocab, error) {
	if text == "" {
		return nil, errors.New("series: empty text")
	}
	seen := map[rune]bool{}
	var runes []rune
	for _, r := range text {
		if !seen[r] {
			seen[r] = true
			runes = append(runes, r)
		}
	}
	slices.Sort(runes)
	v := &Vocab{Runes: runes, index: make(map[rune]int, len(runes))}
	for k, r := range runes {
		v.index[r] = k
	}
	return v, nil
}

// VocabOf is the vocabulary of the given characters, which must be valid,
// distinct and in increasing code-point order (NewVocab's order), as a model
// file stores them.
func VocabOf(runes []rune) (*Vocab, error) {
	if len(runes) == 0 {
		return nil, errors.New("series: empty vocabulary")
	}
	v := &Vocab{Runes: slices.Clone(runes), index: make(map[rune]int, len(runes))}
	for k, r := range runes {
		if !utf8.ValidRune(r) {
			return nil, msg.Errorf("series: %U is not a character", r)
		}
		if k > 0 && r <= runes[k-1] {
			return nil, msg.Errorf("series: %q after %q: the characters must be distinct and in increasing order", r, runes[k-1])
		}
		v.index[r] = k
	}
	return v, nil
}

// VocabOfChars is VocabOf of characters written one per string, as a model
// file stores them: every entry must be exactly one valid character.
func VocabOfChars(chars []string) (*Vocab, error) {
	runes := make([]rune, len(chars))
	for k, c := range chars {
		r, size := utf8.DecodeRuneInString(c)
		if c == "" || size != len(c) || r == utf8.RuneError {
			return nil, msg.Errorf("series: entry %d (%q) is not one character", k, c)
		}
		runes[k] = r
	}
	return VocabOf(runes)
}

// Size is the number of distinct characters.
func (v *Vocab) Size() int { return len(v.Runes) }

// Index is the position of r in the vocabulary.
func (v *Vocab) Index(r rune) (int, bool) {
	if v.index == nil { // decoded from JSON
		v.index = make(map[rune]int, len(v.Runes))
		for k, r := range v.Runes {
			v.index[r] = k
		}
	}
	k, ok := v.index[r]
	return k, ok
}

// Encode maps text to vocabulary indices.
func (v *Vocab) Encode(text string) ([]int, error) {
	var seq []int
	for _, r := range text {
		k, ok := v.Index(r)
		if !ok {
			return nil, msg.Errorf("series: character %q is not in the vocabulary", r)
		}
		seq = append(seq, k)
	}
	return seq, nil
}

// Decode maps indices back to text.
func (v *Vocab) Decode(seq []int) (string, error) {
	out := make([]rune, len(seq))
	for k, i := range seq {
		if i < 0 || i >= len(v.Runes) {
			return "", msg.Errorf("series: index %d out of range 0..%d", i, len(v.Runes)-1)
		}
		out[k] = v.Runes[i]
	}
	return string(out), nil
}

// Vectors one-hot encodes indices: row k has a 1 at column seq[k], zeros
// elsewhere, and Size() columns.
func (v *Vocab) Vectors(seq []int) ([][]float64, error) {
	n := len(v.Runes)
	flat := make([]float64, len(seq)*n)
	out := make([][]float64, len(seq))
	for k, i := range seq {
		if i < 0 || i >= n {
			return nil, msg.Errorf("series: index %d out of range 0..%d", i, n-1)
		}
		out[k] = flat[k*n : (k+1)*n : (k+1)*n]
		out[k][i] = 1
	}
	return out, nil
}

// OneHot builds the vocabulary of text, the index of every character and its
// one-hot vector ([len][vocab size]).
func OneHot(text string) (*Vocab, []int, [][]float64, error) {
	v, err := NewVocab(text)
	if err != nil {
		return nil, nil, nil, err
	}
	seq, err := v.Encode(text)
	if err != nil {
		return nil, nil, nil, err
	}
	vec, err := v.Vectors(seq)
	if err != nil {
		return nil, nil, nil, err
	}
	return v, seq, vec, nil
}
