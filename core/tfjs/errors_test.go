package tfjs

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixture reads a fixture's model.json (as a generic JSON value) and its single shard.
func fixture(t testing.TB, name string) (map[string]any, []byte) {
	t.Helper()
	dir := filepath.Join(fixtures, name)
	raw, err := os.ReadFile(filepath.Join(dir, "model.json"))
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	bin, err := os.ReadFile(filepath.Join(dir, "weights.bin"))
	if err != nil {
		t.Fatal(err)
	}
	return v, bin
}

func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			v = v.(map[string]any)[k]
		case int:
			v = v.([]any)[k]
		}
	}
	return v
}

func layerCfg(mj map[string]any, k int) map[string]any {
	return get(mj, "modelTopology", "config", "layers", k, "config").(map[string]any)
}

func specs(mj map[string]any) []any { return get(mj, "weightsManifest", 0, "weights").([]any) }

func spec(mj map[string]any, k int) map[string]any { return specs(mj)[k].(map[string]any) }

func TestBadFiles(t *testing.T) {
	type mutate func(mj map[string]any, bin []byte) (map[string]any, map[string][]byte)
	shard := func(b []byte) map[string][]byte { return map[string][]byte{"weights.bin": b} }
	edit := func(f func(mj map[string]any)) mutate {
		return func(mj map[string]any, bin []byte) (map[string]any, map[string][]byte) {
			f(mj)
			return mj, shard(bin)
		}
	}
	cases := []struct {
		name    string
		fix     string // fixture to start from (default "lstm")
		raw     string // model.json text instead of a mutation
		mut     mutate
		want    error
		message string // a part of the message the user sees
	}{
		{name: "empty", raw: "", want: ErrFormat},
		{name: "truncated JSON", raw: "truncate", want: ErrFormat, message: "unexpected end of JSON"},
		{name: "array", raw: "[1,2]", want: ErrFormat},
		{name: "Unroll model file", raw: `{"format":"unroll-model","version":1,"layers":[]}`, want: ErrFormat, message: "modelTopology"},
		{name: "graph model", raw: `{"format":"graph-model","modelTopology":{"node":[]},"weightsManifest":[]}`, want: ErrUnsupported, message: "graph model"},
		{name: "no manifest", mut: edit(func(mj map[string]any) { delete(mj, "weightsManifest") }), want: ErrFormat},
		{name: "no class", mut: edit(func(mj map[string]any) { delete(get(mj, "modelTopology").(map[string]any), "class_name") }), want: ErrFormat},
		{name: "missing shard", mut: func(mj map[string]any, bin []byte) (map[string]any, map[string][]byte) {
			return mj, nil
		}, want: ErrMissingShard, message: `"weights.bin"`},
		{name: "short shard", mut: func(mj map[string]any, bin []byte) (map[string]any, map[string][]byte) {
			return mj, shard(bin[:len(bin)-4])
		}, want: ErrShardSize},
		{name: "long shard", mut: func(mj map[string]any, bin []byte) (map[string]any, map[string][]byte) {
			return mj, shard(append(bin, 0, 0, 0, 0))
		}, want: ErrShardSize},
		{name: "kernel reshaped", mut: edit(func(mj map[string]any) { spec(mj, 0)["shape"] = []any{4.0, 8.0} }), want: ErrShape, message: "[4 8]"},
		{name: "input size disagrees", mut: edit(func(mj map[string]any) {
			layerCfg(mj, 0)["batch_input_shape"] = []any{nil, 5.0, 3.0}
		}), want: ErrShape, message: "[2 16]"},
		{name: "units disagree", mut: edit(func(mj map[string]any) { layerCfg(mj, 0)["units"] = 5.0 }), want: ErrShape},
		{name: "rank 2 input", mut: edit(func(mj map[string]any) { layerCfg(mj, 0)["batch_input_shape"] = []any{nil, 5.0} }), want: ErrShape},
		{name: "negative dimension", mut: edit(func(mj map[string]any) { spec(mj, 0)["shape"] = []any{-2.0, 16.0} }), want: ErrShape},
		{name: "huge dimension", mut: edit(func(mj map[string]any) { spec(mj, 0)["shape"] = []any{1e9, 1e9} }), want: ErrShape},
		{name: "huge units", mut: edit(func(mj map[string]any) { layerCfg(mj, 0)["units"] = 5000.0 }), want: ErrUnsupported, message: "units"},
		{name: "Conv1D", mut: edit(func(mj map[string]any) {
			get(mj, "modelTopology", "config", "layers", 0).(map[string]any)["class_name"] = "Conv1D"
		}), want: ErrUnsupported, message: "Conv1D"},
		{name: "Bidirectional", mut: edit(func(mj map[string]any) {
			l := get(mj, "modelTopology", "config", "layers", 0).(map[string]any)
			l["config"] = map[string]any{"name": "bidirectional", "layer": map[string]any{"class_name": "LSTM", "config": l["config"]}}
			l["class_name"] = "Bidirectional"
		}), want: ErrUnsupported, message: "Bidirectional"},
		{name: "softmax state", mut: edit(func(mj map[string]any) { layerCfg(mj, 0)["activation"] = "softmax" }), want: ErrUnsupported, message: "softmax"},
		{name: "softmax twice", mut: edit(func(mj map[string]any) {
			layerCfg(mj, 1)["activation"] = "softmax"
			c := get(mj, "modelTopology", "config").(map[string]any)
			c["layers"] = append(c["layers"].([]any), map[string]any{"class_name": "Activation", "config": map[string]any{"name": "act", "activation": "softmax"}})
		}), want: ErrUnsupported, message: "linear Dense"},
		{name: "vocab of the wrong size", mut: edit(func(mj map[string]any) {
			mj["userDefinedMetadata"] = map[string]any{"vocab": []any{"a", "b", "c"}}
		}), want: ErrShape, message: "3 characters for a model of 2 inputs"},
		{name: "vocab unsorted", mut: edit(func(mj map[string]any) {
			mj["userDefinedMetadata"] = map[string]any{"vocab": []any{"b", "a"}}
		}), want: ErrFormat, message: "increasing order"},
		{name: "vocab entry of two characters", mut: edit(func(mj map[string]any) {
			mj["userDefinedMetadata"] = map[string]any{"vocab": []any{"ab", "c"}}
		}), want: ErrFormat, message: "not one character"},
		{name: "metadata not an object", mut: edit(func(mj map[string]any) { mj["userDefinedMetadata"] = "vocab" }), want: ErrFormat, message: "userDefinedMetadata"},
		{name: "go_backwards", mut: edit(func(mj map[string]any) { layerCfg(mj, 0)["go_backwards"] = true }), want: ErrUnsupported, message: "go_backwards"},
		{name: "return_state", mut: edit(func(mj map[string]any) { layerCfg(mj, 0)["return_state"] = true }), want: ErrUnsupported},
		{name: "Keras 3 hard_sigmoid", mut: edit(func(mj map[string]any) {
			get(mj, "modelTopology").(map[string]any)["keras_version"] = "3.4.1"
			layerCfg(mj, 0)["recurrent_activation"] = "hard_sigmoid"
		}), want: ErrUnsupported, message: "Keras 3"},
		{name: "no Dense", mut: edit(func(mj map[string]any) {
			ls := get(mj, "modelTopology", "config").(map[string]any)
			ls["layers"] = ls["layers"].([]any)[:1]
		}), want: ErrUnsupported, message: "Dense"},
		{name: "Dense first", mut: edit(func(mj map[string]any) {
			ls := get(mj, "modelTopology", "config", "layers").([]any)
			ls[0], ls[1] = ls[1], ls[0]
		}), want: ErrUnsupported, message: "before any recurrent"},
		{name: "two Dense", mut: edit(func(mj map[string]any) {
			c := get(mj, "modelTopology", "config").(map[string]any)
			ls := c["layers"].([]any)
			c["layers"] = append(ls, ls[1])
		}), want: ErrUnsupported, message: "second Dense"},
		{name: "int32 weights", mut: edit(func(mj map[string]any) { spec(mj, 4)["dtype"] = "int32" }), want: ErrDtype, message: "int32"},
		{name: "int4 quantization", mut: edit(func(mj map[string]any) {
			spec(mj, 4)["quantization"] = map[string]any{"dtype": "int4"}
		}), want: ErrDtype, message: "int4"},
		{name: "uint8 without scale", mut: edit(func(mj map[string]any) {
			spec(mj, 4)["quantization"] = map[string]any{"dtype": "uint8"}
		}), want: ErrDtype},
		{name: "missing weight", mut: edit(func(mj map[string]any) {
			spec(mj, 1)["name"] = spec(mj, 1)["name"].(string) + "_renamed"
		}), want: ErrWeight, message: "recurrent_kernel"},
		{name: "duplicate weight", mut: edit(func(mj map[string]any) { spec(mj, 4)["name"] = spec(mj, 3)["name"] }), want: ErrFormat, message: "twice"},
		{name: "NaN weight", mut: func(mj map[string]any, bin []byte) (map[string]any, map[string][]byte) {
			b := append([]byte(nil), bin...)
			binary.LittleEndian.PutUint32(b[8:], math.Float32bits(float32(math.NaN())))
			return mj, shard(b)
		}, want: ErrWeight, message: "NaN"},
		{name: "functional branch", fix: "functional_lstm", mut: edit(func(mj map[string]any) {
			l := get(mj, "modelTopology", "config", "layers", 2).(map[string]any)
			l["inbound_nodes"] = []any{[]any{[]any{"encoder", 0.0, 0.0, map[string]any{}}, []any{"input1", 0.0, 0.0, map[string]any{}}}}
		}), want: ErrUnsupported, message: "2 inputs"},
		{name: "functional two outputs", fix: "functional_lstm", mut: edit(func(mj map[string]any) {
			c := get(mj, "modelTopology", "config").(map[string]any)
			c["output_layers"] = append(c["output_layers"].([]any), []any{"encoder", 0.0, 0.0})
		}), want: ErrUnsupported},
		{name: "functional unknown layer", fix: "functional_lstm", mut: edit(func(mj map[string]any) {
			get(mj, "modelTopology", "config", "output_layers", 0).([]any)[0] = "nowhere"
		}), want: ErrFormat, message: "nowhere"},
		{name: "functional cycle", fix: "functional_lstm", mut: edit(func(mj map[string]any) {
			l := get(mj, "modelTopology", "config", "layers", 1).(map[string]any)
			l["inbound_nodes"] = []any{[]any{[]any{"head", 0.0, 0.0, map[string]any{}}}}
		}), want: ErrFormat, message: "cycle"},
		{name: "stacked without sequences", fix: "simplernn_stacked", mut: edit(func(mj map[string]any) {
			layerCfg(mj, 0)["return_sequences"] = false
		}), want: ErrUnsupported, message: "does not return sequences"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fix := c.fix
			if fix == "" {
				fix = "lstm"
			}
			mj, bin := fixture(t, fix)
			var data []byte
			var shards map[string][]byte
			switch c.raw {
			case "truncate":
				full, _ := json.Marshal(mj)
				data, shards = full[:len(full)/2], map[string][]byte{"weights.bin": bin}
			default:
				data = []byte(c.raw)
			}
			if c.mut != nil {
				mj, shards = c.mut(mj, bin)
				data, _ = json.Marshal(mj)
			}
			m, _, err := Load(data, shards)
			if err == nil {
				t.Fatalf("no error (model %v)", m != nil)
			}
			if !errors.Is(err, c.want) {
				t.Errorf("error %q does not wrap %q", err, c.want)
			}
			if !strings.Contains(err.Error(), c.message) {
				t.Errorf("error %q does not mention %q", err, c.message)
			}
			t.Log(err)
		})
	}
}

// TestUseBiasFalse: a layer without a bias has no bias weight in the file and a zero bias here.
func TestUseBiasFalse(t *testing.T) {
	mj, bin := fixture(t, "lstm")
	layerCfg(mj, 0)["use_bias"] = false
	bias := spec(mj, 2)["shape"].([]any)[0].(float64)
	ws := specs(mj)
	get(mj, "weightsManifest", 0).(map[string]any)["weights"] = append(ws[:2:2], ws[3:]...)
	kept := append(append([]byte(nil), bin[:(2*16+4*16)*4]...), bin[(2*16+4*16+int(bias))*4:]...)
	data, _ := json.Marshal(mj)
	m, _, err := Load(data, map[string][]byte{"weights.bin": kept})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range m.Layers[0].Bias {
		if b != 0 {
			t.Fatalf("bias %v, want zeros", m.Layers[0].Bias)
		}
	}
}

// TestLoadFilesEscape: LoadFiles reads shards only beside model.json.
func TestLoadFilesEscape(t *testing.T) {
	mj, _ := fixture(t, "lstm")
	get(mj, "weightsManifest", 0).(map[string]any)["paths"] = []any{"../secret.bin"}
	dir := t.TempDir()
	data, _ := json.Marshal(mj)
	if err := os.WriteFile(filepath.Join(dir, "model.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadFiles(dir); !errors.Is(err, ErrFormat) {
		t.Errorf("err = %v, want ErrFormat", err)
	}
	get(mj, "weightsManifest", 0).(map[string]any)["paths"] = []any{"absent.bin"}
	data, _ = json.Marshal(mj)
	if err := os.WriteFile(filepath.Join(dir, "model.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadFiles(filepath.Join(dir, "model.json")); !errors.Is(err, ErrMissingShard) {
		t.Errorf("err = %v, want ErrMissingShard", err)
	}
}

// TestMangledNoPanic flips, cuts and splices bytes of every fixture's model.json and shards;
// Load must return a model or an error, never panic.
func TestMangledNoPanic(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, name := range []string{"lstm", "functional_lstm", "keras_gru_reset_after", "lstm_uint8", "simplernn_stacked"} {
		mj, bin := fixture(t, name)
		data, _ := json.Marshal(mj)
		for k := 0; k < 400; k++ {
			d := mangle(rng, data)
			b := bin
			if k%3 == 0 {
				b = mangle(rng, bin)
			}
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("%s: panic %v on %q", name, r, d)
					}
				}()
				_, _, _ = Load(d, map[string][]byte{"weights.bin": b})
			}()
		}
	}
}

func mangle(rng *rand.Rand, src []byte) []byte {
	b := append([]byte(nil), src...)
	if len(b) == 0 {
		return b
	}
	switch rng.IntN(4) {
	case 0: // cut
		return b[:rng.IntN(len(b))]
	case 1: // flip bytes
		for n := 1 + rng.IntN(4); n > 0; n-- {
			b[rng.IntN(len(b))] ^= byte(1 << rng.IntN(8))
		}
	case 2: // replace a digit, to reach shapes and sizes
		for n := 0; n < 8; n++ {
			if k := rng.IntN(len(b)); b[k] >= '0' && b[k] <= '9' {
				b[k] = "0123456789-"[rng.IntN(11)]
			}
		}
	default: // duplicate a span
		i, j := rng.IntN(len(b)), rng.IntN(len(b))
		if i > j {
			i, j = j, i
		}
		b = append(b[:j:j], append(append([]byte(nil), b[i:j]...), b[j:]...)...)
	}
	return b
}

// FuzzLoad: go test -fuzz FuzzLoad ./core/tfjs
func FuzzLoad(f *testing.F) {
	mj, bin := fixture(f, "lstm")
	data, _ := json.Marshal(mj)
	f.Add(data, bin)
	f.Add([]byte(`{"modelTopology":{"class_name":"Sequential","config":[]},"weightsManifest":[]}`), []byte{})
	for _, h := range hugeModels(f) {
		f.Add(h.data, h.bin)
	}
	f.Add(data, bin[:len(bin)/2]) // a shard shorter than the manifest declares
	f.Add([]byte(strings.Repeat("[", 100000)), []byte{})
	f.Fuzz(func(t *testing.T, data, bin []byte) {
		m, _, err := Load(data, map[string][]byte{"weights.bin": bin})
		if err == nil && m == nil {
			t.Fatal("nil model without error")
		}
	})
}
