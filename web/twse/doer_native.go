//go:build !js

package twse

import "net/http"

// noRedirects returns d with redirects not followed: an *http.Client (nil:
// one on http.DefaultTransport) is copied with a CheckRedirect that keeps the
// redirect response; any other Doer is trusted to do the same.
func noRedirects(d Doer) Doer {
	hc := http.Client{}
	if c, ok := d.(*http.Client); ok {
		if c != nil {
			hc = *c
		}
	} else if d != nil {
		return d
	}
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &hc
}
