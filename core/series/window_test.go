package series

import (
	"math"
	"reflect"
	"testing"
)

func TestWindowValues(t *testing.T) {
	tests := []struct {
		name   string
		values []float64
		steps  int
		wantX  [][][]float64
		wantY  [][][]float64
	}{
		{
			name:   "three steps",
			values: []float64{1, 2, 3, 4, 5},
			steps:  3,
			wantX:  [][][]float64{{{1}, {2}, {3}}, {{2}, {3}, {4}}},
			wantY:  [][][]float64{{{4}}, {{5}}},
		},
		{
			name:   "one step",
			values: []float64{0.5, -1, 2},
			steps:  1,
			wantX:  [][][]float64{{{0.5}}, {{-1}}},
			wantY:  [][][]float64{{{-1}}, {{2}}},
		},
		{
			name:   "exactly one window",
			values: []float64{7, 8, 9},
			steps:  2,
			wantX:  [][][]float64{{{7}, {8}}},
			wantY:  [][][]float64{{{9}}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x, y, err := WindowValues(tc.values, tc.steps)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(x, tc.wantX) || !reflect.DeepEqual(y, tc.wantY) {
				t.Errorf("got X=%v Y=%v, want X=%v Y=%v", x, y, tc.wantX, tc.wantY)
			}
		})
	}
}

func TestWindowFeatures(t *testing.T) {
	rows := [][]float64{{1, 10}, {2, 20}, {3, 30}, {4, 40}}
	x, y, err := Window(rows, 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	wantX := [][][]float64{{{1, 10}, {2, 20}}, {{2, 20}, {3, 30}}}
	wantY := [][][]float64{{{30}}, {{40}}}
	if !reflect.DeepEqual(x, wantX) || !reflect.DeepEqual(y, wantY) {
		t.Fatalf("got X=%v Y=%v", x, y)
	}
	// The windows are copies: changing them leaves rows alone.
	x[0][0][0] = 99
	if rows[0][0] != 1 {
		t.Error("Window aliases its input")
	}
}

func TestWindowErrors(t *testing.T) {
	tests := []struct {
		name   string
		rows   [][]float64
		steps  int
		target int
	}{
		{"zero steps", [][]float64{{1}, {2}}, 0, 0},
		{"negative steps", [][]float64{{1}, {2}}, -1, 0},
		{"too short", [][]float64{{1}, {2}, {3}}, 3, 0},
		{"empty", nil, 1, 0},
		{"no features", [][]float64{{}, {}}, 1, 0},
		{"ragged", [][]float64{{1, 2}, {3}}, 1, 0},
		{"NaN", [][]float64{{1}, {math.NaN()}, {3}}, 1, 0},
		{"Inf", [][]float64{{1}, {math.Inf(-1)}, {3}}, 1, 0},
		{"target out of range", [][]float64{{1}, {2}, {3}}, 1, 1},
		{"negative target", [][]float64{{1}, {2}, {3}}, 1, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, err := Window(tc.rows, tc.steps, tc.target); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name       string
		n          int
		train, val float64
		want       Parts
	}{
		{"70/15/15 of 100", 100, 0.7, 0.15, Parts{Range{0, 70}, Range{70, 85}, Range{85, 100}}},
		{"70/15/15 of 990", 990, 0.7, 0.15, Parts{Range{0, 693}, Range{693, 841}, Range{841, 990}}},
		{"no validation", 10, 0.8, 0, Parts{Range{0, 8}, Range{8, 8}, Range{8, 10}}},
		{"rounds down", 7, 0.5, 0.25, Parts{Range{0, 3}, Range{3, 4}, Range{4, 7}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Split(tc.n, tc.train, tc.val)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
	bad := []struct {
		name       string
		n          int
		train, val float64
	}{
		{"zero items", 0, 0.7, 0.15},
		{"train zero", 10, 0, 0.15},
		{"sum one", 10, 0.85, 0.15},
		{"NaN", 10, math.NaN(), 0.1},
		{"negative val", 10, 0.7, -0.1},
		{"empty test", 3, 0.7, 0.3 - 1e-3},
		{"empty val", 3, 0.34, 0.1},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Split(tc.n, tc.train, tc.val); err == nil {
				t.Error("no error")
			}
		})
	}
}
