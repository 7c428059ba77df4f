package nn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// randomModel builds a model and fills every weight, biases included, with
// U(−scale, scale) from seed, so that no zero bias hides a missing term.
func randomModel(t testing.TB, layers []LayerConfig, head DenseConfig, seed uint64, scale float64) *Model {
	t.Helper()
	m, err := NewModel(layers, head)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	for _, p := range m.Params() {
		for k := range p.Value {
			p.Value[k] = scale * (2*rng.Float64() - 1)
		}
	}
	return m
}

// randomBatch returns B sequences of T steps with inputs in U(−1, 1) and
// targets for the loss: U(−1, 1) for MSE, one-hot rows for the cross-entropy.
func randomBatch(m *Model, B, T int, loss Loss, seed uint64) Batch {
	rng := rand.New(rand.NewPCG(seed, 11))
	steps := 1
	if m.ReturnSequences() {
		steps = T
	}
	var b Batch
	for range B {
		x := make([][]float64, T)
		for t := range x {
			x[t] = make([]float64, m.Inputs())
			for k := range x[t] {
				x[t][k] = 2*rng.Float64() - 1
			}
		}
		y := make([][]float64, steps)
		for t := range y {
			y[t] = make([]float64, m.Outputs())
			if loss == SoftmaxCrossEntropy {
				y[t][rng.IntN(m.Outputs())] = 1
			} else {
				for k := range y[t] {
					y[t][k] = 2*rng.Float64() - 1
				}
			}
		}
		b.X, b.Y = append(b.X, x), append(b.Y, y)
	}
	return b
}

// flatParams returns copies of all weights as one vector, and a function
// that writes such a vector back.
func flatParams(m *Model) ([]float64, func([]float64)) {
	var flat []float64
	for _, p := range m.Params() {
		flat = append(flat, p.Value...)
	}
	set := func(v []float64) {
		off := 0
		for _, p := range m.Params() {
			off += copy(p.Value, v[off:])
		}
	}
	return flat, set
}

// maxDiff returns the largest |a[k] − b[k]| and its index.
func maxDiff(a, b []float64) (float64, int) {
	worst, at := 0.0, -1
	for k := range a {
		if d := math.Abs(a[k] - b[k]); d > worst || math.IsNaN(d) {
			worst, at = d, k
		}
	}
	return worst, at
}

func flat3(v [][][]float64) []float64 {
	var out []float64
	for _, a := range v {
		for _, b := range a {
			out = append(out, b...)
		}
	}
	return out
}

// eval returns f(x) for one value (the tests check the trace with it).
func (a Activation) eval(x float64) float64 {
	var y [1]float64
	a.apply(y[:], []float64{x})
	return y[0]
}
