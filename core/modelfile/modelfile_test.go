package modelfile

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"unroll/core/nn"
	"unroll/core/series"
)

func seeded(t *testing.T, layers []nn.LayerConfig, seed uint64) *nn.Model {
	m, err := nn.NewModel(layers, nn.DenseConfig{Outputs: 1})
	if err != nil {
		t.Fatal(err)
	}
	m.Init(seed)
	return m
}

func TestRoundTrip(t *testing.T) {
	seed := uint64(7)
	rmse := 12.345678901234567
	scaler := &series.MinMaxScaler{Features: []string{"close"}, Min: []float64{480.5}, Max: []float64{1085},
		Rows: 1710, First: "2015-01-05", Last: "2021-12-30"}
	meta := Meta{Stock: "2330", From: "2023-01", To: "2024-12", Features: []string{"close"}, Target: "close",
		TimeSteps: 10, Split: []float64{0.7, 0.15, 0.15}, Seed: &seed, Epochs: 2, BatchSize: 32,
		Optimizer: "adam", LearningRate: 0.001, Loss: "mse",
		History: []Epoch{{Loss: 0.1}, {Loss: 0.05}}, TestRMSE: &rmse}
	tests := []struct {
		name   string
		layers []nn.LayerConfig
	}{
		{"SimpleRNN", []nn.LayerConfig{{Cell: nn.SimpleRNN, Units: 3, Inputs: 1}}},
		{"LSTM", []nn.LayerConfig{{Cell: nn.LSTM, Units: 4, Inputs: 2, RecurrentActivation: nn.HardSigmoid}}},
		{"GRU reset_after", []nn.LayerConfig{{Cell: nn.GRU, Units: 3, Inputs: 1, ResetAfter: true}}},
		{"GRU reset_before", []nn.LayerConfig{{Cell: nn.GRU, Units: 3, Inputs: 1}}},
		{"stacked", []nn.LayerConfig{
			{Cell: nn.LSTM, Units: 3, Inputs: 1, ReturnSequences: true},
			{Cell: nn.GRU, Units: 2, Inputs: 3, ResetAfter: true, Activation: nn.ReLU}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := seeded(t, tc.layers, 1)
			// Biases are zero after Init: give them values so the round trip means something.
			for _, p := range m.Params() {
				if strings.HasSuffix(p.Name, "bias") {
					for i := range p.Value {
						p.Value[i] = 0.1*float64(i) - 1.0/3
					}
				}
			}
			b, err := Encode(m, scaler, meta)
			if err != nil {
				t.Fatal(err)
			}
			f, err := Decode(b)
			if err != nil {
				t.Fatal(err)
			}
			want, got := m.Params(), f.Model.Params()
			if len(want) != len(got) {
				t.Fatalf("%d params, want %d", len(got), len(want))
			}
			for k := range want {
				if want[k].Name != got[k].Name || !reflect.DeepEqual(want[k].Shape, got[k].Shape) ||
					!reflect.DeepEqual(want[k].Value, got[k].Value) {
					t.Errorf("%s differs after the round trip", want[k].Name)
				}
			}
			if !reflect.DeepEqual(f.Scaler, scaler) || !reflect.DeepEqual(f.Meta, meta) {
				t.Errorf("scaler %+v meta %+v", f.Scaler, f.Meta)
			}
			b2, err := Encode(f.Model, f.Scaler, f.Meta)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b, b2) {
				t.Error("encoding the decoded file gives other bytes")
			}
		})
	}
}

func TestLayout(t *testing.T) {
	m := seeded(t, []nn.LayerConfig{{Cell: nn.GRU, Units: 2, Inputs: 1, ResetAfter: true}}, 1)
	b, err := Encode(m, nil, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	var w struct {
		Format  string
		Version int
		Layers  []map[string]any
		Scaler  any
	}
	if err := json.Unmarshal(b, &w); err != nil {
		t.Fatal(err)
	}
	if w.Format != "unroll-model" || w.Version != 1 || len(w.Layers) != 2 || w.Scaler != nil {
		t.Fatalf("header %+v", w)
	}
	gru, dense := w.Layers[0], w.Layers[1]
	if gru["type"] != "GRU" || gru["units"] != 2.0 || gru["input_dim"] != 1.0 || gru["activation"] != "tanh" ||
		gru["recurrent_activation"] != "sigmoid" || gru["return_sequences"] != false || gru["reset_after"] != true {
		t.Errorf("GRU layer %v", gru)
	}
	wts := gru["weights"].(map[string]any)
	if k := wts["kernel"].([]any); len(k) != 1 || len(k[0].([]any)) != 6 {
		t.Errorf("kernel %v, want [1][6]", k)
	}
	if k := wts["recurrent_kernel"].([]any); len(k) != 2 || len(k[0].([]any)) != 6 {
		t.Errorf("recurrent_kernel %v, want [2][6]", k)
	}
	if bias := wts["bias"].([]any); len(bias) != 2 || len(bias[1].([]any)) != 6 {
		t.Errorf("bias %v, want [2][6]", bias)
	}
	if dense["type"] != "Dense" || dense["units"] != 1.0 || dense["input_dim"] != 2.0 || dense["activation"] != "linear" {
		t.Errorf("Dense layer %v", dense)
	}
	if _, ok := dense["return_sequences"]; ok {
		t.Error("Dense layer has return_sequences")
	}
}

func TestDecodeErrors(t *testing.T) {
	m := seeded(t, []nn.LayerConfig{{Cell: nn.LSTM, Units: 2, Inputs: 1}}, 1)
	good, err := Encode(m, &series.MinMaxScaler{Min: []float64{0}, Max: []float64{1}}, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	// edit decodes the good file, changes it and encodes it again.
	edit := func(f func(w map[string]any)) []byte {
		var w map[string]any
		if err := json.Unmarshal(good, &w); err != nil {
			t.Fatal(err)
		}
		f(w)
		b, err := json.Marshal(w)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	layer := func(w map[string]any, k int) map[string]any { return w["layers"].([]any)[k].(map[string]any) }
	weights := func(w map[string]any, k int) map[string]any { return layer(w, k)["weights"].(map[string]any) }
	tests := map[string][]byte{
		"truncated":       good[:len(good)/2],
		"not JSON":        []byte("hello"),
		"wrong format":    edit(func(w map[string]any) { w["format"] = "keras" }),
		"wrong version":   edit(func(w map[string]any) { w["version"] = 2 }),
		"no layers":       edit(func(w map[string]any) { w["layers"] = []any{} }),
		"no dense":        edit(func(w map[string]any) { w["layers"] = w["layers"].([]any)[:1] }),
		"unknown layer":   edit(func(w map[string]any) { layer(w, 0)["type"] = "Conv1D" }),
		"dense first":     edit(func(w map[string]any) { l := w["layers"].([]any); l[0], l[1] = l[1], l[0] }),
		"bad activation":  edit(func(w map[string]any) { layer(w, 0)["activation"] = "swish" }),
		"zero units":      edit(func(w map[string]any) { layer(w, 0)["units"] = 0 }),
		"units mismatch":  edit(func(w map[string]any) { layer(w, 0)["units"] = 3 }),
		"dense input_dim": edit(func(w map[string]any) { layer(w, 1)["input_dim"] = 5 }),
		"short kernel":    edit(func(w map[string]any) { weights(w, 0)["kernel"] = []any{[]any{1.0}} }),
		"no recurrent":    edit(func(w map[string]any) { delete(weights(w, 0), "recurrent_kernel") }),
		"bias shape":      edit(func(w map[string]any) { weights(w, 0)["bias"] = []any{1.0, 2.0} }),
		"bias 2D for LSTM": edit(func(w map[string]any) {
			weights(w, 0)["bias"] = []any{make([]any, 8), make([]any, 8)}
		}),
		"dense bias":       edit(func(w map[string]any) { weights(w, 1)["bias"] = "x" }),
		"reset_after LSTM": edit(func(w map[string]any) { layer(w, 0)["reset_after"] = true }),
		"bad scaler":       edit(func(w map[string]any) { w["scaler"] = map[string]any{"min": []any{2.0}, "max": []any{1.0}} }),
	}
	for name, b := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := Decode(b); err == nil {
				t.Error("no error")
			} else {
				t.Log(err)
			}
		})
	}
	// A GRU reset_after bias must be [2][3·units].
	g := seeded(t, []nn.LayerConfig{{Cell: nn.GRU, Units: 2, Inputs: 1, ResetAfter: true}}, 1)
	gb, err := Encode(g, nil, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	var w map[string]any
	json.Unmarshal(gb, &w)
	w["layers"].([]any)[0].(map[string]any)["weights"].(map[string]any)["bias"] = make([]any, 6)
	bad, _ := json.Marshal(w)
	if _, err := Decode(bad); err == nil {
		t.Error("1-D bias accepted for GRU reset_after")
	}
	if _, err := Encode(nil, nil, Meta{}); err == nil {
		t.Error("nil model encoded")
	}
}
