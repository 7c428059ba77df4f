package nn

import "testing"

func benchMul(b *testing.B, m, n, k int, aT bool) {
	a := general(m, k, make([]float64, m*k))
	if aT {
		a = general(k, m, make([]float64, m*k))
	}
	bb := general(k, n, make([]float64, k*n))
	c := general(m, n, make([]float64, m*n))
	for i := range a.Data {
		a.Data[i] = float64(i%7) * 0.01
	}
	for i := range bb.Data {
		bb.Data[i] = float64(i%5) * 0.01
	}
	for range b.N {
		mulAdd(c, a, aT, bb, 0)
	}
	b.ReportMetric(2*float64(m*n*k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

func BenchmarkMulFwd(b *testing.B)  { benchMul(b, 32, 200, 50, false) }
func BenchmarkMulBack(b *testing.B) { benchMul(b, 32, 50, 200, false) }
func BenchmarkMulGrad(b *testing.B) { benchMul(b, 50, 200, 320, true) }

func benchAct(b *testing.B, a Activation) {
	x := make([]float64, 1000)
	for i := range x {
		x[i] = float64(i%200)/50 - 2
	}
	y := make([]float64, 1000)
	for range b.N {
		a.apply(y, x)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1000, "ns/value")
}

func BenchmarkSigmoid(b *testing.B) { benchAct(b, Sigmoid) }
func BenchmarkTanh(b *testing.B)    { benchAct(b, Tanh) }
