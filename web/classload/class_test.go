package classload

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"unroll/web"
	"unroll/web/twse"
)

// TestClassWithoutBan is the class load at a reduced scale, with time scaled
// down 10 times (the exchange bans more than 3 calls in 500 ms; Unroll spaces
// its calls 200 ms apart): four students on four stocks and four on the
// default stock, three months each. No exchange ban, each month asked for
// once, every student served, waiting students told their position, and the
// default stock never behind more than the one call already due.
func TestClassWithoutBan(t *testing.T) {
	if testing.Short() {
		t.Skip("a few seconds of real time")
	}
	x := NewExchange(3, 500*time.Millisecond)
	up := httptest.NewServer(x)
	defer up.Close()
	svc, err := web.NewService(web.Options{TWSEBase: up.URL, TPExBase: up.URL, MinInterval: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(svc.Handler(nil))
	defer srv.Close()
	const months = 3
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	codes := StockCodes(4, "2330")
	r := Run(ctx, Config{Base: srv.URL, Codes: codes, Default: "2330", DefaultStudents: 4,
		From: twse.Month{Year: 2024, Month: time.January}, Months: months, Poll: 20 * time.Millisecond})

	st := x.Stats()

	if st.Bans != 0 || st.MaxInWindow > 3 {
		t.Errorf("%d bans; at most %d calls within 500 ms", st.Bans, st.MaxInWindow)
	}
	if want := (len(codes) + 1) * months; st.Calls != want || st.Repeated != 0 {
		t.Errorf("%d upstream calls (%d months asked twice), want %d, each once", st.Calls, st.Repeated, want)
	}
	toldSome := false
	for _, s := range r.Students {
		if s.Served != months || len(s.Errors) > 0 {
			t.Errorf("%s: served %d of %d months: %v", s.Code, s.Served, months, s.Errors)
		}
		if s.Default && s.MaxPosition > 2 {
			t.Errorf("a default-stock student stood at position %d", s.MaxPosition)
		}
		if !s.Default && s.MaxPosition >= 2 && s.MaxWait > 0 {
			toldSome = true
		}
	}
	if !toldSome {
		t.Errorf("no waiting student was told a position behind another with a wait: %+v", r.Students)
	}
}
