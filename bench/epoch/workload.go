package main

import (
	"fmt"

	"unroll/core/nn"
)

// The lecture's workload (DESIGN.md, performance budget). bench/tfjs.mjs repeats these numbers
// and the generator below, so both sides train on the same windows.
const (
	Units        = 50
	Steps        = 10   // TIME_STEPS
	NumWindows   = 1000 // training windows per epoch
	Points       = NumWindows + Steps
	BatchSize    = 32
	LearningRate = 0.001 // Keras's Adam default
	WalkSeed     = 42
	ModelSeed    = 1
)

// CellOf maps a model name (rnn50, lstm50, gru50) to its cell.
func CellOf(model string) (nn.Cell, error) {
	switch model {
	case "rnn50":
		return nn.SimpleRNN, nil
	case "lstm50":
		return nn.LSTM, nil
	case "gru50":
		return nn.GRU, nil
	}
	return "", fmt.Errorf("unknown model %q (want rnn50, lstm50 or gru50)", model)
}

// mulberry32 is a small 32-bit generator, chosen because JavaScript computes it exactly too.
type mulberry32 uint32

func (s *mulberry32) next() float64 {
	*s += 0x6d2b79f5
	t := uint32(*s)
	t = (t ^ t>>15) * (t | 1)
	t ^= t + (t^t>>7)*(t|61)
	return float64(t^t>>14) / 4294967296
}

// Walk is a random walk of n points with uniform steps in [-0.5, 0.5), min-max scaled to [0, 1].
func Walk(n int, seed uint32) []float64 {
	rng := mulberry32(seed)
	w := make([]float64, n)
	for k := 1; k < n; k++ {
		w[k] = w[k-1] + rng.next() - 0.5
	}
	lo, hi := w[0], w[0]
	for _, v := range w {
		lo, hi = min(lo, v), max(hi, v)
	}
	for k := range w {
		w[k] = (w[k] - lo) / (hi - lo)
	}
	return w
}

// Windows cuts the series into windows of steps values, each predicting the value after it:
// X [n][steps][1], Y [n][1][1].
func Windows(series []float64, steps int) (x, y [][][]float64) {
	for k := 0; k+steps < len(series); k++ {
		win := make([][]float64, steps)
		for t := range win {
			win[t] = []float64{series[k+t]}
		}
		x = append(x, win)
		y = append(y, [][]float64{{series[k+steps]}})
	}
	return x, y
}
