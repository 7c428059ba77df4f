package nn

import "math"

// The sigmoid and tanh of the cells are the passes' most frequent non-linear
// functions (LSTM(50): 2.5 million per epoch of the lecture's workload), and
// in Go's WebAssembly port a call of math.Exp costs tens of nanoseconds. These
// loops evaluate e^x in line, by table and polynomial (Tang's method), in
// plain multiply-adds: within 2 ulp of the true value (exp_test.go checks
// them against the math package).

// exp2Table[j] is 2^(j/64), correctly rounded.
var exp2Table = [64]float64{
	0x1.0000000000000p+0, 0x1.02c9a3e778061p+0, 0x1.059b0d3158574p+0, 0x1.0874518759bc8p+0,
	0x1.0b5586cf9890fp+0, 0x1.0e3ec32d3d1a2p+0, 0x1.11301d0125b51p+0, 0x1.1429aaea92de0p+0,
	0x1.172b83c7d517bp+0, 0x1.1a35beb6fcb75p+0, 0x1.1d4873168b9aap+0, 0x1.2063b88628cd6p+0,
	0x1.2387a6e756238p+0, 0x1.26b4565e27cddp+0, 0x1.29e9df51fdee1p+0, 0x1.2d285a6e4030bp+0,
	0x1.306fe0a31b715p+0, 0x1.33c08b26416ffp+0, 0x1.371a7373aa9cbp+0, 0x1.3a7db34e59ff7p+0,
	0x1.3dea64c123422p+0, 0x1.4160a21f72e2ap+0, 0x1.44e086061892dp+0, 0x1.486a2b5c13cd0p+0,
	0x1.4bfdad5362a27p+0, 0x1.4f9b2769d2ca7p+0, 0x1.5342b569d4f82p+0, 0x1.56f4736b527dap+0,
	0x1.5ab07dd485429p+0, 0x1.5e76f15ad2148p+0, 0x1.6247eb03a5585p+0, 0x1.6623882552225p+0,
	0x1.6a09e667f3bcdp+0, 0x1.6dfb23c651a2fp+0, 0x1.71f75e8ec5f74p+0, 0x1.75feb564267c9p+0,
	0x1.7a11473eb0187p+0, 0x1.7e2f336cf4e62p+0, 0x1.82589994cce13p+0, 0x1.868d99b4492edp+0,
	0x1.8ace5422aa0dbp+0, 0x1.8f1ae99157736p+0, 0x1.93737b0cdc5e5p+0, 0x1.97d829fde4e50p+0,
	0x1.9c49182a3f090p+0, 0x1.a0c667b5de565p+0, 0x1.a5503b23e255dp+0, 0x1.a9e6b5579fdbfp+0,
	0x1.ae89f995ad3adp+0, 0x1.b33a2b84f15fbp+0, 0x1.b7f76f2fb5e47p+0, 0x1.bcc1e904bc1d2p+0,
	0x1.c199bdd85529cp+0, 0x1.c67f12e57d14bp+0, 0x1.cb720dcef9069p+0, 0x1.d072d4a07897cp+0,
	0x1.d5818dcfba487p+0, 0x1.da9e603db3285p+0, 0x1.dfc97337b9b5fp+0, 0x1.e502ee78b3ff6p+0,
	0x1.ea4afa2a490dap+0, 0x1.efa1bee615a27p+0, 0x1.f50765b6e4540p+0, 0x1.fa7c1819e90d8p+0,
}

// expInline returns e^x for −700 ≤ x ≤ 700 (callers clamp x: the cells
// saturate long before e^±700); NaN stays NaN.
//
// x = (64m + j) ln2/64 + r with |r| ≤ ln2/128, so e^x = 2^m · 2^(j/64) · e^r,
// and e^r is its Taylor polynomial of degree 5 (truncation error below
// r⁶/720 ≈ 3.5e-17, relative).
func expInline(x float64) float64 {
	const (
		magic   = 0x1.8p52 // adding it rounds to an integer
		invStep = 64 / math.Ln2
		step1   = 6.93147180369123816490e-01 / 64 // ln2/64, high part (exact k·step1)
		step2   = 1.90821492927058770002e-10 / 64 // ln2/64, low part
	)
	kf := (x*invStep + magic) - magic
	k := int64(kf)
	r := (x - kf*step1) - kf*step2
	p := 1 + r*(1+r*(0.5+r*(1.0/6+r*(1.0/24+r*(1.0/120)))))
	return exp2Table[k&63] * p * math.Float64frombits(uint64(k>>6+1023)<<52)
}

// sigmoidSlice sets dst[k] = 1 / (1 + e^(−src[k])).
func sigmoidSlice(dst, src []float64) {
	dst = dst[:len(src)]
	for k, x := range src {
		// Clamp with comparisons: min and max are function calls in
		// Go's WebAssembly port. NaN passes through.
		if x < -700 {
			x = -700
		} else if x > 700 {
			x = 700
		}
		dst[k] = 1 / (1 + expInline(-x))
	}
}

// tanhSlice sets dst[k] = tanh(src[k]), with math.Tanh's algorithm (Cephes):
// a rational function for |x| < 0.625, else 1 − 2/(e^(2|x|) + 1).
func tanhSlice(dst, src []float64) {
	const (
		p0, p1, p2 = -9.64399179425052238628e-1, -9.92877231001918586564e1, -1.61468768441708447952e3
		q0, q1, q2 = 1.12811678491632931402e2, 2.23548839060100448583e3, 4.84406305325125486048e3
	)
	dst = dst[:len(src)]
	for k, x := range src {
		z := math.Abs(x)
		if z >= 0.625 {
			if z > 350 {
				z = 350
			}
			z = 1 - 2/(expInline(2*z)+1)
			if x < 0 {
				z = -z
			}
		} else {
			s := x * x
			z = x + x*s*((p0*s+p1)*s+p2)/(((s+q0)*s+q1)*s+q2)
		}
		dst[k] = z
	}
}
