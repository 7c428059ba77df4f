package main

import (
	"bytes"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// packages are those the WebAssembly engine links, whose JSON goes through core/jsonx.
var packages = []string{"core/nn", "core/series", "core/modelfile", "core/tfjs", "core/train", "core/lecture", "core/memory", "wasm/bridge", "wasm"}

// TestGeneratedFilesAreCurrent regenerates every package's codecs and
// compares them with the committed *_json.go files.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	for _, p := range packages {
		dir := filepath.Join("..", "..", p)
		files, err := Generate(dir)
		if err != nil {
			if p == "wasm" {
				continue // js/wasm only
			}
			t.Fatalf("%s: %v", p, err)
		}
		committed, _ := filepath.Glob(filepath.Join(dir, "*_json.go"))
		for _, c := range committed {
			b, _ := os.ReadFile(c)
			if bytes.HasPrefix(b, []byte(Header)) && files[filepath.Base(c)] == nil {
				t.Errorf("%s is generated but no longer made: run go generate ./%s", c, p)
			}
		}
		for name, want := range files {
			got, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s/%s differs from what genjson makes: run go generate ./%s", p, name, p)
			}
		}
	}
}

// TestNoReflectionInTheEngine fails when a non-test file of a package the
// WebAssembly engine links imports encoding/json or reflect.
func TestNoReflectionInTheEngine(t *testing.T) {
	for _, p := range append(packages, "core/jsonx") {
		dir := filepath.Join("..", "..", p)
		names, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, n := range names {
			if strings.HasSuffix(n, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), n, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, im := range f.Imports {
				if path, _ := strconv.Unquote(im.Path.Value); path == "encoding/json" || path == "reflect" {
					t.Errorf("%s imports %s", n, path)
				}
			}
		}
	}
}
