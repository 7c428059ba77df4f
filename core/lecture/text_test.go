package lecture

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"gonum.org/v1/gonum/diff/fd"

	"unroll/core/modelfile"
	"unroll/core/nn"
	"unroll/core/series"
)

// textLimits are the page's limits with windows of one character allowed.
var textLimits = func() Limits {
	l := Page
	l.TrainSteps = IntRange{1, 60}
	return l
}()

// A 20-character text; positions 0 … 19, the last 10% (18, 19) held out.
//
//	a b a c a b a d a b a c a b a d a b | a x
//
// Training pairs (second character at 1 … 17): after a: b ×5, c ×2, d ×2;
// after b: a ×4; after c: a ×2; after d: a ×2. x follows nothing there, so
// it gets the most frequent training target, a (8 times).
const handText = "abacabadabacabadabax"

func TestBigramByHand(t *testing.T) {
	d, err := PrepareTextData(handText, 2, textLimits)
	if err != nil {
		t.Fatal(err)
	}
	if string(d.Vocab.Runes) != "abcdx" || d.Cut != 18 {
		t.Fatalf("vocab %q, cut %d", string(d.Vocab.Runes), d.Cut)
	}
	//                a→b b→a c→a d→a x→a
	if got, want := d.Bigram(), []int{1, 0, 0, 0, 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("bigram %v, want %v", got, want)
	}
	// Windows of 2 from 0 while they predict training characters only
	// (0, 2, …, 14); one held-out window from 17: b a → targets a x.
	if !reflect.DeepEqual(d.Train, []int{0, 2, 4, 6, 8, 10, 12, 14}) || !reflect.DeepEqual(d.Test, []int{17}) {
		t.Errorf("train windows %v, held-out windows %v", d.Train, d.Test)
	}
	x, y := d.Windows(d.Test)
	if x[0][0][1] != 1 || x[0][1][0] != 1 || y[0][0][0] != 1 || y[0][1][4] != 1 {
		t.Errorf("held-out window x %v, y %v; want b a → a x", x[0], y[0])
	}
}

// TestScoreByHand gives the model one answer whatever it reads (all weights
// zero but the head's bias), so its accuracy can be counted by hand.
func TestScoreByHand(t *testing.T) {
	j, err := PrepareText(TextSpec{Text: handText, Steps: 2, Model: ModelSpec{Cell: "rnn", Units: 2, Seed: 1}}, textLimits)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		answer int
		want   float64
	}{{4, 0.5}, {1, 0}, {0, 0.5}} { // x: right at 19; b: never; a: right at 18
		for _, p := range j.Model.Params() {
			clear(p.Value)
		}
		j.Model.Head.Bias[tc.answer] = 1
		sc, err := j.Score()
		if err != nil {
			t.Fatal(err)
		}
		// The bigram baseline reads b → a (right), then a → b (wrong: x).
		if sc.Targets != 2 || sc.Accuracy != tc.want || sc.BaselineAccuracy != 0.5 {
			t.Errorf("answer %d: %+v, want accuracy %v, baseline 0.5 over 2 targets", tc.answer, sc, tc.want)
		}
	}
}

func TestTextErrors(t *testing.T) {
	many := make([]rune, 513)
	for k := range many {
		many[k] = rune(0x4e00 + k)
	}
	tests := []struct {
		name, text string
		steps      int
		code       string
	}{
		{"empty", "", 2, CodeTextEmpty},
		{"not UTF-8", "ab\xffcd", 2, CodeTextNotUTF8},
		{"vocabulary over 512", string(many) + strings.Repeat("a", 100), 2, CodeVocabTooLarge},
		{"too short", "abcabcabc", 2, CodeTextTooShort},
		{"steps", handText, 0, CodeInvalidModel},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := PrepareTextData(tc.text, tc.steps, textLimits)
			if code(err) != tc.code {
				t.Fatalf("error %v, want %s", err, tc.code)
			}
			if e := err.(*Error); e.Message == "" || e.MessageZh == "" || strings.Contains(e.Message, "\n") {
				t.Errorf("message %+v", e)
			}
		})
	}
	// The shortest text the message asks for is enough, one less is not.
	for _, steps := range []int{1, 2, 5, 10} {
		need := minTextChars(steps)
		if _, err := PrepareTextData(strings.Repeat("ab", need)[:need], steps, textLimits); err != nil {
			t.Errorf("steps %d: %d characters: %v", steps, need, err)
		}
		if _, err := PrepareTextData(strings.Repeat("ab", need)[:need-1], steps, textLimits); code(err) != CodeTextTooShort {
			t.Errorf("steps %d: %d characters: %v", steps, need-1, err)
		}
	}
}

func seededText(t *testing.T, text string) (*TextJob, *nn.Model) {
	t.Helper()
	j, err := PrepareText(TextSpec{Text: text, Steps: 4, Model: ModelSpec{Cell: "lstm", Units: 5, Seed: 3}}, textLimits)
	if err != nil {
		t.Fatal(err)
	}
	return j, j.Model
}

func TestNextCharsSumToOne(t *testing.T) {
	j, m := seededText(t, strings.Repeat("我愛貓，貓愛我。", 10))
	p, err := NextChars(m, j.Data.Vocab, "我愛貓", Page)
	if err != nil {
		t.Fatal(err)
	}
	if len(p) != 3 || len(p[0]) != j.Data.Vocab.Size() {
		t.Fatalf("shape %d×%d", len(p), len(p[0]))
	}
	for k, row := range p {
		var sum float64
		for _, v := range row {
			if !(v > 0 && v < 1) {
				t.Errorf("step %d: probability %v", k+1, v)
			}
			sum += v
		}
		if math.Abs(sum-1) > 1e-12 { // a sum of V rounded quotients
			t.Errorf("step %d: probabilities sum to %v", k+1, sum)
		}
	}
	top := Top(j.Data.Vocab, p[2], 3)
	if len(top) != 3 || top[0].P < top[1].P || top[1].P < top[2].P || top[0].P != p[2][series.Argmax(p[2])] {
		t.Errorf("top 3 %+v", top)
	}
	if _, err := NextChars(m, j.Data.Vocab, "我愛狗", Page); code(err) != CodeUnknownChar || !strings.Contains(err.Error(), "狗") {
		t.Errorf("unknown character: %v", err)
	}
}

func TestGenerate(t *testing.T) {
	j, m := seededText(t, strings.Repeat("neuron network ", 20))
	v := j.Data.Vocab
	spec := GenSpec{Prompt: "neu", Chars: 30, Temperature: 1, Seed: 5}
	a, err := Generate(m, v, spec, Page)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Generate(m, v, spec, Page)
	spec.Seed = 6
	c, _ := Generate(m, v, spec, Page)
	if a != b || len([]rune(a)) != 30 {
		t.Errorf("the same seed wrote %q and %q", a, b)
	}
	if a == c {
		t.Errorf("seeds 5 and 6 both wrote %q", a)
	}
	// Greedy: every character is the most likely after the text so far.
	g, err := Generate(m, v, GenSpec{Prompt: "neu", Chars: 10}, Page)
	if err != nil {
		t.Fatal(err)
	}
	for k, r := range []rune(g) {
		prefix := "neu" + string([]rune(g)[:k])
		p, err := NextChars(m, v, prefix, Page)
		if err != nil {
			t.Fatal(err)
		}
		if want := v.Runes[series.Argmax(p[len(p)-1])]; r != want {
			t.Errorf("after %q wrote %q, the most likely is %q", prefix, r, want)
		}
	}
	for _, bad := range []GenSpec{{Prompt: ""}, {Prompt: "neX", Chars: 1}, {Prompt: "n", Chars: Page.Context}, {Prompt: "n", Chars: 1, Temperature: -1}} {
		if _, err := Generate(m, v, bad, Page); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

// TestManyToManyLoss checks the loss the text models train on: the
// softmax cross-entropy of every window's every step, averaged over batch ×
// T (nn.SoftmaxCrossEntropy's documentation), and its gradient against
// central finite differences.
func TestManyToManyLoss(t *testing.T) {
	j, m := seededText(t, strings.Repeat("abcd", 30)+"bd")
	x, y := j.Data.Windows(j.Data.Train[:3])
	b := nn.Batch{X: x, Y: y}
	res, err := m.Gradient(b, nn.SoftmaxCrossEntropy)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := m.Predict(x)
	var sum float64
	for w := range out {
		for step, o := range out[w] {
			p := make([]float64, len(o))
			Softmax(p, o)
			sum -= math.Log(p[series.Argmax(y[w][step])])
		}
	}
	want := sum / float64(len(x)*j.Data.Steps)
	if math.Abs(res.Loss-want) > 1e-12*want {
		t.Errorf("loss %v, want the mean over %d×%d steps %v", res.Loss, len(x), j.Data.Steps, want)
	}
	params, grads := m.Params(), res.Grads.Params()
	for k, p := range params {
		f := func(v []float64) float64 {
			keep := append([]float64(nil), p.Value...)
			copy(p.Value, v)
			r, err := m.Gradient(b, nn.SoftmaxCrossEntropy)
			copy(p.Value, keep)
			if err != nil {
				t.Fatal(err)
			}
			return r.Loss
		}
		num := fd.Gradient(nil, f, append([]float64(nil), p.Value...), &fd.Settings{Formula: fd.Central, Step: 1e-6})
		var worst float64
		for i := range num {
			worst = max(worst, math.Abs(num[i]-grads[k].Value[i]))
		}
		// Central differences with step 1e-6 on a loss of order 1 are good
		// to about 1e-9; 1e-7 leaves room for the sums' rounding.
		if worst > 1e-7 {
			t.Errorf("%s: largest difference from finite differences %.3g", p.Name, worst)
		}
	}
}

// TestTextLearnsOrder trains on "aabb" repeated: after a comes a or b
// equally often, so the bigram baseline is right half the time; the
// character two back decides, and a recurrent model learns it.
func TestTextLearnsOrder(t *testing.T) {
	j, err := PrepareText(TextSpec{Text: strings.Repeat("aabb", 300), Name: "aabb", Steps: 8,
		Model: ModelSpec{Cell: "gru", Units: 8, Seed: 2}, Train: TrainSpec{Epochs: 12, Batch: 8, LR: 0.02}}, textLimits)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.Step(math.MaxInt); err != nil {
		t.Fatal(err)
	}
	sc, err := j.Score()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("held-out accuracy %.3f, bigram baseline %.3f over %d characters", sc.Accuracy, sc.BaselineAccuracy, sc.Targets)
	if sc.BaselineAccuracy != 0.5 || sc.Accuracy < 0.8 {
		t.Errorf("accuracy %v (baseline %v), want the model well above the bigram's 0.5", sc.Accuracy, sc.BaselineAccuracy)
	}
	// The model file says what it is.
	f := j.File(sc)
	b, err := modelfile.EncodeFile(f)
	if err != nil {
		t.Fatal(err)
	}
	back, err := modelfile.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Softmax || string(back.Vocab.Runes) != "ab" || back.Meta.Text != "aabb" || back.Meta.TextChars != 1200 ||
		back.Meta.TimeSteps != 8 || *back.Meta.Accuracy != sc.Accuracy || back.Meta.Loss != string(nn.SoftmaxCrossEntropy) ||
		len(back.Meta.History) != 12 || back.Meta.History[0].ValLoss == nil {
		t.Errorf("model file %+v %+v", back.Meta, back.Vocab)
	}
	// Stepping a few batches at a time gives the same model (one loop).
	k, _ := PrepareText(j.Spec, textLimits)
	for !k.Loop.Done() {
		if _, err := k.Step(5); err != nil {
			t.Fatal(err)
		}
	}
	if !reflect.DeepEqual(k.Model.Params(), j.Model.Params()) {
		t.Error("stepping by 5 batches trained a different model")
	}
}
