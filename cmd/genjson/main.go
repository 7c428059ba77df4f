// Command genjson writes the JSON codecs of a package's struct types: for
// each source file that declares struct types, a FILE_json.go with a
// WriteJSON method (the bytes encoding/json's Marshal writes, by the same
// struct tags: names, omitempty, "-", embedded structs' fields promoted,
// map keys sorted) and a DecodeJSON method (what encoding/json's Unmarshal
// reads) built on core/jsonx, without reflection. Types with a
// hand-written WriteJSON or DecodeJSON keep it.
//
// Usage, from a package directory (//go:generate go run unroll/cmd/genjson):
//
//	genjson [-o DIR] [DIR]
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	out := flag.String("o", "", "write the generated files to this directory (default: the package directory)")
	flag.Parse()
	dir := "."
	if flag.NArg() > 0 {
		dir = flag.Arg(0)
	}
	if *out == "" {
		*out = dir
	}
	files, err := Generate(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "genjson:", err)
		os.Exit(1)
	}
	if err := Write(*out, dir, files); err != nil {
		fmt.Fprintln(os.Stderr, "genjson:", err)
		os.Exit(1)
	}
}
