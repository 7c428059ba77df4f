package tfjs

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEquivalentForms rewrites fixtures the ways other writers lay out the same model (Keras 2.0's
// list config, the converter's model_config wrapper, Keras weight names, Keras 3's functional
// nodes, TimeDistributed, extra identity layers) and checks that the predictions do not change.
func TestEquivalentForms(t *testing.T) {
	cases := []struct {
		name, fix string
		edit      func(mj map[string]any)
	}{
		{"Keras 2.0 list config", "lstm", func(mj map[string]any) {
			top := get(mj, "modelTopology").(map[string]any)
			top["config"] = get(top, "config", "layers")
		}},
		{"converter wrapper", "lstm", func(mj map[string]any) {
			top := mj["modelTopology"]
			mj["modelTopology"] = map[string]any{"keras_version": "2.15.0", "backend": "tensorflow", "model_config": top}
		}},
		{"Keras weight names", "lstm", func(mj map[string]any) {
			for _, s := range specs(mj) {
				s := s.(map[string]any)
				seg := strings.Split(s["name"].(string), "/")
				s["name"] = "sequential/" + seg[0] + "/cell/" + seg[1] + ":0"
			}
		}},
		{"anonymous weights in order", "gru", func(mj map[string]any) {
			for k, s := range specs(mj) {
				s.(map[string]any)["name"] = "w" + string(rune('a'+k))
			}
		}},
		{"identity layers", "lstm", func(mj map[string]any) {
			c := get(mj, "modelTopology", "config").(map[string]any)
			ls := c["layers"].([]any)
			drop := map[string]any{"class_name": "GaussianNoise", "config": map[string]any{"name": "noise", "stddev": 0.1}}
			lin := map[string]any{"class_name": "Activation", "config": map[string]any{"name": "act", "activation": "linear"}}
			c["layers"] = []any{ls[0], drop, ls[1], lin}
		}},
		{"TimeDistributed", "simplernn_stacked", func(mj map[string]any) {
			ls := get(mj, "modelTopology", "config", "layers").([]any)
			dense := ls[2].(map[string]any)
			ls[2] = map[string]any{"class_name": "TimeDistributed", "config": map[string]any{"name": "time_distributed", "layer": dense}}
			for _, s := range specs(mj) {
				s := s.(map[string]any)
				if strings.HasPrefix(s["name"].(string), "dense") {
					s["name"] = "time_distributed/" + strings.Split(s["name"].(string), "/")[1]
				}
			}
		}},
		{"Keras 3 functional", "functional_lstm", func(mj map[string]any) {
			top := get(mj, "modelTopology").(map[string]any)
			top["keras_version"] = "3.4.1"
			c := get(top, "config").(map[string]any)
			ls := c["layers"].([]any)
			in := ls[0].(map[string]any)["config"].(map[string]any)
			in["batch_shape"] = in["batch_input_shape"]
			delete(in, "batch_input_shape")
			for k := 1; k < len(ls); k++ {
				l := ls[k].(map[string]any)
				prev := ls[k-1].(map[string]any)["name"]
				l["inbound_nodes"] = []any{map[string]any{
					"args":   []any{map[string]any{"class_name": "__keras_tensor__", "config": map[string]any{"keras_history": []any{prev, 0.0, 0.0}}}},
					"kwargs": map[string]any{},
				}}
				if l["class_name"] == "LSTM" {
					l["config"].(map[string]any)["recurrent_activation"] = "sigmoid"
				}
			}
			c["layers"] = []any{ls[2], ls[0], ls[1]} // any order: the chain follows the nodes
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mj := readFixture(t, c.fix)
			c.edit(mj)
			data, err := json.Marshal(mj)
			if err != nil {
				t.Fatal(err)
			}
			m, _, err := Load(data, shardsOf(t, c.fix, mj))
			if err != nil {
				t.Fatal(err)
			}
			rec := recordedOf(t, c.fix)
			got, err := m.Predict(rec.Inputs)
			if err != nil {
				t.Fatal(err)
			}
			g, w := flatten(anyOf(got), nil), flatten(rec.Outputs, nil)
			if c.name == "Keras 3 functional" { // gates changed to sigmoid: only the import is checked
				if m.Layers[0].RecurrentActivation != "sigmoid" || m.Layers[0].Units != 3 {
					t.Errorf("layer %+v", m.Layers[0].LayerConfig)
				}
				return
			}
			for k := range w {
				if math.Abs(g[k]-w[k]) > 1e-5 {
					t.Fatalf("output %d: %v, TF.js %v", k, g[k], w[k])
				}
			}
		})
	}
}

// TestActivationFolded: Activation("relu") after a linear Dense becomes the Dense's activation.
func TestActivationFolded(t *testing.T) {
	mj := readFixture(t, "lstm")
	c := get(mj, "modelTopology", "config").(map[string]any)
	c["layers"] = append(c["layers"].([]any), map[string]any{"class_name": "Activation", "config": map[string]any{"name": "act", "activation": "relu"}})
	data, _ := json.Marshal(mj)
	m, info, err := Load(data, shardsOf(t, "lstm", mj))
	if err != nil {
		t.Fatal(err)
	}
	if m.Head.Activation != "relu" || info.Layers[2].Role != RoleActivation {
		t.Fatalf("head activation %q, roles %+v", m.Head.Activation, info.Layers)
	}
	rec := recordedOf(t, "lstm")
	got, err := m.Predict(rec.Inputs)
	if err != nil {
		t.Fatal(err)
	}
	for k, w := range flatten(rec.Outputs, nil) {
		if g := got[k][0][0]; math.Abs(g-math.Max(w, 0)) > 1e-5 {
			t.Errorf("output %d: %v, want relu(%v)", k, g, w)
		}
	}
}

func readFixture(t *testing.T, name string) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(fixtures, name, "model.json"))
	if err != nil {
		t.Fatal(err)
	}
	var mj map[string]any
	if err := json.Unmarshal(raw, &mj); err != nil {
		t.Fatal(err)
	}
	return mj
}

func shardsOf(t *testing.T, name string, mj map[string]any) map[string][]byte {
	t.Helper()
	shards := map[string][]byte{}
	for _, p := range get(mj, "weightsManifest", 0, "paths").([]any) {
		b, err := os.ReadFile(filepath.Join(fixtures, name, p.(string)))
		if err != nil {
			t.Fatal(err)
		}
		shards[p.(string)] = b
	}
	return shards
}

func recordedOf(t *testing.T, name string) recorded {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(fixtures, name, "outputs.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rec recorded
	if err := json.Unmarshal(raw, &rec); err != nil {
		t.Fatal(err)
	}
	return rec
}
