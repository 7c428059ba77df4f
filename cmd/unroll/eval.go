package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"unroll/core/refcase"
)

// runEval runs one reference case (the testvectors format: config, weights,
// inputs, optional targets) and prints what the engine computed, with the
// nesting and shapes of the format's "expected".
func runEval(_ context.Context, e env, args []string) error {
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprintln(e.stdout, "usage: unroll eval FILE   (FILE: a case in the testvectors format; - reads stdin)")
		return nil
	}
	if len(args) != 1 {
		return usagef("eval: want exactly one FILE (a case in the testvectors format), got %d arguments", len(args))
	}
	r := e.stdin
	if name := args[0]; name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("eval: %w", err)
		}
		defer f.Close()
		r = f
	}
	c, err := refcase.Load(r)
	if err != nil {
		return fmt.Errorf("eval: %s: %w", args[0], err)
	}
	res, err := c.Run()
	if err != nil {
		return fmt.Errorf("eval: %s: %w", args[0], err)
	}
	enc := json.NewEncoder(e.stdout)
	return enc.Encode(res)
}
