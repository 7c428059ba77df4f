// Package classload plays a class against Unroll's data service: a loopback
// fake exchange that bans like TWSE (403 once it sees more than Burst calls
// within Window), and students who load stocks month by month as the page
// does, asking the queue where they stand while they wait. The short test in
// this package runs it at a reduced scale; `make loadtest` runs a class of
// forty against `unroll serve`.
package classload

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"sync"
	"time"
)

// Call is one request the fake exchange received.
type Call struct {
	At     time.Time
	Key    string // "twse/2330/202401"
	Banned bool   // answered 403
}

// Exchange is the fake TWSE and TPEx. Every listed code trades every weekday
// on TWSE (TPEx answers no data). Once more than Burst calls arrive within
// Window, every later call is answered 403, as an address ban.
type Exchange struct {
	Burst  int
	Window time.Duration

	mu     sync.Mutex
	calls  []Call
	banned bool
}

// NewExchange returns a fake that bans on more than burst calls within window.
func NewExchange(burst int, window time.Duration) *Exchange {
	return &Exchange{Burst: burst, Window: window}
}

var (
	twseQuery = regexp.MustCompile(`^date=(\d{4})(\d{2})01&stockNo=([0-9A-Z]{4,6})&response=json$`)
	tpexQuery = regexp.MustCompile(`^code=([0-9A-Z]{4,6})&date=(\d{4})/(\d{2})/01&response=json$`)
)

func (x *Exchange) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	key := "?"
	var year, month int
	var code string
	tw := false
	if m := twseQuery.FindStringSubmatch(r.URL.RawQuery); m != nil && r.URL.Path == "/rwd/zh/afterTrading/STOCK_DAY" {
		year, _ = strconv.Atoi(m[1])
		month, _ = strconv.Atoi(m[2])
		code, key, tw = m[3], "twse/"+m[3]+"/"+m[1]+m[2], true
	} else if m := tpexQuery.FindStringSubmatch(r.URL.RawQuery); m != nil {
		key = "tpex/" + m[1] + "/" + m[2] + m[3]
	}
	x.mu.Lock()
	n := 1
	for i := len(x.calls) - 1; i >= 0 && now.Sub(x.calls[i].At) < x.Window; i-- {
		n++
	}
	if n > x.Burst {
		x.banned = true
	}
	banned := x.banned
	x.calls = append(x.calls, Call{At: now, Key: key, Banned: banned})
	x.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch {
	case banned:
		http.Error(w, "Forbidden", http.StatusForbidden)
	case tw:
		w.Write(twseMonth(code, year, time.Month(month)))
	case key != "?":
		w.Write([]byte(`{"tables":[{"date":"","data":[],"fields":[],"totalCount":0}],"stat":"ok"}`))
	default:
		http.NotFound(w, r)
	}
}

// twseMonth is a STOCK_DAY answer: every weekday of the month, a close that
// moves with the day and the code.
func twseMonth(code string, y int, m time.Month) []byte {
	var rows [][]string
	for d := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC); d.Month() == m; d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			continue
		}
		c := fmt.Sprintf("%d.00", 100+d.Day()+int(code[len(code)-1]-'0'))
		rows = append(rows, []string{fmt.Sprintf("%d/%02d/%02d", y-1911, int(m), d.Day()),
			"1,000", "100,000", c, c, c, c, "+0.00", "10", ""})
	}
	b, _ := json.Marshal(map[string]any{
		"stat": "OK", "date": fmt.Sprintf("%04d%02d01", y, int(m)),
		"title":  fmt.Sprintf("%d年%02d月 %s 股票%s 各日成交資訊", y-1911, int(m), code, code),
		"fields": []string{"日期", "成交股數", "成交金額", "開盤價", "最高價", "最低價", "收盤價", "漲跌價差", "成交筆數", "註記"},
		"data":   rows,
	})
	return b
}

// Calls lists the calls received so far, in order.
func (x *Exchange) Calls() []Call {
	x.mu.Lock()
	defer x.mu.Unlock()
	return append([]Call(nil), x.calls...)
}

// Stats sums up calls: bans (403s), upstream calls, keys asked more than
// once, and the most calls seen within any Window, from the recorded times.
type Stats struct {
	Calls, Bans, Repeated, MaxInWindow int
}

// Stats reads the recorded calls.
func (x *Exchange) Stats() Stats {
	calls := x.Calls()
	var s Stats
	seen := map[string]int{}
	at := make([]time.Time, 0, len(calls))
	for _, c := range calls {
		s.Calls++
		if c.Banned {
			s.Bans++
		}
		if seen[c.Key]++; seen[c.Key] == 2 {
			s.Repeated++
		}
		at = append(at, c.At)
	}
	sort.Slice(at, func(i, j int) bool { return at[i].Before(at[j]) })
	for i, j := 0, 0; j < len(at); j++ {
		for at[j].Sub(at[i]) >= x.Window {
			i++
		}
		s.MaxInWindow = max(s.MaxInWindow, j-i+1)
	}
	return s
}
