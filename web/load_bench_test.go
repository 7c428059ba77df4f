package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkAPILoad200 is 200 concurrent clients asking for one cached month
// over loopback HTTP. It fails on any error and reports latency percentiles
// and throughput (make bench; the numbers go in the closing note, not in a test).
func BenchmarkAPILoad200(b *testing.B) {
	const clients = 200
	e := newTestEnv(b, nil)
	if _, err := e.svc.Daily(bg, DailyQuery{Code: "2330", From: mon(2026, 8), To: mon(2026, 8)}); err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	tr := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	url := srv.URL + "/api/v1/stocks/2330/daily?from=2026-08&to=2026-08"

	var (
		next, errs atomic.Int64
		mu         sync.Mutex
		lat        = make([]time.Duration, 0, b.N)
		wg         sync.WaitGroup
	)
	b.ResetTimer()
	start := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for next.Add(1) <= int64(b.N) {
				t := time.Now()
				res, err := client.Get(url)
				if err != nil {
					errs.Add(1)
					continue
				}
				n, _ := io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != 200 || n < 1000 {
					errs.Add(1)
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if n := errs.Load(); n > 0 {
		b.Fatalf("%d of %d requests failed", n, b.N)
	}
	if e.up.calls.Load() != 1 {
		b.Fatalf("%d upstream calls for a cached month", e.up.calls.Load())
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "req/s")
	b.ReportMetric(0, "errors")
}
