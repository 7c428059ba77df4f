package main

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"unroll/web/classload"
)

func TestPrefetchFillsTheCacheAndResumes(t *testing.T) {
	x := classload.NewExchange(3, 10*time.Millisecond)
	up := httptest.NewServer(x)
	defer up.Close()
	dir := t.TempDir()
	args := []string{"prefetch", "--codes", "1101, 2317", "--from", "2024-01", "--to", "2024-02", "--cache-dir", dir,
		"--twse-base", up.URL, "--tpex-base", up.URL, "--min-interval", "20ms"}
	out, errOut, err := runUnroll(t, args...)
	if err != nil {
		t.Fatal(err, errOut)
	}
	if st := x.Stats(); st.Calls != 4 || st.Bans != 0 || st.Repeated != 0 {
		t.Fatalf("first run: %+v", st)
	}
	if !strings.Contains(out, "1101\tupstream\t") || !strings.Contains(out, "2317\tupstream\t") ||
		!strings.Contains(errOut, "prefetch 2317: 2024-02 (4/4)") {
		t.Fatalf("stdout %q stderr %q", out, errOut)
	}
	// Again: every month comes from the cache directory, none from the exchange.
	out, _, err = runUnroll(t, args...)
	if err != nil || x.Stats().Calls != 4 || !strings.Contains(out, "2317\tcache\t") {
		t.Fatalf("second run: %v, %d calls, %q", err, x.Stats().Calls, out)
	}
	for _, bad := range [][]string{{"prefetch"}, {"prefetch", "--codes", "23/0"}, {"prefetch", "--codes", "2330", "--offline"}} {
		if _, _, err := runUnroll(t, bad...); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}
