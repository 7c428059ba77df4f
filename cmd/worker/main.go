//go:build js && wasm

// Command worker is Unroll's API on Cloudflare Workers: the same web handler
// as `unroll serve`, run by github.com/syumai/workers. The page itself is
// served by Cloudflare as static assets (wrangler.toml), so only /api/* and
// /healthz reach this code.
//
// Every request starts a fresh Go instance: nothing in memory survives it.
// Months are therefore cached in the Workers Cache API (cacheAPI), upstream
// requests go through the Workers fetch API, and the configuration comes from
// the Worker's variables:
//
//	TWSE_BASE  upstream base for TWSE STOCK_DAY   (default https://www.twse.com.tw)
//	TPEX_BASE  upstream base for TPEx tradingStock (default https://www.tpex.org.tw)
//
// Build: see `make worker-build` (GOOS=js GOARCH=wasm, with the JS glue from
// github.com/syumai/workers/cmd/workers-assets-gen).
package main

import (
	"log"
	"net/http"
	"syscall/js"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
	"github.com/syumai/workers/cloudflare/fetch"

	"unroll/web"
)

func main() {
	workers.Serve(handler(getenv))
}

// handler builds the API handler from the Worker's variables. A bad
// configuration answers every request with a JSON error (500) instead of
// failing in a way the caller cannot read.
func handler(getenv func(string) string) http.Handler {
	h, err := web.NewHandler(web.Options{
		TWSEBase: getenv("TWSE_BASE"),
		TPExBase: getenv("TPEX_BASE"),
		// Redirects come back as they are (the client rejects a non-200);
		// the Workers runtime does not implement the "error" mode.
		HTTPClient: fetchDoer{fetch.NewClient()},
		Cache:      newCacheAPI(),
		Logf:       log.Printf,
	})
	if err != nil {
		log.Printf("configuration: %v", err)
		return web.Secure(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusInternalServerError)
			w.Write([]byte(`{"error":{"code":"config_error",` +
				`"message":"The Worker is misconfigured (TWSE_BASE or TPEX_BASE).",` +
				`"message_zh":"Worker 設定錯誤（TWSE_BASE 或 TPEX_BASE）。"}}` + "\n"))
		}))
	}
	return withHost(h)
}

// fetchDoer sends the upstream requests through the Workers fetch API
// directly, not through an *http.Client, so that net/http's transport (and
// TLS with it) is not linked into the Worker.
type fetchDoer struct{ c *fetch.Client }

func (d fetchDoer) Do(req *http.Request) (*http.Response, error) {
	return d.c.Do(&fetch.Request{Request: req}, &fetch.RequestInit{Redirect: fetch.RedirectModeManual})
}

// getenv reads a string variable of the Worker ([vars] in wrangler.toml, or
// `wrangler dev --var NAME:VALUE`); "" if it is unset or not a string.
func getenv(name string) string {
	v := cloudflare.GetBinding(name)
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}
