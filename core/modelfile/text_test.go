package modelfile

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"unroll/core/nn"
	"unroll/core/series"
)

// textModel is a next-character model over v: one-hot inputs, a recurrent
// layer returning sequences and a Dense(V) head of logits.
func textModel(t *testing.T, v *series.Vocab) *nn.Model {
	t.Helper()
	m, err := nn.NewModel([]nn.LayerConfig{{Cell: nn.GRU, Units: 3, Inputs: v.Size(), ResetAfter: true, ReturnSequences: true}},
		nn.DenseConfig{Outputs: v.Size()})
	if err != nil {
		t.Fatal(err)
	}
	m.Init(3)
	return m
}

func TestTextRoundTrip(t *testing.T) {
	v, err := series.NewVocab("我愛貓，neuron")
	if err != nil {
		t.Fatal(err)
	}
	m := textModel(t, v)
	acc, base := 0.5, 0.25
	meta := Meta{Text: "a.txt", TextChars: 11, TimeSteps: 5, Split: []float64{0.9, 0, 0.1}, Loss: string(nn.SoftmaxCrossEntropy),
		Accuracy: &acc, BaselineAccuracy: &base}
	b, err := EncodeFile(&File{Model: m, Vocab: v, Softmax: true, Meta: meta})
	if err != nil {
		t.Fatal(err)
	}
	var w struct {
		Vocab  []string
		Layers []struct{ Type, Activation string }
	}
	if err := json.Unmarshal(b, &w); err != nil {
		t.Fatal(err)
	}
	// Keras reads the head as Dense(V, activation="softmax"); the characters
	// are written as text, in index order.
	if head := w.Layers[1]; head.Type != "Dense" || head.Activation != "softmax" {
		t.Errorf("head written as %+v, want a softmax Dense", head)
	}
	if strings.Join(w.Vocab, "") != string(v.Runes) {
		t.Errorf("vocab written as %q, want %q", w.Vocab, string(v.Runes))
	}
	f, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Softmax || f.Model.Head.Activation != nn.Linear || !reflect.DeepEqual(f.Vocab.Runes, v.Runes) || !reflect.DeepEqual(f.Meta, meta) {
		t.Errorf("decoded softmax %v, head %q, vocab %q, meta %+v", f.Softmax, f.Model.Head.Activation, string(f.Vocab.Runes), f.Meta)
	}
	if k, ok := f.Vocab.Index('貓'); !ok || k != slicesIndex(v.Runes, '貓') {
		t.Errorf("Index(貓) = %d, %v", k, ok)
	}
	for k, p := range m.Params() {
		if !reflect.DeepEqual(p.Value, f.Model.Params()[k].Value) {
			t.Errorf("%s differs after the round trip", p.Name)
		}
	}
	again, err := EncodeFile(f)
	if err != nil || !bytes.Equal(again, b) {
		t.Errorf("encoding the decoded file again differs (%v)", err)
	}
}

func slicesIndex(rs []rune, r rune) int {
	for k, x := range rs {
		if x == r {
			return k
		}
	}
	return -1
}

// A file without a vocabulary decodes as before: no vocabulary, no softmax.
func TestNoVocab(t *testing.T) {
	m := seeded(t, []nn.LayerConfig{{Cell: nn.LSTM, Units: 2, Inputs: 1}}, 1)
	b, err := Encode(m, nil, Meta{Stock: "2330"})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte(`"vocab"`)) || bytes.Contains(b, []byte("softmax")) {
		t.Errorf("a price model's file names a vocabulary or softmax: %s", b)
	}
	f, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if f.Vocab != nil || f.Softmax {
		t.Errorf("vocab %v, softmax %v", f.Vocab, f.Softmax)
	}
}

func TestVocabErrors(t *testing.T) {
	v, _ := series.NewVocab("abc")
	m := textModel(t, v)
	good, err := EncodeFile(&File{Model: m, Vocab: v, Softmax: true})
	if err != nil {
		t.Fatal(err)
	}
	edit := func(vocab []any) []byte {
		var w map[string]any
		json.Unmarshal(good, &w)
		w["vocab"] = vocab
		b, _ := json.Marshal(w)
		return b
	}
	for name, b := range map[string][]byte{
		"too few":        edit([]any{"a", "b"}),
		"two characters": edit([]any{"a", "b", "cd"}),
		"empty entry":    edit([]any{"a", "b", ""}),
		"unsorted":       edit([]any{"a", "c", "b"}),
		"repeated":       edit([]any{"a", "b", "b"}),
		"not strings":    edit([]any{1, 2, 3}),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := Decode(b); err == nil {
				t.Error("no error")
			}
		})
	}
	small, _ := series.NewVocab("ab")
	if _, err := EncodeFile(&File{Model: m, Vocab: small}); err == nil {
		t.Error("a vocabulary smaller than the inputs was encoded")
	}
	relu, _ := nn.NewModel([]nn.LayerConfig{{Cell: nn.SimpleRNN, Units: 2, Inputs: 3}}, nn.DenseConfig{Outputs: 3, Activation: nn.ReLU})
	if _, err := EncodeFile(&File{Model: relu, Softmax: true}); err == nil {
		t.Error("softmax over a relu head was encoded")
	}
}
