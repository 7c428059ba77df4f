package train

import "unroll/core/nn"

// EpochFLOPs estimates the floating-point operations of one training epoch
// of m over n sequences of T steps, counting the matrix products only (about
// 95% of the work): per step and sequence, a recurrent layer's forward pass
// multiplies x_t by U and s_{t−1} by W, 2·g·n·(i + n) operations, and the
// backward pass does twice that (the weight gradients and the gradients of
// x_t and s_{t−1}); the Dense head likewise costs 3 × 2·n·o per output. The
// figure is for GFLOP/s reports; it is what make bench divides by too.
func EpochFLOPs(m *nn.Model, n, T int) float64 {
	var perStep float64
	for _, r := range m.Layers {
		gn := float64(r.Cell.Gates() * r.Units)
		perStep += 3 * 2 * gn * float64(r.Inputs+r.Units)
	}
	head := 3 * 2 * float64(m.Head.Inputs*m.Head.Outputs)
	outputs := 1
	if m.ReturnSequences() {
		outputs = T
	}
	return float64(n) * (float64(T)*perStep + float64(outputs)*head)
}
