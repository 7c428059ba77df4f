package tfjs

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"unroll/core/nn"
)

const fixtures = "../../testdata/tfjs"

// recorded is a fixture's outputs.json: what TF.js predicted for the inputs.
type recorded struct {
	Inputs  [][][]float64 `json:"inputs"`
	Outputs any           `json:"outputs"` // [batch][outputs] or [batch][steps][outputs]
}

func flatten(v any, dst []float64) []float64 {
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			dst = flatten(x, dst)
		}
	case float64:
		dst = append(dst, v)
	}
	return dst
}

// TestFixtures imports every model made by scripts/make-tfjs-fixture.mjs and compares the
// predictions with the ones TF.js recorded beside it.
func TestFixtures(t *testing.T) {
	want := map[string]struct {
		cells      []nn.Cell
		resetAfter bool
		steps      int
		roles      []string
		softmax    bool   // the head is Dense(V, softmax): TF.js recorded probabilities
		vocab      string // userDefinedMetadata.vocab
	}{
		"lstm":                  {cells: []nn.Cell{nn.LSTM}, steps: 5, roles: []string{RoleRecurrent, RoleDense}},
		"lstm_uint8":            {cells: []nn.Cell{nn.LSTM}, steps: 5},
		"lstm_float16":          {cells: []nn.Cell{nn.LSTM}, steps: 5},
		"gru":                   {cells: []nn.Cell{nn.GRU}, steps: 5, roles: []string{RoleRecurrent, RoleIdentity, RoleDense}},
		"simplernn_stacked":     {cells: []nn.Cell{nn.SimpleRNN, nn.SimpleRNN}, steps: 0},
		"functional_lstm":       {cells: []nn.Cell{nn.LSTM}, steps: 6, roles: []string{RoleInput, RoleRecurrent, RoleDense}},
		"keras_gru_reset_after": {cells: []nn.Cell{nn.GRU}, resetAfter: true, steps: 4, roles: []string{RoleInput, RoleRecurrent, RoleDense}},
		// Next-character models: one-hot inputs, return_sequences, a softmax head (on the Dense
		// layer, or an Activation layer after it); one records its vocabulary.
		"simplernn_softmax_seq": {cells: []nn.Cell{nn.SimpleRNN}, steps: 6, roles: []string{RoleRecurrent, RoleDense}, softmax: true},
		"lstm_softmax_seq":      {cells: []nn.Cell{nn.LSTM}, steps: 6, roles: []string{RoleRecurrent, RoleDense}, softmax: true, vocab: "enoru"},
		"gru_softmax_seq":       {cells: []nn.Cell{nn.GRU}, steps: 6, roles: []string{RoleRecurrent, RoleDense, RoleActivation}, softmax: true},
	}
	dirs, err := filepath.Glob(filepath.Join(fixtures, "*", "model.json"))
	if err != nil || len(dirs) < len(want) {
		t.Fatalf("fixtures: %v, %d found", err, len(dirs))
	}
	for _, mj := range dirs {
		dir := filepath.Dir(mj)
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			m, info, err := LoadFiles(dir)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile(filepath.Join(dir, "outputs.json"))
			if err != nil {
				t.Fatal(err)
			}
			var rec recorded
			if err := json.Unmarshal(raw, &rec); err != nil {
				t.Fatal(err)
			}
			got, err := m.Predict(rec.Inputs)
			if err != nil {
				t.Fatal(err)
			}
			if info.Softmax {
				// The imported head is linear (the logits o_t); TF.js recorded their softmax.
				for _, seq := range got {
					for _, o := range seq {
						softmax(o)
					}
				}
			}
			g := flatten(anyOf(got), nil)
			w := flatten(rec.Outputs, nil)
			if len(g) != len(w) {
				t.Fatalf("%d outputs, TF.js recorded %d", len(g), len(w))
			}
			maxDiff := 0.0
			for k := range g {
				maxDiff = math.Max(maxDiff, math.Abs(g[k]-w[k]))
			}
			// TF.js computes in float32 (about 6e-8 relative per operation); these models are a few
			// dozen operations deep with values of order 1, so 1e-5 leaves a wide margin.
			t.Logf("%d outputs, max |Unroll - TF.js| = %.3g", len(g), maxDiff)
			if maxDiff > 1e-5 {
				t.Errorf("max difference %g > 1e-5", maxDiff)
			}
			if len(info.Unused) != 0 {
				t.Errorf("unused weights %v", info.Unused)
			}
			exp, ok := want[name]
			if !ok {
				return
			}
			if len(m.Layers) != len(exp.cells) {
				t.Fatalf("%d layers, want %d", len(m.Layers), len(exp.cells))
			}
			for l, c := range exp.cells {
				if m.Layers[l].Cell != c || m.Layers[l].ResetAfter != exp.resetAfter {
					t.Errorf("layer %d: %s reset_after=%v, want %s %v", l, m.Layers[l].Cell, m.Layers[l].ResetAfter, c, exp.resetAfter)
				}
			}
			if info.Softmax != exp.softmax || !m.ReturnSequences() && exp.softmax {
				t.Errorf("Softmax = %v, return_sequences %v; want softmax %v", info.Softmax, m.ReturnSequences(), exp.softmax)
			}
			if v := info.Vocab; (v == nil) != (exp.vocab == "") || v != nil && string(v.Runes) != exp.vocab {
				t.Errorf("Vocab = %v, want %q", v, exp.vocab)
			}
			if info.Steps != exp.steps {
				t.Errorf("Steps = %d, want %d", info.Steps, exp.steps)
			}
			if exp.roles != nil {
				var roles []string
				for _, l := range info.Layers {
					roles = append(roles, l.Role)
				}
				if !sameStrings(roles, exp.roles) {
					t.Errorf("roles %v, want %v", roles, exp.roles)
				}
			}
		})
	}
}

// softmax replaces o by its softmax.
func softmax(o []float64) {
	top, sum := math.Inf(-1), 0.0
	for _, v := range o {
		top = math.Max(top, v)
	}
	for k, v := range o {
		o[k] = math.Exp(v - top)
		sum += o[k]
	}
	for k := range o {
		o[k] /= sum
	}
}

func anyOf(v [][][]float64) any {
	b, _ := json.Marshal(v)
	var a any
	_ = json.Unmarshal(b, &a)
	return a
}

func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// TestLoadByFileName gives the shards keyed by file name only, as a browser file picker does, and
// checks Info and the layer settings TF.js wrote.
func TestLoadByFileName(t *testing.T) {
	dir := filepath.Join(fixtures, "gru")
	mj, err := os.ReadFile(filepath.Join(dir, "model.json"))
	if err != nil {
		t.Fatal(err)
	}
	paths, err := ShardPaths(mj)
	if err != nil || len(paths) != 2 {
		t.Fatalf("ShardPaths = %v, %v; want two shards", paths, err)
	}
	shards := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		shards["/home/me/Downloads/"+p] = b
	}
	m, info, err := Load(mj, shards)
	if err != nil {
		t.Fatal(err)
	}
	if !IsLayersModel(mj) || IsLayersModel([]byte(`{"format":"unroll-model"}`)) {
		t.Error("IsLayersModel misclassifies")
	}
	r := m.Layers[0]
	if r.RecurrentActivation != nn.HardSigmoid || r.Activation != nn.Tanh || r.Units != 4 || r.Inputs != 2 {
		t.Errorf("layer config %+v", r.LayerConfig)
	}
	if info.Format != "layers-model" || info.KerasVersion != "tfjs-layers 4.22.0" || info.ConvertedBy != "" {
		t.Errorf("info %+v", info)
	}
	if got := m.ParamCount(); got != 3*(4*(4+2)+4)+4+1 {
		t.Errorf("ParamCount = %d", got)
	}
}

func TestHalfToFloat(t *testing.T) {
	for _, c := range []struct {
		h    uint16
		want float64
	}{
		{0x0000, 0}, {0x3c00, 1}, {0xc000, -2}, {0x3555, 0.333251953125}, {0x0001, math.Ldexp(1, -24)},
		{0x7bff, 65504}, {0x7c00, math.Inf(1)}, {0xfc00, math.Inf(-1)},
	} {
		if got := halfToFloat(c.h); got != c.want {
			t.Errorf("halfToFloat(%#04x) = %v, want %v", c.h, got, c.want)
		}
	}
	if !math.IsNaN(halfToFloat(0x7e00)) {
		t.Error("0x7e00 is not NaN")
	}
}
