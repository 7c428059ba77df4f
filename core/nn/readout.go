package nn

import "math"

// What a pass leaves in a Workspace to read: the outputs, the states and
// gates of every step, and the gradient norms the page and the experiments
// draw, shaped per sample.

// Output returns a copy of the head's outputs o [batch][T'][outputs] of the
// last Predict, Loss or Gradient call.
func (w *Workspace) Output() [][][]float64 {
	steps, outputs := w.outSteps(), w.m.Outputs()
	out := make([][][]float64, w.batch)
	for b := range out {
		out[b] = make([][]float64, steps)
		for t := range out[b] {
			r := (t*w.batch + b) * outputs
			out[b][t] = append([]float64(nil), w.o[r:r+outputs]...)
		}
	}
	return out
}

// States returns copies of layer l's states s_1..s_T [batch][T][units] of the
// last Predict, Loss or Gradient call and, for an LSTM layer, its cell states
// c_1..c_T (nil for other cells).
func (w *Workspace) States(l int) (s, c [][][]float64) {
	lw := w.layers[l]
	s = lw.perSample(lw.h[w.batch*lw.layer.Units:])
	if lw.c != nil {
		c = lw.perSample(lw.c[w.batch*lw.layer.Units:])
	}
	return s, c
}

// Gates returns a copy of layer l's gate activations [batch][T][g·units] of
// the last Predict, Loss or Gradient call: the gate blocks in the cell's
// order (LSTM i, f, g, o; GRU z, r, n; a SimpleRNN's one block is s_t).
func (w *Workspace) Gates(l int) [][][]float64 {
	lw := w.layers[l]
	return lw.perSampleWidth(lw.a, lw.layer.Cell.Gates()*lw.layer.Units)
}

// perSample copies a time-major (T*B, n) array into [batch][T][n].
func (lw *layerWork) perSample(v []float64) [][][]float64 {
	return lw.perSampleWidth(v, lw.layer.Units)
}

// perSampleWidth copies a time-major (T*B, n) array into [batch][T][n].
func (lw *layerWork) perSampleWidth(v []float64, n int) [][][]float64 {
	B, T := lw.B, lw.T
	out := make([][][]float64, B)
	for b := range out {
		out[b] = make([][]float64, T)
		for t := range out[b] {
			r := (t*B + b) * n
			out[b][t] = append([]float64(nil), v[r:r+n]...)
		}
	}
	return out
}

// StateGradNorms returns ‖∂L/∂s_t‖ [layer][t] from the last Gradient call
// (the Frobenius norm over the batch and the units; t = 0 is s_1). The slices
// are the workspace's own and change with the next call.
func (w *Workspace) StateGradNorms() [][]float64 {
	out := make([][]float64, len(w.layers))
	if w.gradSteps == 0 {
		return out
	}
	for l, lw := range w.layers {
		out[l] = lw.norms[:w.gradSteps]
	}
	return out
}

// CellGradNorms returns ‖∂L/∂c_t‖ [layer][t] along the cell state of every
// LSTM layer from the last Gradient call (the Frobenius norm over the batch
// and the units; t = 0 is c_1; nil for a layer of another cell). ∂L/∂c_t is
// complete: what reaches c_t from s_t and from c_{t+1}. The slices are the
// workspace's own and change with the next call.
func (w *Workspace) CellGradNorms() [][]float64 {
	out := make([][]float64, len(w.layers))
	if w.gradSteps == 0 {
		return out
	}
	for l, lw := range w.layers {
		if lw.cnorms != nil {
			out[l] = lw.cnorms[:w.gradSteps]
		}
	}
	return out
}

// InputGrads returns ∂L/∂x_t [batch][T][inputs], the gradient of the loss
// of the last Gradient call with respect to the model's inputs. It is
// computed when asked, from the first layer's gate gradients (every gate's
// pre-activation holds x_t U, so ∂L/∂x_t = ∂L/∂z_t Uᵀ), and costs training
// nothing. It returns nil before the first Gradient call. Call it before
// the weights change (an optimizer step).
func (w *Workspace) InputGrads() [][][]float64 {
	dx := w.inputGrads()
	if dx == nil {
		return nil
	}
	B, T, in := w.gradBatch, w.gradSteps, w.m.Inputs()
	out := make([][][]float64, B)
	for b := range out {
		out[b] = make([][]float64, T)
		for t := range out[b] {
			r := (t*B + b) * in
			out[b][t] = append([]float64(nil), dx[r:r+in]...)
		}
	}
	return out
}

// InputGradNorms returns ‖∂L/∂x_t‖ [t] of the last Gradient call (the
// Frobenius norm over the batch and the inputs; t = 0 is x_1): how much the
// loss depends on the input at step t, a quantity every cell has, so it
// compares cells. Computed when asked, as InputGrads.
func (w *Workspace) InputGradNorms() []float64 {
	dx := w.inputGrads()
	if dx == nil {
		return nil
	}
	B, T, in := w.gradBatch, w.gradSteps, w.m.Inputs()
	out := make([]float64, T)
	for t := range out {
		out[t] = math.Sqrt(sumSquares(block(dx, t, B, in)))
	}
	return out
}

// inputGrads computes dL/dx_t (T*B, inputs) into w.dx from layer 0's dpre.
func (w *Workspace) inputGrads() []float64 {
	if w.gradSteps == 0 {
		return nil
	}
	lw := w.layers[0]
	r, B, T := lw.layer, w.gradBatch, w.gradSteps
	gn := r.Cell.Gates() * r.Units
	if need := w.maxT * w.maxB * r.Inputs; len(w.dx) < need {
		w.dx = make([]float64, need)
		w.uT0 = make([]float64, gn*r.Inputs)
	}
	var flops int64
	uT := transpose(w.uT0, r.Kernel.RawMatrix())
	dx := general(T*B, r.Inputs, w.dx)
	gemm(&flops, false, general(T*B, gn, lw.dpre), uT, 0, dx)
	return dx.Data
}
