package nn

import (
	"math"
	"testing"
)

func TestParse(t *testing.T) {
	for in, want := range map[string]Cell{"rnn": SimpleRNN, "SimpleRNN": SimpleRNN, "simplernn": SimpleRNN, "LSTM": LSTM, " gru ": GRU} {
		if got, err := ParseCell(in); err != nil || got != want {
			t.Errorf("ParseCell(%q) = %q, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "cnn", "lstm2"} {
		if _, err := ParseCell(bad); err == nil {
			t.Errorf("ParseCell(%q) accepted", bad)
		}
	}
	for in, want := range map[string]Activation{"tanh": Tanh, "Sigmoid": Sigmoid, "hard_sigmoid": HardSigmoid, "relu": ReLU, "linear": Linear, "": ""} {
		if got, err := ParseActivation(in); err != nil || got != want {
			t.Errorf("ParseActivation(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseActivation("softmax"); err == nil {
		t.Error("ParseActivation(softmax) accepted")
	}
}

func TestNewModelErrors(t *testing.T) {
	ok := LayerConfig{Cell: LSTM, Units: 4, Inputs: 1}
	with := func(f func(*LayerConfig)) []LayerConfig {
		c := ok
		f(&c)
		return []LayerConfig{c}
	}
	for _, c := range []struct {
		name   string
		layers []LayerConfig
		head   DenseConfig
	}{
		{"no layers", nil, DenseConfig{Outputs: 1}},
		{"unknown cell", with(func(c *LayerConfig) { c.Cell = "CNN" }), DenseConfig{Outputs: 1}},
		{"zero units", with(func(c *LayerConfig) { c.Units = 0 }), DenseConfig{Outputs: 1}},
		{"negative units", with(func(c *LayerConfig) { c.Units = -3 }), DenseConfig{Outputs: 1}},
		{"too many units", with(func(c *LayerConfig) { c.Units = MaxUnits + 1 }), DenseConfig{Outputs: 1}},
		{"zero inputs", with(func(c *LayerConfig) { c.Inputs = 0 }), DenseConfig{Outputs: 1}},
		{"too many inputs", with(func(c *LayerConfig) { c.Inputs = 1 << 20 }), DenseConfig{Outputs: 1}},
		{"unknown activation", with(func(c *LayerConfig) { c.Activation = "swish" }), DenseConfig{Outputs: 1}},
		{"unknown recurrent activation", with(func(c *LayerConfig) { c.RecurrentActivation = "tanhh" }), DenseConfig{Outputs: 1}},
		{"reset_after on lstm", with(func(c *LayerConfig) { c.ResetAfter = true }), DenseConfig{Outputs: 1}},
		{"zero outputs", []LayerConfig{ok}, DenseConfig{}},
		{"bad head activation", []LayerConfig{ok}, DenseConfig{Outputs: 1, Activation: "softmax"}},
		{"stack without sequences", []LayerConfig{ok, {Cell: LSTM, Units: 2, Inputs: 4}}, DenseConfig{Outputs: 1}},
		{"stack size mismatch", []LayerConfig{{Cell: LSTM, Units: 4, Inputs: 1, ReturnSequences: true}, {Cell: GRU, Units: 2, Inputs: 3}}, DenseConfig{Outputs: 1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := NewModel(c.layers, c.head); err == nil {
				t.Error("accepted")
			} else {
				t.Log(err)
			}
		})
	}
}

func TestBadData(t *testing.T) {
	m, err := NewModel([]LayerConfig{{Cell: GRU, Units: 3, Inputs: 2}}, DenseConfig{Outputs: 1})
	if err != nil {
		t.Fatal(err)
	}
	m.Init(1)
	good := [][]float64{{0.1, 0.2}, {0.3, 0.4}}
	for _, c := range []struct {
		name string
		x    [][][]float64
		y    [][][]float64
	}{
		{"empty batch", [][][]float64{}, [][][]float64{}},
		{"empty sequence", [][][]float64{{}}, [][][]float64{{{1}}}},
		{"NaN input", [][][]float64{{{0.1, math.NaN()}, {0.3, 0.4}}}, [][][]float64{{{1}}}},
		{"Inf input", [][][]float64{{{math.Inf(1), 0.2}, {0.3, 0.4}}}, [][][]float64{{{1}}}},
		{"short input vector", [][][]float64{{{0.1}, {0.3, 0.4}}}, [][][]float64{{{1}}}},
		{"ragged lengths", [][][]float64{good, {{0.1, 0.2}}}, [][][]float64{{{1}}, {{1}}}},
		{"NaN target", [][][]float64{good}, [][][]float64{{{math.NaN()}}}},
		{"missing targets", [][][]float64{good, good}, [][][]float64{{{1}}}},
		{"target steps", [][][]float64{good}, [][][]float64{{{1}, {2}}}},
		{"target size", [][][]float64{good}, [][][]float64{{{1, 2}}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := m.Gradient(Batch{X: c.x, Y: c.y}, MSE); err == nil {
				t.Error("Gradient accepted")
			}
			if len(c.y) == len(c.x) && c.name != "NaN target" && c.name != "target steps" && c.name != "target size" {
				if _, err := m.Predict(c.x); err == nil {
					t.Error("Predict accepted")
				}
				if len(c.x) == 1 {
					if _, err := m.Trace(c.x[0]); err == nil {
						t.Error("Trace accepted")
					}
				}
			}
		})
	}
	if _, err := m.Gradient(Batch{X: [][][]float64{good}, Y: [][][]float64{{{1}}}}, "hinge"); err == nil {
		t.Error("unknown loss accepted")
	}
	if _, err := m.Trace(nil); err == nil {
		t.Error("Trace(nil) accepted")
	}
	// A gradient holder of other shapes.
	other, _ := NewModel([]LayerConfig{{Cell: GRU, Units: 4, Inputs: 2}}, DenseConfig{Outputs: 1})
	w := m.NewWorkspace(1, 2)
	if _, err := w.Gradient(Batch{X: [][][]float64{good}, Y: [][][]float64{{{1}}}}, MSE, other); err == nil {
		t.Error("gradient model of other shapes accepted")
	}
	// A model whose weights were replaced by a matrix of the wrong shape.
	broken := m.Clone()
	broken.Layers[0].Bias = broken.Layers[0].Bias[:2]
	if _, err := broken.Predict([][][]float64{good}); err == nil {
		t.Error("model with a short bias accepted")
	}
}
