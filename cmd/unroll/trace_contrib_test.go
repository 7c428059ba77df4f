package main

import (
	"encoding/json"
	"testing"
)

// TestTraceContrib: --contrib adds every step's terms, for numbers and for a text; without it the
// JSON has none.
func TestTraceContrib(t *testing.T) {
	for _, args := range [][]string{
		{"--cell", "gru", "--units", "3", "--seed", "1", "--input", "0.1,0.5,-0.2"},
		{"--cell", "lstm", "--units", "3", "--seed", "1", "--text", "abca"},
	} {
		var plain, with struct {
			Contrib *struct {
				From, To int
				Steps    []struct{ V [][]float64 }
			}
		}
		for _, c := range []struct {
			into  any
			extra []string
		}{{&plain, nil}, {&with, []string{"--contrib"}}} {
			out, stderr, err := runCLI(t, "", append(append([]string{"trace"}, args...), c.extra...)...)
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			if err := json.Unmarshal([]byte(out), c.into); err != nil {
				t.Fatal(err)
			}
		}
		if plain.Contrib != nil {
			t.Errorf("%v: contrib without --contrib", args)
		}
		if c := with.Contrib; c == nil || c.From != 1 || len(c.Steps) != c.To || c.Steps[len(c.Steps)-1].V == nil {
			t.Errorf("%v: contrib %+v", args, c)
		}
	}
}
