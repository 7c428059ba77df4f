package nn

import (
	"errors"

	"unroll/core/msg"
)

// Workspace holds every buffer a forward and backward pass of a model needs,
// so that a training loop can compute one mini-batch after another without
// allocating. It is bound to the model it was made from: it reads the model's
// weights at every call (an optimizer may update them in place between calls)
// but the model's shapes must not change. A Workspace is not safe for
// concurrent use; use one per goroutine.
//
// The buffers grow when a call needs a larger batch or a longer sequence than
// any call before; after that, calls allocate nothing.
type Workspace struct {
	m      *Model
	err    error // shape error found when the workspace was made
	maxB   int
	maxT   int
	layers []*layerWork
	o      []float64 // (rows, outputs) head outputs o_t; rows = T*B or B
	do     []float64 // (rows, outputs) dL/do, then dL/d(pre-activation of o)
	vT     []float64 // (outputs, units) storage for Vᵀ
	y      []float64 // (rows, outputs) targets
	dx     []float64 // (T*B, inputs) dL/dx_t, made by InputGrads on demand
	uT0    []float64 // (g*units, inputs) storage for the first layer's Uᵀ, with dx
	flops  int64     // matrix-product flops computed so far (2·m·n·k each)

	backwardReady bool // the backward buffers exist for the current size
	gradSteps     int  // T of the last Gradient call (0: none since the buffers grew)
	gradBatch     int  // B of the last Gradient call
	batch         int  // current batch size
	steps         int  // current sequence length
}

// layerWork is one recurrent layer's part of a Workspace. Every array is
// time-major (see matrix.go): the rows of step t are t*B .. t*B+B-1.
type layerWork struct {
	layer  *Recurrent
	B, T   int
	in     []float64 // (T*B, inputs) x_t: owned by layer 0, else the layer below's h[B*n:]
	pre    []float64 // (T*B, g*n) pre-activations of every gate
	a      []float64 // (T*B, g*n) gate activations
	h      []float64 // ((T+1)*B, n) s_0 = 0, s_1 .. s_T
	c      []float64 // LSTM ((T+1)*B, n) c_0 = 0, c_1 .. c_T
	tc     []float64 // LSTM (T*B, n) act(c_t)
	rw     []float64 // GRU reset_after: (T*B, g*n) s_{t-1}W + b_rec; reset_after=false: (T*B, n) r ⊙ s_{t-1}
	dpre   []float64 // (T*B, g*n) dL/d pre-activations
	drw    []float64 // GRU reset_after: (T*B, g*n) dL/d rw
	dh     []float64 // (T*B, n) dL/ds_t arriving from above (head or next layer), not through s_{t+1}
	dhRec  []float64 // (B, n) dL/ds_t through s_{t+1}; after a step, dL/ds_{t-1} through s_t
	dcRec  []float64 // LSTM (B, n) dL/dc_t through c_{t+1}
	tmp    []float64 // (B, n) scratch
	norms  []float64 // (T) ‖dL/ds_t‖ over the batch
	cnorms []float64 // LSTM (T) ‖dL/dc_t‖ over the batch
	wT     matrix    // (g*n, n) Wᵀ, in wTData, set at the start of backward
	wTData []float64
	uT     []float64 // (g*n, inputs) storage for Uᵀ (layers above the first)
	inject []float64 // tests only: (T*B, n) added to s_t after each step, to probe ∂L/∂s_t
	injC   []float64 // tests only: LSTM (T*B, n) added to c_t after each step, to probe ∂L/∂c_t
	flops  *int64
}

// NewWorkspace returns a workspace for batches of up to batch sequences of up
// to T steps (larger calls grow it).
func (m *Model) NewWorkspace(batch, T int) *Workspace {
	w := &Workspace{m: m, err: m.checkShapes()}
	if w.err == nil {
		w.grow(max(batch, 1), max(T, 1))
	}
	return w
}

// grow (re)allocates the forward buffers for batches of B sequences of T
// steps; the backward buffers follow on the next Gradient (growBackward).
func (w *Workspace) grow(B, T int) {
	w.maxB, w.maxT = max(B, w.maxB), max(T, w.maxT)
	B, T = w.maxB, w.maxT
	w.layers = w.layers[:0]
	w.backwardReady, w.gradSteps = false, 0
	for l, r := range w.m.Layers {
		n, gn := r.Units, r.Cell.Gates()*r.Units
		lw := &layerWork{
			layer: r,
			pre:   make([]float64, T*B*gn),
			a:     make([]float64, T*B*gn),
			h:     make([]float64, (T+1)*B*n),
			flops: &w.flops,
		}
		if l == 0 {
			lw.in = make([]float64, T*B*r.Inputs)
		}
		switch {
		case r.Cell == LSTM:
			lw.c = make([]float64, (T+1)*B*n)
			lw.tc = make([]float64, T*B*n)
		case r.Cell == GRU && r.ResetAfter:
			lw.rw = make([]float64, T*B*gn)
		case r.Cell == GRU:
			lw.rw = make([]float64, T*B*n)
		}
		w.layers = append(w.layers, lw)
	}
	outputs := w.m.Head.Outputs
	w.o = make([]float64, T*B*outputs)
	w.y = make([]float64, T*B*outputs)
}

// growBackward allocates the buffers only backpropagation needs, once per
// size of the forward buffers.
func (w *Workspace) growBackward() {
	if w.backwardReady {
		return
	}
	B, T := w.maxB, w.maxT
	for l, lw := range w.layers {
		r := lw.layer
		n, gn := r.Units, r.Cell.Gates()*r.Units
		lw.dpre = make([]float64, T*B*gn)
		lw.dh = make([]float64, T*B*n)
		lw.dhRec = make([]float64, B*n)
		lw.tmp = make([]float64, B*n)
		lw.norms = make([]float64, T)
		lw.wTData = make([]float64, gn*n)
		if l > 0 {
			lw.uT = make([]float64, gn*r.Inputs)
		}
		if r.Cell == LSTM {
			lw.dcRec = make([]float64, B*n)
			lw.cnorms = make([]float64, T)
		}
		if r.Cell == GRU && r.ResetAfter {
			lw.drw = make([]float64, T*B*gn)
		}
	}
	w.do = make([]float64, T*B*w.m.Head.Outputs)
	w.vT = make([]float64, w.m.Head.Inputs*w.m.Head.Outputs)
	w.backwardReady = true
}

// setSize fixes the batch size and length of the next pass, growing the
// buffers if needed.
func (w *Workspace) setSize(B, T int) {
	if B > w.maxB || T > w.maxT {
		w.grow(B, T)
	}
	w.batch, w.steps = B, T
	for l, lw := range w.layers {
		lw.B, lw.T = B, T
		if l > 0 {
			below := w.layers[l-1]
			n := below.layer.Units
			lw.in = below.h[B*n : (T+1)*B*n]
		}
	}
}

// outRows is the number of head output rows: T*B with return_sequences, else B.
func (w *Workspace) outRows() int {
	if w.m.ReturnSequences() {
		return w.steps * w.batch
	}
	return w.batch
}

// outSteps is T': T with return_sequences, else 1.
func (w *Workspace) outSteps() int {
	if w.m.ReturnSequences() {
		return w.steps
	}
	return 1
}

// loadX validates x [batch][T][inputs] and copies it into layer 0's input.
func (w *Workspace) loadX(x [][][]float64) error {
	if w.err != nil {
		return w.err
	}
	B := len(x)
	if B == 0 {
		return errors.New("nn: empty batch")
	}
	T := len(x[0])
	if T == 0 {
		return errors.New("nn: empty sequence")
	}
	inputs := w.m.Inputs()
	for b, seq := range x {
		if len(seq) != T {
			return msg.Errorf("nn: sequence %d has %d steps, sequence 0 has %d", b, len(seq), T)
		}
		for t, xt := range seq {
			if len(xt) != inputs {
				return msg.Errorf("nn: x[%d][%d] has %d values, want %d", b, t, len(xt), inputs)
			}
			if err := finite(xt); err != nil {
				return msg.Errorf("nn: x[%d][%d]: %w", b, t, err)
			}
		}
	}
	w.setSize(B, T)
	in := w.layers[0].in
	for b, seq := range x {
		for t, xt := range seq {
			copy(in[(t*B+b)*inputs:], xt)
		}
	}
	return nil
}

// loadY validates y [batch][T'][outputs] against the current size and copies
// it into w.y.
func (w *Workspace) loadY(y [][][]float64) error {
	steps, outputs := w.outSteps(), w.m.Outputs()
	if len(y) != w.batch {
		return msg.Errorf("nn: %d targets for %d sequences", len(y), w.batch)
	}
	for b, seq := range y {
		if len(seq) != steps {
			return msg.Errorf("nn: y[%d] has %d steps, want %d", b, len(seq), steps)
		}
		for t, yt := range seq {
			if len(yt) != outputs {
				return msg.Errorf("nn: y[%d][%d] has %d values, want %d", b, t, len(yt), outputs)
			}
			if err := finite(yt); err != nil {
				return msg.Errorf("nn: y[%d][%d]: %w", b, t, err)
			}
			copy(w.y[(t*w.batch+b)*outputs:], yt)
		}
	}
	return nil
}

// Gradient computes the loss of the batch and writes dL/dweight for every
// weight into grads (overwriting it), which must have the model's shapes
// (make it once with m.ZeroLike()). It returns the loss. After it,
// StateGradNorms holds ‖∂L/∂s_t‖.
func (w *Workspace) Gradient(b Batch, loss Loss, grads *Model) (float64, error) {
	if err := w.loadX(b.X); err != nil {
		return 0, err
	}
	if !sameShape(w.m, grads) {
		return 0, errors.New("nn: gradient model has other shapes than the model")
	}
	if err := w.loadY(b.Y); err != nil {
		return 0, err
	}
	w.growBackward()
	w.forward()
	l, err := w.lossAndDelta(loss, true)
	if err != nil {
		return 0, err
	}
	w.backward(grads)
	w.gradSteps, w.gradBatch = w.steps, w.batch
	return l, nil
}

// Loss computes the batch's loss without gradients (e.g. a validation loss).
func (w *Workspace) Loss(b Batch, loss Loss) (float64, error) {
	if err := w.loadX(b.X); err != nil {
		return 0, err
	}
	if err := w.loadY(b.Y); err != nil {
		return 0, err
	}
	w.forward()
	return w.lossAndDelta(loss, false)
}

// Predict runs the model on x [batch][T][inputs] and returns o
// [batch][T'][outputs].
func (w *Workspace) Predict(x [][][]float64) ([][][]float64, error) {
	if err := w.loadX(x); err != nil {
		return nil, err
	}
	w.forward()
	return w.Output(), nil
}

// sameShape reports whether a and b have the same configuration.
func sameShape(a, b *Model) bool {
	if b == nil || len(a.Layers) != len(b.Layers) || b.Head == nil {
		return false
	}
	for l, r := range a.Layers {
		q := b.Layers[l]
		if r.LayerConfig != q.LayerConfig || q.Kernel == nil || q.RecurrentKernel == nil ||
			len(q.Bias) != len(r.Bias) || len(q.RecurrentBias) != len(r.RecurrentBias) {
			return false
		}
		if kr, kc := q.Kernel.Dims(); kr != r.Inputs || kc != len(r.Bias) {
			return false
		}
		if kr, kc := q.RecurrentKernel.Dims(); kr != r.Units || kc != len(r.Bias) {
			return false
		}
	}
	h, g := a.Head, b.Head
	if g.Kernel == nil || h.Inputs != g.Inputs || h.Outputs != g.Outputs || len(g.Bias) != len(h.Bias) {
		return false
	}
	kr, kc := g.Kernel.Dims()
	return kr == h.Inputs && kc == h.Outputs
}
