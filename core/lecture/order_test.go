package lecture

import (
	"reflect"
	"slices"
	"testing"
)

// TestOrderDemo: 我愛貓 and 貓愛我 are the same bag of words, so the
// feed-forward network's input, and so its output, are identical; the
// recurrent network reads them in order and tells them apart.
func TestOrderDemo(t *testing.T) {
	for _, cell := range []string{"rnn", "lstm", "gru"} {
		t.Run(cell, func(t *testing.T) {
			o, err := OrderDemo(OrderSpec{Cell: cell, Seed: 7}, Page)
			if err != nil {
				t.Fatal(err)
			}
			a, b := o.Sentences[0], o.Sentences[1]
			if a.Text != "我愛貓" || b.Text != "貓愛我" || len(o.Vocab) != 3 {
				t.Fatalf("sentences %q %q, vocab %q", a.Text, b.Text, o.Vocab)
			}
			if !reflect.DeepEqual(a.Bag, []float64{1, 1, 1}) || !reflect.DeepEqual(a.Bag, b.Bag) || !o.SameBag {
				t.Errorf("bags %v and %v, same %v; want both [1 1 1]", a.Bag, b.Bag, o.SameBag)
			}
			if !reflect.DeepEqual(a.FeedForward, b.FeedForward) {
				t.Errorf("feed-forward outputs %v and %v differ", a.FeedForward, b.FeedForward)
			}
			rev := slices.Clone(a.Tokens)
			slices.Reverse(rev)
			if !slices.Equal(rev, b.Tokens) || o.SameOneHot {
				t.Errorf("tokens %v and %v, same %v", a.Tokens, b.Tokens, o.SameOneHot)
			}
			if reflect.DeepEqual(a.OneHot, b.OneHot) || reflect.DeepEqual(a.Recurrent, b.Recurrent) {
				t.Errorf("the recurrent network reads or answers the same: %v %v", a.Recurrent, b.Recurrent)
			}
			for _, p := range [][]float64{a.FeedForward, a.Recurrent, b.Recurrent} {
				if len(p) != 2 || !(p[0] > 0 && p[1] > 0) || p[0]+p[1] < 1-1e-15 || p[0]+p[1] > 1+1e-15 {
					t.Errorf("output %v is not a distribution over 2 classes", p)
				}
			}
		})
	}
}

func TestBagOfWords(t *testing.T) {
	o, err := OrderDemo(OrderSpec{Sentences: []string{"貓愛貓", "愛貓貓", "我"}, Classes: 3, Seed: 1}, Page)
	if err != nil {
		t.Fatal(err)
	}
	// Vocabulary in code-point order: 我 U+6211, 愛 U+611B, 貓 U+8C93 → 愛 我 貓.
	if !slices.Equal(o.Vocab, []string{"愛", "我", "貓"}) {
		t.Fatalf("vocab %q", o.Vocab)
	}
	if got := o.Sentences[0].Bag; !slices.Equal(got, []float64{1, 0, 2}) || !slices.Equal(o.Sentences[1].Bag, got) || o.SameBag {
		t.Errorf("bags %v %v %v, same %v", got, o.Sentences[1].Bag, o.Sentences[2].Bag, o.SameBag)
	}
	if !slices.Equal(o.Sentences[0].FeedForward, o.Sentences[1].FeedForward) || slices.Equal(o.Sentences[0].FeedForward, o.Sentences[2].FeedForward) {
		t.Errorf("feed-forward outputs %v", o.Sentences)
	}
	for _, bad := range []OrderSpec{{Sentences: []string{"我", ""}}, {Cell: "cnn"}, {Classes: 1}, {Units: 1000}} {
		if _, err := OrderDemo(bad, Page); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}
