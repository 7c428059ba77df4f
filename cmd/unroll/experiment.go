package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"unroll/core/memory"
	"unroll/core/nn"
)

// experimentRow is one run in the JSON summary, the last line of stdout.
type experimentRow struct {
	Cell      string  `json:"cell"`
	Length    int     `json:"length"`
	Seed      uint64  `json:"seed"`
	Accuracy  float64 `json:"accuracy"`
	Loss      float64 `json:"loss"`
	GradRatio float64 `json:"grad_ratio"`
}

// runExperiment runs a named experiment; memory is the one there is.
func runExperiment(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintln(e.stderr, "usage: unroll experiment memory [--cells rnn,lstm,gru] [--lengths L1,L2,...] [--units N] [--epochs E] [--seeds K] [--init keras|chrono] [--format table|json]")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return usagef("experiment: name the experiment (memory)")
	}
	if args[0] != "memory" {
		return usagef("experiment: unknown experiment %q (memory)", args[0])
	}
	return runMemory(ctx, e, args[1:])
}

// runMemory trains every cell at every gap length on memory's task, seeds
// 1..K, and prints the held-out accuracy, loss and ‖∂L/∂x_1‖ / ‖∂L/∂x_L‖.
func runMemory(ctx context.Context, e env, args []string) error {
	d := memory.Defaults
	fs := flag.NewFlagSet("experiment memory", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: unroll experiment memory [flags]")
		fmt.Fprintf(e.stderr, "\nTrains each cell to name x_1 (one of %d symbols) after a gap of L steps of random symbols,\n", memory.Symbols)
		fmt.Fprintln(e.stderr, "with the same data, seed, optimizer (Adam) and number of updates for every cell, and reports")
		fmt.Fprintln(e.stderr, "the accuracy on held-out sequences. Flags:")
		fs.PrintDefaults()
	}
	cells := fs.String("cells", "rnn,lstm,gru", "cells to compare, comma-separated: rnn, lstm, gru")
	lengths := fs.String("lengths", joinInts(memory.DefaultLengths), "gap lengths L, comma-separated (2…1000): x_1 holds the answer, x_2 … x_L are distractors")
	units := fs.Int("units", d.Units, "units n of every cell (1…256)")
	epochs := fs.Int("epochs", d.Epochs, fmt.Sprintf("passes over the %d training sequences (%d updates each)", d.Train, (d.Train+d.BatchSize-1)/d.BatchSize))
	seeds := fs.Int("seeds", 3, "seeds 1…K: data, initial weights and shuffles (1…100)")
	initName := fs.String("init", string(d.Init), "gate biases: keras (unit_forget_bias) or chrono (Tallec & Ollivier 2018)")
	format := fs.String("format", "table", "output: table or json (the JSON summary is the last line)")
	if err := fs.Parse(args); err != nil {
		return usagef("experiment memory: %v", err)
	}
	if fs.NArg() > 0 {
		return usagef("experiment memory: unexpected argument %q", fs.Arg(0))
	}
	var cellList []nn.Cell
	for _, s := range strings.Split(*cells, ",") {
		c, err := nn.ParseCell(strings.TrimSpace(s))
		if err != nil {
			return usagef("experiment memory: --cells: %v", err)
		}
		cellList = append(cellList, c)
	}
	var lens []int
	for _, s := range strings.Split(*lengths, ",") {
		L, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || L < 2 || L > 1000 {
			return usagef("experiment memory: --lengths: %q is not a length from 2 to 1000", s)
		}
		lens = append(lens, L)
	}
	if *units < 1 || *units > 256 {
		return usagef("experiment memory: --units %d is not from 1 to 256", *units)
	}
	if *epochs < 1 || *epochs > 10000 {
		return usagef("experiment memory: --epochs %d is not from 1 to 10000", *epochs)
	}
	if *seeds < 1 || *seeds > 100 {
		return usagef("experiment memory: --seeds %d is not from 1 to 100", *seeds)
	}
	gi, err := nn.ParseGateInit(*initName)
	if err != nil {
		return usagef("experiment memory: --init: %v", err)
	}
	if *format != "table" && *format != "json" {
		return usagef("experiment memory: --format %q is not table or json", *format)
	}
	var cfgs []memory.Config
	for _, L := range lens {
		for _, c := range cellList {
			for s := 1; s <= *seeds; s++ {
				cfg := d
				cfg.Cell, cfg.Length, cfg.Units, cfg.Epochs, cfg.Seed, cfg.Init = c, L, *units, *epochs, uint64(s), gi
				cfgs = append(cfgs, cfg)
			}
		}
	}
	start := time.Now()
	results, err := runAll(ctx, cfgs, func(r memory.Result) {
		fmt.Fprintf(e.stderr, "%s L=%d seed %d: accuracy %.3f (%s)\n", r.Cell, r.Length, r.Seed, r.Accuracy, time.Since(start).Round(time.Second))
	})
	if err != nil {
		return err
	}
	rows := make([]experimentRow, len(results))
	for k, r := range results {
		rows[k] = experimentRow{Cell: cellFlag(r.Cell), Length: r.Length, Seed: r.Seed, Accuracy: r.Accuracy, Loss: r.Loss, GradRatio: r.GradRatio}
	}
	if *format == "json" {
		b, err := json.Marshal(rows)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(e.stdout, string(b))
		return err
	}
	w := e.stdout
	fmt.Fprintf(w, "Name x_1 (one of %d symbols) after L steps of random symbols: accuracy on %d held-out sequences (chance %.2f);\n",
		memory.Symbols, d.Test, memory.Chance)
	fmt.Fprintf(w, "%d units, %s init, Adam lr %g, %d training sequences, %d epochs (%d updates), batch %d.\n",
		*units, gi, d.LearningRate, d.Train, *epochs, results[0].Updates, d.BatchSize)
	fmt.Fprintln(w, "grad_ratio = ‖∂L/∂x_1‖ / ‖∂L/∂x_L‖; state_ratio = ‖∂L/∂s_1‖ / ‖∂L/∂s_L‖; retention = ∏ f_t (LSTM), ∏ z_t (GRU) over the gap, best unit.")
	fmt.Fprintf(w, "%-5s %5s %5s %9s %8s %11s %11s %10s\n", "cell", "L", "seed", "accuracy", "loss", "grad_ratio", "state_ratio", "retention")
	for _, r := range results {
		ret := "-"
		if !math.IsNaN(r.Retention) {
			ret = fmt.Sprintf("%.3g", r.Retention)
		}
		fmt.Fprintf(w, "%-5s %5d %5d %9.3f %8.4f %11.3g %11.3g %10s\n", cellFlag(r.Cell), r.Length, r.Seed, r.Accuracy, r.Loss, r.GradRatio, r.StateRatio, ret)
	}
	fmt.Fprintf(w, "\nmean accuracy over %d seed(s)\n%-5s", *seeds, "L")
	for _, c := range cellList {
		fmt.Fprintf(w, " %9s", cellFlag(c))
	}
	fmt.Fprintln(w)
	for _, L := range lens {
		fmt.Fprintf(w, "%-5d", L)
		for _, c := range cellList {
			var sum float64
			var n int
			for _, r := range results {
				if r.Cell == c && r.Length == L {
					sum += r.Accuracy
					n++
				}
			}
			fmt.Fprintf(w, " %9.3f", sum/float64(n))
		}
		fmt.Fprintln(w)
	}
	return nil
}

// runAll runs the configurations on as many goroutines as there are CPUs
// and returns their results in the configurations' order; each run is
// deterministic, so the order of work changes nothing.
func runAll(ctx context.Context, cfgs []memory.Config, done func(memory.Result)) ([]memory.Result, error) {
	results := make([]memory.Result, len(cfgs))
	errs := make([]error, len(cfgs))
	next := make(chan int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(cfgs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				results[k], errs[k] = memory.Run(cfgs[k])
				if errs[k] == nil {
					mu.Lock()
					done(results[k])
					mu.Unlock()
				}
			}
		}()
	}
	for k := range cfgs {
		if ctx.Err() != nil {
			break
		}
		next <- k
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return results, nil
}

// cellFlag is the --cells name of a cell.
func cellFlag(c nn.Cell) string {
	if c == nn.SimpleRNN {
		return "rnn"
	}
	return strings.ToLower(string(c))
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for k, x := range v {
		s[k] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}
