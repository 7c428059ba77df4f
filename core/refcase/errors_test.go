package refcase

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// small is a valid SimpleRNN case with 2 units, 1 input, 3 steps, batch 1.
const small = `{
 "layer": "SimpleRNN",
 "config": {"units": 2, "input_dim": 1, "timesteps": 3, "batch": 1, "activation": "tanh", "return_sequences": false},
 "weights": {
  "rnn": {"kernel": [[0.5, -0.25]], "recurrent_kernel": [[0.5, 0.125], [-0.25, 0.75]], "bias": [0.0625, 0]},
  "dense": {"kernel": [[1], [-1]], "bias": [0.5]}
 },
 "inputs": [[[0.5], [-1], [0.25]]],
 "targets": [[1]]
}`

func edit(t *testing.T, f func(m map[string]any)) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(small), &m); err != nil {
		t.Fatal(err)
	}
	f(m)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestLoadErrors(t *testing.T) {
	weights := func(m map[string]any) map[string]any { return m["weights"].(map[string]any) }
	rnn := func(m map[string]any) map[string]any { return weights(m)["rnn"].(map[string]any) }
	cfg := func(m map[string]any) map[string]any { return m["config"].(map[string]any) }
	for _, c := range []struct {
		name string
		json string
	}{
		{"malformed", `{"layer": "LSTM", `},
		{"not an object", `[1, 2]`},
		{"unknown layer", edit(t, func(m map[string]any) { m["layer"] = "Conv1D" })},
		{"zero units", edit(t, func(m map[string]any) { cfg(m)["units"] = 0 })},
		{"absurd units", edit(t, func(m map[string]any) { cfg(m)["units"] = 1e6 })},
		{"unknown activation", edit(t, func(m map[string]any) { cfg(m)["activation"] = "gelu" })},
		{"use_bias false", edit(t, func(m map[string]any) { cfg(m)["use_bias"] = false })},
		{"kernel shape", edit(t, func(m map[string]any) { rnn(m)["kernel"] = []any{[]any{0.5}} })},
		{"ragged kernel", edit(t, func(m map[string]any) { rnn(m)["recurrent_kernel"] = []any{[]any{0.5, 1}, []any{1}} })},
		{"string in kernel", edit(t, func(m map[string]any) { rnn(m)["kernel"] = []any{[]any{"a", 1}} })},
		{"bias rows on rnn", edit(t, func(m map[string]any) { rnn(m)["bias"] = []any{[]any{0, 0}, []any{0, 0}} })},
		{"missing dense", edit(t, func(m map[string]any) { delete(weights(m), "dense") })},
		{"inputs rank", edit(t, func(m map[string]any) { m["inputs"] = []any{[]any{0.5, 1}} })},
		{"inputs size", edit(t, func(m map[string]any) { m["inputs"] = []any{[]any{[]any{0.5, 1}}} })},
		{"empty inputs", edit(t, func(m map[string]any) { m["inputs"] = []any{} })},
		{"empty sequence", edit(t, func(m map[string]any) { m["inputs"] = []any{[]any{}} })},
		{"timesteps mismatch", edit(t, func(m map[string]any) { cfg(m)["timesteps"] = 4 })},
		{"batch mismatch", edit(t, func(m map[string]any) { cfg(m)["batch"] = 2 })},
		{"targets shape", edit(t, func(m map[string]any) { m["targets"] = []any{[]any{1, 2}} })},
		{"number out of range", strings.Replace(small, `"inputs": [[[0.5]`, `"inputs": [[[1e999]`, 1)},
		{"reset_after on rnn", edit(t, func(m map[string]any) { cfg(m)["reset_after"] = true })},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := Load(strings.NewReader(c.json)); err == nil {
				t.Error("accepted")
			} else {
				t.Log(err)
			}
		})
	}
	// NaN cannot be written in JSON; a case built in Go can hold it.
	c, err := Load(strings.NewReader(small))
	if err != nil {
		t.Fatal(err)
	}
	c.Inputs.Data[1] = math.NaN()
	if _, err := c.Run(); err == nil {
		t.Error("NaN input accepted")
	}
}

// TestResultJSON checks that a Result marshals with the nesting and shapes of
// the format's "expected" block, by decoding both generically.
func TestResultJSON(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(vectorDir, "gru_*true.json"))
	if len(files) == 0 {
		t.Fatalf("no gru_*true.json case in %s", vectorDir)
	}
	raw, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	c, err := Load(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Run()
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Expected any }
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var mine any
	if err := json.Unmarshal(got, &mine); err != nil {
		t.Fatal(err)
	}
	if a, b := shapeOf(mine), shapeOf(doc.Expected); a != b {
		t.Errorf("result JSON shape\n%s\nwant\n%s", a, b)
	}
	// Without targets: no loss, no gradients.
	c.Targets = nil
	res, err = c.Run()
	if err != nil {
		t.Fatal(err)
	}
	if res.Loss != nil || res.Grads != nil || res.C != nil || len(res.H) != 2 {
		t.Errorf("result without targets: %+v", res)
	}
}

// shapeOf describes a decoded JSON value's keys and array shapes.
func shapeOf(v any) string {
	switch v := v.(type) {
	case map[string]any:
		var keys []string
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var b strings.Builder
		b.WriteString("{")
		for _, k := range keys {
			b.WriteString(k + ":" + shapeOf(v[k]) + " ")
		}
		return b.String() + "}"
	case []any:
		if len(v) == 0 {
			return "[0]"
		}
		return "[" + strconv.Itoa(len(v)) + "]" + shapeOf(v[0])
	case float64:
		return "n"
	}
	return "?"
}
