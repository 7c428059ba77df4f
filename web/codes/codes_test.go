package codes

import "testing"

func TestLookup(t *testing.T) {
	for code, want := range map[string]Security{
		"2330": {"2330", "台積電", "twse", "股票"},
		"0050": {"0050", "元大台灣50", "twse", "ETF"},
		"6488": {"6488", "環球晶", "tpex", "股票"},
		"6223": {"6223", "旺矽", "tpex", "股票"},
	} {
		if got, ok := Lookup(code); !ok || got != want {
			t.Errorf("Lookup(%s) = %+v, %v", code, got, ok)
		}
	}
	if _, ok := Lookup("9999"); ok {
		t.Error("9999 found")
	}
	if Len() != 2356 {
		t.Errorf("Len = %d, want 2356 (1,347 TWSE + 1,009 TPEx)", Len())
	}
}

func TestSearch(t *testing.T) {
	codesOf := func(ss []Security) []string {
		var c []string
		for _, s := range ss {
			c = append(c, s.Code)
		}
		return c
	}
	if got := Search("台積", 20); len(got) == 0 || got[0].Code != "2330" {
		t.Errorf("台積: %v", codesOf(got))
	}
	if got := Search("臺積電", 20); len(got) != 1 || got[0].Code != "2330" {
		t.Errorf("臺積電: %v", codesOf(got))
	}
	if got := Search("2330", 20); got[0].Code != "2330" {
		t.Errorf("2330: %v", codesOf(got))
	}
	got := Search("23", 5)
	if len(got) != 5 || got[0].Code != "2301" {
		t.Errorf("23 (limit 5): %v", codesOf(got))
	}
	for _, s := range got {
		if s.Code[:2] != "23" {
			t.Errorf("23 matched %s", s.Code)
		}
	}
	if got := Search("00631l", 20); len(got) == 0 || got[0].Code != "00631L" {
		t.Errorf("00631l: %v", codesOf(got))
	}
	for _, q := range []string{"", "   ", "zzzz", "一二三四五六七八九十一二三四五六七八九十一"} {
		if got := Search(q, 20); len(got) != 0 {
			t.Errorf("%q: %v", q, codesOf(got))
		}
	}
	if len(Search("電", 1000)) <= 20 || len(Search("電", 20)) != 20 {
		t.Error("limit not applied")
	}
}
