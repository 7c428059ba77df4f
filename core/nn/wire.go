package nn

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// TraceResult is one trace as it leaves the engine: what the page's worker
// sends and what `unroll trace` prints, the same value. Steps are the first
// recurrent layer's (the lecture's one-layer picture); Layers holds every
// layer's when the model stacks more than one. GateOrder is the order of the
// gates in every step's Gates and in the kernels' column blocks (Keras order
// with the lecture's names), so a reader need not know it.
type TraceResult struct {
	GateOrder []string  `json:"gate_order"`
	Steps     []Step    `json:"steps"`
	Layers    [][]Step  `json:"layers,omitempty"`
	Output    []float64 `json:"output"` // the head's o_T after the last step
	Graph     *Graph    `json:"graph"`
}

// NewTraceResult puts a trace of m together with its unrolled graph.
func NewTraceResult(m *Model, tr *Trace) *TraceResult {
	res := &TraceResult{Graph: m.Graph(tr)}
	if len(tr.Layers) > 0 {
		res.GateOrder = tr.Layers[0].Config.Cell.GateNames()
		res.Steps = tr.Layers[0].Steps
	}
	if len(tr.Layers) > 1 {
		for _, l := range tr.Layers {
			res.Layers = append(res.Layers, l.Steps)
		}
	}
	if n := len(tr.Output); n > 0 {
		res.Output = tr.Output[n-1]
	}
	return res
}

// Gates are one step's gates in the cell's order. In JSON they are an object
// keyed by gate name, {"i": {...}, "f": {...}, "g": {...}, "o": {...}}
// (DESIGN.md §1), written in that order.
type Gates []GateTrace

// MarshalJSON writes the gates as an object in their order.
func (gs Gates) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for k, g := range gs {
		if k > 0 {
			b.WriteByte(',')
		}
		name, err := json.Marshal(g.Name)
		if err != nil {
			return nil, err
		}
		body, err := json.Marshal(g)
		if err != nil {
			return nil, err
		}
		b.Write(name)
		b.WriteByte(':')
		b.Write(body)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads the object MarshalJSON writes, keeping its order.
func (gs *Gates) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return fmt.Errorf("nn: gates: want an object")
	}
	*gs = (*gs)[:0]
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		g := GateTrace{Name: tok.(string)}
		if err := dec.Decode(&g); err != nil {
			return fmt.Errorf("nn: gate %q: %w", g.Name, err)
		}
		*gs = append(*gs, g)
	}
	_, err := dec.Token()
	return err
}
