package lecture

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"unroll/core/series"
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

// TestOrderTask: trained on the order task, the recurrent network labels
// every sentence right, 我愛貓 and 貓愛我 differently, while the
// feed-forward network answers each pair alike and the best any bag-of-words
// network can do is one half.
func TestOrderTask(t *testing.T) {
	for _, cell := range []string{"rnn", "lstm", "gru"} {
		for _, seed := range []uint64{0, 1, 7, 42} {
			t.Run(fmt.Sprint(cell, seed), func(t *testing.T) {
				o, err := OrderDemo(OrderTaskSpec(cell, 4, seed), Page)
				if err != nil {
					t.Fatal(err)
				}
				if len(o.Sentences) != len(OrderTask) || o.Sentences[0].Text != "我愛貓" || o.Sentences[1].Text != "貓愛我" {
					t.Fatalf("sentences %v", o.Sentences)
				}
				for k, s := range o.Sentences {
					if s.Label != OrderTask[k].Label || series.Argmax(s.Recurrent) != s.Label {
						t.Errorf("%s: label %d, recurrent %v", s.Text, s.Label, s.Recurrent)
					}
					if len(s.States) != len(s.Tokens) || !slices.Equal(s.States[len(s.States)-1], s.Final) {
						t.Errorf("%s: %d states for %d characters, the last %v, s_T %v", s.Text, len(s.States), len(s.Tokens), s.States[len(s.States)-1], s.Final)
					}
					if !slices.Equal(s.BestBag, []float64{0.5, 0.5}) || len(s.Final) != 4 {
						t.Errorf("%s: best bag %v, s_T %v", s.Text, s.BestBag, s.Final)
					}
					if k%2 == 1 {
						twin := o.Sentences[k-1]
						if !slices.Equal(s.Bag, twin.Bag) || !slices.Equal(s.FeedForward, twin.FeedForward) || slices.Equal(s.Final, twin.Final) {
							t.Errorf("%s and %s: bags %v %v, feed-forward %v %v", twin.Text, s.Text, twin.Bag, s.Bag, twin.FeedForward, s.FeedForward)
						}
					}
				}
			})
		}
	}
	bad := OrderTaskSpec("rnn", 4, 1)
	bad.Labels = bad.Labels[1:]
	if _, err := OrderDemo(bad, Page); err == nil {
		t.Error("fewer labels than sentences accepted")
	}
}
