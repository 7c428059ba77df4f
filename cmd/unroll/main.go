// Command unroll serves the Unroll page and API, fetches Taiwan stock prices,
// and runs the recurrent-network engine from the command line.
//
//	unroll [serve] [--addr 127.0.0.1:8080] [--offline] ...
//	unroll fetch CODE [--from YYYY-MM] [--to YYYY-MM] [--format csv|json]
//	unroll prefetch --codes 2330,2317,... [--from YYYY-MM] [--to YYYY-MM] [--cache-dir DIR]
//	unroll params --cell rnn|lstm|gru --units N --inputs I
//	unroll eval FILE
//	unroll trace (--model FILE | --cell C --units N --seed S) --input V1,V2,...
//	unroll train --stock CODE --from YYYY-MM --to YYYY-MM --cell C --units N --steps T --epochs E --out FILE
//	unroll train --text FILE --cell C --units N --steps T --epochs E --out FILE
//	unroll predict --model FILE --text PREFIX [--top K]
//	unroll experiment memory [--cells rnn,lstm,gru] [--lengths L1,L2,...] [--units N] [--epochs E] [--seeds K] [--init keras|chrono] [--format table|json]
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "unroll:", err)
		var u usageError
		if errors.As(err, &u) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// env is what a command may touch of the outside world; tests pass their own.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// A command is one verb of the unroll tool.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

// commands lists every verb, in the order the usage text shows them.
var commands = []command{
	{"serve", "serve the page and the API (the default)", runServe},
	{"fetch", "print a stock's daily prices as CSV or JSON", runFetch},
	{"prefetch", "fill the cache with stocks' months before a class", runPrefetch},
	{"params", "count a recurrent layer's parameters (Keras formula)", runParams},
	{"eval", "run a reference case: hidden states, output, loss, gradients", runEval},
	{"trace", "trace one sequence through a model, step by step", runTrace},
	{"train", "train a model on stock prices (or a text) and save it", runTrain},
	{"predict", "the likely next characters after each character of a text", runPredict},
	{"experiment", "run an experiment: memory (SimpleRNN, LSTM, GRU across gaps)", runExperiment},
}

// usageError marks a mistake in how the command was called (exit status 2).
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || (len(args[0]) > 0 && args[0][0] == '-' && args[0] != "-h" && args[0] != "--help") {
		return runServe(ctx, e, args)
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		printUsage(stdout)
		return nil
	}
	for _, c := range commands {
		if c.name == name {
			return c.run(ctx, e, args[1:])
		}
	}
	printUsage(stderr)
	return usagef("unknown command %q", name)
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: unroll <command> [flags]")
	fmt.Fprintln(w)
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'unroll <command> -h' for a command's flags.")
}
