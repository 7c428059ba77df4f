package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"unroll/core/lecture"
)

// TestWrite checks that the file make assets writes is the engine's module,
// and that the page's copy (when built) is the current one.
func TestWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "limits.js")
	if err := write(path); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	want, _ := lecture.Module()
	if !bytes.Equal(got, want) || !strings.Contains(string(got), `"trainSteps":[2,60]`) {
		t.Fatalf("wrote\n%s\nwant\n%s", got, want)
	}
	if built, err := os.ReadFile("../../static/gen/limits.js"); err == nil && !bytes.Equal(built, want) {
		t.Error("static/gen/limits.js is stale: run make assets")
	}
}
