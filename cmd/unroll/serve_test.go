package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe for the server goroutine and the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServe runs `unroll serve args...` until ctx ends and returns the URL it prints
// and the channel of run's result.
func startServe(t *testing.T, ctx context.Context, args ...string) (string, <-chan error) {
	t.Helper()
	var out, errOut lockedBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve"}, args...), func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
	}()

	// Wait for the URL line (the server prints it once it listens).
	var url string
	for deadline := time.Now().Add(10 * time.Second); url == "" && time.Now().Before(deadline); {
		if line, ok := strings.CutPrefix(out.String(), "Unroll: "); ok && strings.HasSuffix(line, "\n") {
			url = strings.TrimSpace(line)
			break
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended early: %v\n%s", err, errOut.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") || strings.HasSuffix(url, ":0/") {
		t.Fatalf("printed %q", out.String())
	}
	return url, done
}

// httpGet reads url + path.
func httpGet(t *testing.T, url, path string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestServeOffline(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, done := startServe(t, ctx, "--addr", "127.0.0.1:0", "--offline", "--cache-dir", t.TempDir())
	get := func(path string) (*http.Response, string) { return httpGet(t, url, path) }
	if res, body := get("healthz"); res.StatusCode != 200 || !strings.Contains(body, `"offline":true`) {
		t.Fatalf("healthz: %d %s", res.StatusCode, body)
	}
	if res, body := get("api/v1/stocks/2330/daily?from=2024-01&to=2024-01"); res.StatusCode != 200 || !strings.Contains(body, `"source":"offline"`) {
		t.Fatalf("daily: %d %.200s", res.StatusCode, body)
	}
	if res, body := get(""); res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Type"), "text/html") ||
		res.Header.Get("Content-Security-Policy") == "" || !strings.Contains(body, "<html") {
		t.Fatalf("page: %d %v", res.StatusCode, res.Header)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after cancel")
	}
}

// serve --lessons-dir DIR serves DIR's .json files under /lessons-local/ and nothing else of DIR;
// the page is served as before.
func TestServeLessonsDir(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{"mine.json": `{"id":"mine"}`, "notes.txt": "private", "sub.json/x.json": "{}"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, done := startServe(t, ctx, "--addr", "127.0.0.1:0", "--offline", "--cache-dir", "", "--lessons-dir", dir)
	if res, body := httpGet(t, url, "lessons-local/mine.json"); res.StatusCode != 200 || body != `{"id":"mine"}` ||
		res.Header.Get("Content-Type") != "application/json" || res.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("mine.json: %d %v %q", res.StatusCode, res.Header, body)
	}
	for _, p := range []string{"lessons-local/notes.txt", "lessons-local/sub.json", "lessons-local/", "lessons-local/missing.json", "lessons-local/../go.mod"} {
		if res, body := httpGet(t, url, p); res.StatusCode == 200 {
			t.Errorf("%s: served %q", p, body)
		}
	}
	if res, _ := httpGet(t, url, ""); res.StatusCode != 200 {
		t.Errorf("page: %d", res.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve returned %v", err)
	}
	if _, _, err := runUnroll(t, "serve", "--addr", "127.0.0.1:0", "--lessons-dir", filepath.Join(dir, "mine.json")); err == nil {
		t.Error("a file accepted as --lessons-dir")
	}
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "extra"},
		{"serve", "--tpex-base", "javascript:alert(1)"},
		{"--nope"},
	} {
		_, _, err := runUnroll(t, args...)
		var u usageError
		if err == nil || !errors.As(err, &u) {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
	if _, _, err := runUnroll(t, "serve", "--addr", "256.0.0.1:99999"); err == nil {
		t.Error("bad address accepted")
	}
}
