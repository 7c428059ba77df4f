package nn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestInlineExp compares the in-line sigmoid and tanh with the math package
// over the range the cells see and beyond. The bound, 1e-15 relative (about
// 4.5 ulp), allows the table entry's and the polynomial's rounding (2 ulp),
// the reference's own (1 ulp) and the amplification by 1 − 2/(s + 1) in tanh
// just above 0.625 (below, both use the same rational function).
func TestInlineExp(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	xs := []float64{0, -0.0, 1e-300, -1e-300, 1e-8, 0.625, -0.625, 0.6249999, 1, -1, 20, -20, 36, -36, 300, -300, 699, -699, 700, -700, 745, -745, 1e10, -1e10, math.Inf(1), math.Inf(-1)}
	for range 200000 {
		xs = append(xs, (rng.Float64()*2-1)*math.Pow(10, rng.Float64()*4-2))
	}
	got := make([]float64, len(xs))
	for _, f := range []struct {
		name string
		fast func(dst, src []float64)
		ref  func(float64) float64
	}{
		{"sigmoid", sigmoidSlice, func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }},
		{"tanh", tanhSlice, math.Tanh},
	} {
		t.Run(f.name, func(t *testing.T) {
			f.fast(got, xs)
			worst, at := 0.0, 0.0
			for k, x := range xs {
				want := f.ref(x)
				d := math.Abs(got[k] - want)
				if want != 0 {
					d /= math.Abs(want)
				}
				if math.Abs(x) > 700 && math.Abs(got[k]-want) < 1e-300 {
					d = 0 // saturated: e^±700 stands in for e^x
				}
				if d > worst || math.IsNaN(d) {
					worst, at = d, x
				}
			}
			t.Logf("largest relative difference %.4g at x = %g", worst, at)
			if !(worst <= 1e-15) {
				t.Errorf("largest relative difference %.3g at x = %g", worst, at)
			}
		})
	}
	if y := Sigmoid.eval(math.NaN()); !math.IsNaN(y) {
		t.Errorf("sigmoid(NaN) = %g", y)
	}
}
