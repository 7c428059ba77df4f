package nn

import (
	"unroll/core/jsonx"
	"unroll/core/msg"
)

// Contrib is every term of every gate's pre-activation, one per weight, for
// steps From..To (1-based, inclusive) of the first layer: what the neuron
// view draws on each link (weight × the activation it carries) and what its
// panel lists. For gate g, target unit j < Units and step t,
//
//	pre_j = Σ_k u[k][j] + Σ_m w[m][j] + b[j]   (up to rounding)
//
// with u[k][j] = x_t[k]·U_g[k][j] and w[m][j] = s_{t−1}[m]·W_g[m][j], except
// for the GRU candidate n: with reset_after, w[m][j] = r_j·s_{t−1}[m]·W_n[m][j]
// and b[j] holds b_n + r_j·b_rec,n[j]; without it, w[m][j] =
// (r_m·s_{t−1}[m])·W_n[m][j]. b is the bias as the cell adds it.
type Contrib struct {
	From  int           `json:"from"`
	To    int           `json:"to"`
	Units int           `json:"units"` // target units 0..Units-1
	Steps []StepContrib `json:"steps"`
}

// StepContrib is one step's terms, gate by gate in the cell's order; it
// marshals as {"t", "gates": {"<name>": {"u", "w", "b"}, ...}, "v"?}.
type StepContrib struct {
	T     int
	Gates []GateContrib
	V     [][]float64 // [units][outputs] at a step with an output; nil otherwise
}

// GateContrib is one gate's terms at one step.
type GateContrib struct {
	Name string      `json:"-"`
	U    [][]float64 `json:"u"` // [inputs][Units]
	W    [][]float64 `json:"w"` // [units][Units]
	B    []float64   `json:"b"` // [Units]
}

// WriteJSON writes the gates as one object keyed by name, in order.
func (s StepContrib) WriteJSON(w *jsonx.Writer) {
	w.Open('{')
	w.Key(`"t":`)
	w.Int(int64(s.T))
	w.Key(`"gates":`)
	w.Open('{')
	for k := range s.Gates {
		w.KeyString(s.Gates[k].Name)
		s.Gates[k].WriteJSON(w)
	}
	w.Close('}')
	if s.V != nil {
		w.Key(`"v":`)
		w.FloatRows(s.V)
	}
	w.Close('}')
}

// MarshalJSON writes the step as WriteJSON does (for encoding/json).
func (s StepContrib) MarshalJSON() ([]byte, error) { return jsonx.Marshal(s) }

// AddContrib computes the result's Contrib from its own steps and graph (the
// model's first-layer U and W, with their biases) for steps from..to and the
// first units target units; out-of-range bounds are clamped, and units ≤ 0
// means every unit.
func (r *TraceResult) AddContrib(from, to, units int) error {
	if r.Graph == nil || len(r.Steps) == 0 {
		return msg.Errorf("nn: no steps to split")
	}
	var U, W, V *WeightMatrix
	for k := range r.Graph.Weights {
		switch w := &r.Graph.Weights[k]; w.Name {
		case "U0":
			U = w
		case "W0":
			W = w
		case "V":
			V = w
		}
	}
	if U == nil || W == nil {
		return msg.Errorf("nn: the graph has no first-layer U and W")
	}
	n := len(r.Steps[0].H)
	from, to = max(from, 1), min(to, len(r.Steps))
	if units <= 0 || units > n {
		units = n
	}
	c := &Contrib{From: from, To: to, Units: units}
	for t := from; t <= to; t++ {
		st := &r.Steps[t-1]
		sc := StepContrib{T: st.T}
		for gi, gt := range st.Gates {
			sc.Gates = append(sc.Gates, gateContrib(r.Graph.Cell, gt, st, U, W, gi*n, units))
		}
		if V != nil && r.Graph.Layers == 1 && (r.Outputs != nil || t == len(r.Steps)) {
			for j, sj := range st.H {
				row := make([]float64, V.Cols)
				for k := range row {
					row[k] = sj * V.Values[j][k]
				}
				sc.V = append(sc.V, row)
			}
		}
		c.Steps = append(c.Steps, sc)
	}
	r.Contrib = c
	return nil
}

// gateContrib splits one gate's pre-activation, its columns starting at lo.
func gateContrib(cell Cell, gt GateTrace, st *Step, U, W *WeightMatrix, lo, units int) GateContrib {
	g := GateContrib{Name: gt.Name, B: clone(gt.B[:units])}
	for k, xk := range st.X {
		row := make([]float64, units)
		for j := range row {
			row[j] = xk * U.Values[k][lo+j]
		}
		g.U = append(g.U, row)
	}
	var rg []float64 // the reset gate, for the GRU candidate
	if cell == GRU && gt.Name == "n" {
		rg = st.Gate("r").Act
	}
	resetAfter := rg != nil && W.Bias != nil
	for m, sm := range st.SPrev {
		row := make([]float64, units)
		for j := range row {
			switch {
			case resetAfter:
				row[j] = rg[j] * (sm * W.Values[m][lo+j])
			case rg != nil:
				row[j] = (rg[m] * sm) * W.Values[m][lo+j]
			default:
				row[j] = sm * W.Values[m][lo+j]
			}
		}
		g.W = append(g.W, row)
	}
	if resetAfter {
		for j := range g.B {
			g.B[j] += rg[j] * W.Bias[lo+j]
		}
	}
	return g
}
