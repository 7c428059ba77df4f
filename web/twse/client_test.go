package twse

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type recordingWaiter struct {
	mu    sync.Mutex
	hosts []string
	err   error
}

func (w *recordingWaiter) Wait(_ context.Context, host string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.hosts = append(w.hosts, host)
	return w.err
}

func TestClientURLs(t *testing.T) {
	c := Client{TWSEBase: "http://127.0.0.1:1/", TPExBase: "http://127.0.0.1:2"}
	u, _ := c.URL(TWSE, "2330", Month{2024, 1})
	if u != "http://127.0.0.1:1/rwd/zh/afterTrading/STOCK_DAY?date=20240101&stockNo=2330&response=json" {
		t.Error(u)
	}
	u, _ = c.URL(TPEx, "6488", Month{2026, 8})
	if u != "http://127.0.0.1:2/www/zh-tw/afterTrading/tradingStock?code=6488&date=2026/08/01&response=json" {
		t.Error(u)
	}
	for _, code := range []string{"23", "2330&x=1", "../a", "2330 ", "abcd", "1234567"} {
		if _, err := c.URL(TWSE, code, Month{2024, 1}); err == nil {
			t.Errorf("code %q accepted", code)
		}
	}
	for _, b := range []string{"ftp://x", "http://", "http://x/?a=1", "http://u@x", "x.com", "http://x/#f"} {
		if _, err := CheckBase(b); err == nil {
			t.Errorf("base %q accepted", b)
		}
	}
}

func TestClientFetch(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch r.URL.Query().Get("stockNo") + r.URL.Query().Get("code") {
		case "2330":
			w.Write(readFixture(t, "twse_stock_day_2330_202608_rwd.json"))
		case "6488":
			w.Write(readFixture(t, "tpex_tradingStock_6488_202608.json"))
		case "1101":
			w.Write(readFixture(t, "twse_stock_day_nodata.json"))
		case "2002":
			http.Redirect(w, r, "https://example.com/banned", http.StatusFound)
		case "2303":
			w.WriteHeader(http.StatusForbidden)
		case "2412":
			w.Write([]byte(strings.Repeat(" ", 20001)))
		case "2882":
			<-r.Context().Done() // answers only after the client has given up
		}
	}))
	defer srv.Close()
	wt := &recordingWaiter{}
	// A generous timeout, so a busy machine never turns an answer into a timeout; the
	// one request that must time out (2882) goes through a copy with a short one.
	c := Client{HTTP: srv.Client(), TWSEBase: srv.URL, TPExBase: srv.URL, Limiter: wt, MaxBody: 20000, Timeout: 30 * time.Second}
	short := c
	short.Timeout = 50 * time.Millisecond
	ctx := context.Background()
	aug := Month{2026, 8}

	md, err := c.FetchMonth(ctx, TWSE, "2330", aug)
	if err != nil || len(md.Rows) != 21 || md.Name != "台積電" {
		t.Fatalf("2330: %v", err)
	}
	md, err = c.FetchMonth(ctx, TPEx, "6488", aug)
	if err != nil || len(md.Rows) != 21 || *md.Rows[0].Volume != 15388000 {
		t.Fatalf("6488: %v", err)
	}
	if _, err := c.FetchMonth(ctx, TWSE, "1101", aug); !errors.Is(err, ErrNoData) {
		t.Fatalf("no data: %v", err)
	}
	if _, err := c.FetchMonth(ctx, TWSE, "2330", Month{2026, 9}); !errors.Is(err, ErrWrongMonth) {
		t.Fatalf("wrong month: %v", err)
	}
	var ue *UpstreamError
	for code, status := range map[string]int{"2002": 302, "2303": 403, "2412": 200, "2882": 0} {
		cl := c
		if code == "2882" {
			cl = short
		}
		if _, err := cl.FetchMonth(ctx, TWSE, code, aug); !errors.As(err, &ue) || ue.Status != status {
			t.Errorf("%s: %v, want an upstream error with status %d", code, err, status)
		}
	}
	if int64(len(wt.hosts)) != hits.Load() || wt.hosts[0] != strings.TrimPrefix(srv.URL, "http://") {
		t.Fatalf("limiter saw %v for %d requests", wt.hosts, hits.Load())
	}
	// A limiter refusal stops the request before it is sent, and is passed on as is.
	busy := errors.New("busy")
	wt.err = busy
	if _, err := c.FetchMonth(ctx, TWSE, "2330", aug); err != busy || hits.Load() != 8 {
		t.Fatalf("refused: %v after %d requests", err, hits.Load())
	}
}
