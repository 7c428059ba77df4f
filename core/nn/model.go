package nn

import (
	"gonum.org/v1/gonum/mat"

	"unroll/core/msg"
)

// Recurrent is one recurrent layer with its weights in Keras layout. The
// column blocks of Kernel, RecurrentKernel and the biases are the gates in
// Keras order (LSTM i, f, c, o; GRU z, r, h), each Units wide.
type Recurrent struct {
	LayerConfig
	Kernel          *mat.Dense // U: (inputs, g*units), Keras kernel
	RecurrentKernel *mat.Dense // W: (units, g*units), Keras recurrent_kernel
	Bias            []float64  // b: (g*units); GRU reset_after: input bias (Keras bias row 0)
	RecurrentBias   []float64  // GRU reset_after only: (g*units), Keras bias row 1; nil otherwise

	// biasData backs Bias (and RecurrentBias right after it), so that a GRU
	// reset_after bias is one contiguous (2, g*units) array as in Keras.
	biasData []float64
}

// Dense is the output layer o = f(s V + c), applied to the last recurrent
// layer's state (at every step when that layer returns sequences).
type Dense struct {
	Inputs, Outputs int
	Activation      Activation // "" means linear
	Kernel          *mat.Dense // V: (inputs, outputs)
	Bias            []float64  // (outputs)
}

// Model is a stack of recurrent layers and a Dense head, as the lecture's
// Sequential([LSTM(...), Dense(1)]).
type Model struct {
	Layers []*Recurrent // stacked; every layer but the last has ReturnSequences = true
	Head   *Dense       // Dense after the last recurrent layer
}

// NewModel validates the configuration and returns a model with zero weights
// (call Init for Keras's initialisation). Each layer's Inputs must equal the
// previous layer's Units, and every layer but the last must return sequences.
func NewModel(layers []LayerConfig, head DenseConfig) (*Model, error) {
	if err := validateModel(layers, head); err != nil {
		return nil, err
	}
	m := &Model{}
	for _, c := range layers {
		m.Layers = append(m.Layers, newRecurrent(c))
	}
	m.Head = newDense(layers[len(layers)-1].Units, head)
	return m, nil
}

func validateModel(layers []LayerConfig, head DenseConfig) error {
	if len(layers) == 0 || len(layers) > MaxLayers {
		return msg.Errorf("nn: %d recurrent layers, want 1..%d", len(layers), MaxLayers)
	}
	for l, c := range layers {
		if err := c.Validate(); err != nil {
			return msg.Errorf("layer %d: %w", l, err)
		}
		if l > 0 && c.Inputs != layers[l-1].Units {
			return msg.Errorf("nn: layer %d has %d inputs but layer %d has %d units", l, c.Inputs, l-1, layers[l-1].Units)
		}
		if l < len(layers)-1 && !c.ReturnSequences {
			return msg.Errorf("nn: layer %d feeds another recurrent layer and must return sequences", l)
		}
	}
	return head.Validate()
}

// ParamShapes validates the configuration as NewModel does and returns the
// shapes of the model's Params, in their order, without allocating the
// weights: an importer checks a file's weights against them first, so that
// a file declaring a large model but holding few numbers allocates nothing.
func ParamShapes(layers []LayerConfig, head DenseConfig) ([][]int, error) {
	if err := validateModel(layers, head); err != nil {
		return nil, err
	}
	var shapes [][]int
	for _, c := range layers {
		gn := c.Cell.Gates() * c.Units
		bias := []int{gn}
		if c.Cell == GRU && c.ResetAfter {
			bias = []int{2, gn}
		}
		shapes = append(shapes, []int{c.Inputs, gn}, []int{c.Units, gn}, bias)
	}
	return append(shapes, []int{layers[len(layers)-1].Units, head.Outputs}, []int{head.Outputs}), nil
}

func newRecurrent(c LayerConfig) *Recurrent {
	gn := c.Cell.Gates() * c.Units
	r := &Recurrent{
		LayerConfig:     c,
		Kernel:          mat.NewDense(c.Inputs, gn, nil),
		RecurrentKernel: mat.NewDense(c.Units, gn, nil),
	}
	if c.Cell == GRU && c.ResetAfter {
		r.biasData = make([]float64, 2*gn)
		r.Bias = r.biasData[:gn:gn]
		r.RecurrentBias = r.biasData[gn:]
	} else {
		r.biasData = make([]float64, gn)
		r.Bias = r.biasData
	}
	return r
}

func newDense(inputs int, c DenseConfig) *Dense {
	return &Dense{
		Inputs:     inputs,
		Outputs:    c.Outputs,
		Activation: c.Activation,
		Kernel:     mat.NewDense(inputs, c.Outputs, nil),
		Bias:       make([]float64, c.Outputs),
	}
}

// Config returns the configuration the model was built from.
func (m *Model) Config() ([]LayerConfig, DenseConfig) {
	layers := make([]LayerConfig, len(m.Layers))
	for l, r := range m.Layers {
		layers[l] = r.LayerConfig
	}
	return layers, DenseConfig{Outputs: m.Head.Outputs, Activation: m.Head.Activation}
}

// Inputs is the size of x_t; Outputs the size of o_t.
func (m *Model) Inputs() int  { return m.Layers[0].Inputs }
func (m *Model) Outputs() int { return m.Head.Outputs }

// ReturnSequences reports whether the model outputs o_t at every step (T' =
// T) rather than after the last step only (T' = 1).
func (m *Model) ReturnSequences() bool { return m.Layers[len(m.Layers)-1].ReturnSequences }

// ZeroLike returns a model of the same configuration with all weights zero,
// used as a gradient holder.
func (m *Model) ZeroLike() *Model {
	z := &Model{}
	for _, r := range m.Layers {
		z.Layers = append(z.Layers, newRecurrent(r.LayerConfig))
	}
	z.Head = newDense(m.Head.Inputs, DenseConfig{Outputs: m.Head.Outputs, Activation: m.Head.Activation})
	return z
}

// Clone returns a deep copy.
func (m *Model) Clone() *Model {
	c := m.ZeroLike()
	c.CopyFrom(m)
	return c
}

// CopyFrom copies src's weights into m; both must have the same shapes.
func (m *Model) CopyFrom(src *Model) {
	dst, from := m.Params(), src.Params()
	if len(dst) != len(from) {
		panic("nn: CopyFrom between models of different shapes")
	}
	for k := range dst {
		if len(dst[k].Value) != len(from[k].Value) {
			panic("nn: CopyFrom between models of different shapes")
		}
		copy(dst[k].Value, from[k].Value)
	}
}

// ParamCount is the number of trainable weights, as Keras's model.summary()
// counts them.
func (m *Model) ParamCount() int {
	n := 0
	for _, r := range m.Layers {
		n += r.ParamCount()
	}
	return n + m.Head.Inputs*m.Head.Outputs + m.Head.Outputs
}

// Param is one weight array. Value aliases the model's storage (row-major),
// so an optimizer can update it in place.
type Param struct {
	Name  string
	Shape []int
	Value []float64
}

// Params lists the weights in a fixed order: for each recurrent layer l
// "rnn<l>/kernel" (inputs, g*units), "rnn<l>/recurrent_kernel" (units,
// g*units), "rnn<l>/bias" (g*units) or, for GRU reset_after, (2, g*units);
// then "dense/kernel" (inputs, outputs) and "dense/bias" (outputs).
func (m *Model) Params() []Param {
	var ps []Param
	for l, r := range m.Layers {
		gn := r.Cell.Gates() * r.Units
		r.packBias()
		pre := msg.Sprintf("rnn%d/", l)
		ps = append(ps,
			Param{pre + "kernel", []int{r.Inputs, gn}, r.Kernel.RawMatrix().Data},
			Param{pre + "recurrent_kernel", []int{r.Units, gn}, r.RecurrentKernel.RawMatrix().Data})
		if r.RecurrentBias != nil {
			ps = append(ps, Param{pre + "bias", []int{2, gn}, r.biasData})
		} else {
			ps = append(ps, Param{pre + "bias", []int{gn}, r.biasData})
		}
	}
	return append(ps,
		Param{"dense/kernel", []int{m.Head.Inputs, m.Head.Outputs}, m.Head.Kernel.RawMatrix().Data},
		Param{"dense/bias", []int{m.Head.Outputs}, m.Head.Bias})
}

// packBias makes Bias (and RecurrentBias) views of biasData again if a
// caller has replaced the slices, keeping their values.
func (r *Recurrent) packBias() {
	gn := r.Cell.Gates() * r.Units
	want := gn
	if r.RecurrentBias != nil {
		want = 2 * gn
	}
	if len(r.biasData) != want {
		r.biasData = make([]float64, want)
	} else if len(r.Bias) == gn && &r.Bias[0] == &r.biasData[0] &&
		(r.RecurrentBias == nil || len(r.RecurrentBias) == gn && &r.RecurrentBias[0] == &r.biasData[gn]) {
		return
	}
	copy(r.biasData[:gn], r.Bias)
	r.Bias = r.biasData[:gn:gn]
	if r.RecurrentBias != nil {
		copy(r.biasData[gn:], r.RecurrentBias)
		r.RecurrentBias = r.biasData[gn:]
	}
}

// checkShapes reports weights whose shapes do not match the configuration
// (possible when a caller replaced a matrix or slice).
func (m *Model) checkShapes() error {
	if len(m.Layers) == 0 || m.Head == nil {
		return msg.Errorf("nn: model has no layers or no head")
	}
	dense := func(name string, d *mat.Dense, r, c int) error {
		if d == nil {
			return msg.Errorf("nn: %s is missing", name)
		}
		raw := d.RawMatrix()
		if raw.Rows != r || raw.Cols != c || raw.Stride != c {
			return msg.Errorf("nn: %s is %dx%d, want %dx%d", name, raw.Rows, raw.Cols, r, c)
		}
		return nil
	}
	for l, r := range m.Layers {
		if err := r.Validate(); err != nil {
			return msg.Errorf("layer %d: %w", l, err)
		}
		gn := r.Cell.Gates() * r.Units
		if err := dense(msg.Sprintf("rnn%d/kernel", l), r.Kernel, r.Inputs, gn); err != nil {
			return err
		}
		if err := dense(msg.Sprintf("rnn%d/recurrent_kernel", l), r.RecurrentKernel, r.Units, gn); err != nil {
			return err
		}
		if len(r.Bias) != gn {
			return msg.Errorf("nn: rnn%d/bias has %d values, want %d", l, len(r.Bias), gn)
		}
		resetAfter := r.Cell == GRU && r.ResetAfter
		if resetAfter != (r.RecurrentBias != nil) || resetAfter && len(r.RecurrentBias) != gn {
			return msg.Errorf("nn: rnn%d recurrent bias does not match reset_after=%v", l, resetAfter)
		}
		if l > 0 && r.Inputs != m.Layers[l-1].Units {
			return msg.Errorf("nn: layer %d has %d inputs but layer %d has %d units", l, r.Inputs, l-1, m.Layers[l-1].Units)
		}
		if l < len(m.Layers)-1 && !r.ReturnSequences {
			return msg.Errorf("nn: layer %d feeds another recurrent layer and must return sequences", l)
		}
	}
	h := m.Head
	if err := (DenseConfig{Outputs: h.Outputs, Activation: h.Activation}).Validate(); err != nil {
		return err
	}
	if h.Inputs != m.Layers[len(m.Layers)-1].Units {
		return msg.Errorf("nn: dense has %d inputs, want %d", h.Inputs, m.Layers[len(m.Layers)-1].Units)
	}
	if err := dense("dense/kernel", h.Kernel, h.Inputs, h.Outputs); err != nil {
		return err
	}
	if len(h.Bias) != h.Outputs {
		return msg.Errorf("nn: dense/bias has %d values, want %d", len(h.Bias), h.Outputs)
	}
	return nil
}
