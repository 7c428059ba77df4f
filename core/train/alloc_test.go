package train

import (
	"testing"

	"unroll/core/nn"
)

// TestFitAllocations checks that training steps do not allocate: Fit makes
// its buffers once and core/nn's Workspace reuses its own, so five epochs (28
// more steps and 4 more validations than one epoch) allocate about as much as
// one. The bound leaves room for the runtime: gonum multiplies larger
// matrices on several goroutines, and a goroutine start occasionally
// allocates; a per-step allocation in Fit would add at least 28.
func TestFitAllocations(t *testing.T) {
	d := sineData(t, 200, 10)
	val := sineData(t, 50, 10)
	for _, cell := range []nn.Cell{nn.SimpleRNN, nn.LSTM, nn.GRU} {
		t.Run(string(cell), func(t *testing.T) {
			m := newModel(t, cell, 8, 1, 1)
			opt := NewAdam(0)
			one := testing.AllocsPerRun(3, func() { Fit(m, d, Config{Epochs: 1, Optimizer: opt, Validation: &val}) })
			five := testing.AllocsPerRun(3, func() { Fit(m, d, Config{Epochs: 5, Optimizer: opt, Validation: &val}) })
			if five-one >= 28 {
				t.Errorf("1 epoch: %v allocations, 5 epochs: %v", one, five)
			}
		})
	}
}
