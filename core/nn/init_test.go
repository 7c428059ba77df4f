package nn

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestParamCount(t *testing.T) {
	for _, c := range []struct {
		name string
		cfg  LayerConfig
		want int
	}{
		// Numbers Keras's model.summary() prints for these layers.
		{"lstm50_i1", LayerConfig{Cell: LSTM, Units: 50, Inputs: 1}, 10400},
		{"simplernn50_i1", LayerConfig{Cell: SimpleRNN, Units: 50, Inputs: 1}, 2600},
		{"gru50_i1_reset_after", LayerConfig{Cell: GRU, Units: 50, Inputs: 1, ResetAfter: true}, 7950},
		{"gru50_i1", LayerConfig{Cell: GRU, Units: 50, Inputs: 1}, 7800},
		{"lstm4_i3", LayerConfig{Cell: LSTM, Units: 4, Inputs: 3}, 128},
		{"gru4_i1_reset_after", LayerConfig{Cell: GRU, Units: 4, Inputs: 1, ResetAfter: true}, 84},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.cfg.ParamCount(); got != c.want {
				t.Errorf("ParamCount = %d, want %d", got, c.want)
			}
		})
	}
	// The lecture's formula g × (n × (n + i) + n), against the weights
	// actually allocated, for a range of sizes.
	for _, cell := range []Cell{SimpleRNN, LSTM, GRU} {
		for _, resetAfter := range []bool{false, true} {
			if resetAfter && cell != GRU {
				continue
			}
			for _, n := range []int{1, 2, 7, 50} {
				for _, i := range []int{1, 3, 10} {
					cfg := LayerConfig{Cell: cell, Units: n, Inputs: i, ResetAfter: resetAfter}
					m, err := NewModel([]LayerConfig{cfg}, DenseConfig{Outputs: 2})
					if err != nil {
						t.Fatal(err)
					}
					g := cell.Gates()
					want := g * (n*(n+i) + n)
					if resetAfter {
						want += g * n
					}
					total := 0
					for _, p := range m.Params() {
						total += len(p.Value)
					}
					if cfg.ParamCount() != want || m.ParamCount() != want+n*2+2 || total != m.ParamCount() {
						t.Errorf("%+v: ParamCount %d, model %d, allocated %d; formula %d", cfg, cfg.ParamCount(), m.ParamCount(), total, want)
					}
				}
			}
		}
	}
}

func newInitModel(t *testing.T, cell Cell, units, inputs int, seed uint64) *Model {
	t.Helper()
	m, err := NewModel([]LayerConfig{{Cell: cell, Units: units, Inputs: inputs, ResetAfter: cell == GRU}}, DenseConfig{Outputs: 1})
	if err != nil {
		t.Fatal(err)
	}
	m.Init(seed)
	return m
}

// TestInitOrthogonal checks Keras's Orthogonal initializer on the whole
// (units, g·units) recurrent kernel: its rows are orthonormal, W Wᵀ = I. The
// tolerance 1e-6 is the rounding of the weights to float32 (about 6e-8 each,
// summed over g·units products).
func TestInitOrthogonal(t *testing.T) {
	for _, cell := range []Cell{SimpleRNN, LSTM, GRU} {
		for _, units := range []int{1, 4, 50} {
			m := newInitModel(t, cell, units, 1, 42)
			W := m.Layers[0].RecurrentKernel
			var wwt mat.Dense
			wwt.Mul(W, W.T())
			worst := 0.0
			for i := range units {
				for j := range units {
					want := 0.0
					if i == j {
						want = 1
					}
					worst = math.Max(worst, math.Abs(wwt.At(i, j)-want))
				}
			}
			if worst > 1e-6 {
				t.Errorf("%s(%d): |W Wᵀ − I| up to %g", cell, units, worst)
			}
		}
	}
}

func TestInitKeras(t *testing.T) {
	m := newInitModel(t, LSTM, 50, 3, 7)
	r := m.Layers[0]
	// Glorot uniform: U(−l, l), l = √(6 / (fan_in + fan_out)).
	limit := math.Sqrt(6.0 / float64(3+200))
	k := r.Kernel.RawMatrix().Data
	lo, hi := slices.Min(k), slices.Max(k)
	if lo < -limit || hi > limit || hi-lo < limit { // the extremes of 600 draws come close to ±l
		t.Errorf("kernel in [%g, %g], want a spread over (−%g, %g)", lo, hi, limit, limit)
	}
	v := m.Head.Kernel.RawMatrix().Data
	if vl := math.Sqrt(6.0 / 51); slices.Min(v) < -vl || slices.Max(v) > vl {
		t.Errorf("dense kernel outside ±%g", vl)
	}
	for j, b := range r.Bias {
		want := 0.0
		if j >= 50 && j < 100 {
			want = 1 // forget gate
		}
		if b != want {
			t.Fatalf("bias[%d] = %g, want %g", j, b, want)
		}
	}
	for _, p := range m.Params() {
		for _, x := range p.Value {
			if float64(float32(x)) != x {
				t.Fatalf("%s holds %v, not a float32 value", p.Name, x)
			}
		}
	}
}

func TestInitDeterministic(t *testing.T) {
	x := [][]float64{{0.1}, {0.5}, {-0.3}, {0.9}}
	for _, cell := range []Cell{SimpleRNN, LSTM, GRU} {
		a, b, c := newInitModel(t, cell, 5, 1, 3), newInitModel(t, cell, 5, 1, 3), newInitModel(t, cell, 5, 1, 4)
		pa, _ := flatParams(a)
		pb, _ := flatParams(b)
		pc, _ := flatParams(c)
		if !slices.Equal(pa, pb) {
			t.Errorf("%s: same seed, different weights", cell)
		}
		if slices.Equal(pa, pc) {
			t.Errorf("%s: different seeds, same weights", cell)
		}
		ta, err := a.Trace(x)
		if err != nil {
			t.Fatal(err)
		}
		tb, _ := b.Trace(x)
		tc, _ := c.Trace(x)
		sa, sb, sc := ta.Layers[0].Steps, tb.Layers[0].Steps, tc.Layers[0].Steps
		for k := range sa {
			if !slices.Equal(sa[k].H, sb[k].H) {
				t.Errorf("%s: same seed, different s_%d", cell, k+1)
			}
		}
		if slices.Equal(sa[3].H, sc[3].H) {
			t.Errorf("%s: different seeds, same s_4", cell)
		}
	}
}

func TestCloneZeroLike(t *testing.T) {
	m := newInitModel(t, GRU, 3, 2, 1)
	c := m.Clone()
	pm, _ := flatParams(m)
	pc, _ := flatParams(c)
	if !slices.Equal(pm, pc) {
		t.Fatal("clone differs")
	}
	c.Layers[0].RecurrentBias[0] = 9
	if m.Layers[0].RecurrentBias[0] == 9 {
		t.Fatal("clone shares storage")
	}
	z, _ := flatParams(m.ZeroLike())
	if len(z) != len(pm) || slices.Max(z) != 0 || slices.Min(z) != 0 {
		t.Fatal("ZeroLike is not all zero")
	}
	names := []string{}
	for _, p := range m.Params() {
		names = append(names, p.Name)
	}
	want := []string{"rnn0/kernel", "rnn0/recurrent_kernel", "rnn0/bias", "dense/kernel", "dense/bias"}
	if !slices.Equal(names, want) {
		t.Errorf("Params names %v, want %v", names, want)
	}
	if s := m.Params()[2].Shape; !slices.Equal(s, []int{2, 9}) {
		t.Errorf("GRU reset_after bias shape %v, want [2 9]", s)
	}
}

func TestNewSeeded(t *testing.T) {
	for _, cell := range []Cell{SimpleRNN, LSTM, GRU} {
		m, err := NewSeeded(cell, 6, 2, 11)
		if err != nil {
			t.Fatal(err)
		}
		want := newInitModel(t, cell, 6, 2, 11)
		a, _ := flatParams(m)
		b, _ := flatParams(want)
		if !slices.Equal(a, b) || m.Layers[0].ResetAfter != (cell == GRU) || m.ReturnSequences() || m.Outputs() != 1 {
			t.Errorf("%s: NewSeeded differs from NewModel + Init with Keras defaults", cell)
		}
	}
	if _, err := NewSeeded("conv", 6, 2, 1); err == nil {
		t.Error("unknown cell accepted")
	}
	if _, err := NewSeeded(LSTM, 0, 1, 1); err == nil {
		t.Error("zero units accepted")
	}
}

// TestInitGates checks the chrono biases: every other weight is Init's, the
// LSTM's b_f = log(u) with u in [1, L−1] and b_i = −b_f, the GRU's update
// bias likewise, the same seed gives the same model, and keras is Init.
func TestInitGates(t *testing.T) {
	const L = 50
	for _, cfg := range []LayerConfig{
		{Cell: SimpleRNN, Units: 6, Inputs: 3},
		{Cell: LSTM, Units: 6, Inputs: 3},
		{Cell: GRU, Units: 6, Inputs: 3, ResetAfter: true},
		{Cell: GRU, Units: 6, Inputs: 3},
	} {
		t.Run(fmt.Sprintf("%s/reset_after=%v", cfg.Cell, cfg.ResetAfter), func(t *testing.T) {
			mk := func(gi GateInit, seed uint64) *Model {
				m, err := NewModel([]LayerConfig{cfg}, DenseConfig{Outputs: 2})
				if err != nil {
					t.Fatal(err)
				}
				if err := m.InitGates(seed, gi, L); err != nil {
					t.Fatal(err)
				}
				return m
			}
			keras, chrono := mk(KerasGates, 3), mk(ChronoGates, 3)
			plain, _ := NewModel([]LayerConfig{cfg}, DenseConfig{Outputs: 2})
			plain.Init(3)
			n := cfg.Units
			for k, p := range chrono.Params() {
				kp, pp := keras.Params()[k], plain.Params()[k]
				if !slices.Equal(kp.Value, pp.Value) {
					t.Errorf("keras %s differs from Init's", kp.Name)
				}
				if p.Name == "bias" || strings.HasSuffix(p.Name, "/bias") {
					continue
				}
				if !slices.Equal(p.Value, pp.Value) {
					t.Errorf("chrono %s differs from Init's", p.Name)
				}
			}
			b := chrono.Layers[0].Bias
			lo, hi := 0.0, math.Log(L-1)+1e-6
			distinct := map[float64]bool{}
			for j := range n {
				switch cfg.Cell {
				case LSTM:
					bf, bi := b[n+j], b[j]
					if bf < lo || bf > hi || bi != -bf {
						t.Errorf("unit %d: b_f = %g, b_i = %g; want b_f in [0, log %d], b_i = −b_f", j, bf, bi, L-1)
					}
					distinct[bf] = true
				case GRU:
					if b[j] < lo || b[j] > hi {
						t.Errorf("unit %d: b_z = %g, want in [0, log %d]", j, b[j], L-1)
					}
					distinct[b[j]] = true
				}
			}
			for j := 2 * n; j < len(b) && cfg.Cell != SimpleRNN; j++ {
				if b[j] != 0 {
					t.Errorf("bias %d = %g, want 0", j, b[j])
				}
			}
			if cfg.Cell != SimpleRNN && len(distinct) < n {
				t.Errorf("chrono biases not drawn per unit: %v", b[:2*n])
			}
			if cfg.Cell == SimpleRNN && !slices.Equal(b, plain.Layers[0].Bias) {
				t.Errorf("SimpleRNN bias changed: %v", b)
			}
			again := mk(ChronoGates, 3)
			if !slices.Equal(again.Layers[0].Bias, b) {
				t.Error("the same seed gave other chrono biases")
			}
			if other := mk(ChronoGates, 4); cfg.Cell != SimpleRNN && slices.Equal(other.Layers[0].Bias, b) {
				t.Error("another seed gave the same chrono biases")
			}
		})
	}
	m, _ := NewModel([]LayerConfig{{Cell: LSTM, Units: 2, Inputs: 1}}, DenseConfig{Outputs: 1})
	if err := m.InitGates(1, ChronoGates, 1); err == nil {
		t.Error("chrono with a range of 1 step: no error")
	}
	if _, err := ParseGateInit("glorot"); err == nil {
		t.Error("ParseGateInit(glorot): no error")
	}
}
