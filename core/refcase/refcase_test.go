package refcase

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// vectorDir holds the reference cases (TF.js float32 and PyTorch float64
// oracles), relative to this package's directory; testdata/testvectors/README.md
// describes them.
const vectorDir = "../../testdata/testvectors"

// sharedVectorDir is the reference set the cases were copied from, when a
// checkout of it sits beside the repository.
const sharedVectorDir = "../../../shared/testvectors"

// Tolerances from the vectors' README: a float64 implementation agrees with
// the PyTorch float64 oracle to rounding (the oracles' own float64
// implementations agree to 4.4e-16); the TF.js oracle computes in float32,
// whose rounding reaches 7.3e-7 on these cases.
const (
	tolF64 = 1e-10
	tolF32 = 1e-5
)

func TestVectors(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(vectorDir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, file := range files {
		if filepath.Base(file) == "index.json" {
			continue
		}
		n++
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
			got, err := c.Run()
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range []struct {
				name string
				want *Result
				tol  float64
			}{{"expected_f64", c.ExpectedF64, tolF64}, {"expected", c.Expected, tolF32}} {
				if o.want == nil {
					t.Fatalf("case has no %s", o.name)
				}
				worst, where := compareResults(t, got, o.want)
				t.Logf("%s: largest |difference| %.3g (%s)", o.name, worst, where)
				if worst > o.tol {
					t.Errorf("%s: largest |difference| %.3g at %s exceeds %g", o.name, worst, where, o.tol)
				}
			}
		})
	}
	if n == 0 {
		t.Fatalf("no cases in %s", vectorDir)
	}
}

// sumsFile lists the SHA-256 of every case of the reference set as it was
// copied (`sha256sum *.json` in the set's directory).
const sumsFile = "SHA256SUMS"

// TestVectorsMatchSharedSet checks that the repository's cases are the
// reference set, file for file: their SHA-256 sums are the ones recorded in
// SHA256SUMS when they were copied, and when a checkout of the set sits beside
// the repository, its files have those sums too.
func TestVectorsMatchSharedSet(t *testing.T) {
	recorded := readSums(t, filepath.Join(vectorDir, sumsFile))
	if len(recorded) == 0 {
		t.Fatalf("%s lists no files", sumsFile)
	}
	check := func(dir string) {
		names, err := jsonFiles(dir)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(names, slices.Sorted(maps.Keys(recorded))) {
			t.Fatalf("%s holds %v, %s lists %v", dir, names, sumsFile, slices.Sorted(maps.Keys(recorded)))
		}
		for _, name := range names {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if sum := fmt.Sprintf("%x", sha256.Sum256(b)); sum != recorded[name] {
				t.Errorf("%s: SHA-256 %s, %s records %s", filepath.Join(dir, name), sum, sumsFile, recorded[name])
			}
		}
		t.Logf("%s: %d files with the recorded sums", dir, len(names))
	}
	check(vectorDir)
	if _, err := os.Stat(sharedVectorDir); err == nil {
		check(sharedVectorDir)
	} else {
		t.Logf("no reference set at %s; the copies were checked against the sums recorded from it", sharedVectorDir)
	}
}

// readSums reads a sha256sum listing: name → hex sum.
func readSums(t *testing.T, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sums := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		if !ok || len(sum) != 64 {
			t.Fatalf("%s: bad line %q", path, line)
		}
		sums[name] = sum
	}
	return sums
}

// jsonFiles lists the names of the .json files in dir, sorted; a missing
// directory is an error.
func jsonFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".json") {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// compareResults returns the largest absolute difference between every
// quantity of got and want, and where it is; a quantity missing from got or of
// another shape fails the test.
func compareResults(t *testing.T, got, want *Result) (float64, string) {
	t.Helper()
	worst, where := 0.0, ""
	cmp := func(name string, g, w []float64) {
		if len(g) != len(w) {
			t.Errorf("%s: %d values, want %d", name, len(g), len(w))
			return
		}
		for k := range g {
			if d := math.Abs(g[k] - w[k]); d > worst || math.IsNaN(d) {
				worst, where = d, name
			}
		}
	}
	cmpT := func(name string, g, w Tensor) {
		if !g.hasShape(w.Shape...) {
			t.Errorf("%s: shape %v, want %v", name, g.Shape, w.Shape)
			return
		}
		cmp(name, g.Data, w.Data)
	}
	cmp("h", flat3(got.H), flat3(want.H))
	if want.C != nil || got.C != nil {
		cmp("c", flat3(got.C), flat3(want.C))
	}
	cmpT("output", got.Output, want.Output)
	if want.Loss != nil {
		if got.Loss == nil {
			t.Fatal("no loss")
		}
		cmp("loss", []float64{*got.Loss}, []float64{*want.Loss})
	}
	if want.Grads != nil {
		if got.Grads == nil {
			t.Fatal("no gradients")
		}
		g, w := got.Grads, want.Grads
		cmpT("grads.rnn.kernel", g.RNN.Kernel, w.RNN.Kernel)
		cmpT("grads.rnn.recurrent_kernel", g.RNN.RecurrentKernel, w.RNN.RecurrentKernel)
		cmpT("grads.rnn.bias", g.RNN.Bias, w.RNN.Bias)
		cmpT("grads.dense.kernel", g.Dense.Kernel, w.Dense.Kernel)
		cmpT("grads.dense.bias", g.Dense.Bias, w.Dense.Bias)
	}
	return worst, where
}

func flat3(v [][][]float64) []float64 {
	var out []float64
	for _, a := range v {
		for _, b := range a {
			out = append(out, b...)
		}
	}
	return out
}
