package web

import (
	"fmt"
	"strings"
	"time"

	"unroll/web/twse"
)

// FirstMonth is the earliest month the service asks the exchanges for.
var FirstMonth = twse.Month{Year: 2010, Month: time.January}

// DefaultMaxMonths caps one API request's range (36 months: 72 s of polite
// upstream spacing when nothing is cached).
const DefaultMaxMonths = 36

// DailyQuery asks for one security's daily rows over a range of months.
type DailyQuery struct {
	Code     string
	From, To twse.Month // inclusive
	// Progress, if set, is called after each month is ready (done of total).
	Progress func(done, total int, m twse.Month)
}

// ValidateQuery checks the daily API's input before anything else happens:
// code (4 to 6 digits or capital letters; lower case is folded), from and to
// ("YYYY-MM"; to defaults to the current month in Taipei and from to to),
// from ≤ to, not in the future, not before FirstMonth, and at most maxMonths
// months (0: no cap).
func ValidateQuery(code, from, to string, now time.Time, maxMonths int) (DailyQuery, *Error) {
	var q DailyQuery
	q.Code = strings.ToUpper(strings.TrimSpace(code))
	if !twse.ValidCode(q.Code) {
		return q, errInvalidCode(code)
	}
	current := twse.MonthOf(now)
	var err error
	q.To = current
	if to != "" {
		if q.To, err = twse.ParseMonth(to); err != nil {
			return q, errInvalidRange(fmt.Sprintf("to=%q: use YYYY-MM, such as 2024-06.", clip(to)),
				fmt.Sprintf("to=「%s」格式錯誤：請用 YYYY-MM，例如 2024-06。", clip(to)))
		}
	}
	q.From = q.To
	if from != "" {
		if q.From, err = twse.ParseMonth(from); err != nil {
			return q, errInvalidRange(fmt.Sprintf("from=%q: use YYYY-MM, such as 2024-01.", clip(from)),
				fmt.Sprintf("from=「%s」格式錯誤：請用 YYYY-MM，例如 2024-01。", clip(from)))
		}
	}
	return q, checkRange(q, current, maxMonths)
}

// checkRange applies the range rules to parsed months.
func checkRange(q DailyQuery, current twse.Month, maxMonths int) *Error {
	switch {
	case current.Before(q.From):
		return errInvalidRange(fmt.Sprintf("%s is in the future (this month is %s in Taipei).", q.From, current),
			fmt.Sprintf("%s 尚未到來（台北時間本月為 %s）。", q.From, current))
	case q.To.Before(q.From):
		return errInvalidRange(fmt.Sprintf("from (%s) is after to (%s).", q.From, q.To),
			fmt.Sprintf("起始月份（%s）晚於結束月份（%s）。", q.From, q.To))
	case current.Before(q.To):
		return errInvalidRange(fmt.Sprintf("%s is in the future (this month is %s in Taipei).", q.To, current),
			fmt.Sprintf("%s 尚未到來（台北時間本月為 %s）。", q.To, current))
	case q.From.Before(FirstMonth):
		return errInvalidRange(fmt.Sprintf("Data starts at %s.", FirstMonth),
			fmt.Sprintf("資料從 %s 開始。", FirstMonth))
	case maxMonths > 0 && q.To.Index()-q.From.Index()+1 > maxMonths:
		return errInvalidRange(fmt.Sprintf("At most %d months per request.", maxMonths),
			fmt.Sprintf("每次最多查詢 %d 個月。", maxMonths))
	}
	return nil
}
