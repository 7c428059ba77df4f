package tfjs

import (
	"strings"

	"unroll/core/jsonx"
	"unroll/core/msg"
	"unroll/core/nn"
)

// layerConfig holds the fields of a Keras layer config that the import reads; the others
// (initializers, regularizers, dropout rates, unroll, ...) do not change a prediction.
type layerConfig struct {
	Name                string     `json:"name"`
	Units               *int       `json:"units"`
	Activation          jsonx.Raw  `json:"activation"`
	RecurrentActivation jsonx.Raw  `json:"recurrent_activation"`
	UseBias             *bool      `json:"use_bias"`
	ReturnSequences     bool       `json:"return_sequences"`
	ReturnState         bool       `json:"return_state"`
	GoBackwards         bool       `json:"go_backwards"`
	TimeMajor           bool       `json:"time_major"`
	ResetAfter          *bool      `json:"reset_after"`
	BatchInputShape     []*int     `json:"batch_input_shape"`
	BatchShape          []*int     `json:"batch_shape"` // Keras 3
	Layer               *layerJSON `json:"layer"`       // TimeDistributed
}

// identityLayers are the identity when predicting.
var identityLayers = map[string]bool{
	"Dropout": true, "SpatialDropout1D": true, "GaussianNoise": true, "GaussianDropout": true,
	"AlphaDropout": true, "ActivityRegularization": true,
}

// Roles a layer of the file plays in the imported model (LayerInfo.Role).
const (
	RoleInput      = "input"
	RoleRecurrent  = "recurrent"
	RoleDense      = "dense"
	RoleIdentity   = "identity"   // dropout and the like: nothing when predicting
	RoleActivation = "activation" // an Activation layer folded into the Dense before it
)

// recSpec and denseSpec are a recurrent or Dense layer read from the configuration; the weights
// supply the sizes the configuration leaves out.
type recSpec struct {
	name    string
	cfg     nn.LayerConfig // Inputs is filled from the input shape or the kernel
	useBias bool
	inputs  int // from batch_input_shape; 0 if not given
}

type denseSpec struct {
	name    string
	units   int
	act     nn.Activation
	useBias bool
	softmax bool // Dense(units, activation="softmax"): act is linear, the model's outputs are its logits
}

// plan is the configuration reduced to Unroll's model: recurrent layers and one Dense head.
type plan struct {
	recs   []recSpec
	dense  *denseSpec
	steps  int // fixed T from the input shape, 0 if any
	inputs int // input size from the input shape, 0 if not given
	layers []LayerInfo
}

// planLayers reads the chain of layers. keras3 is set when Keras 3 wrote the file.
func planLayers(layers []layerJSON, keras3 bool) (*plan, error) {
	p := &plan{}
	for k := range layers {
		l := &layers[k]
		var c layerConfig
		if err := jsonx.Unmarshal(l.Config, c.DecodeJSON); err != nil {
			return nil, msg.Errorf("%w: layer %d (%s) config: %v", ErrFormat, k, l.ClassName, err)
		}
		name := l.name()
		if name == "" {
			name = msg.Sprintf("%s_%d", strings.ToLower(l.ClassName), k)
		}
		class := l.ClassName
		if class == "TimeDistributed" {
			if c.Layer == nil || c.Layer.ClassName != "Dense" {
				return nil, msg.Errorf("%w: layer %q: TimeDistributed wraps only Dense here", ErrUnsupported, name)
			}
			if err := jsonx.Unmarshal(c.Layer.Config, c.DecodeJSON); err != nil {
				return nil, msg.Errorf("%w: layer %q config: %v", ErrFormat, name, err)
			}
			class = "Dense"
		}
		if err := p.shape(name, c); err != nil {
			return nil, err
		}
		role, err := p.add(name, class, c, keras3)
		if err != nil {
			return nil, err
		}
		p.layers = append(p.layers, LayerInfo{Name: name, Class: l.ClassName, Role: role})
	}
	if len(p.recs) == 0 {
		return nil, msg.Errorf("%w: the model has no SimpleRNN, LSTM or GRU layer", ErrUnsupported)
	}
	if p.dense == nil {
		return nil, msg.Errorf("%w: the model needs a Dense output layer after its recurrent layers", ErrUnsupported)
	}
	return p, nil
}

// shape records the batch input shape [batch, steps, inputs] a layer declares.
func (p *plan) shape(name string, c layerConfig) error {
	s := c.BatchInputShape
	if s == nil {
		s = c.BatchShape
	}
	if s == nil {
		return nil
	}
	if len(s) != 3 {
		return msg.Errorf("%w: layer %q expects input of rank %d; recurrent models take [batch, steps, inputs]",
			ErrShape, name, len(s))
	}
	if s[1] != nil {
		if *s[1] < 1 {
			return msg.Errorf("%w: layer %q: %d steps", ErrShape, name, *s[1])
		}
		p.steps = *s[1]
	}
	if s[2] != nil {
		if *s[2] < 1 {
			return msg.Errorf("%w: layer %q: input size %d", ErrShape, name, *s[2])
		}
		if *s[2] > nn.MaxInputs {
			return msg.Errorf("%w: layer %q: input size %d is above the limit of %d", ErrUnsupported, name, *s[2], nn.MaxInputs)
		}
		p.inputs = *s[2]
	}
	return nil
}

// add places one layer in the plan and returns its role.
func (p *plan) add(name, class string, c layerConfig, keras3 bool) (string, error) {
	switch class {
	case "InputLayer":
		if len(p.recs) > 0 || p.dense != nil {
			return "", msg.Errorf("%w: InputLayer %q is not first", ErrUnsupported, name)
		}
		return RoleInput, nil
	case "SimpleRNN", "LSTM", "GRU":
		return RoleRecurrent, p.addRecurrent(name, class, c, keras3)
	case "Dense":
		if len(p.recs) == 0 {
			return "", msg.Errorf("%w: Dense %q comes before any recurrent layer", ErrUnsupported, name)
		}
		if p.dense != nil {
			return "", msg.Errorf("%w: a second Dense layer %q after %q (Unroll's model ends in one Dense layer)",
				ErrUnsupported, name, p.dense.name)
		}
		if c.Units == nil || *c.Units < 1 {
			return "", msg.Errorf("%w: Dense %q has no units", ErrFormat, name)
		}
		if *c.Units > nn.MaxOutputs {
			return "", msg.Errorf("%w: Dense %q: units %d is above the limit of %d", ErrUnsupported, name, *c.Units, nn.MaxOutputs)
		}
		act, soft, err := headActivation(name, c.Activation, keras3)
		if err != nil {
			return "", err
		}
		p.dense = &denseSpec{name: name, units: *c.Units, act: act, useBias: c.UseBias == nil || *c.UseBias, softmax: soft}
		return RoleDense, nil
	case "Activation":
		act, soft, err := headActivation(name, c.Activation, keras3)
		if err != nil {
			return "", err
		}
		if act == nn.Linear && !soft {
			return RoleIdentity, nil
		}
		if p.dense == nil || p.dense.act != nn.Linear || p.dense.softmax {
			return "", msg.Errorf("%w: Activation %q must follow a linear Dense layer", ErrUnsupported, name)
		}
		p.dense.act, p.dense.softmax = act, soft
		return RoleActivation, nil
	}
	if identityLayers[class] {
		return RoleIdentity, nil
	}
	return "", msg.Errorf("%w: layer %q of type %s (Unroll reads SimpleRNN, LSTM, GRU, Dense and Dropout layers)",
		ErrUnsupported, name, class)
}

func (p *plan) addRecurrent(name, class string, c layerConfig, keras3 bool) error {
	if p.dense != nil {
		return msg.Errorf("%w: %s %q comes after the Dense layer %q", ErrUnsupported, class, name, p.dense.name)
	}
	if n := len(p.recs); n > 0 && !p.recs[n-1].cfg.ReturnSequences {
		return msg.Errorf("%w: %s %q follows %q, which does not return sequences", ErrUnsupported, class, name, p.recs[n-1].name)
	}
	switch {
	case c.GoBackwards:
		return msg.Errorf("%w: %s %q has go_backwards", ErrUnsupported, class, name)
	case c.ReturnState:
		return msg.Errorf("%w: %s %q has return_state", ErrUnsupported, class, name)
	case c.TimeMajor:
		return msg.Errorf("%w: %s %q has time_major", ErrUnsupported, class, name)
	case c.Units == nil || *c.Units < 1:
		return msg.Errorf("%w: %s %q has no units", ErrFormat, class, name)
	case *c.Units > nn.MaxUnits:
		return msg.Errorf("%w: %s %q: units %d is above the limit of %d", ErrUnsupported, class, name, *c.Units, nn.MaxUnits)
	}
	cell, err := nn.ParseCell(class)
	if err != nil {
		return msg.Errorf("%w: layer %q: %v", ErrUnsupported, name, err)
	}
	act, err := activation(name, c.Activation, nn.Tanh, keras3)
	if err != nil {
		return err
	}
	cfg := nn.LayerConfig{Cell: cell, Units: *c.Units, Activation: act, ReturnSequences: c.ReturnSequences}
	if cell != nn.SimpleRNN {
		// TF.js's default recurrent activation is hard_sigmoid; every writer stores it explicitly.
		if cfg.RecurrentActivation, err = activation(name, c.RecurrentActivation, nn.HardSigmoid, keras3); err != nil {
			return err
		}
	}
	// reset_after is absent from files of Keras before 2.3, whose GRU computed it the old way.
	cfg.ResetAfter = cell == nn.GRU && c.ResetAfter != nil && *c.ResetAfter
	p.recs = append(p.recs, recSpec{name: name, cfg: cfg, useBias: c.UseBias == nil || *c.UseBias, inputs: p.inputs})
	return nil
}

// headActivation reads the activation of the Dense head or an Activation layer after it. Softmax is
// not one of nn's activations: the head stays linear and soft says that the file's outputs are
// the softmax of the model's (Info.Softmax).
func headActivation(layer string, raw jsonx.Raw, keras3 bool) (act nn.Activation, soft bool, err error) {
	name, err := activationName(layer, raw)
	if err != nil {
		return "", false, err
	}
	if strings.EqualFold(name, "softmax") {
		return nn.Linear, true, nil
	}
	act, err = activation(layer, raw, nn.Linear, keras3)
	return act, false, err
}

// activationName reads an activation's name: a string, or Keras 3's {"class_name": ..., "config"};
// "" when there is none.
func activationName(layer string, raw jsonx.Raw) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	s, err := jsonx.UnmarshalString(raw)
	if err != nil {
		var obj activationObject
		if jsonx.Unmarshal(raw, obj.DecodeJSON) != nil {
			return "", msg.Errorf("%w: layer %q: activation %s", ErrFormat, layer, truncate(raw))
		}
		s = obj.Config.Name
		if s == "" {
			s = obj.ClassName
		}
	}
	return s, nil
}

// activationObject is Keras 3's form of an activation.
type activationObject struct {
	ClassName string   `json:"class_name"`
	Config    nameOnly `json:"config"`
}

// activation reads an activation (activationName), def when there is none.
func activation(layer string, raw jsonx.Raw, def nn.Activation, keras3 bool) (nn.Activation, error) {
	s, err := activationName(layer, raw)
	if err != nil {
		return "", err
	}
	if s == "" {
		return def, nil
	}
	a, err := nn.ParseActivation(s)
	if err != nil {
		return "", msg.Errorf("%w: layer %q: activation %q (Unroll has tanh, sigmoid, hard_sigmoid, relu, linear, and softmax on the Dense output layer)",
			ErrUnsupported, layer, s)
	}
	if a == "" {
		return def, nil
	}
	if a == nn.HardSigmoid && keras3 {
		return "", msg.Errorf("%w: layer %q: Keras 3's hard_sigmoid is clip(x/6 + 0.5, 0, 1), not TF.js's clip(0.2x + 0.5, 0, 1)",
			ErrUnsupported, layer)
	}
	return a, nil
}
