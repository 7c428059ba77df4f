package nn

import (
	"bytes"
	"encoding/json"

	"unroll/core/msg"
)

// TraceResult is one trace as it leaves the engine: what the page's worker
// sends and what `unroll trace` prints, the same value. Steps are the first
// recurrent layer's (the lecture's one-layer picture); Layers holds every
// layer's when the model stacks more than one. GateOrder is the order of the
// gates in every step's Gates and in the kernels' column blocks (Keras order
// with the lecture's names), so a reader need not know it. Steps marshal as
// stepJSON says.
type TraceResult struct {
	GateOrder []string  `json:"gate_order"`
	Steps     []Step    `json:"steps"`
	Layers    [][]Step  `json:"layers,omitempty"`
	Output    []float64 `json:"output"` // the head's o_T after the last step
	// Outputs are the head's o_t at every step, t = 1..T, for a model that
	// returns sequences (many-to-many); Output is then the last of them.
	Outputs [][]float64 `json:"outputs,omitempty"`
	Graph   *Graph      `json:"graph"`
	// Contrib splits the first layer's pre-activations into one term per
	// weight, when asked for (AddContrib).
	Contrib *Contrib `json:"contrib,omitempty"`
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
	if m.ReturnSequences() {
		res.Outputs = tr.Output
	}
	return res
}

// A Step in JSON (DESIGN.md §1: `unroll trace` prints it, and the page reads
// it):
//
//	{"t": 1, "x", "s_prev", "h", "c"?, "c_prev"?,
//	 "gates"?: {"i": [..], "f": [..], "g": [..], "o": [..]},
//	 "terms": {"i": {"ux", "ws", "b", "pre"}, ...}}
//
// gates holds each gate's activation and terms each gate's parts, both
// written in the cell's gate order. A SimpleRNN has no gates: its one column
// block "h" (stateBlock) is s_t's own pre-activation, whose activation is the
// step's h, so it appears in terms only.
type stepJSON struct {
	T     int       `json:"t"`
	X     []float64 `json:"x"`
	SPrev []float64 `json:"s_prev"`
	H     []float64 `json:"h"`
	C     []float64 `json:"c,omitempty"`
	CPrev []float64 `json:"c_prev,omitempty"`
	Gates gateActs  `json:"gates,omitempty"`
	Terms gateTerms `json:"terms"`
}

// stateBlock is the SimpleRNN's column block: s_t = f(pre), not a gate.
const stateBlock = "h"

// gateTerm is one gate's parts as JSON: pre = ux + ws + b.
type gateTerm struct {
	UX  []float64 `json:"ux"`
	WS  []float64 `json:"ws"`
	B   []float64 `json:"b"`
	Pre []float64 `json:"pre"`
}

// MarshalJSON writes the step as stepJSON.
func (s Step) MarshalJSON() ([]byte, error) {
	out := stepJSON{T: s.T, X: s.X, SPrev: s.SPrev, H: s.H, C: s.C, CPrev: s.CPrev, Terms: gateTerms(s.Gates)}
	for _, g := range s.Gates {
		if g.Name != stateBlock {
			out.Gates = append(out.Gates, g)
		}
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads what MarshalJSON writes, keeping the gates' order.
func (s *Step) UnmarshalJSON(data []byte) error {
	var in struct {
		stepJSON
		Gates map[string][]float64 `json:"gates"`
		Terms json.RawMessage      `json:"terms"`
	}
	if err := json.Unmarshal(data, &in); err != nil {
		return err
	}
	*s = Step{T: in.T, X: in.X, SPrev: in.SPrev, H: in.H, C: in.C, CPrev: in.CPrev}
	return readObject(in.Terms, func(name string, dec *json.Decoder) error {
		var p gateTerm
		if err := dec.Decode(&p); err != nil {
			return msg.Errorf("nn: terms of %q: %w", name, err)
		}
		act, ok := in.Gates[name]
		if name == stateBlock {
			act, ok = clone(in.H), true
		}
		if !ok {
			return msg.Errorf("nn: gate %q has terms but no activation", name)
		}
		s.Gates = append(s.Gates, GateTrace{Name: name, UX: p.UX, WS: p.WS, B: p.B, Pre: p.Pre, Act: act})
		return nil
	})
}

// gateActs writes gates as {"<name>": act, ...} in their order.
type gateActs []GateTrace

func (gs gateActs) MarshalJSON() ([]byte, error) {
	return writeObject(gs, func(g GateTrace) any { return g.Act })
}

// gateTerms writes gates as {"<name>": {"ux", "ws", "b", "pre"}, ...} in their order.
type gateTerms []GateTrace

func (gs gateTerms) MarshalJSON() ([]byte, error) {
	return writeObject(gs, func(g GateTrace) any { return gateTerm{UX: g.UX, WS: g.WS, B: g.B, Pre: g.Pre} })
}

// writeObject writes an object with one key per gate, in the gates' order
// (a Go map would sort the keys).
func writeObject(gs []GateTrace, value func(GateTrace) any) ([]byte, error) {
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
		body, err := json.Marshal(value(g))
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

// readObject calls member for each key of a JSON object, in order, with the
// decoder positioned at its value.
func readObject(data []byte, member func(name string, dec *json.Decoder) error) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return msg.Errorf("nn: want an object")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if err := member(tok.(string), dec); err != nil {
			return err
		}
	}
	_, err := dec.Token()
	return err
}
