package nn

// GRU, one step (Keras layout; gate blocks z, r, n = Keras z, r, h).
//
// reset_after = true (Keras's default; b_x is bias row 0, b_s row 1):
//
//	q_t = s_{t-1} W + b_s                          (B, 3n)
//	z = σ(x_t U_z + b_x,z + q_z)   r = σ(x_t U_r + b_x,r + q_r)
//	n = tanh(x_t U_n + b_x,n + r ⊙ q_n)
//	s_t = z ⊙ s_{t-1} + (1 − z) ⊙ n
//
// reset_after = false (the original GRU; one bias b):
//
//	z = σ(x_t U_z + s_{t-1} W_z + b_z)   r = σ(x_t U_r + s_{t-1} W_r + b_r)
//	n = tanh(x_t U_n + (r ⊙ s_{t-1}) W_n + b_n)
//	s_t = z ⊙ s_{t-1} + (1 − z) ⊙ n

// gruAfterStep is one reset_after=true step; it keeps q_t in rw.
func (lw *layerWork) gruAfterStep(t int) {
	ly, B, n := lw.layer, lw.B, lw.layer.Units
	gn := 3 * n
	act, rec := ly.act(), ly.recAct()
	pt := block(lw.pre, t, B, gn)                // (B, 3n) pre-activations
	at := block(lw.a, t, B, gn)                  // (B, 3n) z, r, n
	qt := block(lw.rw, t, B, gn)                 // (B, 3n) s_{t-1} W + b_s
	sPrev := general(B, n, block(lw.h, t, B, n)) // (B, n)
	if t > 0 {
		gemm(lw.flops, false, sPrev, ly.RecurrentKernel.RawMatrix(), 0, general(B, gn, qt))
	} else {
		zero(qt) // s_0 W = 0
	}
	addRow(qt, ly.RecurrentBias)
	st := block(lw.h, t+1, B, n)
	for b := 0; b < B; b++ {
		prow, arow, qrow := pt[b*gn:(b+1)*gn], at[b*gn:(b+1)*gn], qt[b*gn:(b+1)*gn]
		for j := 0; j < 2*n; j++ {
			prow[j] += qrow[j]
		}
		rec.apply(arow[:2*n], prow[:2*n])
		rg := arow[n : 2*n]
		pn, qn := prow[2*n:], qrow[2*n:]
		for j := range pn {
			pn[j] += rg[j] * qn[j]
		}
		act.apply(arow[2*n:], pn)
		gruMix(st[b*n:(b+1)*n], sPrev.Data[b*n:(b+1)*n], arow[:n], arow[2*n:])
	}
}

// gruMix sets s = z ⊙ sPrev + (1 − z) ⊙ n.
func gruMix(s, sPrev, z, n []float64) {
	for j := range s {
		s[j] = z[j]*sPrev[j] + (1-z[j])*n[j]
	}
}

// gruMixBack writes the update-gate and candidate gradients before the
// activations' derivatives: dz = dh ⊙ (s_{t-1} − n), dn = dh ⊙ (1 − z).
func gruMixBack(dz, dn, dh, sPrev, z, n []float64) {
	for j := range dh {
		dz[j] = dh[j] * (sPrev[j] - n[j])
		dn[j] = dh[j] * (1 - z[j])
	}
}

// gruAfterBackStep takes dh = dL/ds_t (B, n) and writes dL/d(pre-activations)
// into dpre, dL/dq_t into drw and, for t > 0, dhRec = dh ⊙ z + dq_t Wᵀ.
func (lw *layerWork) gruAfterBackStep(t int, dh []float64) {
	ly, B, n := lw.layer, lw.B, lw.layer.Units
	gn := 3 * n
	act, rec := ly.act(), ly.recAct()
	at := block(lw.a, t, B, gn)     // (B, 3n)
	qt := block(lw.rw, t, B, gn)    // (B, 3n)
	dpt := block(lw.dpre, t, B, gn) // (B, 3n)
	dqt := block(lw.drw, t, B, gn)  // (B, 3n)
	sPrev := block(lw.h, t, B, n)   // (B, n)
	for b := 0; b < B; b++ {
		arow, drow, qrow, dq := at[b*gn:(b+1)*gn], dpt[b*gn:(b+1)*gn], qt[b*gn:(b+1)*gn], dqt[b*gn:(b+1)*gn]
		gruMixBack(drow[:n], drow[2*n:], dh[b*n:(b+1)*n], sPrev[b*n:(b+1)*n], arow[:n], arow[2*n:])
		act.mulDeriv(drow[2*n:], arow[2*n:])
		rg, dr, dn := arow[n:2*n], drow[n:2*n], drow[2*n:]
		for j := range dn {
			dr[j] = dn[j] * qrow[2*n+j]
			dq[2*n+j] = dn[j] * rg[j]
		}
		rec.mulDeriv(drow[:2*n], arow[:2*n])
		copy(dq[:2*n], drow[:2*n])
	}
	if t > 0 {
		gruDirect(lw.dhRec[:B*n], dh, at, n)
		gemm(lw.flops, false, general(B, gn, dqt), lw.wT, 1, general(B, n, lw.dhRec))
	}
}

// gruDirect sets dst = dh ⊙ z, the gradient reaching s_{t-1} through
// s_t = z ⊙ s_{t-1} + ….
func gruDirect(dst, dh, at []float64, n int) {
	gn := 3 * n
	for b := 0; b*n < len(dst); b++ {
		z, d, o := at[b*gn:b*gn+n], dh[b*n:(b+1)*n], dst[b*n:(b+1)*n]
		for j := range o {
			o[j] = d[j] * z[j]
		}
	}
}

// gruBeforeStep is one reset_after=false step; it keeps r ⊙ s_{t-1} in rw.
func (lw *layerWork) gruBeforeStep(t int) {
	ly, B, n := lw.layer, lw.B, lw.layer.Units
	gn := 3 * n
	act, rec := ly.act(), ly.recAct()
	W := ly.RecurrentKernel.RawMatrix()
	pt := general(B, gn, block(lw.pre, t, B, gn)) // (B, 3n)
	at := block(lw.a, t, B, gn)                   // (B, 3n)
	rst := block(lw.rw, t, B, n)                  // (B, n) r ⊙ s_{t-1}
	sPrev := general(B, n, block(lw.h, t, B, n))  // (B, n)
	if t > 0 {                                    // s_0 = 0 adds nothing
		gemm(lw.flops, false, sPrev, cols(W, 0, 2*n), 1, cols(pt, 0, 2*n))
	}
	for b := 0; b < B; b++ {
		prow, arow := pt.Data[b*gn:(b+1)*gn], at[b*gn:(b+1)*gn]
		rec.apply(arow[:2*n], prow[:2*n])
		rg, sp, rs := arow[n:2*n], sPrev.Data[b*n:(b+1)*n], rst[b*n:(b+1)*n]
		for j := range rs {
			rs[j] = rg[j] * sp[j]
		}
	}
	if t > 0 { // r ⊙ s_0 = 0 adds nothing
		gemm(lw.flops, false, general(B, n, rst), cols(W, 2*n, gn), 1, cols(pt, 2*n, gn))
	}
	st := block(lw.h, t+1, B, n)
	for b := 0; b < B; b++ {
		prow, arow := pt.Data[b*gn:(b+1)*gn], at[b*gn:(b+1)*gn]
		act.apply(arow[2*n:], prow[2*n:])
		gruMix(st[b*n:(b+1)*n], sPrev.Data[b*n:(b+1)*n], arow[:n], arow[2*n:])
	}
}

// gruBeforeBackStep takes dh = dL/ds_t (B, n) and writes dL/d(pre-activations)
// into dpre and, for t > 0, dhRec = dh ⊙ z + d(rs) ⊙ r + dpre_{z,r} W_{z,r}ᵀ, where
// d(rs) = dz_n W_nᵀ is the gradient of r ⊙ s_{t-1}.
func (lw *layerWork) gruBeforeBackStep(t int, dh []float64) {
	ly, B, n := lw.layer, lw.B, lw.layer.Units
	gn := 3 * n
	act, rec := ly.act(), ly.recAct()
	at := block(lw.a, t, B, gn)                     // (B, 3n)
	dpt := general(B, gn, block(lw.dpre, t, B, gn)) // (B, 3n)
	sPrev := block(lw.h, t, B, n)                   // (B, n)
	drs := general(B, n, lw.tmp)                    // (B, n) dL/d(r ⊙ s_{t-1})
	for b := 0; b < B; b++ {
		arow, drow := at[b*gn:(b+1)*gn], dpt.Data[b*gn:(b+1)*gn]
		gruMixBack(drow[:n], drow[2*n:], dh[b*n:(b+1)*n], sPrev[b*n:(b+1)*n], arow[:n], arow[2*n:])
		act.mulDeriv(drow[2*n:], arow[2*n:])
	}
	gemm(lw.flops, false, cols(dpt, 2*n, gn), rows(lw.wT, 2*n, gn), 0, drs)
	for b := 0; b < B; b++ {
		arow, drow := at[b*gn:(b+1)*gn], dpt.Data[b*gn:(b+1)*gn]
		dr, d, sp := drow[n:2*n], drs.Data[b*n:(b+1)*n], sPrev[b*n:(b+1)*n]
		for j := range dr {
			dr[j] = d[j] * sp[j]
		}
		rec.mulDeriv(drow[:2*n], arow[:2*n])
	}
	if t > 0 {
		gruDirect(lw.dhRec[:B*n], dh, at, n)
		for b := 0; b < B; b++ {
			rg, d, o := at[b*gn+n:b*gn+2*n], drs.Data[b*n:(b+1)*n], lw.dhRec[b*n:(b+1)*n]
			for j := range o {
				o[j] += d[j] * rg[j]
			}
		}
		gemm(lw.flops, false, cols(dpt, 0, 2*n), rows(lw.wT, 0, 2*n), 1, general(B, n, lw.dhRec))
	}
}
