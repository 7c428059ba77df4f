package bridge

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"unroll/core/series"
)

// cutPriceColumns is cutPrices for a model that reads several values per day
// (INPUT_SIZE > 1): the features are the scaler's (a trained model's own), or
// open, high, low, close, volume for a model of five inputs without one. Days
// where any feature is null are dropped, as training drops them; the window is
// the steps trading days ending at in.End, scaled with the model's scaler or
// with one fitted on the training part of these days (an absent end: the last
// day that scaler saw; windowLast).
func cutPriceColumns(in *Input, steps int, scaler *series.MinMaxScaler, inputs int) (*priceWindow, error) {
	features := Features
	if scaler != nil && len(scaler.Features) == inputs {
		features = scaler.Features
	}
	if len(features) != inputs {
		return nil, newError(CodeInputMismatch,
			fmt.Sprintf("This model reads %d values per day; prices give open, high, low, close and volume (5).", inputs),
			fmt.Sprintf("這個模型每天讀取 %d 個值；股價只有開盤、最高、最低、收盤與成交量（5 個）。", inputs),
			map[string]any{"have": len(Features), "want": inputs})
	}
	return cutWindow(in, steps, scaler, features)
}

// featureZh names a price column in Chinese, for messages.
var featureZh = map[string]string{"open": "開盤價", "high": "最高價", "low": "最低價", "close": "收盤價", "volume": "成交量"}

// cutWindow cuts the window of steps trading days ending at in.End from the
// columns named by features (close may come from in.Series), dropping days
// where any of them is null, and scales it with scaler or, when scaler is nil,
// with one fitted on the training part of these days (fitRows). An absent end
// means the last day the scaler saw (windowLast, seenDays).
func cutWindow(in *Input, steps int, scaler *series.MinMaxScaler, features []string) (*priceWindow, error) {
	cols := make([][]*float64, len(features))
	for k, f := range features {
		c := in.Columns[f]
		if c == nil && f == "close" {
			c = in.Series
		}
		if c == nil {
			return nil, badRequest("the prices have no %q column", f)
		}
		if err := checkColumn(f, c, len(in.Dates)); err != nil {
			return nil, err
		}
		cols[k] = c
	}
	fitFrac := in.FitFrac
	if fitFrac == 0 {
		fitFrac = 0.7
	}
	if !(fitFrac > 0 && fitFrac < 1) {
		return nil, badRequest("fit_frac %v is not in (0, 1)", fitFrac)
	}
	explicit := in.End != nil && *in.End >= 0
	end := len(in.Dates) - 1
	if explicit {
		end = *in.End
	}
	if end >= len(in.Dates) {
		return nil, badRequest("end %d is past the last day (%d)", end, len(in.Dates)-1)
	}
	idx, rows, err := tradingRows(in.Dates, cols, features)
	if err != nil {
		return nil, err
	}
	var fit ScalerInfo
	seen := 0 // leading trading days the scaler saw
	if scaler == nil {
		fit.FitDays = fitRows(len(rows), steps, fitFrac)
		seen = fit.FitDays
	} else {
		fit = ScalerInfo{FitDays: scaler.Rows, FitFirst: scaler.First, FitLast: scaler.Last, Own: true}
		seen = seenDays(scaler, idx, in.Dates, steps)
	}
	last := windowLast(idx, end, explicit, seen)
	if last+1 < steps {
		return nil, newError(CodePricesTooShort,
			"The window needs "+strconv.Itoa(steps)+" trading days but only "+strconv.Itoa(last+1)+" come before its end.",
			"這個視窗需要 "+strconv.Itoa(steps)+" 個交易日，但結束日之前只有 "+strconv.Itoa(last+1)+" 個。",
			map[string]any{"need": steps, "have": last + 1})
	}
	sc := scaler
	if sc == nil {
		var err error
		if sc, err = series.FitMinMax(rows[:fit.FitDays], features); err != nil {
			return nil, newError(CodeBadPrices, "The prices cannot be scaled: "+err.Error(), "股價無法縮放："+err.Error(), nil)
		}
		fit.FitFirst, fit.FitLast = in.Dates[idx[0]], in.Dates[idx[fit.FitDays-1]]
	}
	target := max(slices.Index(features, "close"), 0)
	first := last - steps + 1
	w := &priceWindow{scaler: sc, target: target}
	w.info = InputInfo{
		Kind:     "prices",
		Raw:      make([][]float64, steps),
		Scaled:   make([][]float64, steps),
		Dates:    make([]string, steps),
		Features: slices.Clone(features),
		Target:   &target,
		Scaler:   &fit,
		Window:   &WindowInfo{Start: idx[first], End: idx[last]},
	}
	fit.Min, fit.Max = sc.Min, sc.Max
	for t := 0; t < steps; t++ {
		row := rows[first+t]
		scaled := make([]float64, len(row))
		for k, v := range row {
			scaled[k] = sc.Scale(k, v)
		}
		w.info.Raw[t], w.info.Scaled[t] = row, scaled
		w.info.Dates[t] = in.Dates[idx[first+t]]
	}
	if last+1 < len(rows) {
		v := rows[last+1][target]
		w.info.Next = &NextDayInfo{Date: in.Dates[idx[last+1]], Raw: v, Scaled: sc.Scale(target, v)}
	}
	return w, nil
}

// checkColumn reports a column f whose length is not the number of dates n.
func checkColumn(f string, c []*float64, n int) error {
	if len(c) == n {
		return nil
	}
	return newError(CodeBadPrices,
		"The "+f+" column has "+strconv.Itoa(len(c))+" values for "+strconv.Itoa(n)+" dates.",
		featureZh[f]+"有 "+strconv.Itoa(len(c))+" 個值，日期卻有 "+strconv.Itoa(n)+" 個。", nil)
}

// tradingRows turns columns [feature][day] into rows [day][feature] of the
// days where no feature is null (no trade), with those days' indices. A value
// that is not a positive number (volume may be 0) is an error.
func tradingRows(dates []string, cols [][]*float64, features []string) (idx []int, rows [][]float64, err error) {
	for d, date := range dates {
		row := make([]float64, len(features))
		keep := true
		for k, c := range cols {
			if c[d] == nil {
				keep = false
				break
			}
			v := *c[d]
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || (v == 0 && features[k] != "volume") {
				return nil, nil, newError(CodeBadPrices,
					"The "+features[k]+" on "+date+" is not a positive number.",
					date+" 的"+featureZh[features[k]]+"不是正數。", map[string]any{"date": date})
			}
			row[k] = v
		}
		if keep {
			idx = append(idx, d)
			rows = append(rows, row)
		}
	}
	return idx, rows, nil
}
