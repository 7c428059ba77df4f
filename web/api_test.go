package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"unroll/web/twse"
)

func TestOfflineMode(t *testing.T) {
	e := newTestEnv(t, func(o *Options) { o.Offline = true })
	var d Daily
	res := e.get(t, "/api/v1/stocks/2330/daily?from=2024-01&to=2024-03", &d)
	if res.StatusCode != 200 || d.Source != "offline" || d.Fallback || d.Name != "台積電" || d.Market != "twse" {
		t.Fatalf("%d %+v", res.StatusCode, d)
	}
	if len(d.Rows) != 56 || *d.Range != (DateRange{"2024-01-02", "2024-03-29"}) || d.Notice == "" || d.NoticeZh == "" {
		t.Fatalf("%d rows, range %+v, notice %q", len(d.Rows), d.Range, d.Notice)
	}
	if r := d.Rows[0]; *r.Close != 593 || *r.Volume != 27997826 || r.Turnover != nil || r.Change != nil || r.Transactions != nil {
		t.Fatalf("2024-01-02: %+v", r)
	}
	// The 2317 halt day is a row with null prices.
	e.get(t, "/api/v1/stocks/2317/daily?from=2016-03&to=2016-03", &d)
	last := d.Rows[len(d.Rows)-1]
	if last.Date != "2016-03-31" || d.Rows[len(d.Rows)-2].Date != "2016-03-30" || d.Rows[len(d.Rows)-2].Close != nil {
		t.Fatalf("2317 2016-03: %+v", d.Rows[len(d.Rows)-2:])
	}
	var ae apiErr
	if res := e.get(t, "/api/v1/stocks/6488/daily?from=2024-01&to=2024-03", &ae); res.StatusCode != 404 || !strings.Contains(ae.Error.Message, "2330") {
		t.Fatalf("6488 offline: %d %+v", res.StatusCode, ae)
	}
	if res := e.get(t, "/api/v1/stocks/2330/daily?from=2026-08&to=2026-09", &ae); res.StatusCode != 404 || !strings.Contains(ae.Error.Message, "2026-06-23") {
		t.Fatalf("beyond the offline range: %d %+v", res.StatusCode, ae)
	}
	if e.up.calls.Load() != 0 {
		t.Fatalf("offline mode called the upstream %d times", e.up.calls.Load())
	}
}

func TestFallbackOnUpstreamFailure(t *testing.T) {
	e := newTestEnv(t, nil)
	for _, m := range twse.Months(mon(2025, 4), mon(2025, 6)) {
		e.up.failWith("twse/2330/"+m.Compact(), http.StatusServiceUnavailable)
	}
	var d Daily
	res := e.get(t, "/api/v1/stocks/2330/daily?from=2025-04&to=2025-06", &d)
	if res.StatusCode != 200 || d.Source != "offline" || !d.Fallback || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("%d %+v", res.StatusCode, d)
	}
	if *d.Range != (DateRange{"2025-04-01", "2025-06-30"}) || !strings.Contains(d.Notice, "2025-04-01 – 2025-06-30") ||
		!strings.Contains(d.NoticeZh, "無法連線") || !strings.Contains(d.Notice, "2025-05-27") {
		t.Fatalf("range %+v notice %q / %q", d.Range, d.Notice, d.NoticeZh)
	}
	// No shipped data for the range: the upstream error stands.
	e.up.failWith("twse/2330/202608", http.StatusServiceUnavailable)
	var ae apiErr
	if res := e.get(t, "/api/v1/stocks/2330/daily?from=2026-08&to=2026-08", &ae); res.StatusCode != 502 || ae.Error.Code != "upstream_error" {
		t.Fatalf("%d %+v", res.StatusCode, ae)
	}
}

func TestOfflineMatchesRecordedBody(t *testing.T) {
	// The shipped 2330 series equals TWSE's own 2015-05 STOCK_DAY body.
	md, err := twse.ParseTWSE(fixture(t, "twse_stock_day_2330_201505_legacy.json"), "2330", mon(2015, 5))
	if err != nil {
		t.Fatal(err)
	}
	e := newTestEnv(t, func(o *Options) { o.Offline = true })
	d, err := e.svc.Daily(bg, DailyQuery{Code: "2330", From: mon(2015, 5), To: mon(2015, 5)})
	if err != nil || len(d.Rows) != len(md.Rows) {
		t.Fatalf("%v: %d rows vs %d", err, len(d.Rows), len(md.Rows))
	}
	for i, r := range md.Rows {
		o := d.Rows[i]
		if o.Date != r.Date || *o.Open != *r.Open || *o.High != *r.High || *o.Low != *r.Low || *o.Close != *r.Close || *o.Volume != *r.Volume {
			t.Errorf("%s differs", r.Date)
		}
	}
}

func TestSearchAndHealth(t *testing.T) {
	e := newTestEnv(t, nil)
	var hits []SearchHit
	e.get(t, "/api/v1/stocks?q=%E5%8F%B0%E7%A9%8D", &hits) // 台積
	if len(hits) == 0 || hits[0].Code != "2330" || hits[0].Name != "台積電" || hits[0].Market != "twse" || !hits[0].Offline {
		t.Fatalf("台積: %+v", hits)
	}
	if r := hits[0].OfflineRange; r == nil || r.From != "2015-01-05" || r.To < "2025-01-01" {
		t.Fatalf("台積 offline_range: %+v", r)
	}
	hits = nil // a fresh decode: absent fields would keep the previous values
	e.get(t, "/api/v1/stocks?q=6488", &hits)
	if len(hits) != 1 || hits[0].Market != "tpex" || hits[0].Offline || hits[0].OfflineRange != nil {
		t.Fatalf("6488: %+v", hits)
	}
	e.get(t, "/api/v1/stocks?q=1", &hits)
	if len(hits) != DefaultSearchLimit {
		t.Fatalf("q=1: %d hits", len(hits))
	}
	e.get(t, "/api/v1/stocks?q=1&limit=500", &hits)
	if len(hits) != MaxSearchLimit {
		t.Fatalf("limit=500: %d hits", len(hits))
	}
	e.get(t, "/api/v1/stocks?q=", &hits)
	if hits == nil || len(hits) != 0 {
		t.Fatalf("empty q: %+v", hits)
	}
	var ae apiErr
	if res := e.get(t, "/api/v1/stocks?q="+strings.Repeat("a", 21), &ae); res.StatusCode != 400 || ae.Error.Code != "invalid_query" {
		t.Fatalf("long q: %d %+v", res.StatusCode, ae)
	}
	var h health
	if res := e.get(t, "/healthz", &h); res.StatusCode != 200 || h.Status != "ok" || len(h.OfflineCodes) != 4 {
		t.Fatalf("healthz: %d %+v", res.StatusCode, h)
	}
	if e.up.calls.Load() != 0 {
		t.Fatal("search reached the upstream")
	}
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

var wasm = append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("engine"), 1000)...)

func staticEnv(t *testing.T) *testEnv {
	page := fstest.MapFS{
		"index.html":       {Data: []byte("<!doctype html><title>Unroll</title>")},
		"app.js":           {Data: []byte("export {}")},
		"gen/app.wasm":     {Data: wasm},
		"gen/app.wasm.gz":  {Data: gz(wasm)},
		"gen/only.wasm.gz": {Data: gz(wasm)},
		"gen/z/app.js.br":  {Data: []byte("brotli of app.js")},
		"gen/z/app.js.gz":  {Data: gz([]byte("export {}"))},
	}
	env := newTestEnv(t, nil)
	env.h = env.svc.Handler(page)
	return env
}

func fetch(t *testing.T, h http.Handler, target string, hdr map[string]string) (*http.Response, []byte) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Result(), body
}

func TestStatic(t *testing.T) {
	e := staticEnv(t)
	res, body := fetch(t, e.h, "/", nil)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") || !bytes.Contains(body, []byte("Unroll")) {
		t.Fatalf("/: %d %v", res.StatusCode, res.Header)
	}
	res, _ = fetch(t, e.h, "/app.js", nil)
	if res.Header.Get("Content-Type") != "text/javascript; charset=utf-8" || res.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("app.js: %v", res.Header)
	}

	res, body = fetch(t, e.h, "/gen/app.wasm", map[string]string{"Accept-Encoding": "gzip, deflate, br"})
	if res.Header.Get("Content-Type") != "application/wasm" || res.Header.Get("Content-Encoding") != "gzip" ||
		res.Header.Get("Vary") != "Accept-Encoding" || !bytes.Equal(body, gz(wasm)) {
		t.Fatalf("wasm, gzip accepted: %v (%d bytes)", res.Header, len(body))
	}
	etag := res.Header.Get("ETag")
	res, _ = fetch(t, e.h, "/gen/app.wasm", map[string]string{"Accept-Encoding": "gzip", "If-None-Match": etag})
	if res.StatusCode != http.StatusNotModified {
		t.Fatalf("If-None-Match: %d", res.StatusCode)
	}
	for _, target := range []string{"/gen/app.wasm", "/gen/only.wasm"} {
		for _, ae := range []string{"", "identity", "gzip;q=0"} {
			res, body = fetch(t, e.h, target, map[string]string{"Accept-Encoding": ae})
			if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/wasm" || res.Header.Get("Content-Encoding") != "" || !bytes.Equal(body, wasm) {
				t.Fatalf("%s, Accept-Encoding %q: %d %v (%d bytes)", target, ae, res.StatusCode, res.Header, len(body))
			}
		}
	}
	// The copies under gen/z/: brotli first, then gzip, each with its own ETag.
	res, body = fetch(t, e.h, "/app.js", map[string]string{"Accept-Encoding": "gzip, deflate, br"})
	brTag := res.Header.Get("ETag")
	if res.Header.Get("Content-Encoding") != "br" || res.Header.Get("Vary") != "Accept-Encoding" ||
		res.Header.Get("Content-Type") != "text/javascript; charset=utf-8" || string(body) != "brotli of app.js" || brTag == "" {
		t.Fatalf("app.js, br accepted: %v %q", res.Header, body)
	}
	res, body = fetch(t, e.h, "/app.js", map[string]string{"Accept-Encoding": "gzip, br;q=0"})
	if res.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(body, gz([]byte("export {}"))) || res.Header.Get("ETag") == brTag {
		t.Fatalf("app.js, gzip only: %v", res.Header)
	}
	if res, _ = fetch(t, e.h, "/app.js", map[string]string{"Accept-Encoding": "br", "If-None-Match": brTag}); res.StatusCode != http.StatusNotModified {
		t.Fatalf("app.js, If-None-Match: %d", res.StatusCode)
	}
	if res, body = fetch(t, e.h, "/app.js", nil); res.Header.Get("Content-Encoding") != "" || string(body) != "export {}" {
		t.Fatalf("app.js, no encoding: %v %q", res.Header, body)
	}
	for _, target := range []string{"/missing.js", "/gen/app.wasm.gz/x", "/gen/..%2f..%2fetc/passwd"} {
		if res, _ := fetch(t, e.h, target, nil); res.StatusCode != 404 {
			t.Errorf("%s: %d", target, res.StatusCode)
		}
	}
	// The mux cleans dot segments by redirecting inside the root.
	if res, _ := fetch(t, e.h, "/../../etc/passwd", nil); res.Header.Get("Location") != "/etc/passwd" {
		t.Errorf("/../../etc/passwd: %d %v", res.StatusCode, res.Header)
	}
	// The file server on its own never leaves its root either.
	for _, p := range []string{"/../index.html", "/gen/../../app.js"} {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL.Path = p
		rec := httptest.NewRecorder()
		NewStatic(fstest.MapFS{"index.html": {Data: []byte("i")}, "app.js": {Data: []byte("a")}}).ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Errorf("%s: %d (should clean to a file inside the root)", p, rec.Code)
		}
	}
	if res, _ := fetch(t, e.h, "/gen", nil); res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/gen/" {
		t.Errorf("/gen: %d %v", res.StatusCode, res.Header)
	}
}

func TestSecurityHeadersEverywhere(t *testing.T) {
	e := staticEnv(t)
	for _, target := range []string{"/", "/gen/app.wasm", "/missing", "/healthz", "/api/v1/stocks?q=2330",
		"/api/v1/stocks/2330/daily?from=2026-08&to=2026-08", "/api/v1/stocks/bad!/daily", "/api/v1/x"} {
		res, _ := fetch(t, e.h, target, nil)
		h := res.Header
		if h.Get("Content-Security-Policy") != ContentSecurityPolicy || h.Get("X-Content-Type-Options") != "nosniff" ||
			h.Get("Referrer-Policy") != "no-referrer" || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: %v", target, h)
		}
		if h.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("%s: CORS header", target)
		}
	}
	if !strings.Contains(ContentSecurityPolicy, "script-src 'self' 'wasm-unsafe-eval' 'sha256-") || strings.Contains(ContentSecurityPolicy, "unsafe-inline") {
		t.Fatal(ContentSecurityPolicy)
	}
	req := httptest.NewRequest(http.MethodPost, "/api/v1/stocks/2330/daily", nil)
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Content-Security-Policy") == "" {
		t.Fatalf("POST: %d", rec.Code)
	}
}

func TestValidateQuery(t *testing.T) {
	now := time.Date(2026, 8, 31, 23, 30, 0, 0, time.UTC) // 2026-09-01 07:30 in Taipei
	q, e := ValidateQuery(" 00631l ", "", "", now, 36)
	if e != nil || q.Code != "00631L" || q.From != (mon(2026, 9)) || q.To != q.From {
		t.Fatalf("defaults: %+v %v", q, e)
	}
	if _, e := ValidateQuery("2330", "2026-09", "2026-09", now, 36); e != nil {
		t.Fatalf("September is the current month in Taipei: %v", e)
	}
	if _, e := ValidateQuery("2330", "2010-01", "2012-12", now, 36); e != nil {
		t.Fatalf("36 months: %v", e)
	}
	if _, e := ValidateQuery("2330", "2010-01", "2013-01", now, 36); e == nil {
		t.Fatal("37 months accepted")
	}
}

func FuzzValidateQuery(f *testing.F) {
	f.Add("2330", "2024-01", "2024-06")
	f.Add("00631L", "", "")
	f.Add("6488", "2026-09", "2026-08")
	f.Add("2330/../x", "2010-01", "9999-12")
	f.Add("台積電", "2024-1", "2024-06")
	now := time.Date(2026, 9, 10, 2, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, code, from, to string) {
		q, e := ValidateQuery(code, from, to, now, DefaultMaxMonths)
		if e != nil {
			if e.Status != 400 || e.Message == "" || e.MessageZh == "" {
				t.Fatalf("error %+v", e)
			}
			return
		}
		if !twse.ValidCode(q.Code) || q.To.Before(q.From) || twse.MonthOf(now).Before(q.To) || q.From.Before(FirstMonth) ||
			q.To.Index()-q.From.Index() >= DefaultMaxMonths {
			t.Fatalf("accepted %q %q %q as %+v", code, from, to, q)
		}
		// What reaches the client is a fixed URL with a plain code in it.
		u, err := (&twse.Client{}).URL(twse.TWSE, q.Code, q.From)
		if err != nil || u != twse.DefaultTWSEBase+"/rwd/zh/afterTrading/STOCK_DAY?date="+q.From.Compact()+"01&stockNo="+q.Code+"&response=json" {
			t.Fatalf("accepted query builds URL %q: %v", u, err)
		}
	})
}
