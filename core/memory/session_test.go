package memory

import (
	"math"
	"testing"

	"unroll/core/nn"
)

var small = Config{Length: 6, Units: 4, Train: 64, Test: 32, Epochs: 3, BatchSize: 16, LearningRate: 0.01, ClipNorm: 1, Seed: 3, Init: nn.ChronoGates}

// A session run in chunks ends with every cell's weights as Run's: the same
// held-out accuracy and loss.
func TestSessionMatchesRun(t *testing.T) {
	cells := []nn.Cell{nn.SimpleRNN, nn.LSTM, nn.GRU}
	s, err := NewSession(small, cells)
	if err != nil {
		t.Fatal(err)
	}
	for !s.Done() {
		if err := s.Step(5); err != nil {
			t.Fatal(err)
		}
	}
	st := s.State()
	if !st.Done || st.Stopped || len(st.Cells) != 3 {
		t.Fatalf("state %+v", st)
	}
	for i, c := range cells {
		cfg := small
		cfg.Cell = c
		r, err := Run(cfg)
		if err != nil {
			t.Fatal(err)
		}
		cs := st.Cells[i]
		last := cs.Points[len(cs.Points)-1]
		if cs.Updates != r.Updates || cs.Total != r.Updates || last.Updates != r.Updates {
			t.Errorf("%s: %d updates of %d, Run took %d", c, cs.Updates, cs.Total, r.Updates)
		}
		if last.Accuracy != r.Accuracy || math.Abs(last.Loss-r.Loss) > 1e-12 {
			t.Errorf("%s: accuracy %v loss %v, Run %v %v", c, last.Accuracy, last.Loss, r.Accuracy, r.Loss)
		}
		if cs.Points[0].Updates != 0 || len(cs.Points) != 1+(r.Updates+4)/5 {
			t.Errorf("%s: %d points, first after %d updates", c, len(cs.Points), cs.Points[0].Updates)
		}
		for _, p := range []*Probe{&cs.Before, cs.After} {
			if p == nil || len(p.DX) != small.Length || (c == nn.LSTM) != (len(p.DC) == small.Length) || (c == nn.SimpleRNN) != (p.Retention == nil) {
				t.Fatalf("%s: probe %+v", c, p)
			}
		}
		if cs.Before.DX[0] == cs.After.DX[0] {
			t.Errorf("%s: ‖∂L/∂x_1‖ did not change with training", c)
		}
	}
}

// The probe's norms are those of the first held-out sequence's gradient.
func TestSessionProbe(t *testing.T) {
	s, err := NewSession(small, []nn.Cell{nn.LSTM})
	if err != nil {
		t.Fatal(err)
	}
	x, y, _ := Data(small.Seed, small.Length, 1, small.Train)
	m := s.runs[0].m
	w := m.NewWorkspace(1, small.Length)
	if _, err := w.Gradient(nn.Batch{X: x, Y: y}, nn.SoftmaxCrossEntropy, m.ZeroLike()); err != nil {
		t.Fatal(err)
	}
	b := s.State().Cells[0].Before
	for k, v := range w.InputGradNorms() {
		if b.DX[k] != v || b.DC[k] != w.CellGradNorms()[0][k] {
			t.Fatalf("t=%d: dx %v dc %v, want %v %v", k+1, b.DX[k], b.DC[k], v, w.CellGradNorms()[0][k])
		}
	}
}

// Stop ends every run where it is and measures its gradients.
func TestSessionStop(t *testing.T) {
	s, err := NewSession(small, []nn.Cell{nn.SimpleRNN, nn.GRU})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Step(2); err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	st := s.State()
	if !st.Done || !st.Stopped {
		t.Fatalf("done %v stopped %v", st.Done, st.Stopped)
	}
	for _, c := range st.Cells {
		if c.Updates != 2 || c.After == nil {
			t.Errorf("%s: %d updates, after %v", c.Cell, c.Updates, c.After)
		}
	}
	if _, err := NewSession(small, nil); err == nil {
		t.Error("a session without cells was accepted")
	}
}

func TestSpec(t *testing.T) {
	cfg, cells, err := Spec{Length: 30, Cells: []string{"lstm", "rnn"}, Seed: 4, Init: "keras", Epochs: 2}.Config()
	if err != nil || cfg.Length != 30 || cfg.Seed != 4 || cfg.Init != nn.KerasGates || cfg.Epochs != 2 || cfg.Train != Defaults.Train || len(cells) != 2 || cells[0] != nn.LSTM {
		t.Fatalf("%+v %v %v", cfg, cells, err)
	}
	for _, bad := range []Spec{
		{Length: 1, Cells: []string{"rnn"}, Init: "chrono"},
		{Length: 101, Cells: []string{"rnn"}, Init: "chrono"},
		{Length: 5, Cells: []string{"rnn", "rnn"}, Init: "chrono"},
		{Length: 5, Cells: nil, Init: "chrono"},
		{Length: 5, Cells: []string{"rnn"}, Init: "x"},
		{Length: 5, Cells: []string{"rnn"}, Init: "chrono", Test: 3},
	} {
		if _, _, err := bad.Config(); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}
