package train

import (
	"math"
	"testing"

	"unroll/core/nn"
)

// TestOptimizersKeras takes two steps from w = (1, −2) with gradients
// (0.5, −1) then (−0.25, 2) and compares with Keras's update rules worked out
// by hand in float64 (the expected values were computed step by step from the
// formulas in the optimizers' doc comments). The tolerance allows for the
// last bit of rounding only.
func TestOptimizersKeras(t *testing.T) {
	tests := []struct {
		name string
		opt  Optimizer
		want [2][2]float64 // weights after step 1, after step 2
	}{
		// w ← w − lr·g.
		{"sgd", NewSGD(0.1, 0, false), [2][2]float64{{0.95, -1.9}, {0.975, -2.1}}},
		// v ← 0.9v − 0.1g; w ← w + v: v1 = (−0.05, 0.1), v2 = (−0.02, −0.11).
		{"sgd momentum", NewSGD(0.1, 0.9, false), [2][2]float64{{0.95, -1.9}, {0.93, -2.01}}},
		// w ← w + 0.9v − 0.1g: 1 − 0.045 − 0.05 = 0.905, then 0.905 − 0.018 + 0.025 = 0.912.
		{"sgd nesterov", NewSGD(0.1, 0.9, true), [2][2]float64{{0.905, -1.81}, {0.912, -2.109}}},
		// First step: ms = 0.1g², so w moves by lr/√0.1 = 0.0316227… against g's sign.
		{"rmsprop", NewRMSprop(0.01), [2][2]float64{
			{0.9683772433983036, -1.968377233398313},
			{0.9831214303181462, -1.9969486578881095}}},
		// First step moves by ≈ lr against g's sign (lr_t·m/√v = lr·g/|g| up to ε).
		{"adam", NewAdam(0.1), [2][2]float64{
			{0.9000006324515321, -1.900000316226766},
			{0.8733670792079219, -1.936610617150388}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := []nn.Param{{Name: "w", Value: []float64{1, -2}}}
			for s, g := range [][]float64{{0.5, -1}, {-0.25, 2}} {
				tc.opt.Step(w, []nn.Param{{Name: "w", Value: g}})
				for i, v := range w[0].Value {
					if d := math.Abs(v - tc.want[s][i]); d > 1e-15 {
						t.Errorf("step %d w[%d] = %.17g, want %.17g (diff %g)", s+1, i, v, tc.want[s][i], d)
					}
				}
			}
		})
	}
}

func TestOptimizerDefaults(t *testing.T) {
	if o := NewSGD(0, 0, false); o.LearningRate != 0.01 {
		t.Errorf("SGD lr %v", o.LearningRate)
	}
	if o := NewRMSprop(0); o.LearningRate != 0.001 || o.Rho != 0.9 || o.Epsilon != 1e-7 {
		t.Errorf("RMSprop %+v", o)
	}
	if o := NewAdam(0); o.LearningRate != 0.001 || o.Beta1 != 0.9 || o.Beta2 != 0.999 || o.Epsilon != 1e-7 {
		t.Errorf("Adam %+v", o)
	}
	for _, name := range []string{"sgd", "rmsprop", "adam"} {
		o, err := NewOptimizer(name, 0.5)
		if err != nil || o.Name() != name {
			t.Errorf("NewOptimizer(%q) = %v, %v", name, o, err)
		}
	}
	for _, bad := range []struct {
		name string
		lr   float64
	}{{"adagrad", 0}, {"adam", -1}, {"adam", math.NaN()}, {"sgd", math.Inf(1)}} {
		if _, err := NewOptimizer(bad.name, bad.lr); err == nil {
			t.Errorf("NewOptimizer(%q, %v) accepted", bad.name, bad.lr)
		}
	}
}

func TestOptimizerShapeMismatchPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	o := NewAdam(0)
	o.Step([]nn.Param{{Value: []float64{1}}}, []nn.Param{{Value: []float64{1}}})
	o.Step([]nn.Param{{Value: []float64{1, 2}}}, []nn.Param{{Value: []float64{1, 2}}})
}

func TestClipGlobalNorm(t *testing.T) {
	tests := []struct {
		name     string
		clip     float64
		want     [][]float64
		wantNorm float64
	}{
		// ‖(3, 0), (4)‖ = 5: clipping to 1 scales every array by 1/5.
		{"clipped", 1, [][]float64{{0.6, 0}, {0.8}}, 5},
		{"under the bound", 10, [][]float64{{3, 0}, {4}}, 5},
		{"off", 0, [][]float64{{3, 0}, {4}}, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := []nn.Param{{Value: []float64{3, 0}}, {Value: []float64{4}}}
			if norm := ClipGlobalNorm(g, tc.clip); norm != tc.wantNorm {
				t.Errorf("norm %v, want %v", norm, tc.wantNorm)
			}
			for k := range g {
				for i, v := range g[k].Value {
					if math.Abs(v-tc.want[k][i]) > 1e-15 {
						t.Errorf("g[%d][%d] = %v, want %v", k, i, v, tc.want[k][i])
					}
				}
			}
		})
	}
}
