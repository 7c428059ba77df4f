package nn

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
)

// fdStep and fdTol: the central difference with step h has truncation error
// about h²/6 × |third derivative| ≈ 2e-11 and rounding error about
// ε·|L|/h ≈ 2e-11 here, so a correct gradient agrees to ~1e-9 (seen: at most
// 3e-10); 1e-7 (absolute, or relative above 1) leaves a margin for larger
// third derivatives, while a wrong or missing term shows up as 1e-4 or more
// (a 1e-4 relative error in one GRU term fails 37 cases).
const (
	fdStep = 1e-5
	fdTol  = 1e-7
)

type gradCase struct {
	name   string
	layers []LayerConfig
	head   DenseConfig
	loss   Loss
	B, T   int
	scale  float64 // weights in U(−scale, scale)
}

// gradCases crosses every cell with lengths, sizes, return_sequences, one or
// two layers and both losses, then adds activation variants.
func gradCases() []gradCase {
	type cellKind struct {
		name       string
		cell       Cell
		resetAfter bool
	}
	cells := []cellKind{{"rnn", SimpleRNN, false}, {"lstm", LSTM, false}, {"gru_after", GRU, true}, {"gru_before", GRU, false}}
	var cs []gradCase
	for _, c := range cells {
		for _, T := range []int{1, 3, 7} {
			for _, seq := range []bool{false, true} {
				for _, depth := range []int{1, 2} {
					for _, loss := range []Loss{MSE, SoftmaxCrossEntropy} {
						units, inputs, outputs := 2+T%2, 1+depth%2, 1
						if loss == SoftmaxCrossEntropy {
							outputs = 3
						}
						var layers []LayerConfig
						in := inputs
						for l := range depth {
							u := units + l
							layers = append(layers, LayerConfig{Cell: c.cell, Units: u, Inputs: in, ResetAfter: c.resetAfter,
								ReturnSequences: seq || l < depth-1})
							in = u
						}
						cs = append(cs, gradCase{
							name:   fmt.Sprintf("%s/T%d/u%d/i%d/seq=%v/layers%d/%s", c.name, T, units, inputs, seq, depth, loss),
							layers: layers, head: DenseConfig{Outputs: outputs}, loss: loss, B: 2, T: T, scale: 0.6,
						})
					}
				}
			}
		}
	}
	// Activation variants. hard_sigmoid with weights large enough that some
	// gate pre-activations fall outside (−2.5, 2.5), where its derivative is 0.
	variants := []struct {
		name string
		c    LayerConfig
		head Activation
	}{
		{"rnn_relu", LayerConfig{Cell: SimpleRNN, Activation: ReLU}, ""},
		{"rnn_linear_sigmoid_head", LayerConfig{Cell: SimpleRNN, Activation: Linear}, Sigmoid},
		{"rnn_sigmoid_tanh_head", LayerConfig{Cell: SimpleRNN, Activation: Sigmoid}, Tanh},
		{"lstm_hard_sigmoid", LayerConfig{Cell: LSTM, RecurrentActivation: HardSigmoid}, ""},
		{"gru_after_hard_sigmoid", LayerConfig{Cell: GRU, ResetAfter: true, RecurrentActivation: HardSigmoid}, ""},
		{"gru_before_hard_sigmoid", LayerConfig{Cell: GRU, RecurrentActivation: HardSigmoid}, ""},
		{"lstm_sigmoid_act", LayerConfig{Cell: LSTM, Activation: Sigmoid}, ""},
	}
	for _, v := range variants {
		for _, seq := range []bool{false, true} {
			lc := v.c
			lc.Units, lc.Inputs, lc.ReturnSequences = 4, 2, seq
			cs = append(cs, gradCase{
				name:   fmt.Sprintf("%s/seq=%v", v.name, seq),
				layers: []LayerConfig{lc}, head: DenseConfig{Outputs: 2, Activation: v.head},
				loss: MSE, B: 3, T: 4, scale: 2,
			})
		}
	}
	return cs
}

func TestGradientFiniteDifference(t *testing.T) {
	for k, c := range gradCases() {
		t.Run(c.name, func(t *testing.T) {
			m := randomModel(t, c.layers, c.head, uint64(100+k), c.scale)
			batch := randomBatch(m, c.B, c.T, c.loss, uint64(200+k))
			w := m.NewWorkspace(c.B, c.T)
			g := m.ZeroLike()
			loss, err := w.Gradient(batch, c.loss, g)
			if err != nil {
				t.Fatal(err)
			}
			checkKinks(t, w)
			analytic, _ := flatParams(g)
			x0, set := flatParams(m)
			f := func(x []float64) float64 {
				set(x)
				l, err := w.Loss(batch, c.loss)
				if err != nil {
					t.Fatal(err)
				}
				return l
			}
			numeric := fd.Gradient(nil, f, x0, &fd.Settings{Formula: fd.Central, Step: fdStep})
			set(x0)
			worst, at := 0.0, -1
			for k := range analytic {
				d := math.Abs(analytic[k]-numeric[k]) / math.Max(1, math.Abs(analytic[k]))
				if d > worst || math.IsNaN(d) {
					worst, at = d, k
				}
			}
			t.Logf("loss %.6g, %d weights, largest difference %.3g", loss, len(analytic), worst)
			if !(worst <= fdTol) {
				t.Errorf("weight %d (%s): analytic %.12g, finite difference %.12g", at, paramName(m, at), analytic[at], numeric[at])
			}
		})
	}
}

// checkKinks fails the test if a pre-activation lies within 1e-4 of a kink of
// its activation (hard_sigmoid at ±2.5, relu at 0), where the central
// difference straddles two slopes. It reports how many hard_sigmoid
// pre-activations are saturated, so that the zero-slope branch is exercised.
func checkKinks(t *testing.T, w *Workspace) {
	t.Helper()
	const margin = 1e-4
	for l, lw := range w.layers {
		r := lw.layer
		n, gn := r.Units, r.Cell.Gates()*r.Units
		saturated := 0
		for row := 0; row < lw.T*lw.B; row++ {
			z := lw.pre[row*gn : (row+1)*gn]
			for gi := range r.Cell.Gates() {
				act := r.act()
				if (r.Cell == LSTM && gi != 2) || (r.Cell == GRU && gi < 2) {
					act = r.recAct()
				}
				for _, v := range z[gi*n : (gi+1)*n] {
					switch act {
					case HardSigmoid:
						if math.Abs(math.Abs(v)-2.5) < margin {
							t.Fatalf("layer %d: hard_sigmoid pre-activation %g is at a kink; change the seed", l, v)
						}
						if math.Abs(v) > 2.5 {
							saturated++
						}
					case ReLU:
						if math.Abs(v) < margin {
							t.Fatalf("layer %d: relu pre-activation %g is at the kink; change the seed", l, v)
						}
					}
				}
			}
		}
		if r.recAct() == HardSigmoid {
			t.Logf("layer %d: %d saturated hard_sigmoid pre-activations", l, saturated)
			if saturated == 0 {
				t.Errorf("layer %d: no saturated hard_sigmoid pre-activation; the zero-slope branch is untested", l)
			}
		}
	}
}

// paramName names the k-th entry of the flattened weights.
func paramName(m *Model, k int) string {
	for _, p := range m.Params() {
		if k < len(p.Value) {
			return fmt.Sprintf("%s[%d]", p.Name, k)
		}
		k -= len(p.Value)
	}
	return "?"
}

// TestStateGradNorms checks ‖∂L/∂s_t‖ against finite differences: a
// perturbation δ added to s_t after step t (the workspace's test hook) moves
// the loss by ∂L/∂s_t · δ, so the finite-difference gradient with respect to
// δ is ∂L/∂s_t itself, for every sample, unit, step and layer.
func TestStateGradNorms(t *testing.T) {
	for _, c := range []gradCase{
		{name: "lstm_two_layers", layers: []LayerConfig{{Cell: LSTM, Units: 3, Inputs: 2, ReturnSequences: true}, {Cell: LSTM, Units: 2, Inputs: 3}}, head: DenseConfig{Outputs: 1}, loss: MSE, B: 2, T: 5, scale: 0.8},
		{name: "rnn_seq_ce", layers: []LayerConfig{{Cell: SimpleRNN, Units: 3, Inputs: 1, ReturnSequences: true}}, head: DenseConfig{Outputs: 3}, loss: SoftmaxCrossEntropy, B: 3, T: 6, scale: 0.8},
		{name: "gru_after", layers: []LayerConfig{{Cell: GRU, ResetAfter: true, Units: 3, Inputs: 2}}, head: DenseConfig{Outputs: 1}, loss: MSE, B: 2, T: 4, scale: 0.8},
		{name: "gru_before_seq", layers: []LayerConfig{{Cell: GRU, Units: 2, Inputs: 2, ReturnSequences: true}}, head: DenseConfig{Outputs: 2}, loss: MSE, B: 2, T: 4, scale: 0.8},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := randomModel(t, c.layers, c.head, 5, c.scale)
			batch := randomBatch(m, c.B, c.T, c.loss, 6)
			w := m.NewWorkspace(c.B, c.T)
			if _, err := w.Gradient(batch, c.loss, m.ZeroLike()); err != nil {
				t.Fatal(err)
			}
			norms := w.StateGradNorms()
			for l, lw := range w.layers {
				n := lw.layer.Units
				for step := 0; step < c.T; step++ {
					lw.inject = make([]float64, c.T*c.B*n)
					d := block(lw.inject, step, c.B, n)
					f := func(x []float64) float64 {
						copy(d, x)
						loss, err := w.Loss(batch, c.loss)
						if err != nil {
							t.Fatal(err)
						}
						return loss
					}
					grad := fd.Gradient(nil, f, make([]float64, len(d)), &fd.Settings{Formula: fd.Central, Step: fdStep})
					lw.inject = nil
					want := math.Sqrt(sumSquares(grad))
					if diff := math.Abs(norms[l][step] - want); diff > fdTol*math.Max(1, want) {
						t.Errorf("layer %d, s_%d: ‖∂L/∂s‖ = %.10g, finite differences %.10g", l, step+1, norms[l][step], want)
					}
				}
			}
			t.Logf("‖∂L/∂s_t‖ = %.4g", norms)
		})
	}
}
