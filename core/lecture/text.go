package lecture

import (
	"strconv"
	"unicode/utf8"

	"unroll/core/modelfile"
	"unroll/core/nn"
	"unroll/core/series"
	"unroll/core/train"
)

// TextSpec is one training of a next-character model: `unroll train
// --text`'s flags. Zero values take the defaults noted.
type TextSpec struct {
	// Demo names a built-in demo (Demos): its text and settings, which the
	// other fields then must leave empty.
	Demo  string    `json:"demo,omitempty"`
	Text  string    `json:"text"`  // UTF-8
	Name  string    `json:"name"`  // what the text is called, e.g. its file name
	Steps int       `json:"steps"` // TIME_STEPS: characters per window, default 10
	Model ModelSpec `json:"model"`
	Train TrainSpec `json:"train"`

	// OnBatch and OnEpoch, when set, are the training loop's callbacks.
	OnBatch func(train.BatchInfo) bool `json:"-"`
	OnEpoch func(train.EpochInfo) bool `json:"-"`
}

// TextData is a text made ready for a next-character model (many-to-many):
// every window reads Steps characters x_1 … x_T one-hot and has a target at
// every step, the character after x_t. The split is in time order
// (TextTrainFrac): a character at a position below Cut is a training target,
// one at Cut or later is held out.
type TextData struct {
	Vocab *series.Vocab // from the whole text, so every character has an input
	Seq   []int         // the text as vocabulary indices
	Cut   int           // the first held-out position
	Steps int
	// Train and Test are the first positions of the windows, Steps apart:
	// window s reads Seq[s : s+Steps] and predicts Seq[s+1 : s+Steps+1].
	// Training windows predict only training characters; the held-out
	// windows start at Cut−1, so they predict held-out characters only, from
	// the first on (a few at the very end may be left over).
	Train, Test []int
	onehot      [][]float64 // [V][V]: row k is character k's one-hot vector, shared by every window
}

// CheckText checks a text's bytes against lim: not empty, UTF-8, at most
// lim.TextChars characters of which at most lim.Vocab distinct. It returns
// its vocabulary and its characters as indices.
func CheckText(text string, lim Limits) (*series.Vocab, []int, error) {
	if text == "" {
		return nil, nil, NewError(CodeTextEmpty, "The text is empty.", "文字是空的。", nil)
	}
	if !utf8.ValidString(text) {
		at := 0
		for at < len(text) {
			r, size := utf8.DecodeRuneInString(text[at:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			at += size
		}
		return nil, nil, NewError(CodeTextNotUTF8,
			"The text is not UTF-8: byte "+strconv.Itoa(at+1)+" starts no character.",
			"文字不是 UTF-8 編碼：第 "+strconv.Itoa(at+1)+" 個位元組不是字元的開頭。",
			map[string]any{"byte": at + 1})
	}
	if n := utf8.RuneCountInString(text); n > lim.TextChars {
		return nil, nil, NewError(CodeTextTooLong,
			"The text has "+strconv.Itoa(n)+" characters; at most "+strconv.Itoa(lim.TextChars)+" are allowed.",
			"文字有 "+strconv.Itoa(n)+" 個字元，最多只能有 "+strconv.Itoa(lim.TextChars)+" 個。",
			map[string]any{"count": n, "max": lim.TextChars})
	}
	v, err := series.NewVocab(text)
	if err != nil {
		return nil, nil, NewError(CodeInternal, err.Error(), err.Error(), nil)
	}
	if v.Size() > lim.Vocab {
		return nil, nil, NewError(CodeVocabTooLarge,
			"The text has "+strconv.Itoa(v.Size())+" different characters; a model reads at most "+strconv.Itoa(lim.Vocab)+".",
			"文字有 "+strconv.Itoa(v.Size())+" 種不同的字元，模型最多只能讀 "+strconv.Itoa(lim.Vocab)+" 種。",
			map[string]any{"count": v.Size(), "max": lim.Vocab})
	}
	seq, err := v.Encode(text)
	if err != nil {
		return nil, nil, NewError(CodeInternal, err.Error(), err.Error(), nil)
	}
	return v, seq, nil
}

// PrepareTextData checks text against lim and cuts it into windows of steps
// characters, split in time order (TextTrainFrac).
func PrepareTextData(text string, steps int, lim Limits) (*TextData, error) {
	if !lim.TrainSteps.Has(steps) {
		return nil, InvalidModel("TIME_STEPS %d is not in %d..%d", steps, lim.TrainSteps[0], lim.TrainSteps[1])
	}
	v, seq, err := CheckText(text, lim)
	if err != nil {
		return nil, err
	}
	d := &TextData{Vocab: v, Seq: seq, Steps: steps, Cut: textCut(len(seq))}
	for s := 0; s+steps < d.Cut; s += steps {
		d.Train = append(d.Train, s)
	}
	for s := d.Cut - 1; s >= 0 && s+steps < len(seq); s += steps {
		d.Test = append(d.Test, s)
	}
	if len(d.Train) == 0 || len(d.Test) == 0 {
		need := minTextChars(steps)
		return nil, NewError(CodeTextTooShort,
			"The text has "+strconv.Itoa(len(seq))+" characters; windows of "+strconv.Itoa(steps)+" with a 90/10 split need at least "+strconv.Itoa(need)+".",
			"文字只有 "+strconv.Itoa(len(seq))+" 個字元；每段 "+strconv.Itoa(steps)+" 個字元、依 90/10 切分，至少需要 "+strconv.Itoa(need)+" 個。",
			map[string]any{"count": len(seq), "need": need, "steps": steps})
	}
	d.onehot, err = v.Vectors(identity(v.Size()))
	if err != nil {
		return nil, NewError(CodeInternal, err.Error(), err.Error(), nil)
	}
	return d, nil
}

// textCut is the first held-out position of a text of n characters: the
// first TextTrainFrac of them train (series.Split's rounding); 0 when n is
// too short for a split.
func textCut(n int) int {
	p, err := series.Split(n, TextTrainFrac, 0)
	if err != nil {
		return 0
	}
	return p.Train.End
}

// minTextChars is the shortest text with a training window and a held-out
// window of steps characters.
func minTextChars(steps int) int {
	n := steps + 1
	for c := textCut(n); c < steps+1 || n-c < steps; c = textCut(n) {
		n++
	}
	return n
}

func identity(n int) []int {
	out := make([]int, n)
	for k := range out {
		out[k] = k
	}
	return out
}

// Windows are the windows starting at starts: inputs x [n][Steps][V] and
// targets y [n][Steps][V], one-hot (rows shared, not copied: do not modify).
func (d *TextData) Windows(starts []int) (x, y [][][]float64) {
	x, y = make([][][]float64, len(starts)), make([][][]float64, len(starts))
	for w, s := range starts {
		x[w], y[w] = make([][]float64, d.Steps), make([][]float64, d.Steps)
		for t := range d.Steps {
			x[w][t], y[w][t] = d.onehot[d.Seq[s+t]], d.onehot[d.Seq[s+t+1]]
		}
	}
	return x, y
}

// Bigram is the exact feed-forward baseline of next-character prediction: a
// network that sees only the current character can at best answer, for each
// character, the one that most often follows it. Bigram counts the pairs
// whose second character lies in the training part (positions 1 … Cut−1)
// and returns that answer per vocabulary index (ties: the earlier in the
// vocabulary); a character never followed there gets the most frequent
// training target.
func (d *TextData) Bigram() []int {
	V := d.Vocab.Size()
	counts := make([]int, V*V) // [current][next]
	targets := make([]int, V)
	for p := 1; p < d.Cut; p++ {
		counts[d.Seq[p-1]*V+d.Seq[p]]++
		targets[d.Seq[p]]++
	}
	common := series.Argmax(targets)
	best := make([]int, V)
	for c := range best {
		row := counts[c*V : (c+1)*V]
		if k := series.Argmax(row); row[k] > 0 {
			best[c] = k
		} else {
			best[c] = common
		}
	}
	return best
}

// TextJob is one training of a next-character model: the prepared text, a
// seeded model (one recurrent layer returning sequences on one-hot inputs, a
// Dense(V) head whose outputs are logits, trained with softmax
// cross-entropy averaged over every window's steps) and the train.Loop that
// trains it, validating on the held-out windows after every epoch.
type TextJob struct {
	Spec     TextSpec // defaults filled in, Text as given
	Settings Settings
	Data     *TextData
	Model    *nn.Model
	Training // the train.Loop that trains Model, and the error that ended it
}

// PrepareText checks spec against lim and prepares its training; nothing is
// trained yet.
func PrepareText(spec TextSpec, lim Limits) (*TextJob, error) {
	if spec.Demo != "" {
		d, ok := Demos[spec.Demo]
		if !ok || spec.Text != "" || spec.Steps != 0 || spec.Model != (ModelSpec{}) || spec.Train != (TrainSpec{}) {
			return nil, BadRequest("unknown demo %q, or a demo with settings of its own", spec.Demo)
		}
		d.OnBatch, d.OnEpoch = spec.OnBatch, spec.OnEpoch
		spec = d
	}
	if spec.Steps == 0 {
		spec.Steps = 10
	}
	j := &TextJob{Spec: spec}
	s, opt, err := trainSettings(spec.Train, spec.Model.Seed, lim)
	if err != nil {
		return nil, err
	}
	j.Settings = s
	if j.Data, err = PrepareTextData(spec.Text, spec.Steps, lim); err != nil {
		return nil, err
	}
	if j.Model, err = NewTextModel(spec.Model.Cell, spec.Model.Units, j.Data.Vocab.Size(), spec.Model.Seed, lim); err != nil {
		return nil, err
	}
	tx, ty := j.Data.Windows(j.Data.Train)
	vx, vy := j.Data.Windows(j.Data.Test)
	j.Loop, err = train.NewLoop(j.Model, train.Dataset{X: tx, Y: ty}, train.Config{
		Epochs: s.Epochs, BatchSize: s.Batch, Seed: s.Seed, Loss: nn.SoftmaxCrossEntropy, Optimizer: opt,
		Validation: &train.Dataset{X: vx, Y: vy}, OnBatch: spec.OnBatch, OnEpoch: spec.OnEpoch,
	})
	if err != nil {
		return nil, BadRequest("%v", err)
	}
	return j, nil
}

// NewTextModel builds the seeded next-character model of a vocabulary of
// size characters: one recurrent layer of the given cell (Keras defaults, GRU
// reset_after) on one-hot inputs, returning sequences, and a Dense(size)
// head of logits, initialised from seed as nn.Model.Init initialises.
func NewTextModel(cell string, units, size int, seed uint64, lim Limits) (*nn.Model, error) {
	c, err := nn.ParseCell(cell)
	if err != nil {
		return nil, InvalidModel("unknown cell %q (rnn, lstm or gru)", cell)
	}
	switch {
	case !lim.TrainUnits.Has(units):
		return nil, InvalidModel("units %d is not in %d..%d", units, lim.TrainUnits[0], lim.TrainUnits[1])
	case size < 1 || size > lim.Vocab:
		return nil, InvalidModel("a vocabulary of %d is not in 1..%d", size, lim.Vocab)
	case seed > uint64(lim.Seed[1]):
		return nil, InvalidModel("seed %d is larger than %d", seed, lim.Seed[1])
	}
	m, err := nn.NewModel([]nn.LayerConfig{{Cell: c, Units: units, Inputs: size, ResetAfter: c == nn.GRU, ReturnSequences: true}},
		nn.DenseConfig{Outputs: size})
	if err != nil {
		return nil, InvalidModel("%v", err)
	}
	m.Init(seed)
	return m, nil
}

// TextScore is a next-character model measured on the held-out part: top-1
// accuracy over every target of the held-out windows, for the model and for
// the bigram baseline on the same targets.
type TextScore struct {
	Targets          int     `json:"targets"` // held-out characters predicted
	Accuracy         float64 `json:"accuracy"`
	BaselineAccuracy float64 `json:"baseline_accuracy"`
}

// Score measures the model and the bigram baseline on the held-out windows.
func (j *TextJob) Score() (*TextScore, error) {
	d := j.Data
	x, _ := d.Windows(d.Test)
	out, err := train.Predict(j.Model, x, j.Settings.Batch)
	if err != nil {
		return nil, NewError(CodeInternal, "Prediction failed: "+err.Error(), "預測失敗："+err.Error(), nil)
	}
	bigram := d.Bigram()
	var hit, base int
	for w, s := range d.Test {
		for t := range d.Steps {
			next := d.Seq[s+t+1]
			if series.Argmax(out[w][t]) == next {
				hit++
			}
			if bigram[d.Seq[s+t]] == next {
				base++
			}
		}
	}
	n := len(d.Test) * d.Steps
	return &TextScore{Targets: n, Accuracy: float64(hit) / float64(n), BaselineAccuracy: float64(base) / float64(n)}, nil
}

// File is the model file of the job's training so far: the model with its
// vocabulary and softmax head, the text's name and length, the split, the
// settings, the losses and, when sc is not nil, the held-out accuracies.
func (j *TextJob) File(sc *TextScore) *modelfile.File {
	seed := j.Settings.Seed
	h := j.Loop.History()
	m := modelfile.Meta{
		Text: j.Spec.Name, TextChars: len(j.Data.Seq), TimeSteps: j.Data.Steps,
		Split: []float64{TextTrainFrac, 0, 1 - TextTrainFrac}, Seed: &seed, Epochs: len(h.Epochs),
		BatchSize: j.Settings.Batch, Optimizer: j.Settings.Optimizer, LearningRate: j.Settings.LR,
		Loss: string(nn.SoftmaxCrossEntropy),
	}
	for _, e := range EpochRecords(h.Epochs) {
		m.History = append(m.History, modelfile.Epoch{Loss: e.Loss, ValLoss: e.ValLoss})
	}
	if sc != nil {
		a, b := sc.Accuracy, sc.BaselineAccuracy
		m.Accuracy, m.BaselineAccuracy = &a, &b
	}
	return &modelfile.File{Model: j.Model, Vocab: j.Data.Vocab, Softmax: true, Meta: m}
}
