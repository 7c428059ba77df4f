package memory

import (
	"errors"
	"math"
	"math/rand/v2"

	"unroll/core/msg"
	"unroll/core/nn"
	"unroll/core/train"
)

// Symbols is the alphabet's size K; the inputs are K one-hot values and the
// marker.
const Symbols = 4

// Chance is the accuracy of guessing: 1/K.
const Chance = 1.0 / Symbols

// dataStream is the PCG stream constant of the task's sequences.
const dataStream = 0x6d656d6f7279 // "memory"

// Data makes n sequences of length L and their answers from seed: X
// [n][L][K+1], Y [n][1][K] one-hot, and the answers. The first train
// sequences of a seed are the same whatever the number of held-out ones.
func Data(seed uint64, L, n, skip int) (x, y [][][]float64, answers []int) {
	rng := rand.New(rand.NewPCG(seed, dataStream^uint64(L)))
	for range skip * L {
		rng.IntN(Symbols)
	}
	x, y, answers = make([][][]float64, n), make([][][]float64, n), make([]int, n)
	for k := range n {
		seq := make([][]float64, L)
		for t := range seq {
			seq[t] = make([]float64, Symbols+1)
			seq[t][rng.IntN(Symbols)] = 1
		}
		seq[0][Symbols] = 1
		a := 0
		for s := range Symbols {
			if seq[0][s] == 1 {
				a = s
			}
		}
		target := make([]float64, Symbols)
		target[a] = 1
		x[k], y[k], answers[k] = seq, [][]float64{target}, a
	}
	return x, y, answers
}

// Config is one training run of the experiment.
type Config struct {
	Cell         nn.Cell     // SimpleRNN, LSTM or GRU (reset_after, Keras's default)
	Length       int         // L ≥ 2: the answer is x_1, read after x_L
	Units        int         // n
	Train, Test  int         // training and held-out sequences
	Epochs       int         // passes over the training sequences
	BatchSize    int         // 0: 32
	LearningRate float64     // Adam's; 0: Keras's 0.001
	ClipNorm     float64     // > 0: clip the gradient's global norm
	Seed         uint64      // the data, the initial weights and the shuffles
	Init         nn.GateInit // keras (unit_forget_bias) or chrono
}

// Result is what a trained model shows on the held-out sequences.
type Result struct {
	Cell     nn.Cell
	Length   int
	Seed     uint64
	Accuracy float64 // share of held-out answers named right; chance is Chance
	Loss     float64 // held-out cross-entropy
	// GradRatio is ‖∂L/∂x_1‖ / ‖∂L/∂x_L‖, the mean over held-out sequences:
	// how much the loss depends on the first input, the answer, relative to
	// the last one.
	GradRatio float64
	// StateRatio is ‖∂L/∂s_1‖ / ‖∂L/∂s_L‖, the mean over held-out
	// sequences: the measured factor the gradient keeps back along the gap.
	StateRatio float64
	// Retention is the gated cells' memory along the gap, ∏_{t=2..L} f_t for
	// LSTM (∏ z_t, the update gate, for GRU) of the unit that keeps the most,
	// the geometric mean over held-out sequences; NaN for a SimpleRNN, whose
	// counterpart is StateRatio.
	Retention float64
	Updates   int // optimizer steps taken
}

// Run trains one cell on the task with train.Fit and measures it.
func Run(cfg Config) (Result, error) {
	if cfg.Length < 2 {
		return Result{}, msg.Errorf("memory: length %d must be at least 2", cfg.Length)
	}
	if cfg.Units < 1 || cfg.Train < 1 || cfg.Test < 1 || cfg.Epochs < 1 {
		return Result{}, errors.New("memory: units, training and held-out sequences and epochs must be at least 1")
	}
	layer := nn.LayerConfig{Cell: cfg.Cell, Units: cfg.Units, Inputs: Symbols + 1, ResetAfter: cfg.Cell == nn.GRU}
	m, err := nn.NewModel([]nn.LayerConfig{layer}, nn.DenseConfig{Outputs: Symbols})
	if err != nil {
		return Result{}, err
	}
	gi := cfg.Init
	if gi == "" {
		gi = nn.KerasGates
	}
	if err := m.InitGates(cfg.Seed, gi, cfg.Length); err != nil {
		return Result{}, err
	}
	x, y, _ := Data(cfg.Seed, cfg.Length, cfg.Train, 0)
	h, err := train.Fit(m, train.Dataset{X: x, Y: y}, train.Config{
		Epochs: cfg.Epochs, BatchSize: cfg.BatchSize, Seed: cfg.Seed, ClipNorm: cfg.ClipNorm,
		Loss: nn.SoftmaxCrossEntropy, Optimizer: train.NewAdam(cfg.LearningRate),
	})
	if err != nil {
		return Result{}, err
	}
	r, err := Measure(m, cfg.Seed, cfg.Length, cfg.Train, cfg.Test)
	r.Updates = h.Steps
	return r, err
}

// Measure evaluates m on the test held-out sequences of seed and L that
// follow the first skip (the training ones).
func Measure(m *nn.Model, seed uint64, L, skip, test int) (Result, error) {
	x, y, answers := Data(seed, L, test, skip)
	w := m.NewWorkspace(test, L)
	loss, err := w.Gradient(nn.Batch{X: x, Y: y}, nn.SoftmaxCrossEntropy, m.ZeroLike())
	if err != nil {
		return Result{}, err
	}
	r := Result{Cell: m.Layers[0].Cell, Length: L, Seed: seed, Loss: loss, Retention: math.NaN()}
	out := w.Output()
	for k, o := range out {
		best := 0
		for s, v := range o[0] {
			if v > o[0][best] {
				best = s
			}
		}
		if best == answers[k] {
			r.Accuracy++
		}
	}
	r.Accuracy /= float64(test)
	// Per-sequence ratios: the batch loss is the mean over the sequences, so
	// each sequence's gradients are its own loss's divided by test, which
	// the ratios do not see.
	dx := w.InputGrads()
	for _, g := range dx {
		r.GradRatio += norm(g[0]) / norm(g[L-1])
	}
	r.GradRatio /= float64(test)
	ws := m.NewWorkspace(1, L)
	g := m.ZeroLike()
	for k := range x {
		if _, err := ws.Gradient(nn.Batch{X: x[k : k+1], Y: y[k : k+1]}, nn.SoftmaxCrossEntropy, g); err != nil {
			return Result{}, err
		}
		s := ws.StateGradNorms()[0]
		r.StateRatio += s[0] / s[L-1]
	}
	r.StateRatio /= float64(test)
	if c := m.Layers[0].Cell; c != nn.SimpleRNN {
		r.Retention = retention(w.Gates(0), m.Layers[0])
	}
	return r, nil
}

// retention is the geometric mean over the sequences of max over units of
// ∏_{t=2..L} of the memory gate (LSTM f, GRU z) in gates [batch][L][g·n].
func retention(gates [][][]float64, r *nn.Recurrent) float64 {
	n := r.Units
	gate := 1 // f is block 1 of i, f, g, o
	if r.Cell == nn.GRU {
		gate = 0 // z is block 0 of z, r, n
	}
	var sumLog float64
	for _, seq := range gates {
		best := math.Inf(-1)
		for j := range n {
			var lg float64
			for _, a := range seq[1:] {
				lg += math.Log(a[gate*n+j])
			}
			best = math.Max(best, lg)
		}
		sumLog += best
	}
	return math.Exp(sumLog / float64(len(gates)))
}

func norm(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}

// Defaults are the experiment's settings but the cell, length and seed: what
// `unroll experiment memory` runs unless told otherwise. 16 units, Adam at
// 0.01 with the gradient's norm clipped at 1, 1,280 updates of 32 sequences,
// and chrono gate biases: with Keras's unit_forget_bias the LSTM starts
// with f ≈ σ(1) ≈ 0.73 and did not learn to open it at long gaps in this
// budget (README, "Why LSTM").
var Defaults = Config{
	Units: 16, Train: 1024, Test: 256, Epochs: 40, BatchSize: 32,
	LearningRate: 0.01, ClipNorm: 1, Init: nn.ChronoGates,
}

// DefaultLengths are the gap lengths `unroll experiment memory` compares:
// from one every cell learns to ones where only the gated cells do.
var DefaultLengths = []int{10, 20, 50, 100}
