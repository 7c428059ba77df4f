package nn

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
)

// TestInputGradients checks ∂L/∂x_t, and its norms ‖∂L/∂x_t‖, against
// central finite differences in every input of every sample at every step,
// for every cell (GRU with both reset_after settings), one and two layers,
// return_sequences on and off and both losses.
func TestInputGradients(t *testing.T) {
	type cellKind struct {
		name       string
		cell       Cell
		resetAfter bool
	}
	k := 0
	for _, c := range []cellKind{{"rnn", SimpleRNN, false}, {"lstm", LSTM, false}, {"gru_after", GRU, true}, {"gru_before", GRU, false}} {
		for _, depth := range []int{1, 2} {
			for _, seq := range []bool{false, true} {
				for _, loss := range []Loss{MSE, SoftmaxCrossEntropy} {
					k++
					outputs := 1
					if loss == SoftmaxCrossEntropy {
						outputs = 3
					}
					var layers []LayerConfig
					in := 2
					for l := range depth {
						layers = append(layers, LayerConfig{Cell: c.cell, Units: 3 + l, Inputs: in, ResetAfter: c.resetAfter, ReturnSequences: seq || l < depth-1})
						in = 3 + l
					}
					name := fmt.Sprintf("%s/layers%d/seq=%v/%s", c.name, depth, seq, loss)
					t.Run(name, func(t *testing.T) {
						checkInputGrads(t, layers, DenseConfig{Outputs: outputs}, loss, 2, 5, uint64(300+k))
					})
				}
			}
		}
	}
}

func checkInputGrads(t *testing.T, layers []LayerConfig, head DenseConfig, loss Loss, B, T int, seed uint64) {
	t.Helper()
	m := randomModel(t, layers, head, seed, 0.8)
	batch := randomBatch(m, B, T, loss, seed+1000)
	w := m.NewWorkspace(B, T)
	if _, err := w.Gradient(batch, loss, m.ZeroLike()); err != nil {
		t.Fatal(err)
	}
	got, norms := w.InputGrads(), w.InputGradNorms()
	inputs := m.Inputs()
	var x0 []float64
	for _, seq := range batch.X {
		for _, xt := range seq {
			x0 = append(x0, xt...)
		}
	}
	f := func(x []float64) float64 {
		k := 0
		for _, seq := range batch.X {
			for _, xt := range seq {
				k += copy(xt, x[k:k+inputs])
			}
		}
		l, err := w.Loss(batch, loss)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	numeric := fd.Gradient(nil, f, append([]float64(nil), x0...), &fd.Settings{Formula: fd.Central, Step: fdStep})
	f(x0)
	want := make([]float64, T)
	k := 0
	for b := range B {
		for s := range T {
			for i := range inputs {
				if d := math.Abs(got[b][s][i] - numeric[k]); d > fdTol*math.Max(1, math.Abs(numeric[k])) {
					t.Errorf("sample %d, x_%d[%d]: ∂L/∂x = %.10g, finite differences %.10g", b, s+1, i, got[b][s][i], numeric[k])
				}
				want[s] += numeric[k] * numeric[k]
				k++
			}
		}
	}
	for s := range T {
		if d := math.Abs(norms[s] - math.Sqrt(want[s])); d > fdTol*math.Max(1, norms[s]) {
			t.Errorf("‖∂L/∂x_%d‖ = %.10g, finite differences %.10g", s+1, norms[s], math.Sqrt(want[s]))
		}
	}
	if r, err := m.Gradient(batch, loss); err != nil {
		t.Fatal(err)
	} else {
		for s := range T {
			if r.InputGradNorms[s] != norms[s] {
				t.Errorf("Model.Gradient's ‖∂L/∂x_%d‖ = %v, the workspace's %v", s+1, r.InputGradNorms[s], norms[s])
			}
		}
	}
	t.Logf("‖∂L/∂x_t‖ = %.4g", norms)
}

// TestCellGradNorms checks ‖∂L/∂c_t‖ of LSTM layers against finite
// differences: δ added to c_t before s_t = o ⊙ tanh(c_t) is computed (the
// workspace's test hook) moves the loss by ∂L/∂c_t · δ through both s_t and
// c_{t+1}, so the finite-difference gradient with respect to δ is ∂L/∂c_t.
func TestCellGradNorms(t *testing.T) {
	for _, c := range []gradCase{
		{name: "lstm", layers: []LayerConfig{{Cell: LSTM, Units: 3, Inputs: 2}}, head: DenseConfig{Outputs: 1}, loss: MSE, B: 2, T: 6, scale: 0.8},
		{name: "lstm_seq_ce", layers: []LayerConfig{{Cell: LSTM, Units: 3, Inputs: 1, ReturnSequences: true}}, head: DenseConfig{Outputs: 3}, loss: SoftmaxCrossEntropy, B: 3, T: 5, scale: 0.8},
		{name: "lstm_over_gru", layers: []LayerConfig{{Cell: LSTM, Units: 3, Inputs: 2, ReturnSequences: true}, {Cell: GRU, ResetAfter: true, Units: 2, Inputs: 3}}, head: DenseConfig{Outputs: 1}, loss: MSE, B: 2, T: 4, scale: 0.8},
		{name: "two_lstm", layers: []LayerConfig{{Cell: LSTM, Units: 2, Inputs: 2, ReturnSequences: true}, {Cell: LSTM, Units: 3, Inputs: 2}}, head: DenseConfig{Outputs: 2}, loss: MSE, B: 2, T: 4, scale: 0.8},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := randomModel(t, c.layers, c.head, 9, c.scale)
			batch := randomBatch(m, c.B, c.T, c.loss, 10)
			w := m.NewWorkspace(c.B, c.T)
			if _, err := w.Gradient(batch, c.loss, m.ZeroLike()); err != nil {
				t.Fatal(err)
			}
			norms := w.CellGradNorms()
			for l, lw := range w.layers {
				if lw.layer.Cell != LSTM {
					if norms[l] != nil {
						t.Errorf("layer %d (%s) has cell-state norms", l, lw.layer.Cell)
					}
					continue
				}
				n := lw.layer.Units
				for step := 0; step < c.T; step++ {
					lw.injC = make([]float64, c.T*c.B*n)
					d := block(lw.injC, step, c.B, n)
					f := func(x []float64) float64 {
						copy(d, x)
						loss, err := w.Loss(batch, c.loss)
						if err != nil {
							t.Fatal(err)
						}
						return loss
					}
					grad := fd.Gradient(nil, f, make([]float64, len(d)), &fd.Settings{Formula: fd.Central, Step: fdStep})
					lw.injC = nil
					want := math.Sqrt(sumSquares(grad))
					if diff := math.Abs(norms[l][step] - want); diff > fdTol*math.Max(1, want) {
						t.Errorf("layer %d, c_%d: ‖∂L/∂c‖ = %.10g, finite differences %.10g", l, step+1, norms[l][step], want)
					}
				}
				t.Logf("layer %d: ‖∂L/∂c_t‖ = %.4g", l, norms[l])
			}
		})
	}
}
