package refcase

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/gonum/diff/fd"

	"unroll/core/nn"
)

// softmaxDir holds the reference cases of next-character models (one-hot
// inputs, return_sequences, Dense(V, softmax), categorical cross-entropy over
// the steps that have a target), computed by TF.js (float32) with
// scripts/make-tfjs-fixture.mjs; testdata/softmaxvectors/README.md describes
// them.
const softmaxDir = "../../testdata/softmaxvectors"

// FD settings as in core/nn's gradient check: the central difference with
// step 1e-5 has truncation and rounding errors near 1e-11 on losses of order
// 1, so a correct gradient agrees to ~1e-9; a wrong or missing term shows as
// 1e-4 or more.
const (
	fdStep = 1e-5
	fdTol  = 1e-7
)

// TestSoftmaxVectors checks every case against TF.js (tolF32: the oracle
// computes in float32) and the same gradients against finite differences of
// the loss.
func TestSoftmaxVectors(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(softmaxDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	cells := map[string]bool{}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".json"), func(t *testing.T) {
			f, err := os.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			c, err := Load(f)
			if err != nil {
				t.Fatal(err)
			}
			if c.Config.DenseActivation != Softmax || !c.Config.ReturnSequences || c.Targets == nil || c.Expected == nil {
				t.Fatalf("not a return_sequences softmax case with targets and expected values")
			}
			cells[c.Layer] = true
			got, err := c.Run()
			if err != nil {
				t.Fatal(err)
			}
			worst, where := compareResults(t, got, c.Expected)
			t.Logf("expected (TF.js): largest |difference| %.3g (%s)", worst, where)
			if worst > tolF32 {
				t.Errorf("largest |difference| %.3g at %s exceeds %g", worst, where, tolF32)
			}
			checkRowsWithoutTarget(t, c, got)

			// The same gradients against finite differences of the loss.
			m, err := c.Model()
			if err != nil {
				t.Fatal(err)
			}
			x := c.Inputs.rank3()
			b := nn.Batch{X: x, Y: c.targets(true)}
			w := m.NewWorkspace(len(x), len(x[0]))
			var x0 []float64
			for _, p := range m.Params() {
				x0 = append(x0, p.Value...)
			}
			set := func(v []float64) {
				for _, p := range m.Params() {
					v = v[copy(p.Value, v):]
				}
			}
			numeric := fd.Gradient(nil, func(v []float64) float64 {
				set(v)
				l, err := w.Loss(b, nn.SoftmaxCrossEntropy)
				if err != nil {
					t.Fatal(err)
				}
				return l
			}, x0, &fd.Settings{Formula: fd.Central, Step: fdStep})
			set(x0)
			g := got.Grads
			var analytic []float64
			for _, p := range []Tensor{g.RNN.Kernel, g.RNN.RecurrentKernel, g.RNN.Bias, g.Dense.Kernel, g.Dense.Bias} {
				analytic = append(analytic, p.Data...)
			}
			if len(analytic) != len(numeric) {
				t.Fatalf("%d gradients, %d weights", len(analytic), len(numeric))
			}
			fdWorst := 0.0
			for k := range analytic {
				fdWorst = math.Max(fdWorst, math.Abs(analytic[k]-numeric[k])/math.Max(1, math.Abs(analytic[k])))
			}
			t.Logf("finite differences: largest difference %.3g over %d weights", fdWorst, len(analytic))
			if !(fdWorst <= fdTol) {
				t.Errorf("gradients differ from finite differences by %g", fdWorst)
			}
		})
	}
	for _, cell := range []string{"SimpleRNN", "LSTM", "GRU"} {
		if !cells[cell] {
			t.Errorf("no %s case in %s", cell, softmaxDir)
		}
	}
}

// checkRowsWithoutTarget checks that the case has steps without a target and
// that they count for nothing: the loss is the mean of −log p over the steps
// that have one, p read from the computed output.
func checkRowsWithoutTarget(t *testing.T, c *Case, got *Result) {
	t.Helper()
	V := c.Targets.Shape[2]
	sum, n, rows := 0.0, 0, len(c.Targets.Data)/V
	for r := range rows {
		for k, y := range c.Targets.Data[r*V : (r+1)*V] {
			if y != 0 {
				sum -= y * math.Log(got.Output.Data[r*V+k])
				n++
			}
		}
	}
	if n == rows {
		t.Fatalf("every step has a target; the cases are to have steps without one")
	}
	if math.Abs(sum/float64(n)-*got.Loss) > 1e-12 {
		t.Errorf("loss %.15g, mean −log p over the %d steps with a target %.15g", *got.Loss, n, sum/float64(n))
	}
}

// TestSoftmaxHeadErrors: a head and loss that do not go together, and
// targets that are not distributions, are reported.
func TestSoftmaxHeadErrors(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(softmaxDir, "lstm_v5_u4_t6_b2_softmax_seq.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ old, new, want string }{
		{`"loss": "categorical_crossentropy"`, `"loss": "mse"`, "dense_activation"},
		{`"dense_activation": "softmax"`, `"dense_activation": "relu"`, "dense_activation"},
		{`"targets": [
  [
   [
    1,`, `"targets": [
  [
   [
    2,`, "sums to 2"},
		{`"targets": [
  [
   [
    1,
    0,`, `"targets": [
  [
   [
    1,
    -1,`, "holds -1"},
	} {
		s := string(raw)
		if !strings.Contains(s, tc.old) {
			t.Fatalf("the case has no %q", tc.old)
		}
		_, err := Load(strings.NewReader(strings.Replace(s, tc.old, tc.new, 1)))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q → %q: %v, want an error saying %q", tc.old, tc.new, err, tc.want)
		}
	}
}
