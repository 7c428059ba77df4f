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
		switch {
		case m < 4 || n < 3 || kb < 4:
			mulAddRows(m, n, kb, a0, rsA, csA, b0, b.Stride, c.Data, c.Stride)
		default:
			mulAddBlocks(asm && n >= 8, m, n, kb, a0, rsA, csA, b0, b.Stride, c.Data, c.Stride)
		}
	}
}

// mulAddBlocks adds a·b to c in blocks of 4×w, w = 8 with the assembly
// kernel, else 3 (m ≥ 4, n ≥ w). The last row and column blocks are aligned
// to the matrix's end, overlapping blocks already done: they are computed into
// a scratch block, of which only the new rows and columns are added to c.
// The kernels are called directly, not through a function value: in
// WebAssembly an indirect call per block costs a few steps of the sum.
func mulAddBlocks(asm bool, m, n, k int, a []float64, rsA, csA int, b []float64, ldb int, c []float64, ldc int) {
	w := 3
	if asm {
		w = 8
	}
	for j := 0; j < n; j += w {
		jj := min(j, n-w)
		for i := 0; i < m; i += 4 {
			ii := min(i, m-4)
			if ii == i && jj == j {
				if asm {
					kernel4x8(k, &a[i*rsA], rsA, csA, &b[j], ldb, &c[i*ldc+j], ldc)
				} else {
					kernel4x3(k, a[i*rsA:], rsA, csA, b[j:], ldb, c[i*ldc+j:], ldc)
				}
				continue
			}
			var s [4 * 8]float64 // (4, w) scratch block
			if asm {
				kernel4x8(k, &a[ii*rsA], rsA, csA, &b[jj], ldb, &s[0], w)
			} else {
				kernel4x3(k, a[ii*rsA:], rsA, csA, b[jj:], ldb, s[:], w)
			}
			for r := i - ii; r < 4; r++ {
				row := c[(ii+r)*ldc+jj : (ii+r)*ldc+jj+w]
				for q := j - jj; q < w; q++ {
					row[q] += s[r*w+q]
				}
			}
		}
	}
}

// mulAddRows adds a·b to c one row of c at a time, for products too narrow
// for the block kernels.
func mulAddRows(m, n, k int, a []float64, rsA, csA int, b []float64, ldb int, c []float64, ldc int) {
	for i := 0; i < m; i++ {
		ci := c[i*ldc : i*ldc+n]
		for l := 0; l < k; l++ {
			av := a[i*rsA+l*csA]
			bl := b[l*ldb : l*ldb+n]
			ci := ci[:len(bl)]
			for j, bv := range bl {
				ci[j] += av * bv
			}
		}
	}
}

// kernel4x3 adds the 4×3 block Σ_l a(i, l) b(l, j) to c, with 12 running
// sums kept in registers. (4×3 rather than 4×4: with 16 floating-point
// registers, twelve sums, three b and one a leave nothing to spill; it is the
// faster shape in Go's WebAssembly port on V8.)
func kernel4x3(k int, a []float64, rsA, csA int, b []float64, ldb int, c []float64, ldc int) {
	var c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32 float64
	ia, ib := 0, 0
	for l := 0; l < k; l++ {
		bl := b[ib : ib+3 : ib+3]
		b0, b1, b2 := bl[0], bl[1], bl[2]
		x := a[ia]
		c00 += x * b0
		c01 += x * b1
		c02 += x * b2
		x = a[ia+rsA]
		c10 += x * b0
		c11 += x * b1
		c12 += x * b2
		x = a[ia+2*rsA]
		c20 += x * b0
		c21 += x * b1
		c22 += x * b2
		x = a[ia+3*rsA]
		c30 += x * b0
		c31 += x * b1
		c32 += x * b2
		ia += csA
		ib += ldb
	}
	r := c[0:3:3]
	r[0] += c00
	r[1] += c01
	r[2] += c02
	r = c[ldc : ldc+3 : ldc+3]
	r[0] += c10
	r[1] += c11
	r[2] += c12
	r = c[2*ldc : 2*ldc+3 : 2*ldc+3]
	r[0] += c20
	r[1] += c21
	r[2] += c22
	r = c[3*ldc : 3*ldc+3 : 3*ldc+3]
	r[0] += c30
	r[1] += c31
	r[2] += c32
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
