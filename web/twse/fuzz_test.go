package twse

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedFuzz adds every recorded body whose name starts with prefix.
func seedFuzz(f *testing.F, prefix string) {
	files, _ := filepath.Glob(filepath.Join("testdata", prefix+"*.json"))
	if len(files) == 0 {
		f.Fatalf("no fixtures %s*", prefix)
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, int16(0))
		f.Add(b, int16(1))
	}
}

// checkParsed holds for anything a parser accepts: every row is in the month,
// dates increase, numbers are finite and non-negative.
func checkParsed(t *testing.T, md *MonthData, m Month) {
	if md == nil || len(md.Rows) == 0 {
		t.Fatal("accepted body without rows")
	}
	for i, r := range md.Rows {
		if !m.Contains(r.Date) || (i > 0 && r.Date <= md.Rows[i-1].Date) {
			t.Fatalf("row %d date %q in month %v", i, r.Date, m)
		}
		for _, p := range []*float64{r.Open, r.High, r.Low, r.Close} {
			if p != nil && (*p < 0 || math.IsInf(*p, 0) || math.IsNaN(*p)) {
				t.Fatalf("row %d price %v", i, *p)
			}
		}
		for _, p := range []*int64{r.Volume, r.Turnover, r.Transactions} {
			if p != nil && *p < 0 {
				t.Fatalf("row %d count %v", i, *p)
			}
		}
	}
}

// monthFor picks the month a seed was recorded in, shifted by shift months,
// so the fuzzer explores both the accepting and the wrong-month paths.
func monthFor(body []byte, shift int16) Month {
	m := Month{2026, 8}
	s := string(body)
	switch {
	case strings.Contains(s, "104/05") || strings.Contains(s, `104\/05`):
		m = Month{2015, 5}
	case strings.Contains(s, "114/05"):
		m = Month{2025, 5}
	case strings.Contains(s, "115/09"):
		m = Month{2026, 9}
	}
	return m.Add(int(shift % 24))
}

func FuzzParseTWSE(f *testing.F) {
	seedFuzz(f, "twse_")
	f.Fuzz(func(t *testing.T, body []byte, shift int16) {
		m := monthFor(body, shift)
		if md, err := ParseTWSE(body, "2330", m); err == nil {
			checkParsed(t, md, m)
		}
	})
}

func FuzzParseTPEx(f *testing.F) {
	seedFuzz(f, "tpex_")
	f.Fuzz(func(t *testing.T, body []byte, shift int16) {
		m := monthFor(body, shift)
		if md, err := ParseTPEx(body, "6488", m); err == nil {
			checkParsed(t, md, m)
		}
	})
}
