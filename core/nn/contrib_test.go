package nn

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestContribSumsToPre checks, for every cell, that each gate's terms add up
// to the trace's pre-activation, and that each U and W term is the product of
// the model's weight and the activation it carries. The terms are summed in
// another order than the forward pass sums them, hence 1e-13 rather than
// equality.
func TestContribSumsToPre(t *testing.T) {
	const tol = 1e-13
	for _, c := range traceConfigs {
		t.Run(c.name, func(t *testing.T) {
			m := randomModel(t, c.layers, DenseConfig{Outputs: 2}, 3, 0.8)
			x := randomBatch(m, 1, 6, MSE, 4).X[0]
			tr, err := m.Trace(x)
			if err != nil {
				t.Fatal(err)
			}
			res := NewTraceResult(m, tr)
			if err := res.AddContrib(2, 6, 0); err != nil {
				t.Fatal(err)
			}
			ct, r := res.Contrib, m.Layers[0]
			n := r.Units
			if ct.From != 2 || ct.To != 6 || ct.Units != n || len(ct.Steps) != 5 {
				t.Fatalf("range %d..%d units %d, %d steps", ct.From, ct.To, ct.Units, len(ct.Steps))
			}
			U, W := r.Kernel.RawMatrix(), r.RecurrentKernel.RawMatrix()
			worst := 0.0
			for _, sc := range ct.Steps {
				st := tr.Layers[0].Steps[sc.T-1]
				for gi, g := range sc.Gates {
					gt := st.Gates[gi]
					if g.Name != gt.Name {
						t.Fatalf("gate %d is %q, want %q", gi, g.Name, gt.Name)
					}
					for j := 0; j < n; j++ {
						sum := g.B[j]
						for k := range g.U {
							sum += g.U[k][j]
							if want := st.X[k] * U.Data[k*U.Stride+gi*n+j]; g.U[k][j] != want {
								t.Errorf("t=%d %s u[%d][%d] = %g, want x·U = %g", sc.T, g.Name, k, j, g.U[k][j], want)
							}
						}
						for q := range g.W {
							sum += g.W[q][j]
							if r.Cell != GRU || g.Name != "n" {
								if want := st.SPrev[q] * W.Data[q*W.Stride+gi*n+j]; g.W[q][j] != want {
									t.Errorf("t=%d %s w[%d][%d] = %g, want s·W = %g", sc.T, g.Name, q, j, g.W[q][j], want)
								}
							}
						}
						worst = math.Max(worst, math.Abs(sum-gt.Pre[j]))
					}
				}
			}
			for _, sc := range ct.Steps {
				if len(m.Layers) > 1 || (sc.T != 6 && !m.ReturnSequences()) {
					if sc.V != nil {
						t.Errorf("t=%d: v without an output", sc.T)
					}
					continue
				}
				o := tr.Output[len(tr.Output)-1]
				if m.ReturnSequences() {
					o = tr.Output[sc.T-1]
				}
				for k := range o {
					sum := m.Head.Bias[k]
					for j := range sc.V {
						sum += sc.V[j][k]
					}
					worst = math.Max(worst, math.Abs(sum-o[k]))
				}
			}
			t.Logf("largest |Σ terms − pre| = %.3g", worst)
			if worst > tol {
				t.Errorf("terms differ from pre by %g", worst)
			}
		})
	}
}

// TestContribJSON checks the wire form, {"t", "gates": {"<name>": {"u", "w",
// "b"}}} in the cell's gate order, and the clamping of the bounds.
func TestContribJSON(t *testing.T) {
	m := randomModel(t, []LayerConfig{{Cell: LSTM, Units: 3, Inputs: 1}}, DenseConfig{Outputs: 1}, 1, 0.5)
	tr, err := m.Trace([][]float64{{0.1}, {0.2}, {0.3}})
	if err != nil {
		t.Fatal(err)
	}
	res := NewTraceResult(m, tr)
	if err := res.AddContrib(0, 9, 2); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res.Contrib)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if !strings.HasPrefix(s, `{"from":1,"to":3,"units":2,"steps":[{"t":1,"gates":{"i":{"u":[[`) {
		t.Errorf("JSON starts %.80s", s)
	}
	var back struct {
		Steps []struct {
			Gates map[string]struct{ U, W [][]float64 }
			V     [][]float64
		}
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if g := back.Steps[2].Gates["o"]; len(g.U) != 1 || len(g.W) != 3 || len(g.W[0]) != 2 {
		t.Errorf("o at t=3: u %d rows, w %d rows of %d", len(g.U), len(g.W), len(g.W[0]))
	}
	if back.Steps[2].V == nil || back.Steps[1].V != nil {
		t.Errorf("v at t=3 %v, at t=2 %v", back.Steps[2].V, back.Steps[1].V)
	}
	if strings.Index(s, `"i":`) > strings.Index(s, `"f":`) || strings.Index(s, `"g":`) > strings.Index(s, `"o":`) {
		t.Errorf("gates out of order: %.200s", s)
	}
}
