package modelfile

import (
	"errors"
	"math"

	"unroll/core/jsonx"
	"unroll/core/msg"
	"unroll/core/nn"
	"unroll/core/series"
)

// Format and Version identify an Unroll model file.
const (
	Format  = "unroll-model"
	Version = 1
)

// Meta describes how a model was trained. Every field is optional.
type Meta struct {
	Name         string    `json:"name,omitempty"`
	Stock        string    `json:"stock,omitempty"` // e.g. "2330"
	From         string    `json:"from,omitempty"`  // YYYY-MM
	To           string    `json:"to,omitempty"`    // YYYY-MM
	Features     []string  `json:"features,omitempty"`
	Target       string    `json:"target,omitempty"`     // the predicted feature, e.g. "close"
	Forecast     string    `json:"forecast,omitempty"`   // what the model predicts: price, window or logret (the scaler's Of)
	TimeSteps    int       `json:"time_steps,omitempty"` // TIME_STEPS of the training windows
	Split        []float64 `json:"split,omitempty"`      // train, validation, test fractions
	Seed         *uint64   `json:"seed,omitempty"`
	Epochs       int       `json:"epochs,omitempty"`
	BatchSize    int       `json:"batch_size,omitempty"`
	Optimizer    string    `json:"optimizer,omitempty"`
	LearningRate float64   `json:"learning_rate,omitempty"`
	Loss         string    `json:"loss,omitempty"`
	History      []Epoch   `json:"history,omitempty"`
	TestRMSE     *float64  `json:"test_rmse,omitempty"`
	BaselineRMSE *float64  `json:"baseline_rmse,omitempty"`

	// A next-character model's text and its top-1 accuracy on the held-out
	// part, for the model and for the bigram baseline.
	Text             string   `json:"text,omitempty"`       // the text's name, e.g. its file name
	TextChars        int      `json:"text_chars,omitempty"` // characters in the text
	Accuracy         *float64 `json:"accuracy,omitempty"`
	BaselineAccuracy *float64 `json:"baseline_accuracy,omitempty"`
}

// Epoch is one epoch's losses in Meta.History.
type Epoch struct {
	Loss    float64  `json:"loss"`
	ValLoss *float64 `json:"val_loss,omitempty"`
}

// File is a decoded model file.
type File struct {
	Model  *nn.Model
	Scaler *series.MinMaxScaler // nil when the file has none
	// Vocab is the vocabulary of a model that reads characters one-hot:
	// input (and output) k stands for Vocab.Runes[k]. nil for other models.
	Vocab *series.Vocab
	// Softmax says that the model's outputs are probabilities, the softmax
	// of what Model.Head computes: the head is linear in Model, its outputs
	// the logits nn.SoftmaxCrossEntropy trains, and the file writes it as
	// Keras's Dense(V, activation="softmax").
	Softmax bool
	Meta    Meta
}

// wire is the JSON form.
type wire struct {
	Format  string               `json:"format"`
	Version int                  `json:"version"`
	Layers  []layer              `json:"layers"`
	Scaler  *series.MinMaxScaler `json:"scaler,omitempty"`
	Vocab   []string             `json:"vocab,omitempty"` // one character each, in index order
	Meta    *Meta                `json:"meta,omitempty"`
}

type layer struct {
	Type                string  `json:"type"`
	Units               int     `json:"units"`
	InputDim            int     `json:"input_dim"`
	Activation          string  `json:"activation"`
	RecurrentActivation string  `json:"recurrent_activation,omitempty"`
	ReturnSequences     *bool   `json:"return_sequences,omitempty"`
	ResetAfter          *bool   `json:"reset_after,omitempty"`
	Weights             weights `json:"weights"`
}

type weights struct {
	Kernel          [][]float64 `json:"kernel"`
	RecurrentKernel [][]float64 `json:"recurrent_kernel,omitempty"`
	Bias            jsonx.Raw   `json:"bias"` // [g·units], or [2][3·units] for GRU reset_after
}

// Encode writes m, with its scaler (may be nil) and metadata, as an Unroll
// model file (compact JSON, one line).
func Encode(m *nn.Model, scaler *series.MinMaxScaler, meta Meta) ([]byte, error) {
	return EncodeFile(&File{Model: m, Scaler: scaler, Meta: meta})
}

// EncodeFile writes f as an Unroll model file (compact JSON, one line): its
// model, scaler, vocabulary and metadata, the head written as softmax when
// f.Softmax is set.
func EncodeFile(f *File) ([]byte, error) {
	m, scaler, meta := f.Model, f.Scaler, f.Meta
	if m == nil || len(m.Layers) == 0 || m.Head == nil {
		return nil, errors.New("modelfile: no model")
	}
	if scaler != nil {
		if err := scaler.Validate(); err != nil {
			return nil, err
		}
	}
	w := wire{Format: Format, Version: Version, Scaler: scaler, Meta: &meta}
	if f.Vocab != nil {
		if f.Vocab.Size() != m.Inputs() {
			return nil, msg.Errorf("modelfile: a vocabulary of %d characters for a model of %d inputs", f.Vocab.Size(), m.Inputs())
		}
		for _, r := range f.Vocab.Runes {
			w.Vocab = append(w.Vocab, string(r))
		}
	}
	for l, r := range m.Layers {
		ly, err := encodeRecurrent(r)
		if err != nil {
			return nil, msg.Errorf("modelfile: layer %d: %w", l, err)
		}
		w.Layers = append(w.Layers, ly)
	}
	h := m.Head
	if h.Kernel == nil {
		return nil, errors.New("modelfile: dense layer has no kernel")
	}
	bias, err := jsonx.AppendFloats(nil, h.Bias)
	if err != nil {
		return nil, msg.Errorf("modelfile: dense bias: %w", err)
	}
	act := string(orDefault(h.Activation, nn.Linear))
	if f.Softmax {
		if act != string(nn.Linear) {
			return nil, msg.Errorf("modelfile: softmax over a %s head", act)
		}
		act = softmax
	}
	w.Layers = append(w.Layers, layer{
		Type: "Dense", Units: h.Outputs, InputDim: h.Inputs,
		Activation: act,
		Weights:    weights{Kernel: rows(h.Kernel.RawMatrix().Data, h.Inputs, h.Outputs), Bias: bias},
	})
	out, err := jsonx.Marshal(&w)
	if err != nil {
		return nil, msg.Errorf("modelfile: %w", err)
	}
	return append(out, '\n'), nil
}

func encodeRecurrent(r *nn.Recurrent) (layer, error) {
	if r.Kernel == nil || r.RecurrentKernel == nil {
		return layer{}, errors.New("missing kernel")
	}
	gn := r.Cell.Gates() * r.Units
	ret := r.ReturnSequences
	ly := layer{
		Type: string(r.Cell), Units: r.Units, InputDim: r.Inputs,
		Activation:      string(orDefault(r.Activation, nn.Tanh)),
		ReturnSequences: &ret,
		Weights: weights{
			Kernel:          rows(r.Kernel.RawMatrix().Data, r.Inputs, gn),
			RecurrentKernel: rows(r.RecurrentKernel.RawMatrix().Data, r.Units, gn),
		},
	}
	if r.Cell != nn.SimpleRNN {
		ly.RecurrentActivation = string(orDefault(r.RecurrentActivation, nn.Sigmoid))
	}
	var bias any = r.Bias
	if r.Cell == nn.GRU {
		ra := r.ResetAfter
		ly.ResetAfter = &ra
		if ra {
			bias = [][]float64{r.Bias, r.RecurrentBias}
		}
	}
	b, err := jsonx.AppendAny(nil, bias)
	if err != nil {
		return layer{}, msg.Errorf("bias: %w", err)
	}
	ly.Weights.Bias = b
	return ly, nil
}

func orDefault(a, def nn.Activation) nn.Activation {
	if a == "" {
		return def
	}
	return a
}

// rows views row-major data as [r][c] (sharing data).
func rows(data []float64, r, c int) [][]float64 {
	out := make([][]float64, r)
	for i := range out {
		out[i] = data[i*c : (i+1)*c]
	}
	return out
}

// Decode reads an Unroll model file, checking every shape against the layer
// configuration.
func Decode(data []byte) (*File, error) {
	var w wire
	if err := jsonx.Unmarshal(data, w.DecodeJSON); err != nil {
		return nil, msg.Errorf("modelfile: not a model file: %w", err)
	}
	if w.Format != Format {
		return nil, msg.Errorf("modelfile: format %q, want %q", w.Format, Format)
	}
	if w.Version != Version {
		return nil, msg.Errorf("modelfile: version %d is not supported (want %d)", w.Version, Version)
	}
	m, soft, err := decodeModel(w.Layers)
	if err != nil {
		return nil, err
	}
	f := &File{Model: m, Scaler: w.Scaler, Softmax: soft}
	if w.Vocab != nil {
		if f.Vocab, err = decodeVocab(w.Vocab); err != nil {
			return nil, err
		}
		if f.Vocab.Size() != m.Inputs() {
			return nil, msg.Errorf("modelfile: a vocabulary of %d characters for a model of %d inputs", f.Vocab.Size(), m.Inputs())
		}
	}
	if w.Meta != nil {
		f.Meta = *w.Meta
	}
	if f.Scaler != nil {
		if err := f.Scaler.Validate(); err != nil {
			return nil, msg.Errorf("modelfile: scaler: %w", err)
		}
	}
	return f, nil
}

// decodeVocab reads a vocabulary written one character per entry, in
// increasing code-point order (series.Vocab's order).
func decodeVocab(chars []string) (*series.Vocab, error) {
	v, err := series.VocabOfChars(chars)
	if err != nil {
		return nil, msg.Errorf("modelfile: vocab: %w", err)
	}
	return v, nil
}

func finite(vs []float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
