package nn

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

var traceConfigs = []struct {
	name   string
	layers []LayerConfig
}{
	{"rnn", []LayerConfig{{Cell: SimpleRNN, Units: 4, Inputs: 2}}},
	{"lstm", []LayerConfig{{Cell: LSTM, Units: 4, Inputs: 2}}},
	{"gru_after", []LayerConfig{{Cell: GRU, Units: 4, Inputs: 2, ResetAfter: true}}},
	{"gru_before_hard_sigmoid", []LayerConfig{{Cell: GRU, Units: 4, Inputs: 2, RecurrentActivation: HardSigmoid}}},
	{"lstm_stacked_seq", []LayerConfig{{Cell: LSTM, Units: 5, Inputs: 2, ReturnSequences: true}, {Cell: LSTM, Units: 3, Inputs: 5, ReturnSequences: true}}},
	{"gru_stacked", []LayerConfig{{Cell: GRU, Units: 3, Inputs: 2, ReturnSequences: true, ResetAfter: true}, {Cell: GRU, Units: 9, Inputs: 3, ResetAfter: true}}},
}

// TestTraceMatchesBatch checks the trace of one sequence against the batched
// forward pass of a batch that holds it among others, and the identities the
// page displays: pre = ux + ws + b, act = f(pre), and each cell's state
// update. The batched pass sums its products in another order (blocks of
// four rows, fused multiply-adds), hence 1e-14 rather than equality.
func TestTraceMatchesBatch(t *testing.T) {
	const tol = 1e-14
	for _, c := range traceConfigs {
		t.Run(c.name, func(t *testing.T) {
			m := randomModel(t, c.layers, DenseConfig{Outputs: 2}, 3, 0.8)
			batch := randomBatch(m, 5, 6, MSE, 4)
			w := m.NewWorkspace(5, 6)
			out, err := w.Predict(batch.X)
			if err != nil {
				t.Fatal(err)
			}
			const k = 2 // the sequence traced
			tr, err := m.Trace(batch.X[k])
			if err != nil {
				t.Fatal(err)
			}
			if d, _ := maxDiff(flat3([][][]float64{tr.Output}), flat3(out[k:k+1])); d > tol {
				t.Errorf("output differs by %g", d)
			}
			for l, lt := range tr.Layers {
				s, cs := w.States(l)
				checkSteps(t, l, lt, s[k], cs, k)
			}
		})
	}
}

func checkSteps(t *testing.T, l int, lt LayerTrace, s [][]float64, cs [][][]float64, k int) {
	const tol = 1e-14
	cfg := lt.Config
	for ti, st := range lt.Steps {
		if st.T != ti+1 {
			t.Fatalf("step %d has T = %d", ti, st.T)
		}
		if d, _ := maxDiff(st.H, s[ti]); d > tol {
			t.Errorf("layer %d s_%d differs from the batch by %g", l, st.T, d)
		}
		if cs != nil {
			if d, _ := maxDiff(st.C, cs[k][ti]); d > tol {
				t.Errorf("layer %d c_%d differs from the batch by %g", l, st.T, d)
			}
		}
		if ti > 0 {
			if d, _ := maxDiff(st.SPrev, lt.Steps[ti-1].H); d != 0 {
				t.Errorf("layer %d s_prev at %d is not s_%d", l, st.T, ti)
			}
		}
		gate := map[string][]float64{}
		for gi, g := range st.Gates {
			if g.Name != cfg.Cell.GateNames()[gi] {
				t.Fatalf("gate %d is %q", gi, g.Name)
			}
			act := cfg.act()
			if g.Name == "i" || g.Name == "f" || g.Name == "o" || g.Name == "z" || g.Name == "r" {
				act = cfg.recAct()
			}
			for j := range g.Pre {
				if d := math.Abs(g.UX[j] + g.WS[j] + g.B[j] - g.Pre[j]); d > tol {
					t.Errorf("layer %d t=%d gate %s[%d]: ux + ws + b − pre = %g", l, st.T, g.Name, j, d)
				}
				if a := act.eval(g.Pre[j]); a != g.Act[j] {
					t.Errorf("layer %d t=%d gate %s[%d]: act %g, f(pre) %g", l, st.T, g.Name, j, g.Act[j], a)
				}
			}
			gate[g.Name] = g.Act
		}
		for j := range st.H {
			var want float64
			switch cfg.Cell {
			case SimpleRNN:
				want = gate["h"][j]
			case LSTM:
				c := gate["f"][j]*st.CPrev[j] + gate["i"][j]*gate["g"][j]
				if math.Abs(c-st.C[j]) > tol {
					t.Errorf("layer %d t=%d: c = %g, f·c_prev + i·g = %g", l, st.T, st.C[j], c)
				}
				want = gate["o"][j] * cfg.act().eval(st.C[j])
			case GRU:
				want = gate["z"][j]*st.SPrev[j] + (1-gate["z"][j])*gate["n"][j]
			}
			if math.Abs(want-st.H[j]) > tol {
				t.Errorf("layer %d t=%d: s[%d] = %g, the cell's update gives %g", l, st.T, j, st.H[j], want)
			}
		}
	}
}

func TestGraph(t *testing.T) {
	for _, c := range traceConfigs {
		t.Run(c.name, func(t *testing.T) {
			m := randomModel(t, c.layers, DenseConfig{Outputs: 1}, 3, 0.8)
			x := randomBatch(m, 1, 4, MSE, 1).X[0]
			tr, err := m.Trace(x)
			if err != nil {
				t.Fatal(err)
			}
			g := m.Graph(tr)
			L, T, Tout := len(c.layers), 4, len(tr.Output)
			if len(g.Nodes) != T+L*(T+1)+Tout || len(g.Edges) != 2*L*T+Tout {
				t.Fatalf("%d nodes, %d edges; want %d, %d", len(g.Nodes), len(g.Edges), T+L*(T+1)+Tout, 2*L*T+Tout)
			}
			nodes := map[string]Node{}
			for _, n := range g.Nodes {
				nodes[n.ID] = n
			}
			weights := map[string]WeightMatrix{}
			for _, w := range g.Weights {
				weights[w.Name] = w
				if w.Rows != len(w.Values) || w.Cols != len(w.Values[0]) {
					t.Errorf("%s: %dx%d but values %dx%d", w.Name, w.Rows, w.Cols, len(w.Values), len(w.Values[0]))
				}
			}
			for _, e := range g.Edges {
				from, ok1 := nodes[e.From]
				to, ok2 := nodes[e.To]
				w, ok3 := weights[e.Weight]
				if !ok1 || !ok2 || !ok3 || w.Kind != e.Kind {
					t.Fatalf("edge %+v refers to missing nodes or weights", e)
				}
				if len(e.Signal) != w.Cols {
					t.Errorf("edge %s→%s carries %d values, its matrix has %d columns", e.From, e.To, len(e.Signal), w.Cols)
				}
				if e.Kind == "W" && (from.T != to.T-1 || from.Layer != to.Layer) {
					t.Errorf("W edge %s→%s does not join consecutive states", e.From, e.To)
				}
				if e.Kind == "U" && from.T != to.T {
					t.Errorf("U edge %s→%s crosses steps", e.From, e.To)
				}
			}
			last := nodes[sID(L-1, T)]
			if d, _ := maxDiff(last.Value, tr.Layers[L-1].Steps[T-1].H); d != 0 {
				t.Error("node value differs from the trace")
			}
		})
	}
}

func TestTraceResultJSON(t *testing.T) {
	for _, c := range traceConfigs {
		t.Run(c.name, func(t *testing.T) {
			m := randomModel(t, c.layers, DenseConfig{Outputs: 1}, 3, 0.8)
			tr, err := m.Trace(randomBatch(m, 1, 4, MSE, 1).X[0])
			if err != nil {
				t.Fatal(err)
			}
			res := NewTraceResult(m, tr)
			b, err := json.Marshal(res)
			if err != nil {
				t.Fatal(err)
			}
			// The gates' activations and their terms are objects written in
			// the cell's order, and the order is on the wire. A SimpleRNN
			// has no gates, only the terms of its one block "h".
			order := c.layers[0].Cell.GateNames()
			var raw struct {
				GateOrder []string `json:"gate_order"`
				Steps     []struct {
					Gates json.RawMessage `json:"gates"`
					Terms json.RawMessage `json:"terms"`
				} `json:"steps"`
			}
			if err := json.Unmarshal(b, &raw); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(raw.GateOrder, order) {
				t.Errorf("gate_order %v, want %v", raw.GateOrder, order)
			}
			inOrder := func(obj, value string) {
				last := -1
				for _, g := range order {
					k := strings.Index(obj, `"`+g+`":`+value)
					if k <= last {
						t.Errorf("gate %q out of order in %s", g, obj)
					}
					last = k
				}
			}
			inOrder(string(raw.Steps[0].Terms), `{"ux":`)
			if c.layers[0].Cell == SimpleRNN {
				if raw.Steps[0].Gates != nil {
					t.Errorf("a SimpleRNN step has gates %s", raw.Steps[0].Gates)
				}
			} else {
				inOrder(string(raw.Steps[0].Gates), `[`)
			}
			var back TraceResult
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			again, err := json.Marshal(back)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b, again) {
				t.Error("a trace result does not survive a JSON round trip")
			}
			if !reflect.DeepEqual(back.Steps, res.Steps) {
				t.Error("the steps read back differ from the steps written")
			}
			if len(c.layers) > 1 && len(back.Layers) != len(c.layers) {
				t.Errorf("%d layers on the wire, want %d", len(back.Layers), len(c.layers))
			}
		})
	}
}
