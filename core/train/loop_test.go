package train

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"unroll/core/nn"
)

// sameParams reports the first weight where a and b differ in any bit.
func sameParams(t *testing.T, a, b []nn.Param) {
	t.Helper()
	for k := range a {
		for i, v := range a[k].Value {
			if w := b[k].Value[i]; math.Float64bits(v) != math.Float64bits(w) {
				t.Fatalf("%s[%d] = %v, want %v", a[k].Name, i, v, w)
			}
		}
	}
}

// sameEpochs reports the first epoch whose losses differ in any bit.
func sameEpochs(t *testing.T, got, want []EpochInfo) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d epochs, want %d", len(got), len(want))
	}
	for k, w := range want {
		g := got[k]
		if g.Epoch != w.Epoch || g.Epochs != w.Epochs || g.HasVal != w.HasVal ||
			math.Float64bits(g.Loss) != math.Float64bits(w.Loss) ||
			math.Float64bits(g.ValLoss) != math.Float64bits(w.ValLoss) {
			t.Fatalf("epoch %d: %+v, want %+v", k+1, g, w)
		}
	}
}

// TestLoopChunks steps a Loop in chunks of 1, 3 and 7 batches (none of which
// divides the 5 batches of an epoch, so chunks straddle epochs) and expects
// the weights, the epoch losses and the step count of one Fit call, bit for
// bit, for every cell and with clipping, shuffling on and off.
func TestLoopChunks(t *testing.T) {
	d := sineData(t, 70, 5)
	val := sineData(t, 20, 5)
	for _, cell := range []nn.Cell{nn.SimpleRNN, nn.LSTM, nn.GRU} {
		for _, noShuffle := range []bool{false, true} {
			cfg := func() Config {
				return Config{
					Epochs: 4, BatchSize: 16, Seed: 7, NoShuffle: noShuffle, ClipNorm: 0.5,
					Optimizer: NewAdam(0.01), Validation: &val,
				}
			}
			fit := newModel(t, cell, 4, 1, 3)
			want, err := Fit(fit, d, cfg())
			if err != nil {
				t.Fatal(err)
			}
			if want.Steps != 4*5 {
				t.Fatalf("Fit took %d steps, want 20", want.Steps)
			}
			for _, chunk := range []int{1, 3, 7} {
				t.Run(fmt.Sprintf("%s/noshuffle=%v/%d", cell, noShuffle, chunk), func(t *testing.T) {
					m := newModel(t, cell, 4, 1, 3)
					l, err := NewLoop(m, d, cfg())
					if err != nil {
						t.Fatal(err)
					}
					if l.Batches() != 5 || l.TotalSteps() != 20 {
						t.Fatalf("%d batches per epoch, %d steps in all; want 5 and 20", l.Batches(), l.TotalSteps())
					}
					var ends []EpochInfo
					calls := 0
					for !l.Done() {
						if calls++; calls > 100 {
							t.Fatal("the loop does not end")
						}
						before := l.History().Steps
						e, err := l.Step(chunk)
						if err != nil {
							t.Fatal(err)
						}
						if took := l.History().Steps - before; took != min(chunk, 20-before) {
							t.Fatalf("Step(%d) after %d steps took %d", chunk, before, took)
						}
						ends = append(ends, e...)
					}
					h := l.History()
					sameParams(t, m.Params(), fit.Params())
					sameEpochs(t, h.Epochs, want.Epochs)
					sameEpochs(t, ends, want.Epochs)
					if h.Steps != want.Steps || h.Stopped {
						t.Errorf("history %+v", h)
					}
					if p := l.Progress(); p.Epoch != 4 || p.Batch != 5 || p.Step != 20 || p.EpochLoss != want.Epochs[3].Loss {
						t.Errorf("progress at the end %+v", p)
					}
					// A finished loop takes no more steps.
					if e, err := l.Step(5); len(e) != 0 || err != nil || l.History().Steps != 20 {
						t.Errorf("Step after the end: %v, %v, %d steps", e, err, l.History().Steps)
					}
					sameParams(t, m.Params(), fit.Params())
				})
			}
		}
	}
}

// TestLoopStopMidEpoch runs 7 batches of 5-batch epochs and stops: the loop
// is in its second epoch, has finished one, and stopping there leaves the
// weights where Fit leaves them when a callback stops it after step 7.
func TestLoopStopMidEpoch(t *testing.T) {
	d := sineData(t, 70, 5)
	cfg := Config{Epochs: 3, BatchSize: 16, Seed: 2, Optimizer: NewRMSprop(0.01)}
	m := newModel(t, nn.LSTM, 3, 1, 4)
	l, err := NewLoop(m, d, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if p := l.Progress(); l.Done() || p.Epoch != 0 || p.Batch != 0 || p.Step != 0 || p.Epochs != 3 || p.Batches != 5 || p.Total != 70 {
		t.Fatalf("before the first batch: done %v, progress %+v", l.Done(), p)
	}
	ends, err := l.Step(7)
	if err != nil {
		t.Fatal(err)
	}
	p := l.Progress()
	if len(ends) != 1 || ends[0].Epoch != 1 || p.Epoch != 2 || p.Batch != 2 || p.Step != 7 || p.Samples != 32 || l.Done() {
		t.Fatalf("after 7 batches: epochs ended %+v, progress %+v, done %v", ends, p, l.Done())
	}
	l.Stop()
	h := l.History()
	if !l.Done() || !h.Stopped || h.Steps != 7 || len(h.Epochs) != 1 {
		t.Fatalf("after Stop: done %v, history %+v", l.Done(), h)
	}
	before := m.Clone().Params()
	if e, err := l.Step(3); len(e) != 0 || err != nil || l.History().Steps != 7 {
		t.Errorf("Step after Stop: %v, %v, %d steps", e, err, l.History().Steps)
	}
	sameParams(t, m.Params(), before)

	cfg.Optimizer = NewRMSprop(0.01)
	cfg.OnBatch = func(b BatchInfo) bool { return b.Step < 7 }
	fit := newModel(t, nn.LSTM, 3, 1, 4)
	want, err := Fit(fit, d, cfg)
	if err != nil {
		t.Fatal(err)
	}
	sameParams(t, m.Params(), fit.Params())
	sameEpochs(t, h.Epochs, want.Epochs)
	if !want.Stopped || want.Steps != 7 {
		t.Errorf("Fit stopped by its callback: %+v", want)
	}
}

// TestLoopStopAtTheEnd: Stop after the last epoch changes nothing.
func TestLoopStopAtTheEnd(t *testing.T) {
	l, err := NewLoop(newModel(t, nn.GRU, 2, 1, 1), sineData(t, 20, 3), Config{Epochs: 2, BatchSize: 8})
	if err != nil {
		t.Fatal(err)
	}
	if ends, err := l.Step(100); err != nil || len(ends) != 2 {
		t.Fatalf("epochs %v, error %v", ends, err)
	}
	l.Stop()
	if h := l.History(); !l.Done() || h.Stopped || h.Steps != 6 {
		t.Errorf("done %v, history %+v", l.Done(), h)
	}
}

// TestLoopDiverges: a loss that becomes infinite ends the loop with a
// *DivergedError naming where, and every later Step returns it again.
func TestLoopDiverges(t *testing.T) {
	l, err := NewLoop(newModel(t, nn.SimpleRNN, 4, 1, 1), sineData(t, 10, 3), Config{Epochs: 50, Optimizer: NewSGD(1e150, 0, false)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = l.Step(1000)
	var div *DivergedError
	if !errors.As(err, &div) {
		t.Fatalf("error %v, want a *DivergedError", err)
	}
	t.Log(err)
	h := l.History()
	if !l.Done() || div.Epoch < 1 || div.Batch != 1 || !(math.IsNaN(div.Loss) || math.IsInf(div.Loss, 0)) || h.Steps != div.Epoch-1 {
		t.Errorf("done %v, %+v, history %+v", l.Done(), div, h)
	}
	if _, again := l.Step(1); again != err || l.History().Steps != h.Steps {
		t.Errorf("Step after the error: %v, %d steps", again, l.History().Steps)
	}
}

// TestLoopCallbacks: the Loop calls OnBatch and OnEpoch as Fit does, and a
// callback returning false ends it.
func TestLoopCallbacks(t *testing.T) {
	var batches, epochs int
	l, err := NewLoop(newModel(t, nn.LSTM, 2, 1, 1), sineData(t, 100, 3), Config{
		Epochs: 5, BatchSize: 10,
		OnBatch: func(BatchInfo) bool { batches++; return true },
		OnEpoch: func(e EpochInfo) bool { epochs++; return e.Epoch < 2 },
	})
	if err != nil {
		t.Fatal(err)
	}
	for k := 0; k < 100 && !l.Done(); k++ {
		if _, err := l.Step(3); err != nil {
			t.Fatal(err)
		}
	}
	if h := l.History(); !h.Stopped || h.Steps != 20 || batches != 20 || epochs != 2 || len(h.Epochs) != 2 {
		t.Errorf("history %+v; %d batch and %d epoch callbacks", h, batches, epochs)
	}
}
