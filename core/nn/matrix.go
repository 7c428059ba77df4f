package nn

import "gonum.org/v1/gonum/blas/blas64"

// The batched passes keep every quantity in flat row-major arrays, time-major:
// the row of sample b at step t is t*B + b, so the rows of one step are one
// contiguous (B, cols) block and the rows of all steps one (T*B, cols) matrix
// that a single matrix product can take.

// matrix is a row-major view of a flat array.
type matrix = blas64.General

// general views data as a (rows, cols) row-major matrix.
func general(rows, cols int, data []float64) blas64.General {
	return blas64.General{Rows: rows, Cols: cols, Stride: cols, Data: data[:rows*cols]}
}

// cols views columns c0..c1-1 of g.
func cols(g blas64.General, c0, c1 int) blas64.General {
	return blas64.General{Rows: g.Rows, Cols: c1 - c0, Stride: g.Stride, Data: g.Data[c0:]}
}

// rows views rows r0..r1-1 of g.
func rows(g blas64.General, r0, r1 int) blas64.General {
	return blas64.General{Rows: r1 - r0, Cols: g.Cols, Stride: g.Stride, Data: g.Data[r0*g.Stride : (r1-1)*g.Stride+g.Cols]}
}

// gemm computes c = beta*c + op(a)·b, where op(a) is aᵀ when tA is set, and
// adds the product's 2·m·n·k floating-point operations to *flops.
func gemm(flops *int64, tA bool, a, b matrix, beta float64, c matrix) {
	*flops += 2 * int64(c.Rows) * int64(c.Cols) * int64(b.Rows)
	mulAdd(c, a, tA, b, beta)
}

// addRow adds v to every row of the (rows, len(v)) block m.
func addRow(m []float64, v []float64) {
	n := len(v)
	for r := 0; r+n <= len(m); r += n {
		row := m[r : r+n]
		for j, x := range v {
			row[j] += x
		}
	}
}

// addColSums adds the column sums of the (rows, len(dst)) block m to dst.
func addColSums(dst, m []float64) {
	n := len(dst)
	for r := 0; r+n <= len(m); r += n {
		row := m[r : r+n]
		for j, x := range row {
			dst[j] += x
		}
	}
}

func zero(s []float64) {
	for k := range s {
		s[k] = 0
	}
}

func sumSquares(s []float64) float64 {
	var t float64
	for _, v := range s {
		t += v * v
	}
	return t
}
