package memory

import (
	"math"
	"slices"
	"testing"

	"unroll/core/nn"
)

// StepThrough hands out a copy of a trained cell with the probe sequence,
// and its Moments are the trace's own numbers: the extreme gate at t = 1,
// the unit whose memory gate stays highest over the gap with its lowest
// value, the memory at t = 1 and t = L, their cosine and the answer.
func TestStepThroughMoments(t *testing.T) {
	s, err := NewSession(small, []nn.Cell{nn.SimpleRNN, nn.LSTM, nn.GRU})
	if err != nil {
		t.Fatal(err)
	}
	for !s.Done() {
		if err := s.Step(50); err != nil {
			t.Fatal(err)
		}
	}
	x, _, answers := Data(small.Seed, small.Length, 1, small.Train)
	for _, name := range []string{"rnn", "lstm", "gru"} {
		st, err := s.StepThrough(name)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(st.X, x[0], slices.Equal) {
			t.Fatalf("%s: the sequence is not the first held-out one", name)
		}
		tr, err := st.Model.Trace(st.X)
		if err != nil {
			t.Fatal(err)
		}
		steps := tr.Layers[0].Steps
		L := len(steps)
		mo := st.Moments
		if mo.Length != L || mo.Answer != answers[0] || mo.Cell != tr.Layers[0].Config.Cell {
			t.Errorf("%s: moments %+v, answer %d", name, mo, answers[0])
		}
		mem := func(k int) []float64 { return steps[k].H }
		gate := ""
		switch name {
		case "lstm":
			mem, gate = func(k int) []float64 { return steps[k].C }, "f"
			checkExtreme(t, name, mo.Open, steps[0].Gate("i").Act, true)
		case "gru":
			gate = "z"
			checkExtreme(t, name, mo.Open, steps[0].Gate("z").Act, false)
		default:
			if mo.Open != nil || mo.Keep != nil {
				t.Errorf("rnn: gate moments %+v %+v", mo.Open, mo.Keep)
			}
			checkExtreme(t, name, &Moment{Unit: mo.From.Unit, Value: math.Abs(mo.From.Value)}, abs(steps[0].H), true)
		}
		if gate != "" {
			// Keep: the lowest value of its unit over t = 2..L, where it falls,
			// and no unit's lowest value is higher.
			low := func(j int) (float64, int) {
				v, at := math.Inf(1), 0
				for _, st := range steps[1:] {
					if a := st.Gate(gate).Act[j]; a < v {
						v, at = a, st.T
					}
				}
				return v, at
			}
			v, at := low(mo.Keep.Unit)
			if mo.Keep.Value != v || mo.Keep.T != at || mo.Keep.Symbol != gate {
				t.Errorf("%s: keep %+v, the trace says %v at t = %d", name, mo.Keep, v, at)
			}
			for j := range steps[0].H {
				if w, _ := low(j); w > v {
					t.Errorf("%s: unit %d keeps more (%v) than unit %d (%v)", name, j, w, mo.Keep.Unit, v)
				}
			}
			if mo.From.Unit != mo.Keep.Unit {
				t.Errorf("%s: the memory shown is unit %d's, the keeper is %d", name, mo.From.Unit, mo.Keep.Unit)
			}
		}
		j := mo.From.Unit
		if mo.From.Value != mem(0)[j] || mo.To.Value != mem(L - 1)[j] || mo.From.T != 1 || mo.To.T != L || mo.To.Unit != j {
			t.Errorf("%s: from %+v to %+v", name, mo.From, mo.To)
		}
		var dot, n1, nL float64
		for k := range mem(0) {
			dot += mem(0)[k] * mem(L - 1)[k]
			n1 += mem(0)[k] * mem(0)[k]
			nL += mem(L - 1)[k] * mem(L - 1)[k]
		}
		if want := dot / math.Sqrt(n1*nL); math.Abs(mo.Cosine-want) > 1e-12 || mo.Cosine < -1 || mo.Cosine > 1 {
			t.Errorf("%s: cosine %v, want %v", name, mo.Cosine, want)
		}
	}
	if _, err := s.StepThrough("cnn"); err == nil {
		t.Error("a cell not in the session: no error")
	}
	var none *Session
	if _, err := none.StepThrough("lstm"); err == nil {
		t.Error("no session: no error")
	}
}

func checkExtreme(t *testing.T, name string, m *Moment, a []float64, largest bool) {
	t.Helper()
	if m == nil || a[m.Unit] != m.Value {
		t.Fatalf("%s: moment %+v, activations %v", name, m, a)
	}
	for j, v := range a {
		if (largest && v > m.Value) || (!largest && v < m.Value) {
			t.Errorf("%s: unit %d has %v, beyond the moment's %v", name, j, v, m.Value)
		}
	}
}

func abs(v []float64) []float64 {
	out := make([]float64, len(v))
	for k, x := range v {
		out[k] = math.Abs(x)
	}
	return out
}
