package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

func gunzipT(t *testing.T, b []byte) []byte {
	t.Helper()
	out, err := gunzip(b)
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	return out
}

func TestGzipJSON(t *testing.T) {
	e := staticEnv(t)
	h := GzipJSON(e.h)
	for _, target := range []string{
		"/api/v1/stocks/2330/daily?from=2026-08&to=2026-09", // 200
		"/api/v1/stocks?q=2", // 200, a list
		"/healthz",           // 200, small
		"/api/v1/stocks/bad!/daily?from=2026-08&to=2026-08", // 400
		"/api/v1/nothing", // 404
	} {
		fetch(t, h, target, nil) // the first answer comes from the exchange, the next ones from the cache
		plainRes, plain := fetch(t, h, target, nil)
		if plainRes.Header.Get("Content-Encoding") != "" || plainRes.Header.Get("Vary") != "Accept-Encoding" ||
			plainRes.Header.Get("Content-Length") != strconv.Itoa(len(plain)) {
			t.Fatalf("%s without Accept-Encoding: %v", target, plainRes.Header)
		}
		for _, ae := range []string{"identity", "gzip;q=0", "br"} {
			res, body := fetch(t, h, target, map[string]string{"Accept-Encoding": ae})
			if res.Header.Get("Content-Encoding") != "" || !bytes.Equal(body, plain) || res.StatusCode != plainRes.StatusCode {
				t.Fatalf("%s, Accept-Encoding %q: %d %v", target, ae, res.StatusCode, res.Header)
			}
		}
		res, body := fetch(t, h, target, map[string]string{"Accept-Encoding": "gzip, deflate, br"})
		if res.StatusCode != plainRes.StatusCode || res.Header.Get("Vary") != "Accept-Encoding" ||
			res.Header.Get("Content-Type") != "application/json; charset=utf-8" ||
			res.Header.Get("Content-Length") != strconv.Itoa(len(body)) ||
			res.Header.Get("Cache-Control") != plainRes.Header.Get("Cache-Control") ||
			res.Header.Get("Content-Security-Policy") != ContentSecurityPolicy {
			t.Fatalf("%s, gzip: %d %v", target, res.StatusCode, res.Header)
		}
		switch res.Header.Get("Content-Encoding") {
		case "gzip":
			if len(body) >= len(plain) || !bytes.Equal(gunzipT(t, body), plain) {
				t.Fatalf("%s: %d bytes gzip for %d plain, or not the same JSON", target, len(body), len(plain))
			}
		case "":
			if !bytes.Equal(body, plain) {
				t.Fatalf("%s: identity body differs", target)
			}
		default:
			t.Fatalf("%s: Content-Encoding %q", target, res.Header.Get("Content-Encoding"))
		}
	}
	// The default data's response, as the page asks for it, is compressed.
	res, body := fetch(t, h, "/api/v1/stocks/2330/daily?from=2026-08&to=2026-09", map[string]string{"Accept-Encoding": "gzip"})
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("daily prices not compressed: %v (%d bytes)", res.Header, len(body))
	}

	// The page's files keep their own encodings and ETags, never compressed twice.
	res, body = fetch(t, h, "/app.js", map[string]string{"Accept-Encoding": "gzip"})
	if res.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(body, gz([]byte("export {}"))) || res.Header.Get("Vary") != "Accept-Encoding" {
		t.Fatalf("app.js: %v %q", res.Header, body)
	}
	etag := res.Header.Get("ETag")
	if res, _ = fetch(t, h, "/app.js", map[string]string{"Accept-Encoding": "gzip", "If-None-Match": etag}); res.StatusCode != http.StatusNotModified {
		t.Fatalf("app.js, If-None-Match: %d", res.StatusCode)
	}
	if res, body = fetch(t, h, "/", map[string]string{"Accept-Encoding": "gzip"}); res.Header.Get("Content-Encoding") != "" || !bytes.Contains(body, []byte("Unroll")) {
		t.Fatalf("/: %v", res.Header)
	}

	// Without GzipJSON (the Worker's handler) nothing changes.
	res, body = fetch(t, e.h, "/api/v1/stocks/2330/daily?from=2026-08&to=2026-09", map[string]string{"Accept-Encoding": "gzip"})
	if res.Header.Get("Content-Encoding") != "" || res.Header.Get("Vary") != "" || !bytes.HasPrefix(body, []byte("{")) {
		t.Fatalf("without GzipJSON: %v", res.Header)
	}
}

// Over a real connection, GET and HEAD agree on the headers, and the body as
// sent is the gzip of the plain one.
func TestGzipJSONOverHTTP(t *testing.T) {
	e := staticEnv(t)
	srv := httptest.NewServer(GzipJSON(e.h))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	do := func(method, ae string) (*http.Response, []byte) {
		req, _ := http.NewRequest(method, srv.URL+"/api/v1/stocks/2330/daily?from=2026-08&to=2026-09", nil)
		if ae != "" {
			req.Header.Set("Accept-Encoding", ae)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res, body
	}
	do(http.MethodGet, "") // from the exchange; the next ones from the cache
	_, plain := do(http.MethodGet, "")
	get, body := do(http.MethodGet, "gzip")
	head, none := do(http.MethodHead, "gzip")
	if get.StatusCode != 200 || get.Header.Get("Content-Encoding") != "gzip" || get.ContentLength != int64(len(body)) {
		t.Fatalf("GET: %d %v, %d bytes", get.StatusCode, get.Header, len(body))
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(zr); !bytes.Equal(got, plain) {
		t.Fatalf("decompressed body differs from the plain one (%d vs %d bytes)", len(got), len(plain))
	}
	if head.StatusCode != 200 || len(none) != 0 || head.Header.Get("Content-Encoding") != "gzip" ||
		head.Header.Get("Content-Length") != get.Header.Get("Content-Length") || head.Header.Get("Vary") != "Accept-Encoding" {
		t.Fatalf("HEAD: %d %v", head.StatusCode, head.Header)
	}
}
