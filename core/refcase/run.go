package refcase

import (
	"math"

	"unroll/core/nn"
)

// Run computes the case: the states and output always (with a softmax head,
// the softmax of the logits nn computes); with targets also the loss (mean
// squared error, or categorical cross-entropy over the steps that have a
// target) and the gradient of every weight.
func (c *Case) Run() (*Result, error) {
	m, err := c.Model()
	if err != nil {
		return nil, err
	}
	soft, loss, err := c.head()
	if err != nil {
		return nil, err
	}
	x := c.Inputs.rank3()
	w := m.NewWorkspace(len(x), len(x[0]))
	res := &Result{}
	if c.Targets == nil {
		if _, err := w.Predict(x); err != nil {
			return nil, err
		}
	} else {
		y := c.targets(m.ReturnSequences())
		g := m.ZeroLike()
		l, err := w.Gradient(nn.Batch{X: x, Y: y}, loss, g)
		if err != nil {
			return nil, err
		}
		res.Loss = &l
		res.Grads = weightsOf(g)
	}
	res.H, res.C = w.States(0)
	res.Output = outputTensor(w.Output(), m.ReturnSequences())
	if soft {
		n := len(res.Output.Data) / m.Outputs()
		for r := range n {
			softmax(res.Output.Data[r*m.Outputs() : (r+1)*m.Outputs()])
		}
	}
	return res, nil
}

// softmax replaces o by its softmax, exp(o_k − max) / Σ exp(o_j − max).
func softmax(o []float64) {
	top, sum := math.Inf(-1), 0.0
	for _, v := range o {
		top = math.Max(top, v)
	}
	for k, v := range o {
		o[k] = math.Exp(v - top)
		sum += o[k]
	}
	for k := range o {
		o[k] /= sum
	}
}

// targets returns the targets as [batch][T'][outputs].
func (c *Case) targets(seq bool) [][][]float64 {
	t := *c.Targets
	if !seq {
		t = Tensor{Shape: []int{t.Shape[0], 1, t.Shape[1]}, Data: t.Data}
	}
	return t.rank3()
}

// rank3 returns a rank-3 tensor as nested slices over its data.
func (t Tensor) rank3() [][][]float64 {
	a, b, c := t.Shape[0], t.Shape[1], t.Shape[2]
	out := make([][][]float64, a)
	for i := range out {
		out[i] = make([][]float64, b)
		for j := range out[i] {
			off := (i*b + j) * c
			out[i][j] = t.Data[off : off+c : off+c]
		}
	}
	return out
}

// outputTensor shapes o [batch][T'][outputs] as the format does: [batch][T][outputs]
// with return_sequences, else [batch][outputs].
func outputTensor(o [][][]float64, seq bool) Tensor {
	B, T, k := len(o), len(o[0]), len(o[0][0])
	t := Tensor{Shape: []int{B, T, k}}
	if !seq {
		t.Shape = []int{B, k}
	}
	for _, s := range o {
		for _, v := range s {
			t.Data = append(t.Data, v...)
		}
	}
	return t
}

// weightsOf converts a one-layer model (weights or gradients) to the format's
// nesting.
func weightsOf(m *nn.Model) *Weights {
	r, d := m.Layers[0], m.Head
	gn := len(r.Bias)
	bias := vector(r.Bias)
	if r.RecurrentBias != nil {
		bias = Tensor{Shape: []int{2, gn}, Data: append(append([]float64(nil), r.Bias...), r.RecurrentBias...)}
	}
	return &Weights{
		RNN: RNNWeights{
			Kernel:          matrixTensor(r.Inputs, gn, r.Kernel.RawMatrix().Data),
			RecurrentKernel: matrixTensor(r.Units, gn, r.RecurrentKernel.RawMatrix().Data),
			Bias:            bias,
		},
		Dense: DenseWeights{
			Kernel: matrixTensor(d.Inputs, d.Outputs, d.Kernel.RawMatrix().Data),
			Bias:   vector(d.Bias),
		},
	}
}
