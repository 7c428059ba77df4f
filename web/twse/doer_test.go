package twse

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

type fixedDoer struct{ status int }

func (d fixedDoer) Do(*http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: d.status, Body: http.NoBody}, nil
}

// A Doer that is not an *http.Client is used as it is; an *http.Client, nil
// or a nil *http.Client becomes a client that keeps redirect responses.
func TestNoRedirects(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/elsewhere", http.StatusFound)
	}))
	defer srv.Close()
	var nilClient *http.Client
	for name, d := range map[string]Doer{"nil": nil, "nil *http.Client": nilClient, "*http.Client": srv.Client()} {
		req, _ := http.NewRequest("GET", srv.URL, nil)
		resp, err := noRedirects(d).Do(req)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusFound {
			t.Errorf("%s: status %d, want the redirect itself (302)", name, resp.StatusCode)
		}
	}
	req, _ := http.NewRequest("GET", srv.URL, nil)
	if resp, err := noRedirects(fixedDoer{299}).Do(req); err != nil || resp.StatusCode != 299 {
		t.Errorf("own Doer: %v %v", resp, err)
	}
}
