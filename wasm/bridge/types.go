package bridge

import (
	"unroll/core/lecture"
	"unroll/core/nn"
)

// ProtocolVersion changes when a request or response changes shape.
const ProtocolVersion = 2 // 2: the trace is core/nn's TraceResult

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
	// Features name a row's values (prices: "close", or open, high, low, close, volume);
	// Target is the index of the one predicted (the close), which next and output_raw are.
	Features []string     `json:"features,omitempty"`
	Target   *int         `json:"target,omitempty"`
	Scaler   *ScalerInfo  `json:"scaler,omitempty"`
	Window   *WindowInfo  `json:"window,omitempty"`
	Next     *NextDayInfo `json:"next,omitempty"`
	Period   float64      `json:"period,omitempty"`
	// Text is a text input's characters, their vocabulary indices and the vocabulary.
	*lecture.TextInput
}

// ScalerInfo is a min-max scaler: scaled = (raw − min) / (max − min), per
// feature (InputInfo.Features).
type ScalerInfo struct {
	Min []float64 `json:"min"`
	Max []float64 `json:"max"`
	// FitDays are the trading days it was fitted on (the training part, first in its
	// series), FitFirst and FitLast their dates; 0 and "" when a model file does not say.
	FitDays  int    `json:"fit_days"`
	FitFirst string `json:"fit_first,omitempty"`
	FitLast  string `json:"fit_last,omitempty"`
	// Own is true for the model's own scaler (from its training or its
	// file), false for one fitted on the request's prices; Of is what it
	// scales when not the prices (series.MinMaxScaler.Of: window, logret).
	Own bool   `json:"own"`
	Of  string `json:"of,omitempty"`
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

// TraceResult is the answer to trace: the engine's trace result
// (nn.TraceResult, the value `unroll trace` prints) with the model and the
// input it was computed from.
type TraceResult struct {
	Model ModelInfo `json:"model"`
	Input InputInfo `json:"input"`
	nn.TraceResult
	OutputRaw []float64 `json:"output_raw,omitempty"`
	// ‖∂L/∂x_t‖, ‖∂L/∂s_t‖ of the first layer and ‖∂L/∂c_t‖ (LSTM), t = 1..T, for
	// L = (o_T − y)² on this window (GradientNorms; empty unless the model outputs
	// one value after the last step), and that y: the next day's scaled close, or
	// null for none (then y = 0).
	lecture.GradFlow
	GradTarget        *float64 `json:"grad_target"`
	*lecture.TextNext          // a text's next-character distributions: probs and top
}
