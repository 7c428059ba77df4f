package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"

	"unroll/core/lecture"
	"unroll/core/nn"
)

// maxTraceSteps bounds the sequence so a typo cannot ask for millions of steps.
const maxTraceSteps = 10000

// traceLimits are the CLI's limits with a longer sequence than the page's and
// any typed value a model may be fed unscaled (a price, say).
var traceLimits = func() lecture.Limits {
	l := cliLimits
	l.SeqSteps = maxTraceSteps
	l.SeqMagnitude = 1e12
	return l
}()

// textTrace is what `unroll trace` prints for a model with a softmax head:
// the trace (nn.TraceResult, with "outputs" o_t at every step for a model
// returning sequences) and, under the keys the page's engine uses for a
// text, the softmax of o_t after every step ("probs", "top"); for --text also
// the characters read ("chars", "tokens", "vocab").
type textTrace struct {
	*nn.TraceResult
	*lecture.TextInput
	*lecture.TextNext
}

// runTrace prints the forward trace of one sequence.
func runTrace(_ context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("trace", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	modelPath := fs.String("model", "", "an Unroll model file or a TensorFlow.js Layers model.json")
	cellName := fs.String("cell", "", "recurrent cell for a seeded model: rnn, lstm or gru")
	units := fs.Int("units", 0, "units of a seeded model")
	seed := fs.Uint64("seed", 0, "seed of a seeded model (the page's seed)")
	input := fs.String("input", "", "the sequence: V1,V2,... for one input per step, rows 0.1,0.2;0.3,0.4 for more")
	text := fs.String("text", "", "a text, one character per step, one-hot over the model's vocabulary")
	tokens := fs.String("tokens", "", "one-hot indices I1,I2,... (from 0) into the model's inputs, one per step")
	contrib := fs.Bool("contrib", false, "add contrib: every weight's term of the first layer's pre-activations, as the neuron view draws them")
	fs.Usage = func() {
		fmt.Fprint(e.stderr, `usage: unroll trace (--model FILE | --cell C --units N --seed S) (--input V | --text S | --tokens I)

Prints the forward trace of one sequence as JSON, the value the page's engine
sends: steps[].t/x/h/c, gates and terms, output (o_T), the unrolled graph,
and for a model returning sequences outputs (o_t at every step).

  --input 0.1,0.5,-0.2     one value per step (INPUT_SIZE 1)
  --input 0.1,0.2;0.3,0.4  one row per step, rows separated by ';' (INPUT_SIZE > 1)
  --text neuron            a text model: x_t is the one-hot vector of the t-th character
                           (a seeded model reads it as the page does: the untrained
                           next-character model of its cell, units and seed over the
                           text's own characters)
  --tokens 1,0,4           x_t is 1 at index I_t of INPUT_SIZE > 1 inputs, 0 elsewhere

A text model is one written by unroll train --text, or a TF.js model whose
model.json lists its characters in userDefinedMetadata.vocab (one per entry,
in index order); for a TF.js model without them, give --tokens.

With --contrib the JSON adds contrib: for every step and gate the terms
x_t[k]·U[k][j] (u), s_{t-1}[m]·W[m][j] (w) and the bias (b) that sum to the
pre-activation, and s_t[j]·V[j][k] (v) at a step with an output.

With a softmax head (a next-character model) the JSON adds probs and top:
the softmax of o_t after every step and its most likely indices.

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return usagef("trace: %v", err)
	}
	if fs.NArg() > 0 {
		return usagef("trace: unexpected argument %q", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if n := btoi(set["input"]) + btoi(set["text"]) + btoi(set["tokens"]); n != 1 {
		return usagef("trace: give one of --input, --text or --tokens")
	}

	var (
		l   *loaded
		err error
	)
	switch {
	case *modelPath != "" && (*cellName != "" || set["seed"]):
		return usagef("trace: give either --model FILE or --cell/--units/--seed, not both")
	case *modelPath != "":
		if l, err = loadModel(*modelPath); err != nil {
			return fmt.Errorf("trace: %w", err)
		}
	default:
		if *cellName == "" || !set["seed"] {
			return usagef("trace: give --model FILE, or --cell, --units and --seed")
		}
		cell, err := nn.ParseCell(*cellName)
		if err != nil {
			return usagef("trace: %v", err)
		}
		m, err := nn.NewSeeded(cell, *units, 1, *seed)
		if err != nil {
			return usagef("trace: %v", err)
		}
		l = &loaded{model: m}
	}

	var out any
	switch {
	case set["text"]:
		out, err = traceText(l, *modelPath, *text, *seed)
	case set["tokens"]:
		out, err = traceRows(l, lecture.ParseTokens, "--tokens", *tokens)
	default:
		out, err = traceRows(l, lecture.ParseRows, "--input", *input)
	}
	if err != nil {
		return err
	}
	if *contrib {
		res, _ := out.(*nn.TraceResult)
		if tt, ok := out.(textTrace); ok {
			res = tt.TraceResult
		}
		if err := res.AddContrib(1, len(res.Steps), 0); err != nil {
			return fmt.Errorf("trace: %w", err)
		}
	}
	return json.NewEncoder(e.stdout).Encode(out)
}

// traceRows traces the rows parse reads from s (given as flag) with model l.
func traceRows(l *loaded, parse func(string, int, lecture.Limits) ([][]float64, error), flag, s string) (any, error) {
	x, err := parse(s, l.model.Inputs(), traceLimits)
	if err != nil {
		return nil, inputError(flag, err)
	}
	tr, err := l.model.Trace(x)
	if err != nil {
		return nil, fmt.Errorf("trace: %w", err)
	}
	// The same value the page's engine sends for a trace (nn.TraceResult):
	// steps[].t/x/h/c/gates (DESIGN.md §1) with every gate's parts, the
	// output(s), the gate order and the unrolled graph.
	res := nn.NewTraceResult(l.model, tr)
	if !l.softmax {
		return res, nil
	}
	rows := res.Outputs
	if rows == nil {
		rows = [][]float64{res.Output}
	}
	return textTrace{TraceResult: res, TextNext: lecture.NextOf(lecture.SoftmaxRows(rows))}, nil
}

// traceText traces text with model l, read from path ("" for a seeded model,
// which reads it as the page does).
func traceText(l *loaded, path, text string, seed uint64) (any, error) {
	switch {
	case path != "" && l.vocab == nil && l.tfjs:
		return nil, usagef("trace: --text: %s names no characters for its inputs (a TF.js model.json may list them in userDefinedMetadata.vocab); give one-hot indices with --tokens I1,I2,...", path)
	case path != "" && l.vocab == nil:
		return nil, usagef("trace: --text: %s is not a text model (it has no vocabulary); give --input or --tokens", path)
	}
	tt, err := lecture.TraceText(l.model, lecture.CharSetOf(l.vocab), text, seed, traceLimits)
	if err != nil {
		return nil, inputError("--text", err)
	}
	return textTrace{TraceResult: tt.Result, TextInput: tt.Input, TextNext: tt.Next}, nil
}

// inputError is a usage error for a problem lecture found in the input given
// as flag, in its words.
func inputError(flag string, err error) error {
	var le *lecture.Error
	if errors.As(err, &le) {
		return usagef("trace: %s: %s", flag, le.Message)
	}
	return fmt.Errorf("trace: %s: %w", flag, err)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
