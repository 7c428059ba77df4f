package bridge

import (
	"strconv"

	"unroll/core/lecture"
	"unroll/core/msg"
	"unroll/core/series"
)

// priceWindow is a window of prices cut from a fetched series
// (lecture.CutWindow), as the page reads it, with the scaler that turned it
// into what the model sees.
type priceWindow struct {
	info InputInfo
	*lecture.Window
}

// cutPrices validates a prices input of closes and cuts the window of steps
// trading days ending at in.End (see the package documentation). With a
// non-nil scaler (a trained model's own) the window is scaled with it,
// otherwise with one fitted on the series' training part.
func cutPrices(in *Input, steps int, scaler *series.MinMaxScaler) (*priceWindow, error) {
	if len(in.Series) == 0 {
		return nil, newError(CodePricesTooShort, "There are no prices to show.", "沒有可顯示的股價。",
			map[string]any{"need": steps, "have": 0})
	}
	if len(in.Dates) != len(in.Series) {
		n, m := strconv.Itoa(len(in.Series)), strconv.Itoa(len(in.Dates))
		return nil, newError(CodeBadPrices, "The prices and their dates differ in number ("+n+" and "+m+").",
			"股價與日期的筆數不同（"+n+" 與 "+m+"）。", nil)
	}
	return cutWindow(in, steps, scaler, []string{lecture.Target})
}

// cutPriceColumns is cutPrices for a model that reads several values per day
// (INPUT_SIZE > 1): the features are the scaler's (a trained model's own), or
// open, high, low, close, volume for a model of five inputs without one.
func cutPriceColumns(in *Input, steps int, scaler *series.MinMaxScaler, inputs int) (*priceWindow, error) {
	features := lecture.Columns
	if scaler != nil && len(scaler.Features) == inputs {
		features = scaler.Features
	}
	if len(features) != inputs {
		return nil, newError(CodeInputMismatch,
			msg.Sprintf("This model reads %d values per day; prices give open, high, low, close and volume (5).", inputs),
			msg.Sprintf("這個模型每天讀取 %d 個值；股價只有開盤、最高、最低、收盤與成交量（5 個）。", inputs),
			map[string]any{"have": len(lecture.Columns), "want": inputs})
	}
	return cutWindow(in, steps, scaler, features)
}

// cutWindow cuts the window with lecture.CutWindow from the input's columns
// (the close may come from in.Series) and describes it as the page reads it.
func cutWindow(in *Input, steps int, scaler *series.MinMaxScaler, features []string) (*priceWindow, error) {
	s := lecture.Series{Dates: in.Dates, Columns: map[string][]*float64{}}
	for _, f := range features {
		c := in.Columns[f]
		if c == nil && f == lecture.Target {
			c = in.Series
		}
		if c != nil {
			s.Columns[f] = c
		}
	}
	end := -1
	if in.End != nil {
		end = *in.End
	}
	w, err := lecture.CutWindow(s, features, steps, end, in.FitFrac, scaler)
	if err != nil {
		return nil, err
	}
	target := w.Target
	info := InputInfo{
		Kind: "prices", Raw: w.Raw, Scaled: w.Scaled, Dates: w.Dates, Features: w.Features, Target: &target,
		Scaler: &ScalerInfo{Min: w.Scaler.Min, Max: w.Scaler.Max, FitDays: w.FitDays, FitFirst: w.FitFirst, FitLast: w.FitLast, Own: w.Own, Of: w.Of},
		Window: &WindowInfo{Start: w.Start, End: w.End},
	}
	if w.Next != nil {
		info.Next = &NextDayInfo{Date: w.Next.Date, Raw: w.Next.Raw, Scaled: w.Next.Scaled}
	}
	return &priceWindow{info: info, Window: w}, nil
}
