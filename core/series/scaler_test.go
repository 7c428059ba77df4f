package series

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

func TestMinMaxScaler(t *testing.T) {
	rows := [][]float64{{10, 5, 1}, {20, 5, 3}, {15, 5, 2}}
	s, err := FitMinMax(rows, []string{"close", "flat", "volume"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s.Min, []float64{10, 5, 1}) || !reflect.DeepEqual(s.Max, []float64{20, 5, 3}) {
		t.Fatalf("fit min %v max %v", s.Min, s.Max)
	}
	tests := []struct {
		name string
		in   [][]float64
		want [][]float64
	}{
		{"fitted rows", rows, [][]float64{{0, 0, 0}, {1, 0, 1}, {0.5, 0, 0.5}}},
		// Outside the fitted range maps outside [0, 1]; a constant column only shifts.
		{"beyond the range", [][]float64{{30, 7, 0}}, [][]float64{{2, 2, -0.5}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Transform(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Transform = %v, want %v", got, tc.want)
			}
			back, err := s.Inverse(got)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, tc.in) {
				t.Errorf("Inverse = %v, want %v", back, tc.in)
			}
		})
	}
}

func TestMinMaxScalerJSON(t *testing.T) {
	s, err := FitMinMax([][]float64{{0.1}, {1234.5678901234567}}, []string{"close"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"features":["close"],"min":[0.1],"max":[1234.5678901234567],"rows":2}`; string(b) != want {
		t.Errorf("JSON %s, want %s", b, want)
	}
	var back MinMaxScaler
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, s) {
		t.Errorf("round trip %+v, want %+v", back, *s)
	}
	// The fitted rows' first and last dates, when set, travel with it.
	s.First, s.Last = "2024-01-02", "2024-01-03"
	b, _ = json.Marshal(s)
	back = MinMaxScaler{}
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(&back, s) {
		t.Errorf("round trip of %s: %+v, %v", b, back, err)
	}
	// A scaler that does not say how many rows it saw still reads (rows 0).
	back = MinMaxScaler{}
	if err := json.Unmarshal([]byte(`{"min":[1],"max":[2]}`), &back); err != nil || back.Rows != 0 || back.Validate() != nil {
		t.Errorf("scaler without rows: %+v, %v", back, err)
	}
}

func TestMinMaxScalerErrors(t *testing.T) {
	if _, err := FitMinMax([][]float64{{1}, {math.NaN()}}, nil); err == nil {
		t.Error("NaN fitted")
	}
	if _, err := FitMinMax([][]float64{{1, 2}}, []string{"close"}); err == nil {
		t.Error("wrong number of names accepted")
	}
	s := &MinMaxScaler{Min: []float64{0}, Max: []float64{1}}
	if _, err := s.Transform([][]float64{{1, 2}}); err == nil {
		t.Error("wrong feature count accepted")
	}
	for _, bad := range []*MinMaxScaler{
		nil,
		{},
		{Min: []float64{2}, Max: []float64{1}},
		{Min: []float64{0, 1}, Max: []float64{1}},
		{Min: []float64{math.Inf(-1)}, Max: []float64{1}},
		{Features: []string{"a", "b"}, Min: []float64{0}, Max: []float64{1}},
		{Min: []float64{0}, Max: []float64{1}, Rows: -1},
	} {
		if err := bad.Validate(); err == nil {
			t.Errorf("Validate(%+v) = nil", bad)
		}
	}
}

// TestPrepareFitsTrainingOnly checks that the scaler sees only the rows the
// training windows read: an extreme value later in the series changes
// nothing in the fit, and the last training target is included.
func TestPrepareFitsTrainingOnly(t *testing.T) {
	rows := Column([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
	// 12 rows, steps 2 → 10 windows; 60/20/20 → train windows 0..5 read rows 0..7.
	p, err := Prepare(rows, []string{"close"}, 2, 0, 0.6, 0.2)
	if err != nil {
		t.Fatal(err)
	}
	if p.FitRows != 8 || p.Scaler.Rows != 8 || p.Scaler.Min[0] != 1 || p.Scaler.Max[0] != 8 {
		t.Fatalf("fit on %d rows (scaler says %d), range [%v, %v]; want 8 rows, [1, 8]", p.FitRows, p.Scaler.Rows, p.Scaler.Min[0], p.Scaler.Max[0])
	}
	want := Parts{Range{0, 6}, Range{6, 8}, Range{8, 10}}
	if p.Parts != want {
		t.Errorf("parts %+v, want %+v", p.Parts, want)
	}
	spiked := Column([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 1e6})
	q, err := Prepare(spiked, []string{"close"}, 2, 0, 0.6, 0.2)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(q.Scaler, p.Scaler) {
		t.Errorf("a later extreme value changed the fit: %+v vs %+v", q.Scaler, p.Scaler)
	}
	// Window 0: rows 1, 2 → 3, scaled by (v-1)/7.
	if !reflect.DeepEqual(p.X[0], [][]float64{{0}, {1.0 / 7}}) || p.Y[0][0][0] != 2.0/7 {
		t.Errorf("window 0 = %v → %v", p.X[0], p.Y[0])
	}
	if p.Actual[9] != 12 || p.Last[9] != 11 {
		t.Errorf("last window actual %v, baseline %v; want 12, 11", p.Actual[9], p.Last[9])
	}
	x, y := p.Slice(p.Parts.Test)
	if len(x) != 2 || len(y) != 2 || y[1][0][0] != 11.0/7 {
		t.Errorf("test slice %v → %v", x, y)
	}
}

func TestPrepareErrors(t *testing.T) {
	if _, err := Prepare(Column([]float64{1, 2, 3}), nil, 2, 0, 0.7, 0.15); err == nil {
		t.Error("one window split three ways")
	}
	if _, err := Prepare(Column([]float64{1, 2, 3}), nil, 0, 0, 0.7, 0.15); err == nil {
		t.Error("zero steps accepted")
	}
}
