package lecture

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"unroll/core/nn"
	"unroll/core/series"
	"unroll/core/train"
)

// OrderSentences are the lecture's pair: the same three characters, so the
// same bag of words, and opposite meanings.
var OrderSentences = []string{"我愛貓", "貓愛我"}

// OrderSpec is the order demo: sentences, and the seeded recurrent model
// that reads them one character at a time (Dense(Classes) on its last state,
// many-to-one) beside a feed-forward Dense(Classes) network on their bag of
// words.
type OrderSpec struct {
	Sentences []string `json:"sentences"` // default OrderSentences
	Cell      string   `json:"cell"`      // default rnn
	Units     int      `json:"units"`     // default 4
	Classes   int      `json:"classes"`   // outputs of both networks, default 2
	Seed      uint64   `json:"seed"`
	// Labels, when given (one class per sentence), are what the recurrent
	// network is trained to answer, for Epochs epochs of the one training
	// loop (softmax cross-entropy, Adam, the whole set a batch). Without
	// them both networks stay as seeded.
	Labels []int `json:"labels,omitempty"`
	Epochs int   `json:"epochs,omitempty"`
}

// OrderSentence is one sentence as both networks read it.
type OrderSentence struct {
	Text   string      `json:"text"`
	Tokens []int       `json:"tokens"`  // vocabulary indices, in reading order
	OneHot [][]float64 `json:"one_hot"` // x_1 … x_T, what the recurrent network reads, [T][V]
	// Bag is Σ_t x_t, the bag of words: how often each character occurs,
	// in no order. It is all the feed-forward network reads.
	Bag []float64 `json:"bag"`
	// FeedForward and Recurrent are the two networks' outputs,
	// probabilities (softmax) over Classes.
	FeedForward []float64 `json:"feed_forward"`
	Recurrent   []float64 `json:"recurrent"`
	// Final is s_T, the recurrent network's last hidden state: all its
	// head sees of the sentence.
	Final []float64 `json:"final"`
	// States are s_1 … s_T, the recurrent network's hidden state after
	// each character ([T][units]); the last is Final.
	States [][]float64 `json:"states"`
	// Label is the class the sentence should get (-1 without labels);
	// BestBag is the best any network reading only the bag of words can
	// answer: the labels' frequencies among the sentences with this bag
	// (what minimises the cross-entropy over them), nil without labels.
	Label   int       `json:"label"`
	BestBag []float64 `json:"best_bag,omitempty"`
}

// Order is the order demo's result.
type Order struct {
	Vocab     []string        `json:"vocab"` // one character each, index order
	Sentences []OrderSentence `json:"sentences"`
	// SameBag says every sentence has the same bag of words, so the
	// feed-forward network gives every one the same output, whatever its
	// weights; SameOneHot would say the same of the recurrent network's
	// inputs (false when the orders differ).
	SameBag    bool `json:"same_bag"`
	SameOneHot bool `json:"same_one_hot"`
	// Epochs is how long the recurrent network was trained (0: as seeded).
	Epochs int `json:"epochs"`
}

// BagOfWords is the sum of the one-hot vectors of text's characters over v
// ([V]): the input of a feed-forward network that reads a sentence at once.
func BagOfWords(v *series.Vocab, text string) ([]float64, error) {
	seq, err := encodeKnown(v, text)
	if err != nil {
		return nil, err
	}
	bag := make([]float64, v.Size())
	for _, k := range seq {
		bag[k]++
	}
	return bag, nil
}

// orderStream is the second PCG word of the feed-forward network's weights.
const orderStream = 0x6f72_6465_725f_6666 // "order_ff"

// OrderDemo reads every sentence with both networks. The vocabulary is that
// of all the sentences together; both networks are initialised from
// spec.Seed (the recurrent one as nn.Model.Init does, the feed-forward
// kernel Glorot-uniform, rounded to float32 like Keras's, bias zero).
func OrderDemo(spec OrderSpec, lim Limits) (*Order, error) {
	if len(spec.Sentences) == 0 {
		spec.Sentences = OrderSentences
	}
	if spec.Cell == "" {
		spec.Cell = "rnn"
	}
	if spec.Units == 0 {
		spec.Units = 4
	}
	if spec.Classes == 0 {
		spec.Classes = 2
	}
	for _, s := range spec.Sentences {
		if s == "" {
			return nil, NewError(CodeTextEmpty, "A sentence is empty.", "有一個句子是空的。", nil)
		}
		if n := len([]rune(s)); n > lim.SeqSteps {
			return nil, tooLong(n, lim)
		}
	}
	if spec.Classes < 2 || spec.Classes > nn.MaxOutputs {
		return nil, InvalidModel("classes %d is not in 2..%d", spec.Classes, nn.MaxOutputs)
	}
	v, _, err := CheckText(strings.Join(spec.Sentences, ""), lim)
	if err != nil {
		return nil, err
	}
	c, err := nn.ParseCell(spec.Cell)
	if err != nil {
		return nil, InvalidModel("unknown cell %q (rnn, lstm or gru)", spec.Cell)
	}
	if !lim.Units.Has(spec.Units) {
		return nil, InvalidModel("units %d is not in %d..%d", spec.Units, lim.Units[0], lim.Units[1])
	}
	if spec.Seed > uint64(lim.Seed[1]) {
		return nil, InvalidModel("seed %d is larger than %d", spec.Seed, lim.Seed[1])
	}
	rec, err := nn.NewModel([]nn.LayerConfig{{Cell: c, Units: spec.Units, Inputs: v.Size(), ResetAfter: c == nn.GRU}},
		nn.DenseConfig{Outputs: spec.Classes})
	if err != nil {
		return nil, InvalidModel("%v", err)
	}
	rec.Init(spec.Seed)
	if err := trainOrder(rec, v, spec); err != nil {
		return nil, err
	}
	kernel := glorotRows(rand.New(rand.NewPCG(spec.Seed, orderStream)), v.Size(), spec.Classes) // [V][classes]

	res := &Order{SameBag: true, SameOneHot: true}
	if spec.Labels != nil {
		res.Epochs = spec.Epochs
	}
	for _, r := range v.Runes {
		res.Vocab = append(res.Vocab, string(r))
	}
	for k, text := range spec.Sentences {
		s := OrderSentence{Text: text, Label: -1}
		if s.Tokens, err = encodeKnown(v, text); err != nil {
			return nil, err
		}
		if s.OneHot, err = v.Vectors(s.Tokens); err != nil {
			return nil, NewError(CodeInternal, err.Error(), err.Error(), nil)
		}
		if s.Bag, err = BagOfWords(v, text); err != nil {
			return nil, err
		}
		s.FeedForward = make([]float64, spec.Classes)
		for i, n := range s.Bag {
			for j := range s.FeedForward {
				s.FeedForward[j] += n * kernel[i][j]
			}
		}
		Softmax(s.FeedForward, s.FeedForward)
		tr, err := rec.Trace(s.OneHot)
		if err != nil {
			return nil, NewError(CodeInternal, "Prediction failed: "+err.Error(), "預測失敗："+err.Error(), nil)
		}
		steps := tr.Layers[len(tr.Layers)-1].Steps
		for _, st := range steps {
			s.States = append(s.States, st.H)
		}
		s.Final = steps[len(steps)-1].H
		s.Recurrent = slices.Clone(tr.Output[len(tr.Output)-1])
		Softmax(s.Recurrent, s.Recurrent)
		if spec.Labels != nil {
			s.Label = spec.Labels[k]
			s.BestBag = make([]float64, spec.Classes)
		}
		if k > 0 {
			first := res.Sentences[0]
			res.SameBag = res.SameBag && slices.Equal(s.Bag, first.Bag)
			res.SameOneHot = res.SameOneHot && slices.Equal(s.Tokens, first.Tokens)
		}
		res.Sentences = append(res.Sentences, s)
	}
	for k, s := range res.Sentences {
		if s.BestBag == nil {
			continue
		}
		n := 0.0
		for _, o := range res.Sentences {
			if slices.Equal(o.Bag, s.Bag) {
				s.BestBag[o.Label]++
				n++
			}
		}
		for j := range s.BestBag {
			res.Sentences[k].BestBag[j] = s.BestBag[j] / n
		}
	}
	return res, nil
}

// trainOrder fits rec to spec's labels with train.Fit (nothing without
// labels). The whole set is one batch, shuffled from spec.Seed.
func trainOrder(rec *nn.Model, v *series.Vocab, spec OrderSpec) error {
	if spec.Labels == nil {
		return nil
	}
	if len(spec.Labels) != len(spec.Sentences) {
		return InvalidModel("%d labels for %d sentences", len(spec.Labels), len(spec.Sentences))
	}
	if spec.Epochs < 1 || spec.Epochs > maxOrderEpochs {
		return InvalidModel("epochs %d is not in 1..%d", spec.Epochs, maxOrderEpochs)
	}
	var d train.Dataset
	for k, text := range spec.Sentences {
		if l := spec.Labels[k]; l < 0 || l >= spec.Classes {
			return InvalidModel("label %d is not in 0..%d", l, spec.Classes-1)
		}
		tokens, err := encodeKnown(v, text)
		if err != nil {
			return err
		}
		x, err := v.Vectors(tokens)
		if err != nil {
			return NewError(CodeInternal, err.Error(), err.Error(), nil)
		}
		y := make([]float64, spec.Classes)
		y[spec.Labels[k]] = 1
		d.X, d.Y = append(d.X, x), append(d.Y, [][]float64{y})
	}
	_, err := train.Fit(rec, d, train.Config{Epochs: spec.Epochs, BatchSize: len(d.X), Seed: spec.Seed,
		Loss: nn.SoftmaxCrossEntropy, Optimizer: train.NewAdam(orderLearningRate)})
	if err != nil {
		return NewError(CodeInternal, "Training failed: "+err.Error(), "訓練失敗："+err.Error(), nil)
	}
	return nil
}

const (
	maxOrderEpochs    = 2000
	orderLearningRate = 0.05
)

// OrderExample is one sentence of the order task and its class.
type OrderExample struct {
	Text  string `json:"text"`
	Label int    `json:"label"` // OrderSubject or OrderObject
}

// The order task's two classes: who does what to whom.
const (
	OrderSubject = 0 // 我 is the subject: 我愛貓 (I love the cat)
	OrderObject  = 1 // 我 is the object: 貓愛我 (the cat loves me)
)

// OrderTask is a tiny task whose label depends on word order only: every
// sentence has a twin with the same characters in another order and the
// other label, so no network reading the bag of words can do better than
// one half. 我愛貓 and 貓愛我 come first.
var OrderTask = []OrderExample{
	{"我愛貓", OrderSubject}, {"貓愛我", OrderObject},
	{"我愛狗", OrderSubject}, {"狗愛我", OrderObject},
	{"我怕貓", OrderSubject}, {"貓怕我", OrderObject},
	{"我怕狗", OrderSubject}, {"狗怕我", OrderObject},
	{"我看你", OrderSubject}, {"你看我", OrderObject},
	{"我等你", OrderSubject}, {"你等我", OrderObject},
}

// OrderTaskEpochs trains the order task's recurrent network until it
// labels every sentence right, for every cell and the seeds the tests try.
const OrderTaskEpochs = 150

// OrderTaskSpec is the order demo the page shows: OrderTask, trained.
func OrderTaskSpec(cell string, units int, seed uint64) OrderSpec {
	spec := OrderSpec{Cell: cell, Units: units, Seed: seed, Epochs: OrderTaskEpochs}
	for _, e := range OrderTask {
		spec.Sentences = append(spec.Sentences, e.Text)
		spec.Labels = append(spec.Labels, e.Label)
	}
	return spec
}

// glorotRows is a Glorot-uniform kernel [fanIn][fanOut], drawn row by row
// and rounded to float32.
func glorotRows(rng *rand.Rand, fanIn, fanOut int) [][]float64 {
	limit := math.Sqrt(6 / float64(fanIn+fanOut))
	out := make([][]float64, fanIn)
	for i := range out {
		out[i] = make([]float64, fanOut)
		for j := range out[i] {
			out[i][j] = float64(float32((2*rng.Float64() - 1) * limit))
		}
	}
	return out
}
