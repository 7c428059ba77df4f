package main

// Where `unroll train` reads its prices, and how it shows progress on stderr.

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"unroll/core/lecture"
	"unroll/web"
	"unroll/web/twse"
)

// priceSource gives a security's daily rows for the months from..to
// (YYYY-MM, inclusive), oldest first.
type priceSource interface {
	Daily(ctx context.Context, code, from, to string) ([]twse.Row, error)
}

// seriesOf turns daily rows into the workflow's columns (null for a day
// without trades).
func seriesOf(rows []twse.Row) *lecture.Series {
	s := &lecture.Series{Columns: map[string][]*float64{}}
	for _, r := range rows {
		s.Dates = append(s.Dates, r.Date)
		var vol *float64
		if r.Volume != nil {
			v := float64(*r.Volume)
			vol = &v
		}
		for f, v := range map[string]*float64{"open": r.Open, "high": r.High, "low": r.Low, "close": r.Close, "volume": vol} {
			s.Columns[f] = append(s.Columns[f], v)
		}
	}
	return s
}

// progressBar draws done of total as [=====>    ] in width cells.
func progressBar(done, total, width int) string {
	full := done * width / max(total, 1)
	bar := []byte(strings.Repeat("=", full) + strings.Repeat(" ", width-full))
	if full > 0 && full < width {
		bar[full-1] = '>'
	}
	return "[" + string(bar) + "]"
}

// isTerminal reports whether w is a terminal, where a progress bar may
// redraw itself with carriage returns.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// serviceSource reads prices through the data service (web.Service): the
// cache and the exchanges, falling back to the shipped series when they fail,
// or the shipped series alone in offline mode. Progress goes to stderr.
type serviceSource struct {
	s      *web.Service
	stderr io.Writer
}

// newPriceSource is where `unroll train` reads prices.
func newPriceSource(e env, offline bool) (priceSource, error) {
	s, err := web.NewService(web.Options{
		Offline: offline,
		Logf:    func(format string, a ...any) { fmt.Fprintf(e.stderr, format+"\n", a...) },
	})
	if err != nil {
		return nil, err
	}
	return serviceSource{s: s, stderr: e.stderr}, nil
}

func (src serviceSource) Daily(ctx context.Context, code, from, to string) ([]twse.Row, error) {
	f, err := twse.ParseMonth(from)
	if err != nil {
		return nil, err
	}
	t, err := twse.ParseMonth(to)
	if err != nil {
		return nil, err
	}
	d, err := src.s.Daily(ctx, web.DailyQuery{Code: code, From: f, To: t,
		Progress: func(done, total int, m twse.Month) {
			if total > 1 {
				fmt.Fprintf(src.stderr, "\rfetching %s %s (%d/%d)", code, m, done, total)
				if done == total {
					fmt.Fprintln(src.stderr)
				}
			}
		}})
	if err != nil {
		return nil, err
	}
	if d.Notice != "" {
		fmt.Fprintln(src.stderr, d.Notice)
	}
	return d.Rows, nil
}
