package series

import (
	"math"

	"unroll/core/msg"
)

// The targets a price forecast may train on besides the prices themselves.
// Both are computed from the closes alone, each value from days at or
// before the one it describes:
//
//	relative window:  x_t = c_t / c_T − 1 for the window's days t = 1 … T, target c_{T+1} / c_T − 1
//	log return:       r_t = ln(c_t / c_{t−1}), windows of T returns, target the next return
//
// and a prediction v of either turns back into a close with ToClose.

// RelativeWindows cuts closes into every window of steps closes divided by
// the window's own last close, minus 1, with the next close relative to that
// last close as the target: X [n][steps][1], Y [n][1][1], n = len(closes) −
// steps; last[k] is window k's last close c_T (in the closes' units).
func RelativeWindows(closes []float64, steps int) (x, y [][][]float64, last []float64, err error) {
	if x, y, err = WindowValues(closes, steps); err != nil {
		return nil, nil, nil, err
	}
	last = make([]float64, len(x))
	for k, w := range x {
		c := w[steps-1][0]
		if !(c > 0) {
			return nil, nil, nil, msg.Errorf("series: close %v at row %d is not positive", c, k+steps-1)
		}
		for _, row := range w {
			row[0] = row[0]/c - 1
		}
		y[k][0][0] = y[k][0][0]/c - 1
		last[k] = c
	}
	return x, y, last, nil
}

// LogReturns are the daily log returns ln(c_{k+1} / c_k), one fewer than the
// closes, which must be positive.
func LogReturns(closes []float64) ([]float64, error) {
	if len(closes) < 2 {
		return nil, msg.Errorf("series: %d closes give no return", len(closes))
	}
	r := make([]float64, len(closes)-1)
	for k := range r {
		a, b := closes[k], closes[k+1]
		if !(a > 0) || !(b > 0) || bad(a) || bad(b) {
			return nil, msg.Errorf("series: closes %v, %v at rows %d, %d are not positive numbers", a, b, k, k+1)
		}
		r[k] = math.Log(b / a)
	}
	return r, nil
}

// Target transforms, by name: how a target value relates to the next close
// c_{T+1} and the window's last close c_T.
const (
	TargetPrice    = "price"  // the close itself
	TargetRelative = "window" // c_{T+1} / c_T − 1
	TargetLogRet   = "logret" // ln(c_{T+1} / c_T)
)

// ToClose turns a target value v of the given kind back into a close, given
// the window's last close: v itself, last·(1 + v) or last·exp(v).
func ToClose(kind string, last, v float64) float64 {
	switch kind {
	case TargetRelative:
		return last * (1 + v)
	case TargetLogRet:
		return last * math.Exp(v)
	}
	return v
}

// FromClose is ToClose's inverse: the target value of the close next given
// the window's last close.
func FromClose(kind string, last, next float64) float64 {
	switch kind {
	case TargetRelative:
		return next/last - 1
	case TargetLogRet:
		return math.Log(next / last)
	}
	return next
}

// FitWindows fits a MinMaxScaler on every value of the windows x[:upto]
// (all features) and of their targets y[:upto] (feature target), and on the
// inputs of window upto when inputs is true (the days known when window
// upto is predicted). On price windows this is FitMinMax of the rows those
// windows read.
func FitWindows(x, y [][][]float64, upto, target int, inputs bool, features []string) (*MinMaxScaler, error) {
	if upto < 1 || upto > len(x) || (inputs && upto >= len(x)) {
		return nil, msg.Errorf("series: cannot fit on %d of %d windows", upto, len(x))
	}
	nf := len(x[0][0])
	s := &MinMaxScaler{Min: make([]float64, nf), Max: make([]float64, nf)}
	if features != nil {
		s.Features = append([]string(nil), features...)
	}
	copy(s.Min, x[0][0])
	copy(s.Max, x[0][0])
	see := func(j int, v float64) {
		s.Min[j], s.Max[j] = math.Min(s.Min[j], v), math.Max(s.Max[j], v)
	}
	last := upto
	if inputs {
		last++
	}
	for k, w := range x[:last] {
		for _, row := range w {
			for j, v := range row {
				see(j, v)
			}
		}
		if k < upto {
			see(target, y[k][0][0])
		}
	}
	return s, nil
}

// ScaleWindows returns scaled copies of windows ([n][steps][features], or
// targets [n][1][1] of feature target when target ≥ 0).
func (s *MinMaxScaler) ScaleWindows(w [][][]float64, target int) [][][]float64 {
	out := make([][][]float64, len(w))
	for k, win := range w {
		out[k] = make([][]float64, len(win))
		for t, row := range win {
			r := make([]float64, len(row))
			for i, v := range row {
				j := i
				if target >= 0 {
					j = target
				}
				r[i] = s.Scale(j, v)
			}
			out[k][t] = r
		}
	}
	return out
}
