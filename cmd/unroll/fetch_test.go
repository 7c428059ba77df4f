package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// runUnroll runs the command as main would, with an empty environment, and
// returns stdout, stderr and the error.
func runUnroll(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestFetchOfflineCSV(t *testing.T) {
	out, errOut, err := runUnroll(t, "fetch", "2330", "--from", "2024-01", "--to", "2024-03", "--offline")
	if err != nil {
		t.Fatal(err, errOut)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 57 || lines[0] != "date,open,high,low,close,volume,turnover,change,transactions" ||
		lines[1] != "2024-01-02,590,593,589,593,27997826,,," || lines[56] != "2024-03-29,769,781,768,779,20212820,,," {
		t.Fatalf("%d lines: %q … %q", len(lines), lines[:2], lines[len(lines)-1])
	}
	if !strings.Contains(errOut, "2024-01-02 – 2024-03-29") {
		t.Errorf("stderr %q does not name the range", errOut)
	}
	// Flags before the code work too; the 2317 halt day has empty prices.
	out, _, err = runUnroll(t, "fetch", "--offline", "--from", "2016-03", "--to", "2016-03", "2317")
	if err != nil || !strings.Contains(out, "\n2016-03-30,,,,,0,,,\n") {
		t.Fatalf("2317: %v\n%s", err, out)
	}
}

func TestFetchOfflineJSON(t *testing.T) {
	out, _, err := runUnroll(t, "fetch", "0050", "--from", "2025-05", "--to", "2025-05", "--offline", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Code, Name, Market, Source string
		Rows                       []map[string]any
		Range                      struct{ From, To string }
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if d.Code != "0050" || d.Name != "元大台灣50" || d.Source != "offline" || d.Range.To != "2025-05-26" || d.Rows[0]["turnover"] != nil {
		t.Fatalf("%+v", d)
	}
}

func TestFetchUpstreamAndCache(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("..", "..", "web", "twse", "testdata", "twse_stock_day_2330_202608_rwd.json"))
	if err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int64
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.URL.Path == "/rwd/zh/afterTrading/STOCK_DAY" && r.URL.Query().Get("date") == "20260801" {
			w.Write(body)
			return
		}
		if strings.HasPrefix(r.URL.Path, "/rwd/") {
			w.Write([]byte(`{"stat":"很抱歉，沒有符合條件的資料!","total":0}`))
		} else {
			w.Write([]byte(`{"tables":[{"date":"","data":[],"fields":[],"totalCount":0}],"stat":"ok"}`))
		}
	}))
	defer up.Close()
	dir := t.TempDir()
	args := []string{"fetch", "2330", "--from", "2026-07", "--to", "2026-08", "--twse-base", up.URL, "--tpex-base", up.URL,
		"--cache-dir", dir, "--min-interval", "1ms"}
	out, errOut, err := runUnroll(t, args...)
	if err != nil {
		t.Fatal(err, errOut)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) != 22 || lines[1] != "2026-08-03,2390,2395,2365,2370,35209944,83673350698,-55,174489" {
		t.Fatalf("%d lines, first row %q", len(lines), lines[1])
	}
	// July: TWSE and TPEx both have no data; August: TWSE.
	if calls.Load() != 3 {
		t.Fatalf("%d upstream calls, want 3", calls.Load())
	}
	if !strings.Contains(errOut, "fetch 2330: 2026-07 (1/2)") || !strings.Contains(errOut, "fetch 2330: 2026-08 (2/2)") {
		t.Errorf("progress: %q", errOut)
	}
	// Closed months come back from the cache directory, upstream unreachable.
	args[7], args[9] = "http://127.0.0.1:1", "http://127.0.0.1:1"
	out2, errOut, err := runUnroll(t, append(args, "--format", "json")...)
	if err != nil || !strings.Contains(out2, `"source": "cache"`) {
		t.Fatalf("from cache: %v %s\n%s", err, errOut, out2[:min(len(out2), 300)])
	}
}

func TestFetchUsage(t *testing.T) {
	for _, args := range [][]string{
		{"fetch"},
		{"fetch", "2330", "2317"},
		{"fetch", "2330", "--format", "xml"},
		{"fetch", "2330", "--from", "2024-13"},
		{"fetch", "2330", "--from", "2024-06", "--to", "2024-01"},
		{"fetch", "2330/..", "--offline"},
		{"fetch", "2330", "--twse-base", "file:///etc"},
		{"fetch", "2330", "--min-interval", "0s"},
		{"fetch", "2330", "--bogus"},
	} {
		_, _, err := runUnroll(t, args...)
		var u usageError
		if !errors.As(err, &u) {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
	// A code the offline data lacks is an ordinary failure (exit 1).
	_, _, err := runUnroll(t, "fetch", "6488", "--offline")
	var u usageError
	if err == nil || errors.As(err, &u) || !strings.Contains(err.Error(), "2330") {
		t.Errorf("6488 offline: %v", err)
	}
}
