package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"unroll/core/nn"
)

// runParams prints where a recurrent layer's parameters come from, then the
// total alone on the last line: g × (n × (n + i) + n), plus g·n for a GRU
// with reset_after (its second bias row).
func runParams(_ context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("params", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	cellName := fs.String("cell", "", "recurrent cell: rnn, lstm or gru")
	units := fs.Int("units", 0, "number of units n (neurons)")
	inputs := fs.Int("inputs", 1, "input size i (INPUT_SIZE: values read per time step)")
	resetAfter := fs.Bool("reset-after", true, "GRU only: Keras reset_after (adds a second bias row)")
	if err := fs.Parse(args); err != nil {
		return usagef("params: %v", err)
	}
	if fs.NArg() > 0 {
		return usagef("params: unexpected argument %q", fs.Arg(0))
	}
	if *cellName == "" {
		return usagef("params: --cell is required (rnn, lstm or gru)")
	}
	cell, err := nn.ParseCell(*cellName)
	if err != nil {
		return usagef("params: %v", err)
	}
	cfg := nn.LayerConfig{Cell: cell, Units: *units, Inputs: *inputs, ResetAfter: cell == nn.GRU && *resetAfter}
	if err := cfg.Validate(); err != nil {
		return usagef("params: %v", err)
	}
	g, n, i := cell.Gates(), cfg.Units, cfg.Inputs
	w := e.stdout
	fmt.Fprintf(w, "layer              %s(units=%d), input_shape=(TIME_STEPS, %d)\n", cell, n, i)
	fmt.Fprintf(w, "g (gates)          %d  (%s)\n", g, strings.Join(cell.GateNames(), ", "))
	fmt.Fprintf(w, "n (units)          %d\n", n)
	fmt.Fprintf(w, "i (inputs)         %d\n", i)
	fmt.Fprintf(w, "U kernel           i × g·n = %d × %d = %d\n", i, g*n, i*g*n)
	fmt.Fprintf(w, "W recurrent kernel n × g·n = %d × %d = %d\n", n, g*n, n*g*n)
	if cfg.ResetAfter {
		fmt.Fprintf(w, "b bias             2 × g·n = 2 × %d = %d  (reset_after: input and recurrent bias)\n", g*n, 2*g*n)
		fmt.Fprintf(w, "total              g × (n × (n + i) + n) + g·n = %d × (%d × (%d + %d) + %d) + %d = %d\n",
			g, n, n, i, n, g*n, cfg.ParamCount())
	} else {
		fmt.Fprintf(w, "b bias             g·n = %d\n", g*n)
		fmt.Fprintf(w, "total              g × (n × (n + i) + n) = %d × (%d × (%d + %d) + %d) = %d\n",
			g, n, n, i, n, cfg.ParamCount())
	}
	fmt.Fprintln(w, cfg.ParamCount())
	return nil
}
