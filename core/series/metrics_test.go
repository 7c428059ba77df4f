package series

import (
	"math"
	"reflect"
	"testing"
)

func TestMetrics(t *testing.T) {
	tests := []struct {
		name           string
		pred, actual   []float64
		mse, rmse, mae float64
	}{
		{"exact", []float64{1, 2}, []float64{1, 2}, 0, 0, 0},
		{"3-4-5", []float64{3, 0}, []float64{0, 4}, 12.5, math.Sqrt(12.5), 3.5},
		{"one value", []float64{-2}, []float64{1}, 9, 3, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mse, err := MSE(tc.pred, tc.actual)
			if err != nil {
				t.Fatal(err)
			}
			rmse, _ := RMSE(tc.pred, tc.actual)
			mae, _ := MAE(tc.pred, tc.actual)
			if mse != tc.mse || rmse != tc.rmse || mae != tc.mae {
				t.Errorf("MSE %v RMSE %v MAE %v, want %v %v %v", mse, rmse, mae, tc.mse, tc.rmse, tc.mae)
			}
		})
	}
	for _, bad := range [][2][]float64{
		{nil, nil},
		{{1}, {1, 2}},
		{{math.NaN()}, {1}},
		{{1}, {math.Inf(1)}},
	} {
		if _, err := MSE(bad[0], bad[1]); err == nil {
			t.Errorf("MSE(%v, %v) = nil error", bad[0], bad[1])
		}
		if _, err := MAE(bad[0], bad[1]); err == nil {
			t.Errorf("MAE(%v, %v) = nil error", bad[0], bad[1])
		}
	}
}

func TestLastValueBaseline(t *testing.T) {
	x, y, err := WindowValues([]float64{10, 11, 13, 12, 15}, 2)
	if err != nil {
		t.Fatal(err)
	}
	pred, err := LastValueBaseline(x, 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{11, 13, 12}; !reflect.DeepEqual(pred, want) {
		t.Errorf("baseline %v, want %v", pred, want)
	}
	actual, err := Targets(y)
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{13, 12, 15}; !reflect.DeepEqual(actual, want) {
		t.Errorf("targets %v, want %v", actual, want)
	}
	// Errors 2, -1, 3: MSE 14/3.
	if mse, _ := MSE(pred, actual); mse != 14.0/3 {
		t.Errorf("baseline MSE %v, want 14/3", mse)
	}
	if _, err := LastValueBaseline(x, 1); err == nil {
		t.Error("feature out of range accepted")
	}
	if _, err := LastValueBaseline([][][]float64{{}}, 0); err == nil {
		t.Error("empty window accepted")
	}
	if _, err := Targets([][][]float64{{{1, 2}}}); err == nil {
		t.Error("two-valued target accepted")
	}
}

func TestOneHot(t *testing.T) {
	v, seq, vec, err := OneHot("hello")
	if err != nil {
		t.Fatal(err)
	}
	if string(v.Runes) != "ehlo" {
		t.Errorf("vocab %q, want \"ehlo\"", string(v.Runes))
	}
	if want := []int{1, 0, 2, 2, 3}; !reflect.DeepEqual(seq, want) {
		t.Errorf("sequence %v, want %v", seq, want)
	}
	want := [][]float64{{0, 1, 0, 0}, {1, 0, 0, 0}, {0, 0, 1, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}
	if !reflect.DeepEqual(vec, want) {
		t.Errorf("one-hot %v, want %v", vec, want)
	}
	if s, err := v.Decode(seq); err != nil || s != "hello" {
		t.Errorf("Decode = %q, %v", s, err)
	}
	zh, seq, _, err := OneHot("循環神經網路循環")
	if err != nil {
		t.Fatal(err)
	}
	if zh.Size() != 6 || len(seq) != 8 || seq[0] != seq[6] {
		t.Errorf("zh vocab %q, sequence %v", string(zh.Runes), seq)
	}
	if _, _, _, err := OneHot(""); err == nil {
		t.Error("empty text accepted")
	}
	if _, err := v.Encode("help"); err == nil {
		t.Error("unknown character encoded")
	}
	if _, err := v.Decode([]int{4}); err == nil {
		t.Error("index out of range decoded")
	}
	if _, err := v.Vectors([]int{-1}); err == nil {
		t.Error("negative index encoded")
	}
	// A vocabulary decoded from JSON (no index map) still looks characters up.
	j := &Vocab{Runes: []rune("ab")}
	if k, ok := j.Index('b'); !ok || k != 1 {
		t.Errorf("Index('b') = %d, %v", k, ok)
	}
}

func TestVocabOf(t *testing.T) {
	v, err := VocabOf([]rune("abc我"))
	if err != nil {
		t.Fatal(err)
	}
	if k, ok := v.Index('我'); !ok || k != 3 || v.Size() != 4 {
		t.Errorf("Index(我) = %d, %v; size %d", k, ok, v.Size())
	}
	for _, bad := range [][]rune{nil, []rune("ba"), []rune("aa"), {'a', -1}, {'a', 0x110000}} {
		if _, err := VocabOf(bad); err == nil {
			t.Errorf("VocabOf(%q) accepted", bad)
		}
	}
}

func TestVocabOfChars(t *testing.T) {
	v, err := VocabOfChars([]string{"a", "b", "我"})
	if err != nil {
		t.Fatal(err)
	}
	if k, ok := v.Index('我'); !ok || k != 2 {
		t.Errorf("Index(我) = %d, %v", k, ok)
	}
	for _, bad := range [][]string{nil, {"a", ""}, {"ab"}, {"a", "\xff"}, {"b", "a"}} {
		if _, err := VocabOfChars(bad); err == nil {
			t.Errorf("VocabOfChars(%q) accepted", bad)
		}
	}
}
