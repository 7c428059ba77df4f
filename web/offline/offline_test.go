package offline

import (
	"testing"

	"unroll/web/twse"
)

func TestSeries(t *testing.T) {
	want := map[string]struct {
		rows        int
		first, last string
	}{
		"0050": {2531, "2015-01-05", "2025-05-26"},
		"2317": {2785, "2015-01-05", "2026-06-23"},
		"2330": {2792, "2015-01-05", "2026-06-23"},
		"2454": {2791, "2015-01-05", "2026-06-23"},
	}
	if cs := Codes(); len(cs) != len(want) {
		t.Fatalf("Codes = %v", cs)
	}
	for code, w := range want {
		s, ok := Lookup(code)
		if !ok || len(s.Rows) != w.rows || s.First() != w.first || s.Last() != w.last {
			t.Fatalf("%s: %v rows %d %s…%s, want %+v", code, ok, len(s.Rows), s.First(), s.Last(), w)
		}
		for i, r := range s.Rows {
			if i > 0 && r.Date <= s.Rows[i-1].Date {
				t.Fatalf("%s: %s out of order", code, r.Date)
			}
			if r.Volume == nil || (r.Close == nil) != (r.Open == nil) || r.Turnover != nil || r.Change != nil {
				t.Fatalf("%s %s: %+v", code, r.Date, r)
			}
			if r.Close != nil && (*r.Low > *r.Close || *r.High < *r.Close || *r.Low > *r.Open || *r.High < *r.Open) {
				t.Fatalf("%s %s: OHLC inconsistent", code, r.Date)
			}
		}
	}
	if _, ok := Lookup("6488"); ok {
		t.Fatal("6488 has no offline data")
	}
	if Has("../x") || Has("2330.csv") {
		t.Fatal("Has accepted a path")
	}
}

func TestHaltDayAndBetween(t *testing.T) {
	s, _ := Lookup("2317")
	rows := s.Between(twse.Month{Year: 2016, Month: 3}, twse.Month{Year: 2016, Month: 3})
	var halt *twse.Row
	for i := range rows {
		if rows[i].Date == "2016-03-30" {
			halt = &rows[i]
		}
		if rows[i].Date[:7] != "2016-03" {
			t.Fatalf("Between returned %s", rows[i].Date)
		}
	}
	if halt == nil || halt.Open != nil || halt.Close != nil || *halt.Volume != 0 {
		t.Fatalf("2016-03-30 halt row: %+v", halt)
	}
	s, _ = Lookup("2330")
	got := s.Between(twse.Month{Year: 2024, Month: 1}, twse.Month{Year: 2024, Month: 3})
	if got[0].Date != "2024-01-02" || got[len(got)-1].Date != "2024-03-29" {
		t.Fatalf("2024Q1: %s … %s", got[0].Date, got[len(got)-1].Date)
	}
	if n := len(s.Between(twse.Month{Year: 2027, Month: 1}, twse.Month{Year: 2027, Month: 3})); n != 0 {
		t.Fatalf("future range: %d rows", n)
	}
}
