package bridge

import (
	"math"
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
// trading day at or before index end; without one (explicit false) and with a
// scaler fitted on these days (fitDays > 0), the fit part's last day, so the
// default window's scaled inputs lie in [0, 1]. -1 if there is no such day.
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

// cutPrices validates a prices input and cuts the window of steps trading days
// ending at in.End (see the package documentation). With a non-nil scaler
// (a trained model's own) the window is scaled with it and an absent end means
// the last day; otherwise with one fitted on the series' training part, and an
// absent end means that part's last day (windowLast).
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
	fitFrac := in.FitFrac
	if fitFrac == 0 {
		fitFrac = 0.7
	}
	if !(fitFrac > 0 && fitFrac < 1) {
		return nil, badRequest("fit_frac %v is not in (0, 1)", fitFrac)
	}
	explicit := in.End != nil && *in.End >= 0
	end := len(in.Series) - 1
	if explicit {
		end = *in.End
	}
	if end >= len(in.Series) {
		return nil, badRequest("end %d is past the last day (%d)", end, len(in.Series)-1)
	}
	// Trading days: their indices in the request and their closes.
	var idx []int
	var closes []float64
	for k, p := range in.Series {
		if p == nil {
			continue
		}
		if math.IsNaN(*p) || math.IsInf(*p, 0) || *p <= 0 {
			return nil, newError(CodeBadPrices,
				"The close on "+in.Dates[k]+" is not a positive number.",
				in.Dates[k]+" 的收盤價不是正數。", map[string]any{"date": in.Dates[k]})
		}
		idx = append(idx, k)
		closes = append(closes, *p)
	}
	fitDays := 0 // 0: the model's own scaler
	if scaler == nil {
		fitDays = fitRows(len(closes), steps, fitFrac)
	}
	last := windowLast(idx, end, explicit, fitDays) // position (among trading days) of the window's last day
	if last+1 < steps {
		return nil, newError(CodePricesTooShort,
			"The window needs "+strconv.Itoa(steps)+" trading days but only "+strconv.Itoa(last+1)+" come before its end.",
			"這個視窗需要 "+strconv.Itoa(steps)+" 個交易日，但結束日之前只有 "+strconv.Itoa(last+1)+" 個。",
			map[string]any{"need": steps, "have": last + 1})
	}
	sc := scaler
	if sc == nil {
		var err error
		sc, err = series.FitMinMax(series.Column(closes[:fitDays]), []string{"close"})
		if err != nil {
			return nil, newError(CodeBadPrices, "The prices cannot be scaled: "+err.Error(), "股價無法縮放："+err.Error(), nil)
		}
	}
	first := last - steps + 1
	w := &priceWindow{scaler: sc}
	w.info = InputInfo{
		Kind:   "prices",
		Raw:    make([][]float64, steps),
		Scaled: make([][]float64, steps),
		Dates:  make([]string, steps),
		Scaler: &ScalerInfo{Min: sc.Min, Max: sc.Max, FitDays: fitDays},
		Window: &WindowInfo{Start: idx[first], End: idx[last]},
	}
	for k := 0; k < steps; k++ {
		v := closes[first+k]
		w.info.Raw[k] = []float64{v}
		w.info.Scaled[k] = []float64{sc.Scale(0, v)}
		w.info.Dates[k] = in.Dates[idx[first+k]]
	}
	if last+1 < len(closes) {
		v := closes[last+1]
		w.info.Next = &NextDayInfo{Date: in.Dates[idx[last+1]], Raw: v, Scaled: sc.Scale(0, v)}
	}
	return w, nil
}
