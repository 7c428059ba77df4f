package modelfile

import (
	"errors"
	"strings"

	"unroll/core/jsonx"
	"unroll/core/msg"
	"unroll/core/nn"
)

// softmax is the Dense activation of a model whose outputs are
// probabilities (File.Softmax).
const softmax = "softmax"

// decodeModel builds the model described by layers: one or more recurrent
// layers, then one Dense layer. A softmax Dense layer becomes a linear head
// whose outputs are logits, and soft reports it.
func decodeModel(layers []layer) (*nn.Model, bool, error) {
	if len(layers) < 2 {
		return nil, false, msg.Errorf("modelfile: %d layers; want recurrent layers followed by a Dense layer", len(layers))
	}
	rec, head := layers[:len(layers)-1], layers[len(layers)-1]
	var cfgs []nn.LayerConfig
	for l, ly := range rec {
		c, err := recurrentConfig(ly)
		if err != nil {
			return nil, false, msg.Errorf("modelfile: layer %d: %w", l, err)
		}
		cfgs = append(cfgs, c)
	}
	if head.Type != "Dense" {
		return nil, false, msg.Errorf("modelfile: last layer is %q; want Dense", head.Type)
	}
	soft := strings.EqualFold(strings.TrimSpace(head.Activation), softmax)
	if soft {
		head.Activation = string(nn.Linear)
	}
	act, err := nn.ParseActivation(head.Activation)
	if err != nil {
		return nil, false, msg.Errorf("modelfile: dense: %w", err)
	}
	last := cfgs[len(cfgs)-1]
	if head.InputDim != 0 && head.InputDim != last.Units {
		return nil, false, msg.Errorf("modelfile: dense input_dim %d, but the layer below has %d units", head.InputDim, last.Units)
	}
	dense := nn.DenseConfig{Outputs: head.Units, Activation: act}
	// The kernels' shapes are checked before the model is allocated: a file
	// that declares a large model must hold its numbers (nn.MaxUnits bounds
	// the units, so what is allocated is bounded by the file's own size).
	shapes, err := nn.ParamShapes(cfgs, dense)
	if err != nil {
		return nil, false, msg.Errorf("modelfile: %w", err)
	}
	for l, ly := range rec {
		if err := checkShape(ly.Weights.Kernel, shapes[3*l], "kernel"); err != nil {
			return nil, false, msg.Errorf("modelfile: layer %d (%s): %w", l, ly.Type, err)
		}
		if err := checkShape(ly.Weights.RecurrentKernel, shapes[3*l+1], "recurrent_kernel"); err != nil {
			return nil, false, msg.Errorf("modelfile: layer %d (%s): %w", l, ly.Type, err)
		}
	}
	if err := checkShape(head.Weights.Kernel, shapes[3*len(rec)], "kernel"); err != nil {
		return nil, false, msg.Errorf("modelfile: dense: %w", err)
	}
	m, err := nn.NewModel(cfgs, dense)
	if err != nil {
		return nil, false, msg.Errorf("modelfile: %w", err)
	}
	for l, ly := range rec {
		if err := fillRecurrent(m.Layers[l], ly.Weights); err != nil {
			return nil, false, msg.Errorf("modelfile: layer %d (%s): %w", l, ly.Type, err)
		}
	}
	h := m.Head
	if err := fill(h.Kernel.RawMatrix().Data, head.Weights.Kernel, h.Inputs, h.Outputs, "kernel"); err != nil {
		return nil, false, msg.Errorf("modelfile: dense: %w", err)
	}
	if err := fillBias(h.Bias, head.Weights.Bias); err != nil {
		return nil, false, msg.Errorf("modelfile: dense: %w", err)
	}
	if head.Weights.RecurrentKernel != nil {
		return nil, false, errors.New("modelfile: dense layer has a recurrent_kernel")
	}
	return m, soft, nil
}

func recurrentConfig(ly layer) (nn.LayerConfig, error) {
	cell, err := nn.ParseCell(ly.Type)
	if err != nil {
		return nn.LayerConfig{}, msg.Errorf("unsupported layer type %q (want SimpleRNN, LSTM, GRU, then Dense)", ly.Type)
	}
	act, err := nn.ParseActivation(ly.Activation)
	if err != nil {
		return nn.LayerConfig{}, err
	}
	rec, err := nn.ParseActivation(ly.RecurrentActivation)
	if err != nil {
		return nn.LayerConfig{}, err
	}
	c := nn.LayerConfig{
		Cell: cell, Units: ly.Units, Inputs: ly.InputDim,
		Activation: act, RecurrentActivation: rec,
	}
	if ly.ReturnSequences != nil {
		c.ReturnSequences = *ly.ReturnSequences
	}
	if ly.ResetAfter != nil {
		if cell != nn.GRU {
			return nn.LayerConfig{}, msg.Errorf("reset_after is a GRU option, not %s", string(cell))
		}
		c.ResetAfter = *ly.ResetAfter
	} else if cell == nn.GRU {
		c.ResetAfter = true // Keras's default
	}
	return c, c.Validate()
}

func fillRecurrent(r *nn.Recurrent, w weights) error {
	gn := r.Cell.Gates() * r.Units
	if err := fill(r.Kernel.RawMatrix().Data, w.Kernel, r.Inputs, gn, "kernel"); err != nil {
		return err
	}
	if err := fill(r.RecurrentKernel.RawMatrix().Data, w.RecurrentKernel, r.Units, gn, "recurrent_kernel"); err != nil {
		return err
	}
	if r.RecurrentBias == nil {
		return fillBias(r.Bias, w.Bias)
	}
	b, err := floatRows(w.Bias)
	if err != nil || len(b) != 2 {
		return msg.Errorf("bias must be [2][%d] for a GRU with reset_after", gn)
	}
	if err := fill(r.Bias, b[:1], 1, gn, "bias"); err != nil {
		return err
	}
	return fill(r.RecurrentBias, b[1:], 1, gn, "bias")
}

// floatRows reads a [][]float64.
func floatRows(raw jsonx.Raw) ([][]float64, error) {
	v, err := jsonx.Parse(raw)
	if err != nil {
		return nil, err
	}
	return jsonx.FloatRows(v)
}

func fillBias(dst []float64, raw jsonx.Raw) error {
	v, err := jsonx.Parse(raw)
	var b []float64
	if err == nil {
		b, err = jsonx.Floats(v)
	}
	if err != nil {
		return msg.Errorf("bias must be a list of %d numbers", len(dst))
	}
	if len(b) != len(dst) {
		return msg.Errorf("bias has %d values, want %d", len(b), len(dst))
	}
	return fill(dst, [][]float64{b}, 1, len(dst), "bias")
}

// checkShape reports a src that is not [shape[0]][shape[1]].
func checkShape(src [][]float64, shape []int, name string) error {
	r, c := shape[0], shape[1]
	if len(src) != r {
		return msg.Errorf("%s has %d rows, want %d×%d", name, len(src), r, c)
	}
	for i, row := range src {
		if len(row) != c {
			return msg.Errorf("%s row %d has %d values, want %d", name, i, len(row), c)
		}
	}
	return nil
}

// fill copies src ([r][c]) into the row-major dst, checking its shape and
// that every value is finite.
func fill(dst []float64, src [][]float64, r, c int, name string) error {
	if err := checkShape(src, []int{r, c}, name); err != nil {
		return err
	}
	for i, row := range src {
		if !finite(row) {
			return msg.Errorf("%s row %d is not finite", name, i)
		}
		copy(dst[i*c:], row)
	}
	return nil
}
