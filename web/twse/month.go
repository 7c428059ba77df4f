package twse

import (
	"fmt"
	"time"
)

// Month is a calendar month, the unit of every upstream request.
type Month struct {
	Year  int
	Month time.Month
}

// Taipei is Taiwan's time zone (UTC+8, no daylight saving since 1979). A fixed
// zone avoids depending on tzdata, which a WebAssembly build may lack.
var Taipei = time.FixedZone("Asia/Taipei", 8*60*60)

// MonthOf returns the month of t in Taipei time.
func MonthOf(t time.Time) Month {
	t = t.In(Taipei)
	return Month{t.Year(), t.Month()}
}

// ParseMonth parses "YYYY-MM".
func ParseMonth(s string) (Month, error) {
	if len(s) != 7 || s[4] != '-' {
		return Month{}, fmt.Errorf("month %q: want YYYY-MM", s)
	}
	y, ok1 := digits(s[:4])
	m, ok2 := digits(s[5:])
	if !ok1 || !ok2 || m < 1 || m > 12 || y < 1 {
		return Month{}, fmt.Errorf("month %q: want YYYY-MM", s)
	}
	return Month{y, time.Month(m)}, nil
}

// digits parses a string of ASCII digits (no sign, no spaces).
func digits(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// String formats the month as "YYYY-MM".
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// Compact formats the month as "YYYYMM" (cache keys).
func (m Month) Compact() string { return fmt.Sprintf("%04d%02d", m.Year, int(m.Month)) }

// Index counts months from year 0; it orders months and measures ranges.
func (m Month) Index() int { return m.Year*12 + int(m.Month) - 1 }

// Next returns the following month.
func (m Month) Next() Month { return m.Add(1) }

// Add returns the month n months later (earlier for negative n).
func (m Month) Add(n int) Month {
	i := m.Index() + n
	return Month{i / 12, time.Month(i%12 + 1)}
}

// Before reports whether m comes before o.
func (m Month) Before(o Month) bool { return m.Index() < o.Index() }

// Contains reports whether the ISO date "YYYY-MM-DD" lies in m.
func (m Month) Contains(isoDate string) bool {
	return len(isoDate) >= 7 && isoDate[:7] == m.String()
}

// Months lists the months from first to last inclusive (empty if last < first).
func Months(first, last Month) []Month {
	var ms []Month
	for m := first; !last.Before(m); m = m.Next() {
		ms = append(ms, m)
	}
	return ms
}
