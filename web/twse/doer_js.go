//go:build js

package twse

import (
	"errors"
	"net/http"
)

// noRedirects returns d: in a js/wasm build only the Doer given is used
// (cmd/worker's fetch, asked not to follow redirects), never net/http's
// transport, so that TLS and the dialer are not linked in.
func noRedirects(d Doer) Doer {
	if d == nil {
		return noDoer{}
	}
	return d
}

type noDoer struct{}

func (noDoer) Do(*http.Request) (*http.Response, error) {
	return nil, errors.New("no HTTP client configured")
}
