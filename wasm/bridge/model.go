package bridge

import (
	"strings"

	"unroll/core/jsonx"
	"unroll/core/lecture"
	"unroll/core/modelfile"
	"unroll/core/nn"
)

func (e *Engine) setModel(a SetModelArgs) (any, error) {
	switch {
	case a.Spec != nil && a.File != nil:
		return nil, badRequest("give either a spec or a file, not both")
	case a.File != nil:
		f, err := decodeFile(a.File)
		if err != nil {
			return nil, err
		}
		steps := a.Steps
		if steps == 0 {
			steps = f.Meta.TimeSteps
		}
		if steps == 0 {
			steps = 10
		}
		if steps < 1 || steps > lecture.Page.SeqSteps { // a file's TIME_STEPS may exceed the page's own
			return nil, invalidModel("steps %d is not in 1..%d", steps, lecture.Page.SeqSteps)
		}
		e.model, e.info, e.scaler, e.vocab = f.Model, Info(f.Model, steps, "imported"), f.Scaler, lecture.CharSetOf(f.Vocab)
		if f.Scaler != nil && f.Scaler.NumFeatures() != f.Model.Inputs() {
			e.scaler = nil
		}
		meta := f.Meta
		e.meta = &meta
	case a.Spec != nil:
		m, info, err := BuildModel(*a.Spec)
		if err != nil {
			return nil, err
		}
		e.model, e.info, e.scaler, e.meta, e.vocab = m, info, nil, nil, nil
	default:
		return nil, badRequest("set_model needs a spec or a file")
	}
	return map[string]any{"model": &e.info}, nil
}

// decodeFile reads an Unroll model file given as a JSON object or as a
// string holding one.
func decodeFile(raw jsonx.Raw) (*modelfile.File, error) {
	data := []byte(raw)
	if len(data) > 0 && data[0] == '"' {
		s, err := jsonx.UnmarshalString(data)
		if err != nil {
			return nil, badRequest("file: %v", err)
		}
		data = []byte(s)
	}
	f, err := modelfile.Decode(data)
	if err != nil {
		return nil, newError(CodeBadModelFile, "The model file cannot be used: "+err.Error(),
			"無法使用這個模型檔："+err.Error(), nil)
	}
	return f, nil
}

// BuildModel validates a spec against the page's limits and builds its
// model, initialised from the seed exactly as `unroll trace --seed` builds it
// (lecture.NewModel, nn.NewSeeded).
func BuildModel(s ModelSpec) (*nn.Model, ModelInfo, error) {
	if s.Inputs == 0 {
		s.Inputs = 1
	}
	if s.Steps == 0 {
		s.Steps = 10
	}
	if lim := lecture.Page; !lim.Steps.Has(s.Steps) {
		return nil, ModelInfo{}, invalidModel("steps %d is not in %d..%d", s.Steps, lim.Steps[0], lim.Steps[1])
	}
	m, err := lecture.NewModel(s.Cell, s.Units, s.Inputs, s.Seed, lecture.Page.Units, lecture.Page)
	if err != nil {
		return nil, ModelInfo{}, err
	}
	seed := s.Seed
	info := Info(m, s.Steps, "seed")
	info.Seed = &seed
	return m, info, nil
}

// Info describes a model (its first recurrent layer and the head).
func Info(m *nn.Model, steps int, source string) ModelInfo {
	r := m.Layers[0]
	short := strings.ToLower(string(r.Cell))
	if r.Cell == nn.SimpleRNN {
		short = "rnn"
	}
	info := ModelInfo{
		Cell:       short,
		Keras:      string(r.Cell),
		Units:      r.Units,
		Inputs:     r.Inputs,
		Outputs:    m.Outputs(),
		Layers:     len(m.Layers),
		Steps:      steps,
		Activation: string(orDefault(r.Activation, nn.Tanh)),
		Source:     source,
	}
	if r.Cell != nn.SimpleRNN {
		info.RecurrentActivation = string(orDefault(r.RecurrentActivation, nn.Sigmoid))
	}
	if r.Cell == nn.GRU {
		ra := r.ResetAfter
		info.ResetAfter = &ra
	}
	dense := m.Head.Inputs*m.Head.Outputs + m.Head.Outputs
	info.Params = ParamsInfo{
		G: r.Cell.Gates(), N: r.Units, I: r.Inputs,
		RNN: r.ParamCount(), Dense: dense, Total: m.ParamCount(),
	}
	return info
}

func orDefault(a, def nn.Activation) nn.Activation {
	if a == "" {
		return def
	}
	return a
}
