package bridge

import (
	"strconv"

	"unroll/core/series"
)

// priceWindow is a window of closing prices cut from a fetched series, with
// the min-max scaler that turned it into what the model sees.
type priceWindow struct {
	info   InputInfo
	scaler *series.MinMaxScaler
	target int // the scaler's feature the model predicts (close)
}

// fitRows is how many leading trading days the scaler is fitted on: the rows
// that the training windows would read if the n days were windowed into steps
// and split in time order with fitFrac for training (series.Prepare's rule),
// so the page scales a window exactly as training scales it. With too few
// days for a split, every day is used.
func fitRows(n, steps int, fitFrac float64) int {
	parts, err := series.Split(n-steps, fitFrac, 0)
	if err != nil {
		return n
	}
	return parts.Train.End + steps
}

// windowLast is the position, among the trading days idx (indices into the
// request's arrays), of the window's last day: with an explicit end, the last
// trading day at or before index end; without one (explicit false) and with
// fitDays > 0, the last of the first fitDays trading days, the ones the
// scaler saw (fitted here, or the model's own scaler's training part:
// seenDays), so the default window's scaled inputs lie in [0, 1] and the
// next day is known; else the last day. -1 if there is no such day.
func windowLast(idx []int, end int, explicit bool, fitDays int) int {
	if !explicit && fitDays > 0 {
		return min(fitDays, len(idx)) - 1
	}
	last := -1
	for pos, k := range idx {
		if k <= end {
			last = pos
		}
	}
	return last
}

// seenDays is how many leading trading days of a request (idx into dates) a
// model's own scaler saw: those on or before the last day it was fitted on
// (sc.Last), when a window of steps days ends there; 0 when the scaler does
// not name that day or the series starts too late for such a window.
func seenDays(sc *series.MinMaxScaler, idx []int, dates []string, steps int) int {
	if sc.Last == "" {
		return 0
	}
	n := 0
	for _, k := range idx {
		if dates[k] > sc.Last {
			break
		}
		n++
	}
	if n < steps {
		return 0
	}
	return n
}

// cutPrices validates a prices input and cuts the window of steps trading days
// ending at in.End (see the package documentation). With a non-nil scaler
// (a trained model's own) the window is scaled with it, otherwise with one
// fitted on the series' training part; an absent end means the last day
// that scaler saw (windowLast).
func cutPrices(in *Input, steps int, scaler *series.MinMaxScaler) (*priceWindow, error) {
	if len(in.Series) == 0 {
		return nil, newError(CodePricesTooShort, "There are no prices to show.", "沒有可顯示的股價。",
			map[string]any{"need": steps, "have": 0})
	}
	if len(in.Dates) != len(in.Series) {
		return nil, newError(CodeBadPrices,
			"The prices and their dates differ in number ("+strconv.Itoa(len(in.Series))+" and "+strconv.Itoa(len(in.Dates))+").",
			"股價與日期的筆數不同（"+strconv.Itoa(len(in.Series))+" 與 "+strconv.Itoa(len(in.Dates))+"）。", nil)
	}
	return cutWindow(in, steps, scaler, []string{"close"})
}
