package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestFixturesMatchEngine checks that the committed view fixtures are what the
// engine makes now: after a change to the trace, run go run ./scripts/trace-fixtures.
func TestFixturesMatchEngine(t *testing.T) {
	root := filepath.Join("..", "..")
	files, err := Generate(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("traces.json lists no fixture")
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(root, Dir, name))
		if err != nil {
			t.Error(err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the engine's trace: run go run ./scripts/trace-fixtures", name)
		}
	}
	// No trace fixture that the manifest does not make.
	listed, _ := filepath.Glob(filepath.Join(root, Dir, "trace-*.json"))
	for _, p := range listed {
		if files[filepath.Base(p)] == nil {
			t.Errorf("%s is not in traces.json", filepath.Base(p))
		}
	}
}
