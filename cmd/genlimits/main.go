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
	b, err := lecture.Module()
	if err == nil {
		err = os.WriteFile(os.Args[1], b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genlimits:", err)
		os.Exit(1)
	}
}
