package train

import (
	"testing"

	"unroll/core/nn"
	"unroll/core/series"
)

// The lecture's workload (DESIGN.md, performance budget): a recurrent layer
// of 50 units on windows of 10 steps of one feature, Dense(1), MSE, Adam,
// batch 32, 1,000 windows of a seeded random walk; one epoch per iteration.
// The same workload runs in make bench against TensorFlow.js.
func BenchmarkEpochRNN50(b *testing.B)  { benchEpoch(b, nn.SimpleRNN) }
func BenchmarkEpochLSTM50(b *testing.B) { benchEpoch(b, nn.LSTM) }
func BenchmarkEpochGRU50(b *testing.B)  { benchEpoch(b, nn.GRU) }

func benchEpoch(b *testing.B, cell nn.Cell) {
	const (
		windows = 1000
		steps   = 10
		units   = 50
		batch   = 32
	)
	rows := series.Column(randomWalk(windows+steps, 42))
	scaler, err := series.FitMinMax(rows, nil)
	if err != nil {
		b.Fatal(err)
	}
	scaled, err := scaler.Transform(rows)
	if err != nil {
		b.Fatal(err)
	}
	x, y, err := series.Window(scaled, steps, 0)
	if err != nil {
		b.Fatal(err)
	}
	m := newModel(b, cell, units, 1, 1)
	cfg := Config{Epochs: 1, BatchSize: batch, Optimizer: NewAdam(0)}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cfg.Seed = uint64(i)
		if _, err := Fit(m, Dataset{x, y}, cfg); err != nil {
			b.Fatal(err)
		}
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(sec*1e3, "ms/epoch")
	b.ReportMetric(EpochFLOPs(m, windows, steps)/sec/1e9, "GFLOP/s")
}
