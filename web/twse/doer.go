package twse

import "net/http"

// Doer sends one HTTP request and returns its response, as *http.Client does.
// On Cloudflare Workers it is the runtime's fetch API (cmd/worker), which
// keeps net/http's own transport, and with it TLS, out of the Worker's build.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}
