package bridge

import (
	"strconv"

	"unroll/core/nn"
)

// Convert turns the trace of one sequence through m into the page's
// TraceResult (steps of the first recurrent layer, the head's last output,
// the unrolled graph). Model and Input are left for the caller.
func Convert(m *nn.Model, tr *nn.Trace) *TraceResult {
	lt := tr.Layers[0]
	res := &TraceResult{Steps: make([]StepInfo, len(lt.Steps))}
	for k, st := range lt.Steps {
		s := StepInfo{
			T:     st.T,
			X:     st.X,
			SPrev: st.SPrev,
			H:     st.H,
			C:     st.C,
			CPrev: st.CPrev,
			Gates: make(map[string]*GateInfo, len(st.Gates)),
		}
		for _, g := range st.Gates {
			s.Gates[g.Name] = &GateInfo{UX: g.UX, WS: g.WS, B: g.B, Pre: g.Pre, Act: g.Act}
		}
		res.Steps[k] = s
	}
	if n := len(tr.Output); n > 0 {
		res.Output = tr.Output[n-1]
	}
	res.Graph = buildGraph(m, tr)
	return res
}

// buildGraph converts the engine's unrolled graph (nn.Model.Graph) into the
// page's form: x_t, s_t of the first recurrent layer and o_t, with ids "x3",
// "s3", "o10"; edges x_t → s_t (U), s_{t−1} → s_t (W, from t = 2: the page
// draws s_0) and s_T → o_T (V); and the shared matrices once, by the
// lecture's names. Every U edge is the same matrix, and so is every W edge.
func buildGraph(m *nn.Model, tr *nn.Trace) Graph {
	ng := m.Graph(tr)
	g := Graph{
		Nodes: make([]GraphNode, 0, len(ng.Nodes)),
		Edges: make([]GraphEdge, 0, len(ng.Edges)),
	}
	ids := make(map[string]string, len(ng.Nodes)) // engine id → page id
	for _, n := range ng.Nodes {
		if (n.Kind == "s" && (n.Layer != 0 || n.T == 0)) || (n.Kind != "x" && n.Kind != "s" && n.Kind != "o") {
			continue
		}
		id := n.Kind + strconv.Itoa(n.T)
		ids[n.ID] = id
		g.Nodes = append(g.Nodes, GraphNode{ID: id, Kind: n.Kind, T: n.T, Value: n.Value})
	}
	for _, e := range ng.Edges {
		from, ok1 := ids[e.From]
		to, ok2 := ids[e.To]
		if !ok1 || !ok2 || (e.Kind != "V" && e.Layer != 0) {
			continue
		}
		g.Edges = append(g.Edges, GraphEdge{From: from, To: to, Weight: e.Kind})
	}
	for _, w := range ng.Weights {
		switch w.Name {
		case "U0":
			g.Weights.U = w.Values
		case "W0":
			g.Weights.W = w.Values
		case "V":
			g.Weights.V = w.Values
		}
	}
	r := m.Layers[0]
	g.Weights.B = r.Bias
	g.Weights.BRec = r.RecurrentBias
	g.Weights.BV = m.Head.Bias
	return g
}
