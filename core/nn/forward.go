package nn

import (
	"math"

	"unroll/core/msg"
)

// forward runs every layer and the head on the loaded input.
func (w *Workspace) forward() {
	for _, lw := range w.layers {
		lw.forward()
	}
	w.headForward()
}

// headBackward is in backward.go; headForward computes o = f(s V + c) for
// every output row: s_1..s_T of the last layer with return_sequences, else s_T.
func (w *Workspace) headForward() {
	top := w.layers[len(w.layers)-1]
	d := w.m.Head
	rows := w.outRows()
	o := general(rows, d.Outputs, w.o)
	gemm(&w.flops, false, w.headInput(top), d.Kernel.RawMatrix(), 0, o)
	addRow(o.Data, d.Bias)
	d.Activation.or(Linear).apply(o.Data, o.Data)
}

// headInput is the (rows, units) block of states the head reads.
func (w *Workspace) headInput(top *layerWork) (s matrix) {
	n, B, T := top.layer.Units, w.batch, w.steps
	if top.layer.ReturnSequences {
		return general(T*B, n, top.h[B*n:])
	}
	return general(B, n, top.h[T*B*n:])
}

// forward computes one layer over all steps. The input products x_t U + b of
// all steps are one matrix product; the recurrence then adds s_{t-1} W step by
// step (cell-specific, in rnn.go, lstm.go, gru.go).
func (lw *layerWork) forward() {
	r, B, T := lw.layer, lw.B, lw.T
	n, gn := r.Units, r.Cell.Gates()*r.Units
	z := general(T*B, gn, lw.pre)
	gemm(lw.flops, false, general(T*B, r.Inputs, lw.in), r.Kernel.RawMatrix(), 0, z)
	addRow(z.Data, r.Bias)
	zero(lw.h[:B*n]) // s_0
	if lw.c != nil {
		zero(lw.c[:B*n]) // c_0
	}
	for t := 0; t < T; t++ {
		switch {
		case r.Cell == SimpleRNN:
			lw.rnnStep(t)
		case r.Cell == LSTM:
			lw.lstmStep(t)
		case r.ResetAfter:
			lw.gruAfterStep(t)
		default:
			lw.gruBeforeStep(t)
		}
		if lw.inject != nil {
			st, d := block(lw.h, t+1, B, n), block(lw.inject, t, B, n)
			for k := range st {
				st[k] += d[k]
			}
		}
	}
}

// block returns step t's (B, width) rows of a time-major array.
func block(s []float64, t, B, width int) []float64 {
	return s[t*B*width : (t+1)*B*width]
}

// finite reports the first NaN or infinite value.
func finite(v []float64) error {
	for k, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return msg.Errorf("value %d is %v", k, x)
		}
	}
	return nil
}
