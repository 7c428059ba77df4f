package nn

import (
	"math"

	"unroll/core/msg"
)

// Graph is the unrolled network of one trace as data: a node per input x_t,
// per state s_t of every layer (with s_0) and per output o_t, and an edge per
// use of a weight matrix. Every U edge of a layer refers to the same matrix,
// and so does every W edge: the page draws the sharing, it does not invent
// it.
type Graph struct {
	Cell    Cell           `json:"cell"`
	T       int            `json:"t"`      // number of steps
	Layers  int            `json:"layers"` // number of recurrent layers
	Nodes   []Node         `json:"nodes"`
	Edges   []Edge         `json:"edges"`
	Weights []WeightMatrix `json:"weights"`
}

// Node is x_t, s_t of a layer, or o_t. Its kind is the symbol the page's
// numbers carry (DESIGN.md §4): "h" for the state the lecture writes s_t, "y"
// for the output o_t.
type Node struct {
	ID    string    `json:"id"`              // "x/3", "h0/3" (layer 0, t = 3), "y/3"
	Kind  string    `json:"kind"`            // "x", "h" or "y"
	Layer int       `json:"layer"`           // recurrent layer of an "h" node; -1 for "x" and "y"
	T     int       `json:"t"`               // 1-based; 0 for the initial state s_0
	Value []float64 `json:"value"`           // x_t, s_t or o_t
	C     []float64 `json:"c,omitempty"`     // LSTM cell state c_t
	Gates []string  `json:"gates,omitempty"` // gate names of an "h" node's cell
}

// Edge is one use of a weight matrix: U (input → state), W (state → next
// state) or V (state → output).
type Edge struct {
	From   string    `json:"from"`
	To     string    `json:"to"`
	Kind   string    `json:"kind"`   // "U", "W" or "V"
	Layer  int       `json:"layer"`  // recurrent layer; -1 for V
	Weight string    `json:"weight"` // name of the matrix in Graph.Weights: "U0", "W0", "V"
	Signal []float64 `json:"signal"` // what the edge carries at this step: the gates' UX or WS (see GateTrace), or s_t·V
}

// WeightMatrix is one shared matrix, with what the page needs to colour its
// edges by sign and size them by |weight|, and the bias added after its
// product.
type WeightMatrix struct {
	Name    string      `json:"name"` // "U0", "W0", ..., "V"
	Kind    string      `json:"kind"` // "U", "W" or "V"
	Layer   int         `json:"layer"`
	Rows    int         `json:"rows"`
	Cols    int         `json:"cols"`
	Gates   []string    `json:"gates,omitempty"` // column blocks, each Cols/len(Gates) wide (Keras order)
	Values  [][]float64 `json:"values"`          // [rows][cols], Keras layout
	Mean    float64     `json:"mean"`            // mean value: its sign colours the edges
	MeanAbs float64     `json:"mean_abs"`        // mean |value|: it sets the edges' width
	MaxAbs  float64     `json:"max_abs"`         // largest |value|
	Norm    float64     `json:"norm"`            // Frobenius norm
	// Bias is the bias that follows the product: the layer's b (g·units) for
	// U, the GRU reset_after recurrent bias (g·units) for W (nil otherwise),
	// the Dense bias b_V (outputs) for V.
	Bias []float64 `json:"bias,omitempty"`
}

// Graph returns the unrolled graph of a trace of this model.
func (m *Model) Graph(tr *Trace) *Graph {
	T := 0
	if len(tr.Layers) > 0 {
		T = len(tr.Layers[0].Steps)
	}
	g := &Graph{Cell: tr.Cell, T: T, Layers: len(tr.Layers)}
	for l, r := range m.Layers {
		gates := r.Cell.GateNames()
		g.Weights = append(g.Weights,
			weightMatrix(msg.Sprintf("U%d", l), "U", l, r.Kernel.RawMatrix(), gates, r.Bias),
			weightMatrix(msg.Sprintf("W%d", l), "W", l, r.RecurrentKernel.RawMatrix(), gates, r.RecurrentBias))
	}
	g.Weights = append(g.Weights, weightMatrix("V", "V", -1, m.Head.Kernel.RawMatrix(), nil, m.Head.Bias))

	if len(tr.Layers) > 0 {
		for _, st := range tr.Layers[0].Steps {
			g.Nodes = append(g.Nodes, Node{ID: xID(st.T), Kind: "x", Layer: -1, T: st.T, Value: st.X})
		}
	}
	for l, lt := range tr.Layers {
		gates := lt.Config.Cell.GateNames()
		if len(lt.Steps) > 0 {
			s0 := Node{ID: sID(l, 0), Kind: "h", Layer: l, Value: lt.Steps[0].SPrev, C: lt.Steps[0].CPrev, Gates: gates}
			g.Nodes = append(g.Nodes, s0)
		}
		for _, st := range lt.Steps {
			g.Nodes = append(g.Nodes, Node{ID: sID(l, st.T), Kind: "h", Layer: l, T: st.T, Value: st.H, C: st.C, Gates: gates})
			from := xID(st.T)
			if l > 0 {
				from = sID(l-1, st.T)
			}
			var ux, ws []float64
			for _, gt := range st.Gates {
				ux, ws = append(ux, gt.UX...), append(ws, gt.WS...)
			}
			g.Edges = append(g.Edges,
				Edge{From: from, To: sID(l, st.T), Kind: "U", Layer: l, Weight: msg.Sprintf("U%d", l), Signal: ux},
				Edge{From: sID(l, st.T-1), To: sID(l, st.T), Kind: "W", Layer: l, Weight: msg.Sprintf("W%d", l), Signal: ws})
		}
	}
	if len(tr.Layers) > 0 {
		top := tr.Layers[len(tr.Layers)-1]
		V := m.Head.Kernel.RawMatrix()
		for k, o := range tr.Output {
			t := T
			if len(tr.Output) > 1 {
				t = k + 1
			}
			if t < 1 || t > len(top.Steps) {
				continue
			}
			g.Nodes = append(g.Nodes, Node{ID: oID(t), Kind: "y", Layer: -1, T: t, Value: o})
			g.Edges = append(g.Edges, Edge{From: sID(len(tr.Layers)-1, t), To: oID(t), Kind: "V", Layer: -1,
				Weight: "V", Signal: vecMat(top.Steps[t-1].H, V)})
		}
	}
	return g
}

func xID(t int) string    { return msg.Sprintf("x/%d", t) }
func sID(l, t int) string { return msg.Sprintf("h%d/%d", l, t) }
func oID(t int) string    { return msg.Sprintf("y/%d", t) }

func weightMatrix(name, kind string, layer int, a matrix, gates []string, bias []float64) WeightMatrix {
	w := WeightMatrix{Name: name, Kind: kind, Layer: layer, Rows: a.Rows, Cols: a.Cols, Gates: gates}
	if bias != nil {
		w.Bias = clone(bias)
	}
	var sum, sumAbs, ss float64
	for i := 0; i < a.Rows; i++ {
		row := clone(a.Data[i*a.Stride : i*a.Stride+a.Cols])
		for _, v := range row {
			w.MaxAbs = math.Max(w.MaxAbs, math.Abs(v))
			sum += v
			sumAbs += math.Abs(v)
			ss += v * v
		}
		w.Values = append(w.Values, row)
	}
	if n := float64(a.Rows * a.Cols); n > 0 {
		w.Mean, w.MeanAbs = sum/n, sumAbs/n
	}
	w.Norm = math.Sqrt(ss)
	return w
}
