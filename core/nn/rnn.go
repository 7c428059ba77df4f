package nn

// SimpleRNN, one step (the lecture's equation, Keras layout):
//
//	s_t = f(x_t U + s_{t-1} W + b)
//
// z already holds x_t U + b for every step (layerWork.forward).

// rnnStep computes s_t for step t (0-based: s_{t+1} in the lecture's count).
func (lw *layerWork) rnnStep(t int) {
	r, B, n := lw.layer, lw.B, lw.layer.Units
	zt := general(B, n, block(lw.pre, t, B, n))  // (B, n) pre-activation
	sPrev := general(B, n, block(lw.h, t, B, n)) // (B, n) s_{t-1}
	if t > 0 {                                   // s_0 = 0 adds nothing
		gemm(lw.flops, false, sPrev, r.RecurrentKernel.RawMatrix(), 1, zt)
	}
	at := block(lw.a, t, B, n) // (B, n) s_t
	r.act().apply(at, zt.Data)
	copy(block(lw.h, t+1, B, n), at)
}

// rnnBackStep takes dh = dL/ds_t (B, n) and writes dL/dz_t and, for t > 0,
// dL/ds_{t-1} = dz_t Wᵀ into dhRec.
func (lw *layerWork) rnnBackStep(t int, dh []float64) {
	r, B, n := lw.layer, lw.B, lw.layer.Units
	dzt := block(lw.dpre, t, B, n) // (B, n)
	copy(dzt, dh)
	r.act().mulDeriv(dzt, block(lw.a, t, B, n))
	if t > 0 {
		gemm(lw.flops, false, general(B, n, dzt), lw.wT, 0, general(B, n, lw.dhRec))
	}
}
