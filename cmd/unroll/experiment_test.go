package main

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// TestExperimentMemoryJSON runs a tiny experiment: the last stdout line is
// one row per cell, length and seed with exactly the documented fields.
func TestExperimentMemoryJSON(t *testing.T) {
	out, _, err := runCLI(t, "", "experiment", "memory", "--cells", "rnn,lstm,gru", "--lengths", "3,4",
		"--units", "3", "--epochs", "1", "--seeds", "2", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(lastLine(out)), &rows); err != nil {
		t.Fatalf("last line is not the JSON summary: %v\n%s", err, out)
	}
	if len(rows) != 3*2*2 {
		t.Fatalf("%d rows, want 12", len(rows))
	}
	seen := map[string]bool{}
	for _, r := range rows {
		if len(r) != 6 {
			t.Errorf("row %v: want the fields cell, length, seed, accuracy, loss, grad_ratio", r)
		}
		for _, k := range []string{"cell", "length", "seed", "accuracy", "loss", "grad_ratio"} {
			if _, ok := r[k]; !ok {
				t.Errorf("row %v has no %q", r, k)
			}
		}
		acc, _ := r["accuracy"].(float64)
		ratio, _ := r["grad_ratio"].(float64)
		if acc < 0 || acc > 1 || !(ratio > 0) {
			t.Errorf("row %v: accuracy or grad_ratio out of range", r)
		}
		key, _ := json.Marshal([]any{r["cell"], r["length"], r["seed"]})
		seen[string(key)] = true
	}
	if len(seen) != 12 || !seen[`["rnn",3,1]`] || !seen[`["gru",4,2]`] {
		t.Errorf("rows do not cover every cell, length and seed: %v", seen)
	}
	again, _, err := runCLI(t, "", "experiment", "memory", "--cells", "rnn,lstm,gru", "--lengths", "3,4",
		"--units", "3", "--epochs", "1", "--seeds", "2", "--format", "json")
	if err != nil || lastLine(again) != lastLine(out) {
		t.Errorf("the same experiment twice gave other numbers (err %v)", err)
	}
}

func TestExperimentMemoryTable(t *testing.T) {
	out, _, err := runCLI(t, "", "experiment", "memory", "--cells", "lstm", "--lengths", "3", "--units", "2", "--epochs", "1", "--seeds", "1", "--init", "keras")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"chance 0.25", "keras init", "grad_ratio", "lstm      3     1"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestExperimentBadInput(t *testing.T) {
	for _, args := range [][]string{
		{"experiment"},
		{"experiment", "forgetting"},
		{"experiment", "memory", "--cells", "rnn,cnn"},
		{"experiment", "memory", "--lengths", "1"},
		{"experiment", "memory", "--lengths", "10,abc"},
		{"experiment", "memory", "--lengths", "5000"},
		{"experiment", "memory", "--units", "0"},
		{"experiment", "memory", "--epochs", "0"},
		{"experiment", "memory", "--seeds", "0"},
		{"experiment", "memory", "--init", "glorot"},
		{"experiment", "memory", "--format", "xml"},
		{"experiment", "memory", "extra"},
		{"experiment", "memory", "--nosuchflag"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			_, _, err := runCLI(t, "", args...)
			var u usageError
			if !errors.As(err, &u) {
				t.Fatalf("err = %v, want a usage error", err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("message is not one line: %q", err)
			}
		})
	}
}
