package nn

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
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
// bit-identical weights on every platform (the QR's last-bit rounding may
// differ between the native and the WebAssembly build of gonum).
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
// Q's columns by sign(diag R), and transposes Q when rows < cols.
func orthogonal(rng *rand.Rand, d *mat.Dense) {
	rows, cols := d.Dims()
	big, small := max(rows, cols), min(rows, cols)
	a := mat.NewDense(big, small, nil)
	raw := a.RawMatrix()
	for k := range raw.Data {
		raw.Data[k] = rng.NormFloat64()
	}
	var qr mat.QR
	qr.Factorize(a)
	var q, r mat.Dense
	qr.QTo(&q) // (big, big); its first small columns span A
	qr.RTo(&r) // (big, small), upper triangular
	for i := 0; i < big; i++ {
		for j := 0; j < small; j++ {
			v := q.At(i, j)
			if r.At(j, j) < 0 {
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

func roundF32(v float64) float64 { return float64(float32(v)) }
