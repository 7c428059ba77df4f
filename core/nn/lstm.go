package nn

import "math"

// LSTM, one step (Keras layout; gate blocks i, f, g, o = Keras i, f, c, o):
//
//	z_t = x_t U + s_{t-1} W + b              (B, 4n)
//	i = σ(z_i)  f = σ(z_f)  g = tanh(z_g)  o = σ(z_o)
//	c_t = f ⊙ c_{t-1} + i ⊙ g
//	s_t = o ⊙ tanh(c_t)
//
// σ is the recurrent activation, tanh the activation (both configurable).

// lstmStep computes c_t and s_t for step t.
func (lw *layerWork) lstmStep(t int) {
	r, B, n := lw.layer, lw.B, lw.layer.Units
	gn := 4 * n
	act, rec := r.act(), r.recAct()
	zt := general(B, gn, block(lw.pre, t, B, gn)) // (B, 4n) pre-activations
	sPrev := general(B, n, block(lw.h, t, B, n))  // (B, n) s_{t-1}
	if t > 0 {                                    // s_0 = 0 adds nothing
		gemm(lw.flops, false, sPrev, r.RecurrentKernel.RawMatrix(), 1, zt)
	}
	at := block(lw.a, t, B, gn)   // (B, 4n) gate values i, f, g, o
	cPrev := block(lw.c, t, B, n) // (B, n) c_{t-1}
	ct := block(lw.c, t+1, B, n)  // (B, n) c_t
	tct := block(lw.tc, t, B, n)  // (B, n) tanh(c_t)
	st := block(lw.h, t+1, B, n)  // (B, n) s_t
	for b := 0; b < B; b++ {
		zrow, arow := zt.Data[b*gn:(b+1)*gn], at[b*gn:(b+1)*gn]
		rec.apply(arow[:2*n], zrow[:2*n])
		act.apply(arow[2*n:3*n], zrow[2*n:3*n])
		rec.apply(arow[3*n:], zrow[3*n:])
		i, f, g := arow[:n], arow[n:2*n], arow[2*n:3*n]
		cp, c := cPrev[b*n:(b+1)*n], ct[b*n:(b+1)*n]
		for j := range c {
			c[j] = f[j]*cp[j] + i[j]*g[j]
		}
	}
	if lw.injC != nil {
		for k, d := range block(lw.injC, t, B, n) {
			ct[k] += d
		}
	}
	act.apply(tct, ct)
	for b := 0; b < B; b++ {
		o := at[b*gn+3*n : (b+1)*gn]
		tc, s := tct[b*n:(b+1)*n], st[b*n:(b+1)*n]
		for j := range s {
			s[j] = o[j] * tc[j]
		}
	}
}

// lstmBackStep takes dh = dL/ds_t (B, n), with dcRec = dL/dc_t through
// c_{t+1}, and writes dL/dz_t, dcRec = dL/dc_{t-1} and, for t > 0,
// dhRec = dL/ds_{t-1} = dz_t Wᵀ:
//
//	do = dh ⊙ tanh(c_t)
//	dc = dcRec + dh ⊙ o ⊙ tanh'(c_t)
//	di = dc ⊙ g   df = dc ⊙ c_{t-1}   dg = dc ⊙ i   dcRec = dc ⊙ f
//	dz = (di σ'(z_i), df σ'(z_f), dg tanh'(z_g), do σ'(z_o))
func (lw *layerWork) lstmBackStep(t int, dh []float64) {
	r, B, n := lw.layer, lw.B, lw.layer.Units
	gn := 4 * n
	act, rec := r.act(), r.recAct()
	at := block(lw.a, t, B, gn)     // (B, 4n)
	dzt := block(lw.dpre, t, B, gn) // (B, 4n)
	cPrev := block(lw.c, t, B, n)   // (B, n)
	tct := block(lw.tc, t, B, n)    // (B, n)
	dc := lw.tmp[:B*n]              // (B, n) dL/dc_t
	var cc float64                  // ‖dL/dc_t‖²
	for b := 0; b < B; b++ {
		o := at[b*gn+3*n : (b+1)*gn]
		d, dcb := dh[b*n:(b+1)*n], dc[b*n:(b+1)*n]
		for j := range dcb {
			dcb[j] = d[j] * o[j]
		}
	}
	act.mulDeriv(dc, tct)
	for b := 0; b < B; b++ {
		arow, drow := at[b*gn:(b+1)*gn], dzt[b*gn:(b+1)*gn]
		i, f, g := arow[:n], arow[n:2*n], arow[2*n:3*n]
		di, df, dg, do := drow[:n], drow[n:2*n], drow[2*n:3*n], drow[3*n:]
		d, tc := dh[b*n:(b+1)*n], tct[b*n:(b+1)*n]
		cp, dcb, dcr := cPrev[b*n:(b+1)*n], dc[b*n:(b+1)*n], lw.dcRec[b*n:(b+1)*n]
		for j := range dcb {
			c := dcb[j] + dcr[j]
			cc += c * c
			di[j] = c * g[j]
			df[j] = c * cp[j]
			dg[j] = c * i[j]
			do[j] = d[j] * tc[j]
			dcr[j] = c * f[j]
		}
		rec.mulDeriv(drow[:2*n], arow[:2*n])
		act.mulDeriv(drow[2*n:3*n], arow[2*n:3*n])
		rec.mulDeriv(drow[3*n:], arow[3*n:])
	}
	lw.cnorms[t] = math.Sqrt(cc)
	if t > 0 {
		gemm(lw.flops, false, general(B, gn, dzt), lw.wT, 0, general(B, n, lw.dhRec))
	}
}
