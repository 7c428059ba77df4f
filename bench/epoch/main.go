// Command epoch times training epochs of the lecture's workload on Unroll's engine. The same
// program runs natively and, built with GOOS=js GOARCH=wasm, under Node (bench/run.sh does both);
// bench/tfjs.mjs runs the same workload on TensorFlow.js.
//
// For each model it prints the time of every epoch to stderr and, on stdout,
//
//	cpu_ms <model> <runtime> <median>
//	epoch_ms <model> <runtime> <median>
//
// (the first is the process's CPU time per epoch, the second wall time, the contract's number)
// (DESIGN.md, performance budget). Models: rnn50, lstm50, gru50 (a recurrent layer of 50 units on
// windows of 10 steps of one feature, Dense(1), MSE, Adam, batch 32, 1,000 windows of a seeded
// random walk: see workload.go).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"unroll/core/nn"
	"unroll/core/train"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "epoch:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("epoch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	runtime := fs.String("runtime", "unroll-native", "runtime name printed in the epoch_ms lines")
	models := fs.String("models", "rnn50,lstm50,gru50", "comma-separated models")
	warmup := fs.Int("warmup", 2, "untimed epochs first")
	epochs := fs.Int("epochs", 5, "timed epochs (the median is printed)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *epochs < 1 || *warmup < 0 {
		return fmt.Errorf("need epochs ≥ 1 and warmup ≥ 0")
	}
	x, y := Windows(Walk(Points, WalkSeed), Steps)
	data := train.Dataset{X: x, Y: y}
	for _, name := range strings.Split(*models, ",") {
		cell, err := CellOf(name)
		if err != nil {
			return err
		}
		ms, cpu, err := timeEpochs(cell, data, *warmup, *epochs, func(e int, ms, cpu, loss float64) {
			fmt.Fprintf(stderr, "%s %s epoch %d: %.1f ms (cpu %.1f ms), loss %.5f\n", name, *runtime, e, ms, cpu, loss)
		})
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		fmt.Fprintf(stdout, "cpu_ms %s %s %.1f\n", name, *runtime, median(cpu))
		fmt.Fprintf(stdout, "epoch_ms %s %s %.1f\n", name, *runtime, median(ms))
	}
	return nil
}

// timeEpochs trains a fresh model epoch by epoch and returns the wall time and the process's CPU
// time (which a busy machine disturbs less) of each timed epoch.
func timeEpochs(cell nn.Cell, data train.Dataset, warmup, epochs int, report func(e int, ms, cpu, loss float64)) (wall, cpus []float64, err error) {
	cfg := nn.LayerConfig{Cell: cell, Units: Units, Inputs: 1, ResetAfter: cell == nn.GRU} // Keras's GRU default
	m, err := nn.NewModel([]nn.LayerConfig{cfg}, nn.DenseConfig{Outputs: 1})
	if err != nil {
		return nil, nil, err
	}
	m.Init(ModelSeed)
	opt := train.NewAdam(LearningRate)
	for e := 1; e <= warmup+epochs; e++ {
		start, cpu0 := time.Now(), cpuTime()
		h, err := train.Fit(m, data, train.Config{Epochs: 1, BatchSize: BatchSize, Seed: uint64(e), Optimizer: opt, Loss: nn.MSE})
		ms := float64(time.Since(start).Microseconds()) / 1e3
		cpu := float64((cpuTime() - cpu0).Microseconds()) / 1e3
		if err != nil {
			return nil, nil, err
		}
		report(e, ms, cpu, h.Epochs[0].Loss)
		if e > warmup {
			wall, cpus = append(wall, ms), append(cpus, cpu)
		}
	}
	return wall, cpus, nil
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
