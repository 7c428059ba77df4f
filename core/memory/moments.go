package memory

import (
	"math"

	"unroll/core/msg"
	"unroll/core/nn"
	"unroll/core/series"
)

// Moment is one number of a trace worth pointing at: Symbol (the page's DOM
// contract: i, f, z for gates, h for s_t, c for c_t) of Unit (0-based) at
// step T (1-based).
type Moment struct {
	Symbol string  `json:"symbol"`
	T      int     `json:"t"`
	Unit   int     `json:"unit"`
	Value  float64 `json:"value"`
}

// Moments are what the trace of one task sequence shows of a model's
// memory, found from the trace's numbers:
//
//   - Open: the step t = 1, where x_1 (the answer, with the marker) arrives:
//     LSTM, the input gate i_1 of the unit that opens it most; GRU, the
//     update gate z_1 of the unit that closes it most (1 − z lets the
//     candidate in). None for a SimpleRNN.
//   - Keep: over the gap t = 2 … L, of the unit whose memory gate stays
//     highest (LSTM f, GRU z: each multiplies what the unit keeps), its
//     lowest value and where. None for a SimpleRNN.
//   - From, To: the memory of Keep's unit (LSTM c, GRU s), or for a
//     SimpleRNN of the unit with the largest |s_1|, at t = 1 and t = L.
//   - Cosine: cos(v_1, v_L) for the memory vector v (LSTM c_t, else s_t):
//     whether v_L still points the way x_1 set it (near 1) or has turned
//     away from it (near 0 or below) while the distractors came in.
//   - Answer, the symbol x_1 holds, and Named, the one the model names
//     after x_L (the largest o_T).
type Moments struct {
	Cell   nn.Cell `json:"cell"`
	Length int     `json:"length"`
	Open   *Moment `json:"open,omitempty"`
	Keep   *Moment `json:"keep,omitempty"`
	From   Moment  `json:"from"`
	To     Moment  `json:"to"`
	Cosine float64 `json:"cosine"`
	Answer int     `json:"answer"`
	Named  int     `json:"named"`
}

// FindMoments reads the Moments of a one-layer model's trace of x, a task
// sequence [L][K+1] (L ≥ 2).
func FindMoments(tr *nn.Trace, x [][]float64) (*Moments, error) {
	if len(tr.Layers) == 0 || len(tr.Layers[0].Steps) < 2 || len(tr.Output) == 0 {
		return nil, msg.Errorf("memory: a trace of at least 2 steps is needed")
	}
	steps := tr.Layers[0].Steps
	L := len(steps)
	mo := &Moments{Cell: tr.Layers[0].Config.Cell, Length: L, Answer: series.Argmax(x[0][:Symbols]), Named: series.Argmax(tr.Output[len(tr.Output)-1])}
	memSym, mem := "h", func(s nn.Step) []float64 { return s.H }
	keepUnit := -1
	switch mo.Cell {
	case nn.LSTM:
		memSym, mem = "c", func(s nn.Step) []float64 { return s.C }
		mo.Open = extreme(steps[0], "i", true)
		mo.Keep, keepUnit = keeper(steps, "f")
	case nn.GRU:
		mo.Open = extreme(steps[0], "z", false)
		mo.Keep, keepUnit = keeper(steps, "z")
	default:
		keepUnit = argmaxAbs(steps[0].H)
	}
	first, last := mem(steps[0]), mem(steps[L-1])
	mo.From = Moment{Symbol: memSym, T: 1, Unit: keepUnit, Value: first[keepUnit]}
	mo.To = Moment{Symbol: memSym, T: L, Unit: keepUnit, Value: last[keepUnit]}
	var dot, n1, nL float64
	for j := range first {
		dot += first[j] * last[j]
		n1 += first[j] * first[j]
		nL += last[j] * last[j]
	}
	mo.Cosine = dot / math.Sqrt(n1*nL)
	return mo, nil
}

// extreme is the gate's largest (or smallest) activation at one step.
func extreme(s nn.Step, gate string, largest bool) *Moment {
	a := s.Gate(gate).Act
	best := 0
	for j, v := range a {
		if (largest && v > a[best]) || (!largest && v < a[best]) {
			best = j
		}
	}
	return &Moment{Symbol: gate, T: s.T, Unit: best, Value: a[best]}
}

// keeper finds, over t = 2 … L, the unit whose gate's lowest value is the
// highest, and returns that lowest value where it falls, and the unit.
func keeper(steps []nn.Step, gate string) (*Moment, int) {
	var best *Moment
	for j := range steps[0].Gate(gate).Act {
		low := Moment{Symbol: gate, Unit: j, Value: math.Inf(1)}
		for _, s := range steps[1:] {
			if v := s.Gate(gate).Act[j]; v < low.Value {
				low.Value, low.T = v, s.T
			}
		}
		if best == nil || low.Value > best.Value {
			best = &low
		}
	}
	return best, best.Unit
}

func argmaxAbs(v []float64) int {
	best := 0
	for j := range v {
		if math.Abs(v[j]) > math.Abs(v[best]) {
			best = j
		}
	}
	return best
}
