package twse

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Row is one trading day, in the JSON shape of the HTTP API (DESIGN.md §2).
// A nil pointer is JSON null: prices are null on a no-trade day ("--"), and
// offline series have no turnover, change or transaction count.
type Row struct {
	Date         string   `json:"date"`         // ISO "2024-01-02"
	Open         *float64 `json:"open"`         // NT$
	High         *float64 `json:"high"`         // NT$
	Low          *float64 `json:"low"`          // NT$
	Close        *float64 `json:"close"`        // NT$
	Volume       *int64   `json:"volume"`       // shares (TPEx lots × 1000)
	Turnover     *int64   `json:"turnover"`     // NT$ (TPEx 仟元 × 1000)
	Change       *float64 `json:"change"`       // close minus the previous reference price
	Transactions *int64   `json:"transactions"` // number of trades
	// ChangeFlag is "X" when the exchange marks the change 不比價 (no
	// comparison, e.g. an ex-dividend day); Change then holds the digits after X.
	ChangeFlag string `json:"change_flag,omitempty"`
	// Note is TWSE's 註記 column (e.g. "**" after a par-value change).
	Note string `json:"note,omitempty"`
}

// MonthData is one month of one security as an exchange reported it.
type MonthData struct {
	Code  string `json:"code"`
	Name  string `json:"name,omitempty"`
	Month Month  `json:"-"`
	Rows  []Row  `json:"rows"`
}

// Errors the parsers return. A no-data answer is not a failure of the
// exchange: the security did not trade there that month (or is not listed there).
var (
	ErrNoData     = errors.New("no data for this security and month")
	ErrWrongMonth = errors.New("response is for another month")
	ErrBadBody    = errors.New("malformed response body")
)

func badBody(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrBadBody, fmt.Sprintf(format, a...))
}

// parseROCDate turns "104/05/04" (ROC year 104 = 2015) into "2015-05-04".
func parseROCDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	parts := strings.Split(s, "/")
	if len(parts) != 3 {
		return "", badBody("date %q", s)
	}
	y, ok1 := digits(parts[0])
	m, ok2 := digits(parts[1])
	d, ok3 := digits(parts[2])
	if !ok1 || !ok2 || !ok3 || y < 1 || y > 999 {
		return "", badBody("date %q", s)
	}
	t := time.Date(y+1911, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m {
		return "", badBody("date %q", s)
	}
	return t.Format("2006-01-02"), nil
}

// cleanNumber strips thousands separators and surrounding spaces.
func cleanNumber(s string) string {
	return strings.ReplaceAll(strings.TrimSpace(s), ",", "")
}

// isNoTrade reports the exchanges' marks for "no value": "--", "---", "".
func isNoTrade(s string) bool {
	s = strings.TrimSpace(s)
	return s == "" || strings.Trim(s, "-") == ""
}

// parsePrice parses "2,390.00"; "--" is a no-trade day (nil).
func parsePrice(s string) (*float64, error) {
	if isNoTrade(s) {
		return nil, nil
	}
	c := cleanNumber(s)
	if !plainDecimal(c, false) {
		return nil, badBody("price %q", s)
	}
	v, err := strconv.ParseFloat(c, 64)
	if err != nil || math.IsInf(v, 0) {
		return nil, badBody("price %q", s)
	}
	return &v, nil
}

// parseCount parses "35,209,944" and multiplies by scale (1000 for TPEx lots
// and 仟元). "--" or an empty cell is nil.
func parseCount(s string, scale int64) (*int64, error) {
	if isNoTrade(s) {
		return nil, nil
	}
	c := cleanNumber(s)
	if !plainDecimal(c, false) || strings.Contains(c, ".") {
		return nil, badBody("count %q", s)
	}
	v, err := strconv.ParseInt(c, 10, 64)
	if err != nil || v > math.MaxInt64/scale {
		return nil, badBody("count %q", s)
	}
	v *= scale
	return &v, nil
}

// parseChange parses the change column: "+2.00", "-55.00", " 0.00", "86.00"
// (TPEx has no '+'), "X0.00" (不比價). It never fails: a cell it cannot read is
// null, because the change is informative, not essential.
func parseChange(s string) (v *float64, flag string) {
	c := cleanNumber(s)
	if strings.HasPrefix(c, "X") || strings.HasPrefix(c, "x") {
		flag, c = "X", strings.TrimSpace(c[1:])
	}
	if isNoTrade(c) {
		return nil, flag
	}
	if !plainDecimal(c, true) {
		return nil, flag
	}
	f, err := strconv.ParseFloat(c, 64)
	if err != nil || math.IsInf(f, 0) {
		return nil, flag
	}
	return &f, flag
}

// plainDecimal accepts digits with at most one '.', and a leading '+' or '-'
// when signed: what the exchanges print, and nothing strconv would also take
// ("inf", "0x1p3", "1e9").
func plainDecimal(s string, signed bool) bool {
	if signed && s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "" || len(s) > 24 {
		return false
	}
	dots, nums := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.':
			dots++
		case c >= '0' && c <= '9':
			nums++
		default:
			return false
		}
	}
	return dots <= 1 && nums > 0
}
