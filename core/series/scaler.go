package series

import (
	"errors"
	"math"

	"unroll/core/msg"
)

// MinMaxScaler maps each feature linearly onto [0, 1] using the minimum and
// maximum seen when it was fitted (scikit-learn's MinMaxScaler with its
// default range):
//
//	x' = (x - Min[j]) / (Max[j] - Min[j])
//
// A constant feature (Max[j] == Min[j]) is only shifted: x' = x - Min[j], as
// scikit-learn does, so it maps to 0 and inverts exactly.
//
// Fit it on the training part only. Values outside the fitted range map
// outside [0, 1]; that is expected for a later part of a series.
// The exported fields are its JSON form, stored in a model file.
type MinMaxScaler struct {
	Features []string  `json:"features,omitempty"` // feature names, e.g. "close"; optional
	Min      []float64 `json:"min"`                // per feature, from the fitted rows
	Max      []float64 `json:"max"`                // per feature, from the fitted rows

	// Rows is how many rows it was fitted on (FitMinMax records it; 0 in a
	// scaler that does not say). First and Last, when the caller knows them,
	// name the first and last of those rows (for daily prices, their dates
	// YYYY-MM-DD). They record what the scaler saw; scaling ignores them.
	Rows  int    `json:"rows,omitempty"`
	First string `json:"first,omitempty"`
	Last  string `json:"last,omitempty"`

	// Of names what a single-feature scaler scales when it is not
	// the value itself: TargetRelative (each window's closes relative to its
	// last close) or TargetLogRet (daily log returns); "" for the values.
	Of string `json:"of,omitempty"`
}

// FitMinMax fits a scaler on rows ([time][features]); pass the training part
// only. features names the columns and may be nil.
func FitMinMax(rows [][]float64, features []string) (*MinMaxScaler, error) {
	if err := CheckRows(rows); err != nil {
		return nil, err
	}
	nf := len(rows[0])
	if features != nil && len(features) != nf {
		return nil, msg.Errorf("series: %d feature names for %d features", len(features), nf)
	}
	s := &MinMaxScaler{Min: make([]float64, nf), Max: make([]float64, nf), Rows: len(rows)}
	if features != nil {
		s.Features = append([]string(nil), features...)
	}
	copy(s.Min, rows[0])
	copy(s.Max, rows[0])
	for _, row := range rows[1:] {
		for j, v := range row {
			s.Min[j] = math.Min(s.Min[j], v)
			s.Max[j] = math.Max(s.Max[j], v)
		}
	}
	return s, nil
}

// Validate reports an error unless the scaler is usable: as many minima as
// maxima (and names, if any), all finite, Min ≤ Max.
func (s *MinMaxScaler) Validate() error {
	if s == nil {
		return errors.New("series: nil scaler")
	}
	if len(s.Min) == 0 || len(s.Min) != len(s.Max) {
		return msg.Errorf("series: scaler has %d minima and %d maxima", len(s.Min), len(s.Max))
	}
	if s.Features != nil && len(s.Features) != len(s.Min) {
		return msg.Errorf("series: scaler has %d feature names for %d features", len(s.Features), len(s.Min))
	}
	if s.Of != "" && (len(s.Min) != 1 || (s.Of != TargetRelative && s.Of != TargetLogRet)) {
		return msg.Errorf("series: scaler of %q on %d features", s.Of, len(s.Min))
	}
	if s.Rows < 0 {
		return msg.Errorf("series: scaler fitted on %d rows", s.Rows)
	}
	for j := range s.Min {
		lo, hi := s.Min[j], s.Max[j]
		if math.IsNaN(lo) || math.IsInf(lo, 0) || math.IsNaN(hi) || math.IsInf(hi, 0) {
			return msg.Errorf("series: scaler feature %d range [%v, %v] is not finite", j, lo, hi)
		}
		if lo > hi {
			return msg.Errorf("series: scaler feature %d has min %v > max %v", j, lo, hi)
		}
	}
	return nil
}

// NumFeatures is the number of features the scaler was fitted on.
func (s *MinMaxScaler) NumFeatures() int { return len(s.Min) }

// span is the divisor of feature j: its range, or 1 for a constant feature.
func (s *MinMaxScaler) span(j int) float64 {
	if d := s.Max[j] - s.Min[j]; d > 0 {
		return d
	}
	return 1
}

// Scale maps one value of feature j onto the scaled range.
func (s *MinMaxScaler) Scale(j int, v float64) float64 { return (v - s.Min[j]) / s.span(j) }

// Unscale maps one scaled value of feature j back to its original units.
func (s *MinMaxScaler) Unscale(j int, v float64) float64 { return v*s.span(j) + s.Min[j] }

// Transform returns scaled copies of rows ([time][features]).
func (s *MinMaxScaler) Transform(rows [][]float64) ([][]float64, error) {
	return s.apply(rows, s.Scale)
}

// Inverse returns rows mapped back to their original units.
func (s *MinMaxScaler) Inverse(rows [][]float64) ([][]float64, error) {
	return s.apply(rows, s.Unscale)
}

func (s *MinMaxScaler) apply(rows [][]float64, f func(int, float64) float64) ([][]float64, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if err := CheckRows(rows); err != nil {
		return nil, err
	}
	if len(rows[0]) != len(s.Min) {
		return nil, msg.Errorf("series: rows have %d features, scaler has %d", len(rows[0]), len(s.Min))
	}
	nf := len(s.Min)
	flat := make([]float64, len(rows)*nf)
	out := make([][]float64, len(rows))
	for k, row := range rows {
		r := flat[k*nf : (k+1)*nf : (k+1)*nf]
		for j, v := range row {
			r[j] = f(j, v)
		}
		out[k] = r
	}
	return out, nil
}

// UnscaleValues maps scaled values of feature j back to original units.
func (s *MinMaxScaler) UnscaleValues(j int, values []float64) ([]float64, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if j < 0 || j >= len(s.Min) {
		return nil, msg.Errorf("series: feature %d out of range 0..%d", j, len(s.Min)-1)
	}
	out := make([]float64, len(values))
	for k, v := range values {
		out[k] = s.Unscale(j, v)
	}
	return out, nil
}
