// Package codes is the list of TWSE and TPEx securities shipped with Unroll
// (codes.csv, see README.md): market detection for the data service and the
// search behind the stock picker.
package codes

import (
	_ "embed"
	"encoding/csv"
	"sort"
	"strings"
	"sync"
)

//go:embed codes.csv
var codesCSV string

// Security is one listed security.
type Security struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Market string `json:"market"` // "twse" or "tpex"
	Type   string `json:"type"`   // 股票, ETF, ETN, 特別股, ...
}

var (
	loadOnce sync.Once
	all      []Security          // sorted by code
	byCode   map[string]Security // the same, by code
)

func load() {
	recs, err := csv.NewReader(strings.NewReader(codesCSV)).ReadAll()
	if err != nil || len(recs) == 0 {
		panic("codes: embedded codes.csv is unreadable") // a build error, not bad input
	}
	byCode = make(map[string]Security, len(recs))
	for _, r := range recs[1:] {
		s := Security{Code: r[0], Name: r[1], Market: r[2], Type: r[3]}
		all = append(all, s)
		byCode[s.Code] = s
	}
}

// Lookup returns the security with this code.
func Lookup(code string) (Security, bool) {
	loadOnce.Do(load)
	s, ok := byCode[code]
	return s, ok
}

// Len is the number of securities in the list.
func Len() int {
	loadOnce.Do(load)
	return len(all)
}

// MaxQuery is the longest query Search looks at, in runes.
const MaxQuery = 20

// fold makes matching forgiving: ASCII upper case, and 臺 written 台 (names
// use both; "臺積電" finds 台積電).
func fold(s string) string {
	return strings.ReplaceAll(strings.ToUpper(strings.TrimSpace(s)), "臺", "台")
}

// typeOrder puts ordinary shares and ETFs before the rarer kinds.
func typeOrder(t string) int {
	switch t {
	case "股票":
		return 0
	case "ETF":
		return 1
	}
	return 2
}

// Search returns at most limit securities matching q by code prefix or name
// substring: exact code first, then code prefixes, exact name, name prefixes,
// other name matches; shares before ETFs before other types; then by code.
func Search(q string, limit int) []Security {
	loadOnce.Do(load)
	q = fold(q)
	if q == "" || limit <= 0 || len([]rune(q)) > MaxQuery {
		return []Security{}
	}
	type hit struct {
		s    Security
		rank int
	}
	var hits []hit
	for _, s := range all {
		name := fold(s.Name)
		rank := -1
		switch {
		case s.Code == q:
			rank = 0
		case strings.HasPrefix(s.Code, q):
			rank = 1
		case name == q:
			rank = 2
		case strings.HasPrefix(name, q):
			rank = 3
		case strings.Contains(name, q):
			rank = 4
		}
		if rank >= 0 {
			hits = append(hits, hit{s, rank})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		if ta, tb := typeOrder(a.s.Type), typeOrder(b.s.Type); ta != tb {
			return ta < tb
		}
		return a.s.Code < b.s.Code
	})
	out := make([]Security, 0, min(limit, len(hits)))
	for i := 0; i < len(hits) && i < limit; i++ {
		out = append(out, hits[i].s)
	}
	return out
}
