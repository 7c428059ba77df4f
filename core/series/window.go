package series

import (
	"errors"
	"math"

	"unroll/core/msg"
)

// Column turns a single series into rows of one feature: values[k] → [values[k]].
func Column(values []float64) [][]float64 {
	rows := make([][]float64, len(values))
	flat := make([]float64, len(values))
	copy(flat, values)
	for k := range rows {
		rows[k] = flat[k : k+1 : k+1]
	}
	return rows
}

// CheckRows reports an error unless rows is a non-empty rectangular table of
// finite numbers with at least one feature.
func CheckRows(rows [][]float64) error {
	if len(rows) == 0 {
		return errors.New("series: empty series")
	}
	features := len(rows[0])
	if features == 0 {
		return errors.New("series: rows have no features")
	}
	for k, row := range rows {
		if len(row) != features {
			return msg.Errorf("series: row %d has %d features, want %d", k, len(row), features)
		}
		for j, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return msg.Errorf("series: row %d feature %d is %v", k, j, v)
			}
		}
	}
	return nil
}

// Window cuts rows ([time][features]) into every window of steps consecutive
// rows and the value of feature target in the row that follows it:
//
//	X[k] = rows[k : k+steps]          [steps][features]
//	Y[k] = [[rows[k+steps][target]]]  [1][1]
//
// for k = 0 … len(rows)-steps-1, so there are len(rows)-steps windows. The
// windows are copies; rows is not retained.
func Window(rows [][]float64, steps, target int) (x, y [][][]float64, err error) {
	if steps <= 0 {
		return nil, nil, msg.Errorf("series: steps must be positive, got %d", steps)
	}
	if err := CheckRows(rows); err != nil {
		return nil, nil, err
	}
	features := len(rows[0])
	if target < 0 || target >= features {
		return nil, nil, msg.Errorf("series: target feature %d out of range 0..%d", target, features-1)
	}
	n := len(rows) - steps
	if n <= 0 {
		return nil, nil, msg.Errorf("series: %d rows are too few for one window of %d steps (need %d)", len(rows), steps, steps+1)
	}
	x = make([][][]float64, n)
	y = make([][][]float64, n)
	xflat := make([]float64, n*steps*features)
	xrows := make([][]float64, n*steps)
	yflat := make([]float64, n)
	yrows := make([][]float64, n)
	for k := 0; k < n; k++ {
		for s := 0; s < steps; s++ {
			r := xflat[(k*steps+s)*features : (k*steps+s+1)*features : (k*steps+s+1)*features]
			copy(r, rows[k+s])
			xrows[k*steps+s] = r
		}
		x[k] = xrows[k*steps : (k+1)*steps : (k+1)*steps]
		yflat[k] = rows[k+steps][target]
		yrows[k] = yflat[k : k+1 : k+1]
		y[k] = yrows[k : k+1 : k+1]
	}
	return x, y, nil
}

// WindowValues is Window for a single series (one feature, the target).
func WindowValues(values []float64, steps int) (x, y [][][]float64, err error) {
	return Window(Column(values), steps, 0)
}
