// Command genlimits writes the page's module static/gen/limits.js from
// core/lecture (lecture.Module): the limits, the split fractions, the feature
// sets and the minimum of test windows the page reads from the engine.
// `make assets` runs it: go run ./cmd/genlimits static/gen/limits.js
package main

import (
	"fmt"
	"os"

	"unroll/core/lecture"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: genlimits FILE")
		os.Exit(2)
	}
	if err := write(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "genlimits:", err)
		os.Exit(1)
	}
}

// write writes the page's module to path.
func write(path string) error {
	b, err := lecture.Module()
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
