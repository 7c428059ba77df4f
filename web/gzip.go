package web

import (
	"bytes"
	"compress/gzip"
	"net/http"
)

// GzipJSON lets the API's JSON responses (writeJSON's, errors included) go
// out gzip-compressed to clients whose Accept-Encoding allows it, with Vary:
// Accept-Encoding on every one of them so that a cache keeps the two apart.
// The page's files are not touched: Static sends its own precompressed
// copies. `unroll serve` wraps its handler in it; the Worker does not, since
// Cloudflare compresses what a Worker sends.
func GzipJSON(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&jsonEncoding{ResponseWriter: w, gzip: accepts(r, "gzip")}, r)
	})
}

// jsonEncoding marks a response whose JSON writeJSON may compress.
type jsonEncoding struct {
	http.ResponseWriter
	gzip bool // the request accepts gzip
}

// Unwrap gives http.ResponseController the writer underneath.
func (j *jsonEncoding) Unwrap() http.ResponseWriter { return j.ResponseWriter }

// encodeJSON returns the body to send for a JSON response on w: under GzipJSON,
// with Vary set, and gzip-compressed (Content-Encoding set) when the client
// accepts it and that makes the body smaller; otherwise body itself.
func encodeJSON(w http.ResponseWriter, body []byte) []byte {
	j, ok := w.(*jsonEncoding)
	h := w.Header()
	if !ok || h.Get("Content-Encoding") != "" {
		return body
	}
	h.Add("Vary", "Accept-Encoding")
	if !j.gzip {
		return body
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	zw.Write(body)
	if zw.Close() != nil || buf.Len() >= len(body) {
		return body
	}
	h.Set("Content-Encoding", "gzip")
	return buf.Bytes()
}
