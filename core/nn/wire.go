package nn

import (
	"errors"
	"strconv"

	"unroll/core/jsonx"
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

// WriteJSON writes the step as stepJSON.
func (s Step) WriteJSON(w *jsonx.Writer) {
	out := stepJSON{T: s.T, X: s.X, SPrev: s.SPrev, H: s.H, C: s.C, CPrev: s.CPrev, Terms: gateTerms(s.Gates)}
	for _, g := range s.Gates {
		if g.Name != stateBlock {
			out.Gates = append(out.Gates, g)
		}
	}
	out.WriteJSON(w)
}

// MarshalJSON writes the step as WriteJSON does (for encoding/json).
func (s Step) MarshalJSON() ([]byte, error) { return jsonx.Marshal(s) }

// DecodeJSON reads what WriteJSON writes, keeping the gates' order.
func (s *Step) DecodeJSON(d *jsonx.Decoder, v *jsonx.Value) error {
	var in stepJSON
	if err := in.DecodeJSON(d, v); err != nil {
		return err
	}
	if t := v.Get("terms"); t == nil || t.Kind != jsonx.Object {
		return errors.New("nn: want an object")
	}
	*s = Step{T: in.T, X: in.X, SPrev: in.SPrev, H: in.H, C: in.C, CPrev: in.CPrev}
	for _, p := range in.Terms {
		g := p
		if p.Name == stateBlock {
			g.Act = clone(in.H)
		} else {
			k := len(in.Gates) - 1
			for k >= 0 && in.Gates[k].Name != p.Name {
				k--
			}
			if k < 0 {
				return errors.New("nn: gate " + strconv.Quote(p.Name) + " has terms but no activation")
			}
			g.Act = in.Gates[k].Act
		}
		s.Gates = append(s.Gates, g)
	}
	return nil
}

// UnmarshalJSON reads the step as DecodeJSON does (for encoding/json).
func (s *Step) UnmarshalJSON(data []byte) error { return jsonx.Unmarshal(data, s.DecodeJSON) }

// gateActs writes gates as {"<name>": act, ...} in their order.
type gateActs []GateTrace

// WriteJSON writes each gate's activation under its name, in order.
func (gs gateActs) WriteJSON(w *jsonx.Writer) {
	if gs == nil {
		w.Null()
		return
	}
	w.Open('{')
	for _, g := range gs {
		w.KeyString(g.Name)
		w.Floats(g.Act)
	}
	w.Close('}')
}

// DecodeJSON reads the gates' activations in the order written.
func (gs *gateActs) DecodeJSON(_ *jsonx.Decoder, v *jsonx.Value) error {
	*gs = nil
	if v.Kind == jsonx.Null {
		return nil
	}
	if v.Kind != jsonx.Object {
		return jsonx.TypeError(v, "map[string][]float64")
	}
	for i := range v.Members {
		act, err := jsonx.Floats(&v.Members[i].Value)
		if err != nil {
			return err
		}
		*gs = append(*gs, GateTrace{Name: v.Members[i].Key, Act: act})
	}
	return nil
}

// gateTerms writes gates as {"<name>": {"ux", "ws", "b", "pre"}, ...} in their order.
type gateTerms []GateTrace

// WriteJSON writes each gate's parts under its name, in order.
func (gs gateTerms) WriteJSON(w *jsonx.Writer) {
	if gs == nil {
		w.Null()
		return
	}
	w.Open('{')
	for _, g := range gs {
		w.KeyString(g.Name)
		p := gateTerm{UX: g.UX, WS: g.WS, B: g.B, Pre: g.Pre}
		p.WriteJSON(w)
	}
	w.Close('}')
}

// DecodeJSON reads the gates' parts in the order written.
func (gs *gateTerms) DecodeJSON(d *jsonx.Decoder, v *jsonx.Value) error {
	*gs = nil
	if v.Kind == jsonx.Null {
		return nil
	}
	if v.Kind != jsonx.Object {
		return jsonx.TypeError(v, "nn.gateTerms")
	}
	for i := range v.Members {
		var p gateTerm
		if err := p.DecodeJSON(d, &v.Members[i].Value); err != nil {
			return errors.New("nn: terms of " + strconv.Quote(v.Members[i].Key) + ": " + err.Error())
		}
		*gs = append(*gs, GateTrace{Name: v.Members[i].Key, UX: p.UX, WS: p.WS, B: p.B, Pre: p.Pre})
	}
	return nil
}
