package nn

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"unroll/core/msg"
)

// initStream is the PCG stream constant: Init(seed) draws from
// rand.NewPCG(seed, initStream).
const initStream = 0x756e726f6c6c // "unroll"

// Init sets Keras's default initialisation from seed:
//
//   - kernels U (and the Dense V): Glorot uniform, U(−l, l) with
//     l = √(6 / (fan_in + fan_out)) (Glorot & Bengio 2010);
//   - recurrent kernels W: Keras's Orthogonal initializer on the whole
//     (units, g·units) matrix (Saxe et al. 2014): the QR factorisation of a
//     (g·units, units) standard-normal matrix, Q's columns multiplied by the
//     signs of R's diagonal, transposed; so W Wᵀ = I;
//   - biases zero, except the LSTM forget-gate block, which is 1
//     (unit_forget_bias, Jozefowicz et al. 2015).
//
// Values are drawn from one math/rand/v2 PCG stream in a fixed order (layer by
// layer: kernel, recurrent kernel; then the Dense kernel), and every initial
// weight is rounded to float32, the precision Keras stores, so the model is
// exactly representable in a Keras or TF.js export and the same seed gives
// bit-identical weights on every platform.
func (m *Model) Init(seed uint64) {
	rng := rand.New(rand.NewPCG(seed, initStream))
	for _, r := range m.Layers {
		glorotUniform(rng, r.Kernel)
		orthogonal(rng, r.RecurrentKernel)
		for k := range r.Bias {
			r.Bias[k] = 0
		}
		for k := range r.RecurrentBias {
			r.RecurrentBias[k] = 0
		}
		if r.Cell == LSTM {
			for k := r.Units; k < 2*r.Units; k++ {
				r.Bias[k] = 1
			}
		}
	}
	glorotUniform(rng, m.Head.Kernel)
	for k := range m.Head.Bias {
		m.Head.Bias[k] = 0
	}
}

// glorotUniform fills d (fan_in rows, fan_out columns) row by row.
func glorotUniform(rng *rand.Rand, d *mat.Dense) {
	raw := d.RawMatrix()
	limit := math.Sqrt(6 / float64(raw.Rows+raw.Cols))
	for i := 0; i < raw.Rows; i++ {
		row := raw.Data[i*raw.Stride : i*raw.Stride+raw.Cols]
		for j := range row {
			row[j] = roundF32(limit * (2*rng.Float64() - 1))
		}
	}
}

// orthogonal fills d as Keras's Orthogonal(gain=1) initializer does: for a
// (rows, cols) matrix it factorises a (max, min) normal matrix A = QR, scales
// Q's columns by sign(diag R), and transposes Q when rows < cols. The QR is
// Householder's, as LAPACK's dgeqr2 and dorg2r compute it, in plain loops:
// with the signs fixed Q is unique, and the weights are rounded to float32.
func orthogonal(rng *rand.Rand, d *mat.Dense) {
	rows, cols := d.Dims()
	big, small := max(rows, cols), min(rows, cols)
	a := make([]float64, big*small) // row-major (big, small)
	for k := range a {
		a[k] = rng.NormFloat64()
	}
	q, diag := householderQ(a, big, small)
	for i := 0; i < big; i++ {
		for j := 0; j < small; j++ {
			v := q[i*small+j]
			if diag[j] < 0 {
				v = -v
			}
			if rows < cols {
				d.Set(j, i, roundF32(v))
			} else {
				d.Set(i, j, roundF32(v))
			}
		}
	}
}

// householderQ factorises the row-major (m, n) matrix a (m ≥ n, overwritten)
// as Q R with Householder reflections H_j = I − τ_j v_j v_jᵀ (v_j[j] = 1) and
// returns Q's first n columns, row-major (m, n), and R's diagonal.
func householderQ(a []float64, m, n int) (q, diag []float64) {
	tau := make([]float64, n)
	diag = make([]float64, n)
	for j := 0; j < n; j++ {
		alpha := a[j*n+j]
		var xnorm float64
		for i := j + 1; i < m; i++ {
			xnorm = math.Hypot(xnorm, a[i*n+j])
		}
		if xnorm == 0 {
			diag[j] = alpha
			continue
		}
		beta := -math.Copysign(math.Hypot(alpha, xnorm), alpha)
		tau[j] = (beta - alpha) / beta
		scale := 1 / (alpha - beta)
		for i := j + 1; i < m; i++ {
			a[i*n+j] *= scale
		}
		a[j*n+j] = 1
		householder(a, m, n, j, tau[j], a, j+1)
		a[j*n+j] = beta
		diag[j] = beta
	}
	q = make([]float64, m*n)
	for j := 0; j < n; j++ {
		q[j*n+j] = 1
	}
	for j := n - 1; j >= 0; j-- {
		if tau[j] == 0 {
			continue
		}
		a[j*n+j] = 1
		householder(a, m, n, j, tau[j], q, j)
	}
	return q, diag
}

// householder applies H = I − τ v vᵀ, v being column j of a from row j on, to the
// columns c0… of the row-major (m, n) matrix b, rows j… .
func householder(a []float64, m, n, j int, tau float64, b []float64, c0 int) {
	for c := c0; c < n; c++ {
		var w float64
		for i := j; i < m; i++ {
			w += float64(a[i*n+j] * b[i*n+c]) // float64(): no fused multiply-add on any platform
		}
		w *= tau
		for i := j; i < m; i++ {
			b[i*n+c] -= float64(w * a[i*n+j])
		}
	}
}

func roundF32(v float64) float64 { return float64(float32(v)) }

// GateInit names how the biases of a gated cell's memory gates start.
type GateInit string

// The gate initialisations.
//
// KerasGates is Init's: zero biases, except the LSTM forget gate's, 1
// (Keras's unit_forget_bias); its forget gate starts near σ(1) ≈ 0.73, so an
// untrained LSTM keeps 0.73^L of what it saw L steps ago.
//
// ChronoGates is the chrono initialisation (Tallec & Ollivier 2018, "Can
// recurrent neural networks warp time?"): for a dependency range of up to
// L steps, an LSTM's forget bias is b_f = log(u) with u ~ U(1, L−1) drawn
// for every unit, and its input bias b_i = −b_f, so that the units' memory
// times 1/(1 − σ(b_f)) = u + 1 spread over 2 … L. The GRU analogue follows
// from the same argument: its update gate z plays the forget gate's part
// (s_t = z ⊙ s_{t-1} + (1 − z) ⊙ n), so b_z = log(u) gives the same memory
// times; z also scales the new content by 1 − z, so no input bias is set.
// A SimpleRNN has no gate; its weights are Init's.
const (
	KerasGates  GateInit = "keras"
	ChronoGates GateInit = "chrono"
)

// ParseGateInit accepts "keras" and "chrono".
func ParseGateInit(s string) (GateInit, error) {
	switch GateInit(s) {
	case KerasGates, ChronoGates:
		return GateInit(s), nil
	}
	return "", msg.Errorf("nn: unknown gate initialisation %q (keras or chrono)", s)
}

// chronoStream is the PCG stream constant of the chrono biases, so that they
// come from their own draws and every other weight is Init's.
const chronoStream = 0x6368726f6e6f // "chrono"

// InitGates sets Init(seed) and then the gate biases of gi: with ChronoGates
// the memory gates of every LSTM and GRU layer for dependencies of up to
// maxSteps steps (at least 2), drawn from rand.NewPCG(seed, chronoStream)
// unit by unit, layer by layer, and rounded to float32 as Init's weights.
// With KerasGates it is Init(seed).
func (m *Model) InitGates(seed uint64, gi GateInit, maxSteps int) error {
	switch gi {
	case KerasGates, "":
		m.Init(seed)
		return nil
	case ChronoGates:
	default:
		return msg.Errorf("nn: unknown gate initialisation %q (keras or chrono)", string(gi))
	}
	if maxSteps < 2 {
		return msg.Errorf("nn: chrono initialisation needs a range of at least 2 steps, not %d", maxSteps)
	}
	m.Init(seed)
	rng := rand.New(rand.NewPCG(seed, chronoStream))
	for _, r := range m.Layers {
		n := r.Units
		for j := range n {
			b := roundF32(math.Log(1 + float64(maxSteps-2)*rng.Float64()))
			switch r.Cell {
			case LSTM:
				r.Bias[n+j] = b // f
				r.Bias[j] = -b  // i
			case GRU:
				r.Bias[j] = b // z
			}
		}
	}
	return nil
}
