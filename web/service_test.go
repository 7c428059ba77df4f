package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"unroll/web/cache"
	"unroll/web/limit"
	"unroll/web/twse"
)

func TestDailyMissThenHit(t *testing.T) {
	e := newTestEnv(t, nil)
	var d Daily
	res := e.get(t, "/api/v1/stocks/2330/daily?from=2026-08&to=2026-08", &d)
	if res.StatusCode != 200 || d.Source != "upstream" || d.Code != "2330" || d.Name != "台積電" || d.Market != "twse" || len(d.Rows) != 21 {
		t.Fatalf("first: %d %+v", res.StatusCode, d)
	}
	if *d.Range != (DateRange{"2026-08-03", "2026-08-31"}) || d.Requested != (DateRange{"2026-08", "2026-08"}) || d.Fallback {
		t.Fatalf("range %+v requested %+v", d.Range, d.Requested)
	}
	row, _ := json.Marshal(d.Rows[0])
	want := `{"date":"2026-08-03","open":2390,"high":2395,"low":2365,"close":2370,"volume":35209944,"turnover":83673350698,"change":-55,"transactions":174489}`
	if string(row) != want {
		t.Fatalf("row JSON\n got %s\nwant %s", row, want)
	}
	if got := res.Header.Get("Cache-Control"); got != "public, max-age=86400" {
		t.Errorf("closed month Cache-Control %q", got)
	}
	var again Daily
	e.get(t, "/api/v1/stocks/2330/daily?from=2026-08&to=2026-08", &again)
	if again.Source != "cache" || len(again.Rows) != 21 || e.up.calls.Load() != 1 {
		t.Fatalf("second: source %s, %d rows, %d upstream calls", again.Source, len(again.Rows), e.up.calls.Load())
	}
}

func TestConcurrentIdenticalRequestsOneUpstreamCall(t *testing.T) {
	e := newTestEnv(t, nil)
	gate := make(chan struct{})
	e.up.gate = gate
	const n = 50
	var wg sync.WaitGroup
	sources := make([]string, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var d Daily
			if res := e.get(t, "/api/v1/stocks/2330/daily?from=2026-08&to=2026-08", &d); res.StatusCode != 200 || len(d.Rows) != 21 {
				t.Errorf("request %d: %d, %d rows", i, res.StatusCode, len(d.Rows))
			}
			sources[i] = d.Source
		}()
	}
	close(gate)
	wg.Wait()
	if c := e.up.calls.Load(); c != 1 {
		t.Fatalf("%d concurrent identical requests made %d upstream calls, want 1", n, c)
	}
	up := strings.Count(strings.Join(sources, " "), "upstream")
	t.Logf("%d of %d requests shared the upstream call, the rest read the cache", up, n)
}

func TestClosedMonthNeverRefetched(t *testing.T) {
	dir := t.TempDir()
	disk := func(o *Options) {
		o.Cache = cache.Tiered{Fast: cache.NewMemory(0, o.Clock), Slow: cache.Disk{Dir: dir}}
	}
	e := newTestEnv(t, disk)
	e.get(t, "/api/v1/stocks/2330/daily?from=2026-08&to=2026-08", nil)
	e.clock.Advance(5000 * time.Hour)
	var d Daily
	e.get(t, "/api/v1/stocks/2330/daily?from=2026-08&to=2026-08", &d)
	if d.Source != "cache" || e.up.calls.Load() != 1 {
		t.Fatalf("after 5000 h: source %s, %d calls", d.Source, e.up.calls.Load())
	}
	// A restarted server (empty memory, same cache directory) still has it.
	e2 := newTestEnv(t, disk)
	e2.get(t, "/api/v1/stocks/2330/daily?from=2026-08&to=2026-08", &d)
	if d.Source != "cache" || len(d.Rows) != 21 || e2.up.calls.Load() != 0 {
		t.Fatalf("after restart: source %s, %d rows, %d calls", d.Source, len(d.Rows), e2.up.calls.Load())
	}
}

func TestCurrentMonthRefetchedAfterTTL(t *testing.T) {
	e := newTestEnv(t, nil)
	url := "/api/v1/stocks/2330/daily?from=2026-09&to=2026-09"
	var d Daily
	res := e.get(t, url, &d)
	if d.Source != "upstream" || len(d.Rows) != 4 || res.Header.Get("Cache-Control") != "public, max-age=60" {
		t.Fatalf("first: %s %d rows, %q", d.Source, len(d.Rows), res.Header.Get("Cache-Control"))
	}
	e.clock.Advance(DefaultCurrentTTL - time.Second)
	e.get(t, url, &d)
	if d.Source != "cache" || e.up.calls.Load() != 1 {
		t.Fatalf("within TTL: %s, %d calls", d.Source, e.up.calls.Load())
	}
	e.clock.Advance(time.Second)
	e.get(t, url, &d)
	if d.Source != "upstream" || e.up.calls.Load() != 2 {
		t.Fatalf("after TTL: %s, %d calls", d.Source, e.up.calls.Load())
	}
}

func TestLimiterSpacingThroughService(t *testing.T) {
	e := newTestEnv(t, nil)
	for _, m := range []twse.Month{mon(2026, 5), mon(2026, 6), mon(2026, 7)} {
		e.up.set("twse/2330/"+m.Compact(), shiftMonth(fixture(t, "twse_stock_day_2330_202608_rwd.json"), m))
	}
	var months []string
	q := DailyQuery{Code: "2330", From: mon(2026, 5), To: mon(2026, 8),
		Progress: func(done, total int, m twse.Month) { months = append(months, m.String()) }}
	d, err := e.svc.Daily(bg, q)
	if err != nil || len(d.Rows) != 21+20+21+21 || d.Fallback {
		t.Fatalf("%v, %d rows", err, len(d.Rows))
	}
	keys, times := e.up.requests()
	if strings.Join(keys, " ") != "twse/2330/202605 twse/2330/202606 twse/2330/202607 twse/2330/202608" {
		t.Fatalf("requests %v", keys)
	}
	for i, at := range times {
		if got, want := at.Sub(t0), time.Duration(i)*2*time.Second; got != want {
			t.Errorf("request %d sent at +%v, want +%v (one per 2 s)", i, got, want)
		}
	}
	if strings.Join(months, " ") != "2026-05 2026-06 2026-07 2026-08" {
		t.Errorf("progress %v", months)
	}
}

func TestMarkets(t *testing.T) {
	e := newTestEnv(t, nil)
	// 6488 is a TPEx code in the shipped list: TPEx is asked first, units converted.
	var d Daily
	e.get(t, "/api/v1/stocks/6488/daily?from=2026-08&to=2026-08", &d)
	keys, _ := e.up.requests()
	if d.Market != "tpex" || d.Name != "環球晶" || len(d.Rows) != 21 || *d.Rows[0].Volume != 15388000 || *d.Rows[0].Turnover != 13694380000 || len(keys) != 1 || keys[0] != "tpex/6488/202608" {
		t.Fatalf("6488: %s %s %d rows, requests %v", d.Market, d.Name, len(d.Rows), keys)
	}
	// A code missing from the list: TWSE says no data, TPEx has it; the name comes from the body.
	body := strings.ReplaceAll(string(fixture(t, "tpex_tradingStock_6488_202608.json")), "6488", "9998")
	e.up.set("tpex/9998/202608", []byte(body))
	e.get(t, "/api/v1/stocks/9998/daily?from=2026-08&to=2026-08", &d)
	if d.Market != "tpex" || d.Name != "環球晶" || len(d.Rows) != 21 {
		t.Fatalf("9998: %+v", d)
	}
	// Unknown everywhere: two probes for the last month, then 404 (not 36 months of calls).
	before := e.up.calls.Load()
	var ae apiErr
	res := e.get(t, "/api/v1/stocks/9999/daily?from=2024-01&to=2026-08", &ae)
	if res.StatusCode != 404 || ae.Error.Code != "not_found" || e.up.calls.Load()-before != 2 {
		t.Fatalf("9999: %d %+v after %d calls", res.StatusCode, ae, e.up.calls.Load()-before)
	}
}

func TestErrorMapping(t *testing.T) {
	e := newTestEnv(t, func(o *Options) { o.MaxQueue = 1 })
	e.up.failWith("tpex/6488/202607", http.StatusInternalServerError)
	e.up.set("tpex/6488/202606", []byte("<html>請稍後再試</html>"))
	e.up.set("tpex/6488/202605", fixture(t, "tpex_tradingStock_6488_202608.json")) // the wrong month
	cases := []struct {
		url, code string
		status    int
	}{
		{"/api/v1/stocks/23%2F0/daily", "invalid_code", 400},
		{"/api/v1/stocks/2330x99/daily", "invalid_code", 400},
		{"/api/v1/stocks/233/daily", "invalid_code", 400},
		{"/api/v1/stocks/2330/daily?from=2026-08&to=2026-07", "invalid_range", 400},
		{"/api/v1/stocks/2330/daily?from=2026-10&to=2026-10", "invalid_range", 400},
		{"/api/v1/stocks/2330/daily?to=2026-10", "invalid_range", 400},
		{"/api/v1/stocks/2330/daily?from=2009-12&to=2010-01", "invalid_range", 400},
		{"/api/v1/stocks/2330/daily?from=2020-01&to=2026-08", "invalid_range", 400},
		{"/api/v1/stocks/2330/daily?from=2026-8&to=2026-08", "invalid_range", 400},
		{"/api/v1/stocks/2330/daily?from=2026-08&to=Aug", "invalid_range", 400},
		{"/api/v1/nothing", "not_found", 404},
		{"/api/v1/stocks/6488/daily?from=2026-07&to=2026-07", "upstream_error", 502},
		{"/api/v1/stocks/6488/daily?from=2026-06&to=2026-06", "upstream_error", 502},
		{"/api/v1/stocks/6488/daily?from=2026-05&to=2026-05", "upstream_error", 502},
	}
	for _, c := range cases {
		before := e.up.calls.Load()
		var ae apiErr
		res := e.get(t, c.url, &ae)
		if res.StatusCode != c.status || ae.Error.Code != c.code || ae.Error.Message == "" || ae.Error.MessageZh == "" {
			t.Errorf("%s: %d %+v, want %d %s", c.url, res.StatusCode, ae.Error, c.status, c.code)
		}
		if c.status == 400 && e.up.calls.Load() != before {
			t.Errorf("%s: invalid input reached the upstream", c.url)
		}
		if res.Header.Get("Content-Type") != "application/json; charset=utf-8" || res.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: headers %v", c.url, res.Header)
		}
	}
	// Errors are never cached: once the exchange recovers, the month is served.
	e.up.failWith("tpex/6488/202607", 0)
	e.up.set("tpex/6488/202607", shiftMonth(fixture(t, "tpex_tradingStock_6488_202608.json"), mon(2026, 7)))
	var d Daily
	if res := e.get(t, "/api/v1/stocks/6488/daily?from=2026-07&to=2026-07", &d); res.StatusCode != 200 || len(d.Rows) != 21 {
		t.Fatalf("after recovery: %d, %d rows", res.StatusCode, len(d.Rows))
	}
}

func TestRateLimited(t *testing.T) {
	e := newTestEnv(t, func(o *Options) { o.Limiter = fullQueue{} })
	before := e.up.calls.Load()
	var ae apiErr
	res := e.get(t, "/api/v1/stocks/6488/daily?from=2026-08&to=2026-08", &ae)
	if res.StatusCode != 503 || ae.Error.Code != "rate_limited" || res.Header.Get("Retry-After") != "2" || e.up.calls.Load() != before {
		t.Fatalf("%d %+v Retry-After %q", res.StatusCode, ae, res.Header.Get("Retry-After"))
	}
	// 2330 has shipped data: the same refusal falls back to it.
	var d Daily
	res = e.get(t, "/api/v1/stocks/2330/daily?from=2025-01&to=2025-03", &d)
	if res.StatusCode != 200 || !d.Fallback || d.Source != "offline" {
		t.Fatalf("2330 under rate limit: %d %+v", res.StatusCode, d)
	}
}

// fullQueue is a limiter whose queue is always full.
type fullQueue struct{}

func (fullQueue) Wait(_ context.Context, host string) error {
	return &limit.BusyError{Host: host, RetryAfter: 2 * time.Second}
}
