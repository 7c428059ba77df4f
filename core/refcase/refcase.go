// Package refcase reads a reference case (the format of the shared test
// vectors: a one-layer Keras model's config and weights, inputs and optional
// targets) and computes with core/nn what the case's "expected" block holds:
// the hidden (and LSTM cell) state after every step, the output, the loss
// and the gradient of every weight, in the same nesting and shapes.
//
// A case's head is Dense(outputs) with mean squared error, or, with
// config.dense_activation "softmax" and config.loss "categorical_crossentropy",
// Dense(V, activation="softmax") whose output is the softmax and whose loss is
// the categorical cross-entropy averaged over the steps that have a target
// (a target row of zeros is a step without one), as a next-character model
// with return_sequences is trained.
//
// It is what `unroll eval FILE` prints, and what the tests compare against
// the TF.js (float32) and PyTorch (float64) oracles.
package refcase

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"

	"unroll/core/nn"
)

// Case is one reference case. Fields the format has beyond these (provenance,
// tolerances, differences between oracles) are ignored.
type Case struct {
	ID          string   `json:"id,omitempty"`
	Layer       string   `json:"layer"` // "SimpleRNN", "LSTM" or "GRU"
	Config      Config   `json:"config"`
	Weights     Weights  `json:"weights"`
	Vocab       []string `json:"vocab,omitempty"`   // the characters one-hot inputs stand for, when they do (not used)
	Inputs      Tensor   `json:"inputs"`            // [batch][timesteps][input_dim]
	Targets     *Tensor  `json:"targets,omitempty"` // [batch][outputs] or, with return_sequences, [batch][timesteps][outputs]
	Expected    *Result  `json:"expected,omitempty"`
	ExpectedF64 *Result  `json:"expected_f64,omitempty"`
}

// Config is the layer configuration, as Keras names it.
type Config struct {
	Units               int    `json:"units"`
	InputDim            int    `json:"input_dim"`
	Timesteps           int    `json:"timesteps,omitempty"` // checked against inputs when set
	Batch               int    `json:"batch,omitempty"`     // checked against inputs when set
	Activation          string `json:"activation,omitempty"`
	RecurrentActivation string `json:"recurrent_activation,omitempty"`
	ResetAfter          *bool  `json:"reset_after,omitempty"` // GRU; absent: taken from the bias's shape
	ReturnSequences     bool   `json:"return_sequences"`
	UseBias             *bool  `json:"use_bias,omitempty"` // only true is supported
	// DenseActivation is the head's activation: "" or "linear", or
	// "softmax" (which goes with Loss "categorical_crossentropy").
	DenseActivation string `json:"dense_activation,omitempty"`
	Loss            string `json:"loss,omitempty"` // "" or "mse", or "categorical_crossentropy"
}

// Softmax and CategoricalCrossentropy are a case's softmax head and its loss.
const (
	Softmax                 = "softmax"
	CategoricalCrossentropy = "categorical_crossentropy"
)

// head reads the case's head and loss: a softmax head with categorical
// cross-entropy, or a linear head with mean squared error.
func (c *Case) head() (softmax bool, loss nn.Loss, err error) {
	act, l := c.Config.DenseActivation, c.Config.Loss
	switch {
	case (act == "" || act == "linear") && (l == "" || l == "mse" || l == "mean_squared_error"):
		return false, nn.MSE, nil
	case act == Softmax && l == CategoricalCrossentropy:
		return true, nn.SoftmaxCrossEntropy, nil
	}
	return false, "", fmt.Errorf("refcase: dense_activation %q with loss %q (want linear with mse, or softmax with categorical_crossentropy)", act, l)
}

// Weights holds the recurrent layer's and the Dense layer's weights in Keras
// layout; the same nesting carries their gradients in a Result.
type Weights struct {
	RNN   RNNWeights   `json:"rnn"`
	Dense DenseWeights `json:"dense"`
}

// RNNWeights is a recurrent layer's kernel (input_dim, g·units),
// recurrent_kernel (units, g·units) and bias (g·units), or (2, g·units) for a
// GRU with reset_after.
type RNNWeights struct {
	Kernel          Tensor `json:"kernel"`
	RecurrentKernel Tensor `json:"recurrent_kernel"`
	Bias            Tensor `json:"bias"`
}

// DenseWeights is the Dense layer's kernel (units, outputs) and bias (outputs).
type DenseWeights struct {
	Kernel Tensor `json:"kernel"`
	Bias   Tensor `json:"bias"`
}

// Result is what a case computes, shaped as the format's "expected".
type Result struct {
	H      [][][]float64 `json:"h"`           // [batch][timesteps][units]: s_1..s_T
	C      [][][]float64 `json:"c,omitempty"` // LSTM only: c_1..c_T
	Output Tensor        `json:"output"`      // [batch][outputs] or [batch][timesteps][outputs]
	Loss   *float64      `json:"loss,omitempty"`
	Grads  *Weights      `json:"grads,omitempty"` // present when the case has targets
}

// Load reads and validates a case.
func Load(r io.Reader) (*Case, error) {
	var c Case
	dec := json.NewDecoder(r)
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("refcase: malformed case: %w", err)
	}
	if _, err := c.Model(); err != nil {
		return nil, err
	}
	return &c, nil
}

// cellConfig returns the nn layer configuration of the case.
func (c *Case) cellConfig() (nn.LayerConfig, error) {
	cell, err := nn.ParseCell(c.Layer)
	if err != nil {
		return nn.LayerConfig{}, fmt.Errorf("refcase: unknown layer %q", c.Layer)
	}
	act, err := nn.ParseActivation(c.Config.Activation)
	if err != nil {
		return nn.LayerConfig{}, err
	}
	rec, err := nn.ParseActivation(c.Config.RecurrentActivation)
	if err != nil {
		return nn.LayerConfig{}, err
	}
	if c.Config.UseBias != nil && !*c.Config.UseBias {
		return nn.LayerConfig{}, errors.New("refcase: use_bias=false is not supported")
	}
	lc := nn.LayerConfig{
		Cell: cell, Units: c.Config.Units, Inputs: c.Config.InputDim,
		Activation: act, RecurrentActivation: rec,
		ReturnSequences: c.Config.ReturnSequences,
	}
	if cell == nn.GRU {
		lc.ResetAfter = len(c.Weights.RNN.Bias.Shape) == 2
		if c.Config.ResetAfter != nil && *c.Config.ResetAfter != lc.ResetAfter {
			return nn.LayerConfig{}, fmt.Errorf("refcase: reset_after=%v but the bias has shape %s", *c.Config.ResetAfter, c.Weights.RNN.Bias.shapeString())
		}
	} else if c.Config.ResetAfter != nil && *c.Config.ResetAfter {
		return nn.LayerConfig{}, fmt.Errorf("refcase: reset_after is a GRU option, not %s", cell)
	}
	if err := lc.Validate(); err != nil {
		return nn.LayerConfig{}, err
	}
	return lc, nil
}

// Model validates the case's configuration and weights and returns the
// nn.Model they describe.
func (c *Case) Model() (*nn.Model, error) {
	lc, err := c.cellConfig()
	if err != nil {
		return nil, err
	}
	if _, _, err := c.head(); err != nil {
		return nil, err
	}
	w := c.Weights
	gn := lc.Cell.Gates() * lc.Units
	if !w.Dense.Kernel.hasShape(lc.Units, dim(w.Dense.Kernel, 1)) || dim(w.Dense.Kernel, 1) < 1 {
		return nil, fmt.Errorf("refcase: weights.dense.kernel has shape %s, want [%d][outputs]", w.Dense.Kernel.shapeString(), lc.Units)
	}
	outputs := w.Dense.Kernel.Shape[1]
	m, err := nn.NewModel([]nn.LayerConfig{lc}, nn.DenseConfig{Outputs: outputs})
	if err != nil {
		return nil, err
	}
	r, d := m.Layers[0], m.Head
	biasShape := []int{gn}
	if lc.ResetAfter {
		biasShape = []int{2, gn}
	}
	checks := []struct {
		name  string
		t     Tensor
		shape []int
		dst   []float64
	}{
		{"weights.rnn.kernel", w.RNN.Kernel, []int{lc.Inputs, gn}, r.Kernel.RawMatrix().Data},
		{"weights.rnn.recurrent_kernel", w.RNN.RecurrentKernel, []int{lc.Units, gn}, r.RecurrentKernel.RawMatrix().Data},
		{"weights.rnn.bias", w.RNN.Bias, biasShape, m.Params()[2].Value},
		{"weights.dense.kernel", w.Dense.Kernel, []int{lc.Units, outputs}, d.Kernel.RawMatrix().Data},
		{"weights.dense.bias", w.Dense.Bias, []int{outputs}, d.Bias},
	}
	for _, ch := range checks {
		if !ch.t.hasShape(ch.shape...) {
			return nil, fmt.Errorf("refcase: %s has shape %s, want %v", ch.name, ch.t.shapeString(), ch.shape)
		}
		if err := finite(ch.t.Data); err != nil {
			return nil, fmt.Errorf("refcase: %s: %w", ch.name, err)
		}
		copy(ch.dst, ch.t.Data)
	}
	if err := c.checkData(lc, outputs); err != nil {
		return nil, err
	}
	return m, nil
}

// checkData validates the inputs and targets against the configuration.
func (c *Case) checkData(lc nn.LayerConfig, outputs int) error {
	in := c.Inputs
	if len(in.Shape) != 3 || in.Shape[0] < 1 || in.Shape[1] < 1 || in.Shape[2] != lc.Inputs {
		return fmt.Errorf("refcase: inputs have shape %s, want [batch][timesteps][%d] with batch, timesteps ≥ 1", in.shapeString(), lc.Inputs)
	}
	B, T := in.Shape[0], in.Shape[1]
	if c.Config.Batch != 0 && c.Config.Batch != B {
		return fmt.Errorf("refcase: config.batch is %d but inputs hold %d sequences", c.Config.Batch, B)
	}
	if c.Config.Timesteps != 0 && c.Config.Timesteps != T {
		return fmt.Errorf("refcase: config.timesteps is %d but inputs have %d steps", c.Config.Timesteps, T)
	}
	if err := finite(in.Data); err != nil {
		return fmt.Errorf("refcase: inputs: %w", err)
	}
	if c.Targets == nil {
		return nil
	}
	want := []int{B, outputs}
	if lc.ReturnSequences {
		want = []int{B, T, outputs}
	}
	if !c.Targets.hasShape(want...) {
		return fmt.Errorf("refcase: targets have shape %s, want %v", c.Targets.shapeString(), want)
	}
	if err := finite(c.Targets.Data); err != nil {
		return fmt.Errorf("refcase: targets: %w", err)
	}
	if soft, _, _ := c.head(); soft {
		// Each target row is a distribution over the outputs, or zeros (no target).
		for r := 0; r*outputs < len(c.Targets.Data); r++ {
			row, sum := c.Targets.Data[r*outputs:(r+1)*outputs], 0.0
			for _, v := range row {
				if v < 0 {
					return fmt.Errorf("refcase: target row %d holds %v (a softmax target is a distribution, or zeros for no target)", r, v)
				}
				sum += v
			}
			if sum != 0 && math.Abs(sum-1) > 1e-6 {
				return fmt.Errorf("refcase: target row %d sums to %v (want 1, or 0 for no target)", r, sum)
			}
		}
	}
	return nil
}

func dim(t Tensor, k int) int {
	if k < len(t.Shape) {
		return t.Shape[k]
	}
	return -1
}

func finite(v []float64) error {
	for k, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("value %d is %v", k, x)
		}
	}
	return nil
}
