package nn

import "math"

// backward propagates w.do = dL/do back through the head and every layer
// (backpropagation through time) and writes every weight gradient into g.
func (w *Workspace) backward(g *Model) {
	w.headBackward(g.Head)
	for l := len(w.layers) - 1; l >= 0; l-- {
		lw := w.layers[l]
		lw.backward()
		var below *layerWork
		if l > 0 {
			below = w.layers[l-1]
		}
		lw.weightGrads(g.Layers[l], below)
	}
}

// headBackward turns dL/do into dL/d(pre-activation), writes dV and dc, and
// sets the top layer's dh = dL/ds_t from the head (zero at steps the head
// does not read).
func (w *Workspace) headBackward(g *Dense) {
	d := w.m.Head
	top := w.layers[len(w.layers)-1]
	rows, n := w.outRows(), top.layer.Units
	do := general(rows, d.Outputs, w.do)
	d.Activation.or(Linear).mulDeriv(do.Data, w.o)
	s := w.headInput(top) // (rows, n)
	gemm(&w.flops, true, s, do, 0, g.Kernel.RawMatrix())
	zero(g.Bias)
	addColSums(g.Bias, do.Data)
	B, T := w.batch, w.steps
	dh := top.dh[:T*B*n]
	if !top.layer.ReturnSequences {
		zero(dh[:(T-1)*B*n])
		dh = dh[(T-1)*B*n:]
	}
	gemm(&w.flops, false, do, transpose(w.vT, d.Kernel.RawMatrix()), 0, general(rows, n, dh))
}

// backward runs from s_T back to s_1. At step t the gradient reaching s_t is
// what arrives from above (lw.dh, block t) plus what flows back from s_{t+1}
// (lw.dhRec); its norm over the batch is ‖∂L/∂s_t‖.
func (lw *layerWork) backward() {
	B, T, n := lw.B, lw.T, lw.layer.Units
	lw.wT = transpose(lw.wTData, lw.layer.RecurrentKernel.RawMatrix())
	zero(lw.dhRec[:B*n])
	if lw.dcRec != nil {
		zero(lw.dcRec[:B*n])
	}
	for t := T - 1; t >= 0; t-- {
		dht := block(lw.dh, t, B, n) // (B, n) dL/ds_t, completed in place
		if t < T-1 {
			for k, v := range lw.dhRec[:B*n] {
				dht[k] += v
			}
		}
		lw.norms[t] = math.Sqrt(sumSquares(dht))
		lw.backwardStep(t, dht)
	}
}

// backwardStep takes step t back through the layer's cell (rnn.go, lstm.go,
// gru.go): dhT is ∂L/∂s_t, complete; the cell writes the step's gate
// gradients and what flows on to s_{t-1} (and c_{t-1}).
func (lw *layerWork) backwardStep(t int, dhT []float64) {
	r := lw.layer
	switch {
	case r.Cell == SimpleRNN:
		lw.rnnBackStep(t, dhT)
	case r.Cell == LSTM:
		lw.lstmBackStep(t, dhT)
	case r.ResetAfter:
		lw.gruAfterBackStep(t, dhT)
	default:
		lw.gruBeforeBackStep(t, dhT)
	}
}

// weightGrads writes dU, dW and db of the layer into g from the dpre (and drw)
// of all steps, each with one matrix product over all T*B rows (dW over the
// rows of steps 1 .. T-1: s_0 = 0 adds nothing), and the gradient of the
// layer's input into the layer below's dh.
func (lw *layerWork) weightGrads(g *Recurrent, below *layerWork) {
	r, B, T := lw.layer, lw.B, lw.T
	n, gn := r.Units, r.Cell.Gates()*r.Units
	dpre := general(T*B, gn, lw.dpre)
	in := general(T*B, r.Inputs, lw.in)
	gemm(lw.flops, true, in, dpre, 0, g.Kernel.RawMatrix())
	R := (T - 1) * B                        // rows of steps 1 .. T-1
	sPrev := general(R, n, lw.h[B*n:])      // s_1 .. s_{T-1}
	dpre1 := general(R, gn, lw.dpre[B*gn:]) // their dL/d pre-activations
	dW := g.RecurrentKernel.RawMatrix()
	switch {
	case R == 0: // T = 1
		zero(dW.Data[:dW.Rows*dW.Stride])
	case r.Cell == GRU && r.ResetAfter:
		gemm(lw.flops, true, sPrev, general(R, gn, lw.drw[B*gn:]), 0, dW)
	case r.Cell == GRU:
		rs := general(R, n, lw.rw[B*n:]) // r ⊙ s_{t-1}
		gemm(lw.flops, true, sPrev, cols(dpre1, 0, 2*n), 0, cols(dW, 0, 2*n))
		gemm(lw.flops, true, rs, cols(dpre1, 2*n, gn), 0, cols(dW, 2*n, gn))
	default:
		gemm(lw.flops, true, sPrev, dpre1, 0, dW)
	}
	if r.Cell == GRU && r.ResetAfter {
		zero(g.RecurrentBias)
		addColSums(g.RecurrentBias, lw.drw[:T*B*gn])
	}
	zero(g.Bias)
	addColSums(g.Bias, dpre.Data)
	if below != nil {
		gemm(lw.flops, false, dpre, transpose(lw.uT, r.Kernel.RawMatrix()), 0, general(T*B, r.Inputs, below.dh))
	}
}
