package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"unroll/web/cache"
	"unroll/web/clock"
	"unroll/web/twse"
)

// The fake exchanges serve the recorded bodies in twse/testdata (copies of
// ../shared/fixtures/twse/raw, see that README) and synthetic months made from
// them by changing the dates.

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("twse", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// shiftMonth rewrites a 2026-08 body as month m (same days, ROC dates).
func shiftMonth(body []byte, m twse.Month) []byte {
	s := string(body)
	s = strings.ReplaceAll(s, "115/08/", fmt.Sprintf("%d/%02d/", m.Year-1911, int(m.Month)))
	s = strings.ReplaceAll(s, "20260801", fmt.Sprintf("%04d%02d01", m.Year, int(m.Month)))
	s = strings.ReplaceAll(s, "115年08月", fmt.Sprintf("%d年%02d月", m.Year-1911, int(m.Month)))
	if time.Date(m.Year, m.Month, 31, 0, 0, 0, 0, time.UTC).Day() != 31 { // August 31 does not exist in m
		s = regexp.MustCompile(fmt.Sprintf(`,\["%d/%02d/31"[^\]]*\]`, m.Year-1911, int(m.Month))).ReplaceAllString(s, "")
	}
	return []byte(s)
}

var (
	twseQuery = regexp.MustCompile(`^date=(\d{4})(\d{2})01&stockNo=([0-9A-Z]{4,6})&response=json$`)
	tpexQuery = regexp.MustCompile(`^code=([0-9A-Z]{4,6})&date=(\d{4})/(\d{2})/01&response=json$`)
)

// fakeExchange is one httptest server playing both TWSE and TPEx. Bodies are
// keyed "twse/2330/202608"; a missing key gets the exchange's no-data answer.
type fakeExchange struct {
	t     testing.TB
	srv   *httptest.Server
	clock *clock.Fake
	calls atomic.Int64

	mu     sync.Mutex
	bodies map[string][]byte
	fail   map[string]int // key → HTTP status to answer instead
	log    []string       // keys requested, in order
	times  []time.Time    // fake time of each request
	gate   chan struct{}  // if set, requests wait for it to close
}

func newFakeExchange(t testing.TB, c *clock.Fake) *fakeExchange {
	f := &fakeExchange{t: t, clock: c, bodies: map[string][]byte{}, fail: map[string]int{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeExchange) set(key string, body []byte) {
	f.mu.Lock()
	f.bodies[key] = body
	f.mu.Unlock()
}

func (f *fakeExchange) failWith(key string, status int) {
	f.mu.Lock()
	f.fail[key] = status
	f.mu.Unlock()
}

func (f *fakeExchange) requests() ([]string, []time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.log...), append([]time.Time(nil), f.times...)
}

func (f *fakeExchange) serve(w http.ResponseWriter, r *http.Request) {
	f.calls.Add(1)
	var key string
	switch r.URL.Path {
	case "/rwd/zh/afterTrading/STOCK_DAY":
		if m := twseQuery.FindStringSubmatch(r.URL.RawQuery); m != nil {
			key = "twse/" + m[3] + "/" + m[1] + m[2]
		}
	case "/www/zh-tw/afterTrading/tradingStock":
		if m := tpexQuery.FindStringSubmatch(r.URL.RawQuery); m != nil {
			key = "tpex/" + m[1] + "/" + m[2] + m[3]
		}
	}
	if key == "" {
		f.t.Errorf("unexpected upstream request %s", r.URL)
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.log = append(f.log, key)
	if f.clock != nil {
		f.times = append(f.times, f.clock.Now())
	}
	body, status, gate := f.bodies[key], f.fail[key], f.gate
	f.mu.Unlock()
	if gate != nil {
		<-gate
	}
	if status != 0 {
		http.Error(w, "<html>error</html>", status)
		return
	}
	if body == nil {
		if strings.HasPrefix(key, "twse/") {
			body = []byte(`{"stat":"很抱歉，沒有符合條件的資料!","total":0}`)
		} else {
			body = []byte(`{"tables":[{"title":"個股日成交資訊","date":"","data":[],"fields":[],"totalCount":0}],"stat":"ok"}`)
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

// t0 is 2026-09-10 10:00 in Taipei: 2026-09 is the current month, 2026-08 closed.
var t0 = time.Date(2026, 9, 10, 10, 0, 0, 0, twse.Taipei)

// testService builds a service against the fake exchange with a fake clock.
type testEnv struct {
	clock *clock.Fake
	up    *fakeExchange
	svc   *Service
	h     http.Handler
	mem   *cache.Memory
}

func newTestEnv(t testing.TB, tweak func(*Options)) *testEnv {
	c := clock.NewFake(t0)
	up := newFakeExchange(t, c)
	up.set("twse/2330/202608", fixture(t, "twse_stock_day_2330_202608_rwd.json"))
	up.set("twse/2330/202609", fixture(t, "twse_stock_day_2330_202609_rwd.json"))
	up.set("tpex/6488/202608", fixture(t, "tpex_tradingStock_6488_202608.json"))
	mem := cache.NewMemory(0, c)
	o := Options{TWSEBase: up.srv.URL, TPExBase: up.srv.URL + "/", HTTPClient: up.srv.Client(), Clock: c, Cache: mem}
	if tweak != nil {
		tweak(&o)
	}
	svc, err := NewService(o)
	if err != nil {
		t.Fatal(err)
	}
	return &testEnv{clock: c, up: up, svc: svc, h: svc.Handler(nil), mem: mem}
}

// get performs a request on the handler and decodes a JSON body into v (if not nil).
func (e *testEnv) get(t testing.TB, target string, v any) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	res := rec.Result()
	if v != nil {
		body, _ := io.ReadAll(res.Body)
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("%s: %d %s: %v", target, res.StatusCode, body, err)
		}
	}
	return res
}

// apiErr is the error body.
type apiErr struct {
	Error struct {
		Code      string `json:"code"`
		Message   string `json:"message"`
		MessageZh string `json:"message_zh"`
	} `json:"error"`
}

var bg = context.Background()

// mon is a month literal for tests.
func mon(y, m int) twse.Month { return twse.Month{Year: y, Month: time.Month(m)} }
