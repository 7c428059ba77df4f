package series

import (
	"errors"
	"math"

	"unroll/core/msg"
)

// MSE is the mean squared error (1/n) Σ (pred_k − actual_k)².
func MSE(pred, actual []float64) (float64, error) {
	if err := checkPair(pred, actual); err != nil {
		return 0, err
	}
	var sum float64
	for k := range pred {
		d := pred[k] - actual[k]
		sum += d * d
	}
	return sum / float64(len(pred)), nil
}

// RMSE is the root mean squared error √MSE, in the units of the values.
func RMSE(pred, actual []float64) (float64, error) {
	mse, err := MSE(pred, actual)
	return math.Sqrt(mse), err
}

// MAE is the mean absolute error (1/n) Σ |pred_k − actual_k|.
func MAE(pred, actual []float64) (float64, error) {
	if err := checkPair(pred, actual); err != nil {
		return 0, err
	}
	var sum float64
	for k := range pred {
		sum += math.Abs(pred[k] - actual[k])
	}
	return sum / float64(len(pred)), nil
}

func checkPair(pred, actual []float64) error {
	if len(pred) == 0 {
		return errors.New("series: no values to compare")
	}
	if len(pred) != len(actual) {
		return msg.Errorf("series: %d predictions for %d actual values", len(pred), len(actual))
	}
	for k := range pred {
		if bad(pred[k]) || bad(actual[k]) {
			return msg.Errorf("series: value %d is not finite (prediction %v, actual %v)", k, pred[k], actual[k])
		}
	}
	return nil
}

func bad(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }

// LastValueBaseline predicts, for each window of x ([n][steps][features]),
// that the next value of feature equals its value at the window's last step:
// tomorrow's close = today's close. Any model worth training must beat it.
func LastValueBaseline(x [][][]float64, feature int) ([]float64, error) {
	out := make([]float64, len(x))
	for k, w := range x {
		if len(w) == 0 {
			return nil, msg.Errorf("series: window %d is empty", k)
		}
		last := w[len(w)-1]
		if feature < 0 || feature >= len(last) {
			return nil, msg.Errorf("series: feature %d out of range in window %d", feature, k)
		}
		out[k] = last[feature]
	}
	return out, nil
}

// Targets flattens targets or predictions y ([n][1][1], or [n][T][1], when it
// takes the last step) into one value per window.
func Targets(y [][][]float64) ([]float64, error) {
	out := make([]float64, len(y))
	for k, w := range y {
		if len(w) == 0 || len(w[len(w)-1]) != 1 {
			return nil, msg.Errorf("series: target %d is not a single value", k)
		}
		out[k] = w[len(w)-1][0]
	}
	return out, nil
}

// Argmax is the index of the first largest value: the top-1 class of a
// distribution, of logits or of counts.
func Argmax[T int | float64](v []T) int {
	k := 0
	for i, x := range v {
		if x > v[k] {
			k = i
		}
	}
	return k
}

// Correlation is Pearson's correlation coefficient of a and b (equal
// lengths, at least 2); 0 when either is constant.
func Correlation(a, b []float64) (float64, error) {
	if err := checkPair(a, b); err != nil {
		return 0, err
	}
	if len(a) < 2 {
		return 0, errors.New("series: a correlation needs two values")
	}
	var ma, mb float64
	for k := range a {
		ma += a[k]
		mb += b[k]
	}
	ma /= float64(len(a))
	mb /= float64(len(b))
	var sab, saa, sbb float64
	for k := range a {
		da, db := a[k]-ma, b[k]-mb
		sab += da * db
		saa += da * da
		sbb += db * db
	}
	if saa == 0 || sbb == 0 {
		return 0, nil
	}
	return sab / math.Sqrt(saa*sbb), nil
}

// Direction scores calls of up or down: for each k where actual[k] differs
// from last[k] (the close moved), whether pred[k] − last[k] has the sign of
// actual[k] − last[k] (a prediction equal to last calls nothing and is
// wrong), and how often "up" alone would be right. days counts the moves.
func Direction(pred, actual, last []float64) (acc, up float64, days int, err error) {
	if err = checkPair(pred, actual); err != nil {
		return 0, 0, 0, err
	}
	if err = checkPair(last, actual); err != nil {
		return 0, 0, 0, err
	}
	right, ups := 0, 0
	for k := range actual {
		move := actual[k] - last[k]
		if move == 0 {
			continue
		}
		days++
		if move > 0 {
			ups++
		}
		if call := pred[k] - last[k]; call*move > 0 {
			right++
		}
	}
	if days == 0 {
		return 0, 0, 0, nil
	}
	return float64(right) / float64(days), float64(ups) / float64(days), days, nil
}
