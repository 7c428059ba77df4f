package bridge

import "unroll/core/jsonx"

// The operations' arguments, as the page sends them.

// ModelSpec is a seeded model: one recurrent layer on inputs features, a Dense(1) head, as Keras initialises them.
type ModelSpec struct {
	Cell   string `json:"cell"`
	Units  int    `json:"units"`
	Inputs int    `json:"inputs"` // 0 means 1
	Seed   uint64 `json:"seed"`
	Steps  int    `json:"steps"` // TIME_STEPS: window length for sine and price inputs; 0 means 10
}

// SetModelArgs are the arguments of set_model: a spec, or an Unroll model file
// (core/modelfile; a JSON object or a string holding one) with the window length
// for sine and price inputs (0: the file's TIME_STEPS, else 10).
type SetModelArgs struct {
	Spec  *ModelSpec `json:"spec,omitempty"`
	File  jsonx.Raw  `json:"file,omitempty"`
	Steps int        `json:"steps,omitempty"`
}

// Input is the sequence to trace; Kind selects which fields apply.
type Input struct {
	Kind string `json:"kind"` // "seq" | "sine" | "prices" | "text"

	// seq (numbers) and text (characters)
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
	Input   *Input       `json:"input"`
	Contrib *ContribArgs `json:"contrib,omitempty"`
}

// ContribArgs are the steps and target units of nn.Contrib (keys from, to, units).
type ContribArgs struct{ From, To, Units int }

// OrderArgs are order_demo's arguments: the recurrent network of the order
// task (lecture.OrderTaskSpec); zero values take its defaults.
type OrderArgs struct {
	Cell  string `json:"cell"`
	Units int    `json:"units"`
	Seed  uint64 `json:"seed"`
}
