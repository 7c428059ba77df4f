package web

import "net/http"

// startScriptHash allows index.html's one inline script, which starts the
// engine's Web Worker before the page's other files arrive (csp_test.go
// recomputes it from static/index.html).
const startScriptHash = "'sha256-q1NyMUQpjgPSXFOfHYj17xLxPp8EpKIjLnzpsWbz1Yg='"

// ContentSecurityPolicy allows only the page's own scripts, styles and
// connections: no inline script but the one of startScriptHash, no other
// origin. 'wasm-unsafe-eval' lets the engine's Web Worker compile its WebAssembly.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' " + startScriptHash + "; style-src 'self'; " +
	"img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; " +
	"frame-ancestors 'none'"

// Secure sets the security headers on every response of next. It adds no
// CORS headers: the API is same-origin only.
func Secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", ContentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}
