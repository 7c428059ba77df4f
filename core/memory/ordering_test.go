package memory

import (
	"testing"

	"unroll/core/nn"
)

// TestGatedCellsRememberLonger is the lecture's claim as this engine shows
// it, with the experiment's defaults (chrono gate biases) and seed 1: at a
// short gap every cell names x_1, at a long one the gated cells still do
// while the SimpleRNN is near chance. About 10 s of CPU.
func TestGatedCellsRememberLonger(t *testing.T) {
	if testing.Short() {
		t.Skip("trains nine models")
	}
	acc := func(cell nn.Cell, L int) float64 {
		cfg := Defaults
		cfg.Cell, cfg.Length, cfg.Seed = cell, L, 1
		r, err := Run(cfg)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s L=%d: accuracy %.3f, grad_ratio %.3g, state ratio %.3g, retention %.3g", cell, L, r.Accuracy, r.GradRatio, r.StateRatio, r.Retention)
		return r.Accuracy
	}
	const short, long = 5, 50
	for _, c := range []nn.Cell{nn.SimpleRNN, nn.LSTM, nn.GRU} {
		if a := acc(c, short); a < 0.9 {
			t.Errorf("%s at L=%d: accuracy %.3f, want every cell at 0.9 or more", c, short, a)
		}
	}
	rnn := acc(nn.SimpleRNN, long)
	for _, c := range []nn.Cell{nn.LSTM, nn.GRU} {
		if a := acc(c, long); a < 0.9 || a < rnn+0.4 {
			t.Errorf("%s at L=%d: accuracy %.3f, SimpleRNN %.3f; want the gated cell at 0.9 or more and 0.4 above", c, long, a, rnn)
		}
	}
	if rnn > 0.5 {
		t.Errorf("SimpleRNN at L=%d: accuracy %.3f, want it near chance (%.2f)", long, rnn, Chance)
	}
}
