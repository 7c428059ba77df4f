package bridge

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"unroll/core/lecture"
	"unroll/core/series"
)

// prices returns n closes 100, 101, … with dates day-01 … and the given null days.
func prices(n int, nulls ...int) ([]*float64, []string) {
	s := make([]*float64, n)
	d := make([]string, n)
	for k := range s {
		v := 100 + float64(k)
		s[k] = &v
		d[k] = "2024-01-" + string(rune('A'+k%26)) + string(rune('a'+k/26))
	}
	for _, k := range nulls {
		s[k] = nil
	}
	return s, d
}

func TestCutPrices(t *testing.T) {
	series_, dates := prices(30, 4, 12)
	end := 20
	w, err := cutPrices(&Input{Kind: "prices", Series: series_, Dates: dates, End: &end, FitFrac: 0.7}, 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	// 28 trading days; the window ends at index 20 and skips day 12.
	if w.info.Window.End != 20 || w.info.Window.Start != 10 {
		t.Errorf("window = %+v, want start 10 (day 12 is missing) end 20", w.info.Window)
	}
	if got := w.info.Raw[len(w.info.Raw)-1][0]; got != 120 {
		t.Errorf("last raw = %v, want 120", got)
	}
	for _, r := range w.info.Raw {
		if r[0] == 112 || r[0] == 104 {
			t.Errorf("window holds a no-trade day: %v", w.info.Raw)
		}
	}
	// The scaler is fitted as series.Prepare fits it for training.
	closes := []float64{}
	for _, p := range series_ {
		if p != nil {
			closes = append(closes, *p)
		}
	}
	prep, err := series.Prepare(series.Column(closes), nil, 10, 0, 0.7, 0)
	if err == nil && prep.FitRows != w.info.Scaler.FitDays {
		t.Errorf("fit days = %d, series.Prepare fits on %d rows", w.info.Scaler.FitDays, prep.FitRows)
	}
	lo, hi := w.info.Scaler.Min[0], w.info.Scaler.Max[0]
	if lo != 100 {
		t.Errorf("scaler min = %v, want 100", lo)
	}
	for k := range w.info.Raw {
		want := (w.info.Raw[k][0] - lo) / (hi - lo)
		if math.Abs(w.info.Scaled[k][0]-want) > 1e-15 {
			t.Errorf("scaled[%d] = %v, want %v", k, w.info.Scaled[k][0], want)
		}
	}
	if w.info.Next == nil || w.info.Next.Raw != 121 || w.info.Next.Date != dates[21] {
		t.Errorf("next = %+v, want 121 on %s", w.info.Next, dates[21])
	}
	// A window ending on a no-trade day ends on the trading day before it.
	end = 12
	w, err = cutPrices(&Input{Series: series_, Dates: dates, End: &end}, 10, nil)
	if err != nil || w.info.Window.End != 11 {
		t.Errorf("end on a null day: window %+v, err %v; want end 11", w.info.Window, err)
	}
}

func TestCutPricesErrors(t *testing.T) {
	s, d := prices(12, 3)
	end5 := 5
	past := 12
	tests := []struct {
		name string
		in   Input
		code string
	}{
		{"empty", Input{}, CodePricesTooShort},
		{"too few before end", Input{Series: s, Dates: d, End: &end5}, CodePricesTooShort},
		{"dates differ", Input{Series: s, Dates: d[:5]}, CodeBadPrices},
		{"end past the data", Input{Series: s, Dates: d, End: &past}, CodeBadRequest},
		{"bad fit fraction", Input{Series: s, Dates: d, FitFrac: 1.5}, CodeBadRequest},
		{"negative close", Input{Series: append([]*float64{ptr(-1)}, s[1:]...), Dates: d}, CodeBadPrices},
		{"NaN close", Input{Series: append([]*float64{ptr(math.NaN())}, s[1:]...), Dates: d}, CodeBadPrices},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := cutPrices(&tc.in, 10, nil)
			var e *Error
			if !errors.As(err, &e) || e.Code != tc.code {
				t.Fatalf("err = %v, want code %s", err, tc.code)
			}
		})
	}
}

func ptr(v float64) *float64 { return &v }

// With no end (or a negative one) and a scaler fitted on the prices, the
// window ends on the fit part's last trading day, so its scaled inputs lie in
// [0, 1]; with a model's own scaler it ends on the last trading day.
func TestCutPricesDefaultEnd(t *testing.T) {
	s, d := prices(40, 4, 12, 30) // rising closes: days after the fit part scale above 1
	cols := map[string][]*float64{}
	for _, f := range lecture.Columns {
		cols[f] = s
	}
	neg := -1
	checkFit := func(t *testing.T, w *priceWindow) {
		t.Helper()
		fit := w.info.Scaler.FitDays
		if fit == 0 {
			t.Fatal("no fit part")
		}
		// The fit part's last trading day: the fit-th non-null day.
		lastFit, n := -1, 0
		for k, p := range s {
			if p != nil {
				if n++; n == fit {
					lastFit = k
				}
			}
		}
		if w.info.Window.End != lastFit {
			t.Errorf("window end = %d, want the fit part's last day %d (fit days %d)", w.info.Window.End, lastFit, fit)
		}
		if w.info.Dates[len(w.info.Dates)-1] != d[lastFit] {
			t.Errorf("last window date = %s, want %s", w.info.Dates[len(w.info.Dates)-1], d[lastFit])
		}
		for k, row := range w.info.Scaled {
			for _, v := range row {
				if v < 0 || v > 1+1e-12 {
					t.Errorf("scaled[%d] = %v, outside [0, 1]", k, v)
				}
			}
		}
	}
	for _, end := range []*int{nil, &neg} {
		w, err := cutPrices(&Input{Series: s, Dates: d, End: end}, 10, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkFit(t, w)
		if w.info.Next == nil || w.info.Next.Scaled <= 1 {
			t.Errorf("next = %+v, want the first day after the fit part (scaled above 1)", w.info.Next)
		}
		w, err = cutPriceColumns(&Input{Series: s, Dates: d, Columns: cols, End: end}, 10, nil, len(lecture.Columns))
		if err != nil {
			t.Fatal(err)
		}
		checkFit(t, w)
	}
	// An explicit end still wins, past the fit part too.
	last := len(s) - 1
	w, err := cutPrices(&Input{Series: s, Dates: d, End: &last}, 10, nil)
	if err != nil || w.info.Window.End != last {
		t.Fatalf("explicit end: window %+v, err %v; want end %d", w.info.Window, err, last)
	}
	if v := w.info.Scaled[9][0]; v <= 1 {
		t.Errorf("scaled close on the last day = %v, want above 1 (past the fit part)", v)
	}
	// A model's own scaler that does not name its last day: the window ends on the last day.
	sc, err := series.FitMinMax(series.Column([]float64{100, 140}), []string{"close"})
	if err != nil {
		t.Fatal(err)
	}
	w, err = cutPrices(&Input{Series: s, Dates: d}, 10, sc)
	if err != nil || w.info.Window.End != last || !w.info.Scaler.Own || w.info.Scaler.FitDays != 2 || w.info.Scaler.FitLast != "" {
		t.Errorf("own scaler: window %+v, scaler %+v, err %v; want end %d", w.info.Window, w.info.Scaler, err, last)
	}
}

// TestOwnScalerDefaultEnd: with a model's own scaler that names the last day
// it was fitted on, a window without an end ends on the last trading day on
// or before that day (a real next day follows), when the series holds a whole
// window up to it; otherwise on the series' last day.
func TestOwnScalerDefaultEnd(t *testing.T) {
	// 2024-03-01 … 2024-03-30, no trade on the 10th and the 21st.
	s := make([]*float64, 30)
	d := make([]string, 30)
	for k := range s {
		v := 500 + float64(k)
		s[k], d[k] = &v, fmt.Sprintf("2024-03-%02d", k+1)
	}
	s[9], s[20] = nil, nil
	tests := []struct {
		name      string
		last      string // the scaler's last fitted day
		wantEnd   int    // index of the window's last day
		wantFirst string // the window's first date
		wantNext  string // "" when none
	}{
		{"fitted day in the series", "2024-03-18", 17, "2024-03-08", "2024-03-19"},
		{"fitted day without trade", "2024-03-21", 19, "2024-03-11", "2024-03-22"},
		{"fitted day after the series", "2024-05-31", 29, "2024-03-20", ""},
		{"series starts too late for a window", "2024-03-08", 29, "2024-03-20", ""},
		{"series after the fit", "2023-12-29", 29, "2024-03-20", ""},
		{"no fitted day named", "", 29, "2024-03-20", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sc := &series.MinMaxScaler{Features: []string{"close"}, Min: []float64{400}, Max: []float64{600}, Rows: 1710, First: "2015-01-05", Last: tc.last}
			w, err := cutPrices(&Input{Series: s, Dates: d}, 10, sc)
			if err != nil {
				t.Fatal(err)
			}
			if w.info.Window.End != tc.wantEnd || w.info.Dates[0] != tc.wantFirst {
				t.Errorf("window %+v from %s, want end %d from %s", w.info.Window, w.info.Dates[0], tc.wantEnd, tc.wantFirst)
			}
			next := ""
			if w.info.Next != nil {
				next = w.info.Next.Date
			}
			if next != tc.wantNext {
				t.Errorf("next day %q, want %q", next, tc.wantNext)
			}
			if sc := w.info.Scaler; !sc.Own || sc.FitDays != 1710 || sc.FitFirst != "2015-01-05" || sc.FitLast != tc.last {
				t.Errorf("scaler info %+v, want the model's own, 1710 days 2015-01-05…%s", sc, tc.last)
			}
		})
	}
}
