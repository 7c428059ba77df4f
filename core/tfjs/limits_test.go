package tfjs

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"unroll/core/nn"
)

// allocated is the bytes f allocates, on average over a few runs.
func allocated(f func()) uint64 {
	const runs = 4
	f() // warm up
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / runs
}

// hugeModels are model.json files (from the lstm fixture, with its shard)
// that declare a model far larger than their shard holds; each must be
// refused with an error naming the field and the limit, or the shape the
// configuration needs, without allocating the declared shape.
func hugeModels(t testing.TB) []struct {
	name, message string
	want          error
	data, bin     []byte
} {
	type edit func(mj map[string]any)
	cases := []struct {
		name, message string
		want          error
		edit          edit
	}{
		{"units 10^6", fmt.Sprintf(`LSTM "lstm_LSTM1": units 1000000 is above the limit of %d`, nn.MaxUnits), ErrUnsupported,
			func(mj map[string]any) { layerCfg(mj, 0)["units"] = 1e6 }},
		{"dense units 10^6", fmt.Sprintf("units 1000000 is above the limit of %d", nn.MaxOutputs), ErrUnsupported,
			func(mj map[string]any) { layerCfg(mj, 1)["units"] = 1e6 }},
		{"input size 10^9", fmt.Sprintf("input size 1000000000 is above the limit of %d", nn.MaxInputs), ErrUnsupported,
			func(mj map[string]any) { layerCfg(mj, 0)["batch_input_shape"] = []any{nil, 5, 1e9} }},
		{"weight shape [1e9, 4]", fmt.Sprintf("shape [1000000000 4]: dimension 1000000000 is not in 0..%d", 4*nn.MaxUnits), ErrShape,
			func(mj map[string]any) { spec(mj, 0)["shape"] = []any{1e9, 4} }},
		{"weight shape [4096, 4096]", fmt.Sprintf("more than %d values", nn.MaxInputs*4*nn.MaxUnits), ErrShape,
			func(mj map[string]any) { spec(mj, 0)["shape"] = []any{4096, 4096} }},
		// Within the limits: 1024 units and inputs, but the weights are the fixture's small ones.
		// The model's 64 MB are never allocated.
		{"1024 units, small weights", "the configuration needs [1024 4096]", ErrShape,
			func(mj map[string]any) {
				layerCfg(mj, 0)["units"] = 1024
				layerCfg(mj, 0)["batch_input_shape"] = []any{nil, 5, 1024}
			}},
	}
	var out []struct {
		name, message string
		want          error
		data, bin     []byte
	}
	for _, c := range cases {
		mj, bin := fixture(t, "lstm")
		c.edit(mj)
		data, err := json.Marshal(mj)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, struct {
			name, message string
			want          error
			data, bin     []byte
		}{c.name, c.message, c.want, data, bin})
	}
	return out
}

func TestHugeDeclaredShape(t *testing.T) {
	for _, tc := range hugeModels(t) {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			n := allocated(func() { _, _, err = Load(tc.data, map[string][]byte{"weights.bin": tc.bin}) })
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.message) {
				t.Fatalf("error %v, want %v saying %q", err, tc.want, tc.message)
			}
			// Some kB for decoding the JSON; 1 MB is far below the declared shapes.
			if n > 1<<20 {
				t.Errorf("allocated %d bytes refusing it", n)
			}
		})
	}
}
