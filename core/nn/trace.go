package nn

import "errors"

// Trace is every value of one sequence's forward pass, step by step, as the
// page plays it back. It is read from the same batched forward pass that
// Predict and Gradient run (with a batch of one); only the split of each
// pre-activation into its input part x_t·U, recurrent part and bias is
// computed on the side, for display.
type Trace struct {
	Cell   Cell         `json:"cell"`
	Layers []LayerTrace `json:"layers"`
	Output [][]float64  `json:"output"` // [T'][outputs] the head's o_t (T' = T, or 1: after the last step)
}

// LayerTrace is one recurrent layer's steps.
type LayerTrace struct {
	Config LayerConfig `json:"config"`
	Steps  []Step      `json:"steps"`
}

// Step is one time step of one layer. Its JSON is stepJSON (wire.go): the
// gates' activations under "gates" and their parts under "terms".
type Step struct {
	T     int         // 1-based
	X     []float64   // input to this layer at t (x_t, or the layer below's s_t)
	SPrev []float64   // s_{t-1}
	H     []float64   // s_t
	C     []float64   // LSTM: c_t
	CPrev []float64   // LSTM: c_{t-1}
	Gates []GateTrace // in the cell's order: SimpleRNN "h"; LSTM i, f, g, o; GRU z, r, n
}

// GateTrace is one gate's column block at one step, so that
//
//	Pre = UX + WS + B (up to rounding)   and   Act = f(Pre).
//
// WS is the recurrent part as the cell uses it: s_{t-1}·W_gate, except for
// the GRU candidate n, where it is r ⊙ (s_{t-1}·W_n + b_rec,n) with
// reset_after (B is then the input bias only) and (r ⊙ s_{t-1})·W_n without.
// For the GRU gates z and r with reset_after, B is b_x + b_rec.
type GateTrace struct {
	Name string    // "h" | "i", "f", "g", "o" | "z", "r", "n": its key in the step's JSON
	UX   []float64 // x_t · U_gate
	WS   []float64 // recurrent part (see above)
	B    []float64
	Pre  []float64 // pre-activation
	Act  []float64 // activation (the gate's value; for "h" s_t, for "g", "n" the candidate)
}

// Gate returns the step's gate of that name ("h", "i", "f", "g", "o", "z",
// "r", "n"), or nil.
func (s *Step) Gate(name string) *GateTrace {
	for k := range s.Gates {
		if s.Gates[k].Name == name {
			return &s.Gates[k]
		}
	}
	return nil
}

// Trace runs one sequence x [T][inputs] through the model and returns every
// intermediate value.
func (m *Model) Trace(x [][]float64) (*Trace, error) {
	if len(x) == 0 {
		return nil, errors.New("nn: empty sequence")
	}
	w := m.NewWorkspace(1, len(x))
	if _, err := w.Predict([][][]float64{x}); err != nil {
		return nil, err
	}
	tr := &Trace{Cell: m.Layers[0].Cell}
	for _, lw := range w.layers {
		tr.Layers = append(tr.Layers, lw.trace())
	}
	outputs := m.Outputs()
	for t := 0; t < w.outSteps(); t++ {
		tr.Output = append(tr.Output, clone(w.o[t*outputs:(t+1)*outputs]))
	}
	return tr, nil
}

// trace reads a batch-of-one forward pass of the layer into Steps.
func (lw *layerWork) trace() LayerTrace {
	r := lw.layer
	n, gn, in := r.Units, r.Cell.Gates()*r.Units, r.Inputs
	U, W := r.Kernel.RawMatrix(), r.RecurrentKernel.RawMatrix()
	lt := LayerTrace{Config: r.LayerConfig}
	for t := 0; t < lw.T; t++ {
		x := lw.in[t*in : (t+1)*in]
		sPrev := lw.h[t*n : (t+1)*n]
		st := Step{T: t + 1, X: clone(x), SPrev: clone(sPrev), H: clone(lw.h[(t+1)*n : (t+2)*n])}
		if lw.c != nil {
			st.CPrev, st.C = clone(lw.c[t*n:(t+1)*n]), clone(lw.c[(t+1)*n:(t+2)*n])
		}
		z, a := lw.pre[t*gn:(t+1)*gn], lw.a[t*gn:(t+1)*gn]
		for gi, name := range r.Cell.GateNames() {
			lo, hi := gi*n, (gi+1)*n
			g := GateTrace{
				Name: name,
				UX:   vecMat(x, cols(U, lo, hi)),
				B:    clone(r.Bias[lo:hi]),
				Pre:  clone(z[lo:hi]),
				Act:  clone(a[lo:hi]),
			}
			switch {
			case r.Cell == GRU && name == "n" && r.ResetAfter:
				q, rg := lw.rw[t*gn+lo:t*gn+hi], a[n:2*n] // q_n = s_{t-1}W_n + b_rec,n
				g.WS = make([]float64, n)
				for j := range g.WS {
					g.WS[j] = rg[j] * q[j]
				}
			case r.Cell == GRU && name == "n":
				g.WS = vecMat(lw.rw[t*n:(t+1)*n], cols(W, lo, hi)) // (r ⊙ s_{t-1}) W_n
			default:
				g.WS = vecMat(sPrev, cols(W, lo, hi))
				if r.RecurrentBias != nil {
					for j := range g.B {
						g.B[j] += r.RecurrentBias[lo+j]
					}
				}
			}
			st.Gates = append(st.Gates, g)
		}
		lt.Steps = append(lt.Steps, st)
	}
	return lt
}

// vecMat returns the row vector v times the matrix a.
func vecMat(v []float64, a matrix) []float64 {
	out := make([]float64, a.Cols)
	for i, vi := range v {
		row := a.Data[i*a.Stride : i*a.Stride+a.Cols]
		for j, aij := range row {
			out[j] += vi * aij
		}
	}
	return out
}

func clone(v []float64) []float64 { return append([]float64(nil), v...) }
