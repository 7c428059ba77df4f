package lecture

import (
	"slices"
	"strconv"

	"unroll/core/series"
)

// Window is a window of daily prices for the step-through view: steps
// trading days of the given features, scaled as training scales them.
type Window struct {
	Raw, Scaled [][]float64 // [steps][features]: in NT$ (volume in shares), and what the model sees
	Dates       []string    // [steps]
	Features    []string
	Target      int                  // the feature the model predicts (the close)
	Scaler      *series.MinMaxScaler // the scaler that scaled it
	// FitDays are the leading trading days the scaler was fitted on,
	// FitFirst and FitLast their dates (0 and "" when a model's own scaler
	// does not say); Own is true for a model's own scaler.
	FitDays           int
	FitFirst, FitLast string
	Own               bool
	Start, End        int      // the window's first and last day, indices into the dates given
	Next              *NextDay // the trading day after the window, if known
	// Of is what the model reads, when not the prices themselves: the
	// scaler's Of (window: each close relative to the window's last close;
	// logret: the day's log return), the target of a forecast (forecast.go).
	Of string
}

// Close is the close a model's output o stands for: o unscaled, turned back
// from the forecast target with the window's last close.
func (w *Window) Close(o float64) float64 {
	return series.ToClose(w.Of, w.Raw[len(w.Raw)-1][w.Target], w.Scaler.Unscale(w.Target, o))
}

// read is the value of day d (an index into rows) that a model reading
// w.Of sees in a window whose last day is last: the scaled close, its ratio
// to the last close minus 1, or its log return, scaled.
func (w *Window) read(rows [][]float64, d, last, k int) float64 {
	v := rows[d][k]
	switch w.Of {
	case series.TargetRelative:
		v = series.FromClose(w.Of, rows[last][k], v)
	case series.TargetLogRet:
		v = series.FromClose(w.Of, rows[d-1][k], v)
	}
	return w.Scaler.Scale(k, v)
}

// NextDay is the trading day after a window: what a prediction is compared
// with (the target feature, raw and scaled).
type NextDay struct {
	Date        string
	Raw, Scaled float64
}

// CutWindow cuts the window of steps trading days ending at index end of
// s.Dates (the last trading day at or before it; end < 0: none given) from
// the columns named by features, dropping days where any of them is null.
// It scales the window with own, a model's own scaler, or when own is nil
// with one fitted on the first fitFrac of the windows these days make, as
// series.Prepare fits it for training (0 means TrainFrac). Without an end
// the window ends on the last day that scaler saw, so its scaled values lie
// in [0, 1] and the next day is known.
func CutWindow(s Series, features []string, steps, end int, fitFrac float64, own *series.MinMaxScaler) (*Window, error) {
	if fitFrac == 0 {
		fitFrac = TrainFrac
	}
	if !(fitFrac > 0 && fitFrac < 1) {
		return nil, BadRequest("fit_frac %v is not in (0, 1)", fitFrac)
	}
	explicit := end >= 0
	if !explicit {
		end = len(s.Dates) - 1
	}
	if end >= len(s.Dates) {
		return nil, BadRequest("end %d is past the last day (%d)", end, len(s.Dates)-1)
	}
	rows, idx, err := FeatureRows(s, features)
	if err != nil {
		return nil, err
	}
	w := &Window{Features: slices.Clone(features), Target: max(slices.Index(features, Target), 0), Scaler: own}
	before := 0 // days a window needs before its first: one for a log return
	if own != nil && own.Of != "" {
		if !slices.Equal(features, []string{Target}) {
			return nil, Mismatch(len(features))
		}
		w.Of = own.Of
		if w.Of == series.TargetLogRet {
			before = 1
		}
	}
	seen := 0 // leading trading days the scaler saw
	if own == nil {
		w.FitDays = fitRows(len(rows), steps, fitFrac)
		seen = w.FitDays
	} else {
		w.FitDays, w.FitFirst, w.FitLast, w.Own = own.Rows, own.First, own.Last, true
		seen = seenDays(own, idx, s.Dates, steps)
	}
	last := windowLast(idx, end, explicit, seen)
	if last+1 < steps+before {
		need, have := strconv.Itoa(steps+before), strconv.Itoa(last+1)
		return nil, NewError(CodePricesTooShort,
			"The window needs "+need+" trading days but only "+have+" come before its end.",
			"這個視窗需要 "+need+" 個交易日，但結束日之前只有 "+have+" 個。",
			map[string]any{"need": steps + before, "have": last + 1})
	}
	if own == nil {
		if w.Scaler, err = series.FitMinMax(rows[:w.FitDays], features); err != nil {
			return nil, NewError(CodeBadPrices, "The prices cannot be scaled: "+err.Error(), "股價無法縮放："+err.Error(), nil)
		}
		w.FitFirst, w.FitLast = s.Dates[idx[0]], s.Dates[idx[w.FitDays-1]]
	}
	first := last - steps + 1
	w.Start, w.End = idx[first], idx[last]
	for t := range steps {
		row := rows[first+t]
		scaled := make([]float64, len(row))
		for k := range row {
			scaled[k] = w.read(rows, first+t, last, k)
		}
		w.Raw, w.Scaled = append(w.Raw, row), append(w.Scaled, scaled)
		w.Dates = append(w.Dates, s.Dates[idx[first+t]])
	}
	if last+1 < len(rows) {
		v := rows[last+1][w.Target]
		w.Next = &NextDay{Date: s.Dates[idx[last+1]], Raw: v, Scaled: w.read(rows, last+1, last, w.Target)}
	}
	return w, nil
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
