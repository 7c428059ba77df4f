package nn

// The matrix products of the batched passes. On amd64 with AVX2 and FMA the
// 4×8 blocks of the product go to an assembly kernel (gemm_amd64.s); every
// other block, and every block on other platforms (WebAssembly), is computed
// by the plain Go kernels below, written with a*b + c (never math.FMA, which
// is about 70 times slower in Go's WebAssembly port).

// mulAdd computes c = beta*c + op(a)·b, where op(a) is a, or aᵀ when aT is
// set. a is (m, k) or, with aT, (k, m); b is (k, n); c is (m, n). beta must
// be 0 or 1. It panics if the shapes do not agree.
func mulAdd(c matrix, a matrix, aT bool, b matrix, beta float64) {
	mulAddKernels(useAsm, c, a, aT, b, beta)
}

// mulAddKernels is mulAdd with the assembly kernel used only if asm is set
// (the tests compare both paths).
func mulAddKernels(asm bool, c matrix, a matrix, aT bool, b matrix, beta float64) {
	m, n := c.Rows, c.Cols
	k, am := a.Cols, a.Rows
	rsA, csA := a.Stride, 1 // a's element (i, l) of op(a) is at i*rsA + l*csA
	if aT {
		k, am = a.Rows, a.Cols
		rsA, csA = 1, a.Stride
	}
	if am != m || b.Rows != k || b.Cols != n {
		panic("nn: matrix product of mismatched shapes")
	}
	switch beta {
	case 0:
		for i := 0; i < m; i++ {
			zero(c.Data[i*c.Stride : i*c.Stride+n])
		}
	case 1:
	default:
		panic("nn: mulAdd beta must be 0 or 1")
	}
	if m == 0 || n == 0 || k == 0 {
		return
	}
	// Touch the last element of each operand once so that a short slice
	// panics here rather than in the assembly kernel.
	_ = a.Data[(m-1)*rsA+(k-1)*csA]
	_ = b.Data[(k-1)*b.Stride+n-1]
	_ = c.Data[(m-1)*c.Stride+n-1]
	// Blocks of kc steps of the sum keep a column panel of b and a row
	// panel of a in the first-level cache while every block of c reads them.
	const kc = 128
	for k0 := 0; k0 < k; k0 += kc {
		kb := min(kc, k-k0)
		a0, b0 := a.Data[k0*csA:], b.Data[k0*b.Stride:]
		j := 0
		if asm {
			for ; j+8 <= n; j += 8 {
				for i := 0; i+4 <= m; i += 4 {
					kernel4x8(kb, &a0[i*rsA], rsA, csA, &b0[j], b.Stride, &c.Data[i*c.Stride+j], c.Stride)
				}
			}
		}
		for ; j+4 <= n; j += 4 {
			for i := 0; i+4 <= m; i += 4 {
				kernel4x4(kb, a0[i*rsA:], rsA, csA, b0[j:], b.Stride, c.Data[i*c.Stride+j:], c.Stride)
			}
		}
		for ; j < n; j++ {
			for i := 0; i+4 <= m; i += 4 {
				kernel4x1(kb, a0[i*rsA:], rsA, csA, b0[j:], b.Stride, c.Data[i*c.Stride+j:], c.Stride)
			}
		}
		for i := m - m%4; i < m; i++ {
			ci := c.Data[i*c.Stride : i*c.Stride+n]
			for l := 0; l < kb; l++ {
				av := a0[i*rsA+l*csA]
				bl := b0[l*b.Stride : l*b.Stride+n]
				ci := ci[:len(bl)]
				for jj, bv := range bl {
					ci[jj] += av * bv
				}
			}
		}
	}
}

// kernel4x4 adds the 4×4 block Σ_l a(i, l) b(l, j) to c, with 16 running
// sums kept in registers.
func kernel4x4(k int, a []float64, rsA, csA int, b []float64, ldb int, c []float64, ldc int) {
	var c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33 float64
	ia, ib := 0, 0
	for l := 0; l < k; l++ {
		bl := b[ib : ib+4 : ib+4]
		b0, b1, b2, b3 := bl[0], bl[1], bl[2], bl[3]
		x := a[ia]
		c00 += x * b0
		c01 += x * b1
		c02 += x * b2
		c03 += x * b3
		x = a[ia+rsA]
		c10 += x * b0
		c11 += x * b1
		c12 += x * b2
		c13 += x * b3
		x = a[ia+2*rsA]
		c20 += x * b0
		c21 += x * b1
		c22 += x * b2
		c23 += x * b3
		x = a[ia+3*rsA]
		c30 += x * b0
		c31 += x * b1
		c32 += x * b2
		c33 += x * b3
		ia += csA
		ib += ldb
	}
	r := c[0:4:4]
	r[0] += c00
	r[1] += c01
	r[2] += c02
	r[3] += c03
	r = c[ldc : ldc+4 : ldc+4]
	r[0] += c10
	r[1] += c11
	r[2] += c12
	r[3] += c13
	r = c[2*ldc : 2*ldc+4 : 2*ldc+4]
	r[0] += c20
	r[1] += c21
	r[2] += c22
	r[3] += c23
	r = c[3*ldc : 3*ldc+4 : 3*ldc+4]
	r[0] += c30
	r[1] += c31
	r[2] += c32
	r[3] += c33
}

// kernel4x1 adds the 4×1 block Σ_l a(i, l) b(l, j) to c.
func kernel4x1(k int, a []float64, rsA, csA int, b []float64, ldb int, c []float64, ldc int) {
	var c0, c1, c2, c3 float64
	ia, ib := 0, 0
	for l := 0; l < k; l++ {
		bv := b[ib]
		c0 += a[ia] * bv
		c1 += a[ia+rsA] * bv
		c2 += a[ia+2*rsA] * bv
		c3 += a[ia+3*rsA] * bv
		ia += csA
		ib += ldb
	}
	c[0] += c0
	c[ldc] += c1
	c[2*ldc] += c2
	c[3*ldc] += c3
}

// transpose writes srcᵀ into dst's storage and returns it as a (src.Cols,
// src.Rows) matrix.
func transpose(dst []float64, src matrix) matrix {
	t := general(src.Cols, src.Rows, dst)
	for i := 0; i < src.Rows; i++ {
		row := src.Data[i*src.Stride : i*src.Stride+src.Cols]
		for j, v := range row {
			t.Data[j*t.Stride+i] = v
		}
	}
	return t
}
