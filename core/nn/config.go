package nn

import (
	"strings"

	"unroll/core/msg"
)

// Limits on layer sizes accepted by Validate. They keep a mistyped number from
// allocating gigabytes in a browser tab.
const (
	MaxUnits   = 1024
	MaxInputs  = 1024
	MaxOutputs = 1024
	MaxLayers  = 8
)

// Cell is the kind of recurrent cell of a layer.
type Cell string

// The recurrent cells, named as Keras names the layers.
const (
	SimpleRNN Cell = "SimpleRNN"
	LSTM      Cell = "LSTM"
	GRU       Cell = "GRU"
)

// ParseCell accepts "rnn", "simplernn", "simple_rnn", "lstm" and "gru" in any
// case.
func ParseCell(s string) (Cell, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "rnn", "simplernn", "simple_rnn":
		return SimpleRNN, nil
	case "lstm":
		return LSTM, nil
	case "gru":
		return GRU, nil
	}
	return "", msg.Errorf("nn: unknown cell %q (want rnn, lstm or gru)", s)
}

// Gates is g in the lecture's parameter formula g × (n × (n + i) + n): the
// number of column blocks of the kernels (1 SimpleRNN, 4 LSTM, 3 GRU). It is 0
// for an unknown cell.
func (c Cell) Gates() int {
	switch c {
	case SimpleRNN:
		return 1
	case LSTM:
		return 4
	case GRU:
		return 3
	}
	return 0
}

// GateNames lists the gate column blocks in Keras order, with the lecture's
// names: SimpleRNN "h"; LSTM "i", "f", "g", "o" (Keras i, f, c, o); GRU "z",
// "r", "n" (Keras z, r, h).
func (c Cell) GateNames() []string {
	switch c {
	case SimpleRNN:
		return []string{"h"}
	case LSTM:
		return []string{"i", "f", "g", "o"}
	case GRU:
		return []string{"z", "r", "n"}
	}
	return nil
}

// Activation names an element-wise function, as Keras names it.
type Activation string

// The supported activations. HardSigmoid is the TF.js / tf.keras 2 formula
// clip(0.2x + 0.5, 0, 1).
const (
	Tanh        Activation = "tanh"
	Sigmoid     Activation = "sigmoid"
	HardSigmoid Activation = "hard_sigmoid"
	ReLU        Activation = "relu"
	Linear      Activation = "linear"
)

// ParseActivation accepts the Keras names (case-insensitive); "" is returned
// unchanged (meaning the layer's default).
func ParseActivation(s string) (Activation, error) {
	a := Activation(strings.ToLower(strings.TrimSpace(s)))
	switch a {
	case "", Tanh, Sigmoid, HardSigmoid, ReLU, Linear:
		return a, nil
	case "hardsigmoid":
		return HardSigmoid, nil
	}
	return "", msg.Errorf("nn: unknown activation %q", s)
}

func (a Activation) valid() bool {
	switch a {
	case "", Tanh, Sigmoid, HardSigmoid, ReLU, Linear:
		return true
	}
	return false
}

// or returns a, or def when a is "".
func (a Activation) or(def Activation) Activation {
	if a == "" {
		return def
	}
	return a
}

// LayerConfig describes one recurrent layer.
type LayerConfig struct {
	Cell                Cell       `json:"cell"`
	Units               int        `json:"units"`
	Inputs              int        `json:"inputs"`
	Activation          Activation `json:"activation,omitempty"`           // "" means tanh
	RecurrentActivation Activation `json:"recurrent_activation,omitempty"` // "" means sigmoid (LSTM, GRU gates)
	ResetAfter          bool       `json:"reset_after,omitempty"`          // GRU only (Keras default true)
	ReturnSequences     bool       `json:"return_sequences"`
}

// Validate reports an unknown cell or activation, or sizes outside
// 1..MaxUnits and 1..MaxInputs.
func (c LayerConfig) Validate() error {
	if c.Cell.Gates() == 0 {
		return msg.Errorf("nn: unknown cell %q", string(c.Cell))
	}
	if c.Units < 1 || c.Units > MaxUnits {
		return msg.Errorf("nn: units %d out of range 1..%d", c.Units, MaxUnits)
	}
	if c.Inputs < 1 || c.Inputs > MaxInputs {
		return msg.Errorf("nn: inputs %d out of range 1..%d", c.Inputs, MaxInputs)
	}
	if !c.Activation.valid() {
		return msg.Errorf("nn: unknown activation %q", string(c.Activation))
	}
	if !c.RecurrentActivation.valid() {
		return msg.Errorf("nn: unknown recurrent activation %q", string(c.RecurrentActivation))
	}
	if c.ResetAfter && c.Cell != GRU {
		return msg.Errorf("nn: reset_after is a GRU option, not %s", string(c.Cell))
	}
	return nil
}

// ParamCount is Keras's count g × (n × (n + i) + n); a GRU with reset_after
// has a second bias row and adds g × n.
func (c LayerConfig) ParamCount() int {
	g, n, i := c.Cell.Gates(), c.Units, c.Inputs
	p := g * (n*(n+i) + n)
	if c.Cell == GRU && c.ResetAfter {
		p += g * n
	}
	return p
}

// act and recAct are the effective activations (defaults applied).
func (c LayerConfig) act() Activation    { return c.Activation.or(Tanh) }
func (c LayerConfig) recAct() Activation { return c.RecurrentActivation.or(Sigmoid) }

// DenseConfig describes the Dense head; its inputs are the last recurrent
// layer's units.
type DenseConfig struct {
	Outputs    int        `json:"outputs"`
	Activation Activation `json:"activation,omitempty"` // "" means linear
}

// Validate reports outputs outside 1..MaxOutputs or an unknown activation.
func (c DenseConfig) Validate() error {
	if c.Outputs < 1 || c.Outputs > MaxOutputs {
		return msg.Errorf("nn: dense outputs %d out of range 1..%d", c.Outputs, MaxOutputs)
	}
	if !c.Activation.valid() {
		return msg.Errorf("nn: unknown dense activation %q", string(c.Activation))
	}
	return nil
}
