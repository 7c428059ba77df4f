package bridge

import "encoding/json"

// ProtocolVersion changes when a request or response changes shape.
const ProtocolVersion = 1

// ModelSpec is a model built from a seed: one recurrent layer on inputs
// features and a Dense(1) head, initialised as Keras initialises it.
type ModelSpec struct {
	Cell   string `json:"cell"`
	Units  int    `json:"units"`
	Inputs int    `json:"inputs"` // 0 means 1
	Seed   uint64 `json:"seed"`
	Steps  int    `json:"steps"` // TIME_STEPS: window length for sine and price inputs; 0 means 10
}

// SetModelArgs are the arguments of set_model: a spec, or an Unroll model
// file (core/modelfile; as a JSON object or a string holding one) with the
// window length to use for sine and price inputs (0: the file's TIME_STEPS,
// else 10).
type SetModelArgs struct {
	Spec  *ModelSpec      `json:"spec,omitempty"`
	File  json.RawMessage `json:"file,omitempty"`
	Steps int             `json:"steps,omitempty"`
}

// Input is the sequence to trace; Kind selects which fields apply.
type Input struct {
	Kind string `json:"kind"` // "seq" | "sine" | "prices"

	// seq
	Text   *string     `json:"text,omitempty"`
	Values [][]float64 `json:"values,omitempty"`

	// sine
	Period float64 `json:"period,omitempty"` // 0 means 10

	// prices
	Series  []*float64 `json:"series,omitempty"` // closes; null for a day without trades
	Dates   []string   `json:"dates,omitempty"`
	End     *int       `json:"end,omitempty"`
	FitFrac float64    `json:"fit_frac,omitempty"` // 0 means 0.7
	// Columns are the other daily columns (open, high, low, volume; null
	// for a day without trades), for a model that reads several features.
	Columns map[string][]*float64 `json:"columns,omitempty"`
}

// TraceArgs are the arguments of trace.
type TraceArgs struct {
	Input *Input `json:"input"`
}

// ParamsInfo is the lecture's parameter count g × (n × (n + i) + n) with its
// terms, and the Dense head's n·outputs + outputs.
type ParamsInfo struct {
	G     int `json:"g"`
	N     int `json:"n"`
	I     int `json:"i"`
	RNN   int `json:"rnn"`
	Dense int `json:"dense"`
	Total int `json:"total"`
}

// ModelInfo describes the engine's current model.
type ModelInfo struct {
	Cell                string     `json:"cell"`  // rnn | lstm | gru
	Keras               string     `json:"keras"` // SimpleRNN | LSTM | GRU
	Units               int        `json:"units"`
	Inputs              int        `json:"inputs"`
	Outputs             int        `json:"outputs"`
	Layers              int        `json:"layers"`
	Steps               int        `json:"steps"`
	Seed                *uint64    `json:"seed,omitempty"`
	ResetAfter          *bool      `json:"reset_after,omitempty"`
	Activation          string     `json:"activation"`
	RecurrentActivation string     `json:"recurrent_activation,omitempty"`
	Params              ParamsInfo `json:"params"`
	Source              string     `json:"source"` // seed | trained | imported
}

// InputInfo is the sequence as given and as the model saw it.
type InputInfo struct {
	Kind   string      `json:"kind"`
	Raw    [][]float64 `json:"raw"`    // [T][inputs]: prices in NT$, or the typed values
	Scaled [][]float64 `json:"scaled"` // [T][inputs]: what the model saw
	Dates  []string    `json:"dates,omitempty"`
	// Features name the values of a row of raw and scaled (prices:
	// "close", or open, high, low, close, volume); Target is the index of
	// the one the model predicts (the close), which next and output_raw are.
	Features []string     `json:"features,omitempty"`
	Target   *int         `json:"target,omitempty"`
	Scaler   *ScalerInfo  `json:"scaler,omitempty"`
	Window   *WindowInfo  `json:"window,omitempty"`
	Next     *NextDayInfo `json:"next,omitempty"`
	Period   float64      `json:"period,omitempty"`
}

// ScalerInfo is a min-max scaler: scaled = (raw − min) / (max − min), per
// feature (InputInfo.Features).
type ScalerInfo struct {
	Min []float64 `json:"min"`
	Max []float64 `json:"max"`
	// FitDays are the trading days it was fitted on (the training part, the
	// first ones of its series), FitFirst and FitLast their first and last
	// dates; 0 and "" when a model file's scaler does not say.
	FitDays  int    `json:"fit_days"`
	FitFirst string `json:"fit_first,omitempty"`
	FitLast  string `json:"fit_last,omitempty"`
	// Own is true for the model's own scaler (from its training or its
	// file), false for one fitted on the request's prices.
	Own bool `json:"own"`
}

// WindowInfo locates the window in the request's arrays (inclusive indices).
type WindowInfo struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// NextDayInfo is the trading day after the window: what a prediction is
// compared with.
type NextDayInfo struct {
	Date   string  `json:"date"`
	Raw    float64 `json:"raw"`
	Scaled float64 `json:"scaled"`
}

// GateInfo is one gate block at one step: pre = ux + ws + b, act = f(pre).
type GateInfo struct {
	UX  []float64 `json:"ux"`
	WS  []float64 `json:"ws"`
	B   []float64 `json:"b"`
	Pre []float64 `json:"pre"`
	Act []float64 `json:"act"`
}

// StepInfo is one time step of the first recurrent layer.
type StepInfo struct {
	T     int                  `json:"t"` // 1-based
	X     []float64            `json:"x"`
	SPrev []float64            `json:"s_prev"`
	H     []float64            `json:"h"`
	CPrev []float64            `json:"c_prev,omitempty"`
	C     []float64            `json:"c,omitempty"`
	Gates map[string]*GateInfo `json:"gates"`
}

// GraphNode is a node of the unrolled graph: x_t, s_t or o_t.
type GraphNode struct {
	ID    string    `json:"id"`
	Kind  string    `json:"kind"` // x | s | o
	T     int       `json:"t"`
	Layer int       `json:"layer"`
	Value []float64 `json:"value"`
}

// GraphEdge joins two nodes through one of the shared weight matrices.
type GraphEdge struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Weight string `json:"weight"` // U | W | V
}

// Weights are the matrices every step shares, in Keras layout.
type Weights struct {
	U    [][]float64 `json:"U"`               // (inputs, g·units) kernel
	W    [][]float64 `json:"W"`               // (units, g·units) recurrent kernel
	V    [][]float64 `json:"V"`               // (units, outputs) Dense kernel
	B    []float64   `json:"b"`               // (g·units) bias
	BRec []float64   `json:"b_rec,omitempty"` // (g·units) GRU reset_after recurrent bias
	BV   []float64   `json:"b_v"`             // (outputs) Dense bias
}

// Graph is the unrolled network as data for the page to draw.
type Graph struct {
	Nodes   []GraphNode `json:"nodes"`
	Edges   []GraphEdge `json:"edges"`
	Weights Weights     `json:"weights"`
}

// TraceResult is the answer to trace.
type TraceResult struct {
	Model     ModelInfo  `json:"model"`
	Input     InputInfo  `json:"input"`
	Steps     []StepInfo `json:"steps"`
	Output    []float64  `json:"output"`
	OutputRaw []float64  `json:"output_raw,omitempty"`
	Graph     Graph      `json:"graph"`
	// GradNorms is ‖∂L/∂s_t‖ of the first recurrent layer, t = 1..T, for
	// L = (o_T − y)² on this one window (see GradientNorms); nil when the
	// model's output is not one value after the last step.
	GradNorms []float64 `json:"grad_norms,omitempty"`
	// GradTarget is the y of that loss: the next day's scaled close; null
	// when the input has no next value (the loss then uses y = 0).
	GradTarget *float64 `json:"grad_target"`
}
