package nn

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
)

// TestCrossEntropySkipsStepsWithoutTarget: a row of zeros in Y is a step
// without a target. The loss is the mean of −log softmax(o)_y over the steps
// that have one, computed here from the model's outputs, and its gradient
// agrees with finite differences (fdTol's reasoning).
func TestCrossEntropySkipsStepsWithoutTarget(t *testing.T) {
	for _, cell := range []Cell{SimpleRNN, LSTM, GRU} {
		t.Run(string(cell), func(t *testing.T) {
			m := randomModel(t, []LayerConfig{{Cell: cell, Units: 3, Inputs: 4, ResetAfter: cell == GRU, ReturnSequences: true}},
				DenseConfig{Outputs: 4}, 31, 0.8)
			b := randomBatch(m, 2, 5, SoftmaxCrossEntropy, 32)
			for _, bt := range [][2]int{{0, 4}, {1, 0}, {1, 4}} { // no target after the last step, nor at the start of the second
				clear(b.Y[bt[0]][bt[1]])
			}
			out, err := m.Predict(b.X)
			if err != nil {
				t.Fatal(err)
			}
			want, n := 0.0, 0
			for s := range out {
				for st, o := range out[s] {
					y := b.Y[s][st]
					for k, v := range y {
						if v == 1 {
							top := math.Inf(-1)
							for _, x := range o {
								top = math.Max(top, x)
							}
							sum := 0.0
							for _, x := range o {
								sum += math.Exp(x - top)
							}
							want += top + math.Log(sum) - o[k]
							n++
						}
					}
				}
			}
			want /= float64(n)
			g, err := m.Gradient(b, SoftmaxCrossEntropy)
			if err != nil {
				t.Fatal(err)
			}
			if n != 7 || math.Abs(g.Loss-want) > 1e-12 {
				t.Fatalf("loss %.15g over %d targets, want %.15g", g.Loss, n, want)
			}
			analytic, _ := flatParams(g.Grads)
			w := m.NewWorkspace(2, 5)
			x0, set := flatParams(m)
			numeric := fd.Gradient(nil, func(x []float64) float64 {
				set(x)
				l, err := w.Loss(b, SoftmaxCrossEntropy)
				if err != nil {
					t.Fatal(err)
				}
				return l
			}, x0, &fd.Settings{Formula: fd.Central, Step: fdStep})
			set(x0)
			worst := 0.0
			for k := range analytic {
				worst = math.Max(worst, math.Abs(analytic[k]-numeric[k])/math.Max(1, math.Abs(analytic[k])))
			}
			t.Logf("loss %.6g, largest gradient difference %.3g", g.Loss, worst)
			if !(worst <= fdTol) {
				t.Errorf("gradient differs from finite differences by %g", worst)
			}
		})
	}
}
