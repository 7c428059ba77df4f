package nn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// lectureBatches is the lecture's workload: 1,000 windows of 10 steps of one
// value (a sine-like series), in 32 batches of 32 (the last one holds 8
// windows, as Keras's fit splits 1,000 windows).
func lectureBatches(windows, steps, batch int) []Batch {
	var out []Batch
	for start := 0; start < windows; start += batch {
		n := min(batch, windows-start)
		b := Batch{X: make([][][]float64, n), Y: make([][][]float64, n)}
		for k := range n {
			w := start + k
			b.X[k] = make([][]float64, steps)
			for t := range steps {
				b.X[k][t] = []float64{0.5 + 0.4*math.Sin(0.1*float64(w+t))}
			}
			b.Y[k] = [][]float64{{0.5 + 0.4*math.Sin(0.1*float64(w+steps))}}
		}
		out = append(out, b)
	}
	return out
}

func benchModel(b *testing.B, cell Cell, units int) *Model {
	m, err := NewModel([]LayerConfig{{Cell: cell, Units: units, Inputs: 1, ResetAfter: cell == GRU}}, DenseConfig{Outputs: 1})
	if err != nil {
		b.Fatal(err)
	}
	m.Init(1)
	return m
}

// benchmarkEpoch runs forward and backward over one epoch of the lecture's
// workload and reports ns per epoch and the matrix products' GFLOP/s.
func benchmarkEpoch(b *testing.B, cell Cell, units int) {
	m := benchModel(b, cell, units)
	batches := lectureBatches(1000, 10, 32)
	w := m.NewWorkspace(32, 10)
	g := m.ZeroLike()
	b.ReportAllocs()
	b.ResetTimer()
	start := w.flops
	for range b.N {
		for _, bt := range batches {
			if _, err := w.Gradient(bt, MSE, g); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(w.flops-start)/sec/1e9, "GFLOP/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ms/epoch")
}

func BenchmarkGradientEpochLSTM50(b *testing.B) { benchmarkEpoch(b, LSTM, 50) }
func BenchmarkGradientEpochRNN50(b *testing.B)  { benchmarkEpoch(b, SimpleRNN, 50) }
func BenchmarkGradientEpochGRU50(b *testing.B)  { benchmarkEpoch(b, GRU, 50) }

// BenchmarkTrace is one forward trace of a 10-step sequence through LSTM(50),
// what the page asks for at every change of input or model.
func BenchmarkTrace(b *testing.B) {
	m := benchModel(b, LSTM, 50)
	rng := rand.New(rand.NewPCG(1, 2))
	x := make([][]float64, 10)
	for t := range x {
		x[t] = []float64{rng.Float64()}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := m.Trace(x); err != nil {
			b.Fatal(err)
		}
	}
	// The forward pass's matrix products (x_t U, s_{t-1} W, s_T V) and the
	// trace's split of each pre-activation into x_t U and s_{t-1} W again.
	const T, n, in, gn = 10, 50, 1, 200
	flops := 2 * (2*T*(in*gn+n*gn) + n)
	b.ReportMetric(float64(flops)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

// BenchmarkInit is Keras's initialisation of LSTM(50) (the orthogonal
// recurrent kernel's QR dominates), what the page pays for a new seed.
func BenchmarkInit(b *testing.B) {
	m := benchModel(b, LSTM, 50)
	b.ReportAllocs()
	b.ResetTimer()
	for k := range b.N {
		m.Init(uint64(k))
	}
}
