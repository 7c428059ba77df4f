package nn

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestWorkspaceReuse runs one workspace over batches of changing size and
// length (growing it once) and compares every result with a fresh
// Model.Gradient; then checks that steady-state calls allocate nothing.
func TestWorkspaceReuse(t *testing.T) {
	m := randomModel(t, []LayerConfig{{Cell: LSTM, Units: 6, Inputs: 2, ReturnSequences: true}, {Cell: GRU, Units: 4, Inputs: 6, ResetAfter: true}}, DenseConfig{Outputs: 2}, 1, 0.7)
	w := m.NewWorkspace(4, 3)
	g := m.ZeroLike()
	// Forward-only calls on a fresh workspace need no backward buffers.
	first := randomBatch(m, 4, 3, MSE, 0)
	if _, err := w.Loss(first, MSE); err != nil {
		t.Fatal(err)
	}
	if norms := w.StateGradNorms(); len(norms) != 2 || norms[0] != nil {
		t.Errorf("StateGradNorms before any Gradient: %v", norms)
	}
	for k, size := range []struct{ B, T int }{{4, 3}, {1, 3}, {7, 5}, {2, 2}, {7, 5}} {
		b := randomBatch(m, size.B, size.T, MSE, uint64(k))
		loss, err := w.Gradient(b, MSE, g)
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := m.Gradient(b, MSE)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := flatParams(g)
		want, _ := flatParams(fresh.Grads)
		if loss != fresh.Loss || !slices.Equal(got, want) {
			t.Errorf("batch %d (%dx%d): reused workspace differs from a fresh one", k, size.B, size.T)
		}
		for l := range fresh.StateGradNorms {
			if !slices.Equal(w.StateGradNorms()[l], fresh.StateGradNorms[l]) {
				t.Errorf("batch %d: state gradient norms differ", k)
			}
		}
	}
	b := randomBatch(m, 5, 4, MSE, 9)
	if allocs := testing.AllocsPerRun(10, func() {
		if _, err := w.Gradient(b, MSE, g); err != nil {
			t.Fatal(err)
		}
	}); allocs != 0 {
		t.Errorf("Workspace.Gradient allocates %v times per call", allocs)
	}
}

func TestLosses(t *testing.T) {
	m := randomModel(t, []LayerConfig{{Cell: SimpleRNN, Units: 3, Inputs: 1, ReturnSequences: true}}, DenseConfig{Outputs: 4}, 2, 0.9)
	for _, loss := range []Loss{MSE, SoftmaxCrossEntropy} {
		b := randomBatch(m, 3, 5, loss, 3)
		out, err := m.Predict(b.X)
		if err != nil {
			t.Fatal(err)
		}
		// The loss written out from its definition (doc of MSE and
		// SoftmaxCrossEntropy): a mean over batch × T' × outputs, or over
		// batch × T'.
		var want float64
		for i := range out {
			for tt := range out[i] {
				o, y := out[i][tt], b.Y[i][tt]
				if loss == MSE {
					for k := range o {
						want += (o[k] - y[k]) * (o[k] - y[k]) / float64(3*5*4)
					}
					continue
				}
				var z float64
				for _, v := range o {
					z += math.Exp(v)
				}
				for k := range o {
					want -= y[k] * math.Log(math.Exp(o[k])/z) / float64(3*5)
				}
			}
		}
		res, err := m.Gradient(b, loss)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(res.Loss-want) > 1e-14 {
			t.Errorf("%s: loss %.17g, by definition %.17g", loss, res.Loss, want)
		}
	}
	if l, err := ParseLoss("categorical_crossentropy"); err != nil || l != SoftmaxCrossEntropy {
		t.Error("ParseLoss")
	}
}

// TestMulAdd compares the product kernels (the assembly one where the CPU
// has it, and the Go ones) with the textbook triple loop, over shapes that
// exercise every edge of the 4×8 and 4×3 blocking and the blocks of 128 along
// the sum. Both sum in another order, hence 1e-12 relative.
func TestMulAdd(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := func(r, c int) matrix {
		m := general(r, c, make([]float64, r*c))
		for k := range m.Data {
			m.Data[k] = 2*rng.Float64() - 1
		}
		return m
	}
	paths := []bool{false}
	if useAsm {
		paths = append(paths, true)
	}
	for _, asm := range paths {
		for _, s := range [][3]int{{1, 1, 1}, {4, 8, 3}, {5, 9, 7}, {32, 200, 50}, {32, 50, 200}, {50, 200, 320}, {3, 13, 129}, {7, 1, 260}, {6, 5, 2}, {33, 50, 1}, {9, 11, 131}} {
			M, N, K := s[0], s[1], s[2]
			for _, aT := range []bool{false, true} {
				for _, beta := range []float64{0, 1} {
					a := random(M, K)
					if aT {
						a = random(K, M)
					}
					b, c := random(K, N), random(M, N)
					want := slices.Clone(c.Data)
					for i := range M {
						for j := range N {
							sum := beta * want[i*N+j]
							for l := range K {
								av := a.Data[i*K+l]
								if aT {
									av = a.Data[l*M+i]
								}
								sum += av * b.Data[l*N+j]
							}
							want[i*N+j] = sum
						}
					}
					mulAddKernels(asm, c, a, aT, b, beta)
					if d, at := maxDiff(c.Data, want); d > 1e-12*float64(K) {
						t.Errorf("asm=%v %dx%dx%d aT=%v beta=%g: differs by %g at %d", asm, M, N, K, aT, beta, d, at)
					}
				}
			}
		}
	}
}
