package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"strconv"
	"strings"

	"unroll/core/nn"
)

// maxTraceSteps bounds --input so a typo cannot ask for millions of steps.
const maxTraceSteps = 10000

// runTrace prints the forward trace of one sequence (input size 1).
func runTrace(_ context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("trace", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	modelPath := fs.String("model", "", "an Unroll model file or a TensorFlow.js Layers model.json")
	cellName := fs.String("cell", "", "recurrent cell for a seeded model: rnn, lstm or gru")
	units := fs.Int("units", 0, "units of a seeded model")
	seed := fs.Uint64("seed", 0, "seed of a seeded model (the page's seed)")
	input := fs.String("input", "", "the sequence, comma-separated: V1,V2,...")
	if err := fs.Parse(args); err != nil {
		return usagef("trace: %v", err)
	}
	if fs.NArg() > 0 {
		return usagef("trace: unexpected argument %q", fs.Arg(0))
	}
	seq, err := parseSequence(*input)
	if err != nil {
		return usagef("trace: --input: %v", err)
	}
	seedSet := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "seed" {
			seedSet = true
		}
	})

	var m *nn.Model
	switch {
	case *modelPath != "" && (*cellName != "" || seedSet):
		return usagef("trace: give either --model FILE or --cell/--units/--seed, not both")
	case *modelPath != "":
		m, err = loadModel(*modelPath)
		if err != nil {
			return fmt.Errorf("trace: %w", err)
		}
	default:
		if *cellName == "" || !seedSet {
			return usagef("trace: give --model FILE, or --cell, --units and --seed")
		}
		cell, err := nn.ParseCell(*cellName)
		if err != nil {
			return usagef("trace: %v", err)
		}
		m, err = nn.NewSeeded(cell, *units, 1, *seed)
		if err != nil {
			return usagef("trace: %v", err)
		}
	}
	if m.Inputs() != 1 {
		return fmt.Errorf("trace: the model reads %d values per step; --input gives 1", m.Inputs())
	}
	x := make([][]float64, len(seq))
	for k, v := range seq {
		x[k] = []float64{v}
	}
	tr, err := m.Trace(x)
	if err != nil {
		return fmt.Errorf("trace: %w", err)
	}
	// The same value the page's engine sends for a trace (nn.TraceResult):
	// steps[].t/x/h/c/gates (DESIGN.md §1) with every gate's parts, the
	// output, the gate order and the unrolled graph.
	return json.NewEncoder(e.stdout).Encode(nn.NewTraceResult(m, tr))
}

// parseSequence reads "0.1,0.5,-0.2" into finite numbers.
func parseSequence(s string) ([]float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, fmt.Errorf("empty sequence (want V1,V2,...)")
	}
	parts := strings.Split(s, ",")
	if len(parts) > maxTraceSteps {
		return nil, fmt.Errorf("%d steps is too long (at most %d)", len(parts), maxTraceSteps)
	}
	seq := make([]float64, len(parts))
	for k, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, fmt.Errorf("value %d %q is not a number", k+1, p)
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("value %d is %v (want a finite number)", k+1, v)
		}
		seq[k] = v
	}
	return seq, nil
}
