// Package offline holds the real daily price series shipped with Unroll
// (data/*.csv, see README.md): what `--offline` serves, and the fallback when
// the exchanges cannot be reached.
package offline

import (
	"embed"
	"encoding/csv"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"unroll/web/twse"
)

//go:embed data/*.csv
var dataFS embed.FS

// SecondSourceFrom is the first date taken from the second source file: up
// to the day before, every row comes from b11502008/stock-backtesting-system
// (TWSE STOCK_DAY values); from this date on, from brianchen222/tw-stock-screener,
// whose prices agree with TWSE but whose volumes come from another source and
// run smaller than STOCK_DAY's.
const SecondSourceFrom = "2025-05-27"

// Series is one security's shipped daily history, ascending by date. Offline
// rows have prices and volume only: turnover, change and transactions are null.
type Series struct {
	Code string
	Rows []twse.Row
}

var (
	mu     sync.Mutex
	series = map[string]*Series{} // guarded by mu: parsed on first use
)

// Codes lists the codes with shipped data, sorted.
func Codes() []string {
	entries, _ := dataFS.ReadDir("data")
	var cs []string
	for _, e := range entries {
		cs = append(cs, strings.TrimSuffix(e.Name(), ".csv"))
	}
	sort.Strings(cs)
	return cs
}

// Has reports whether code has shipped data.
func Has(code string) bool {
	if !twse.ValidCode(code) {
		return false
	}
	_, err := dataFS.Open("data/" + code + ".csv")
	return err == nil
}

// Lookup returns the shipped series for code.
func Lookup(code string) (*Series, bool) {
	if !Has(code) {
		return nil, false
	}
	mu.Lock()
	defer mu.Unlock()
	if s, ok := series[code]; ok {
		return s, true
	}
	b, err := dataFS.ReadFile("data/" + code + ".csv")
	if err != nil {
		return nil, false
	}
	rows, err := parse(string(b))
	if err != nil {
		panic(fmt.Sprintf("offline: data/%s.csv: %v", code, err)) // shipped data is checked by tests
	}
	s := &Series{Code: code, Rows: rows}
	series[code] = s
	return s, true
}

// parse reads date,open,high,low,close,volume; an empty price is null.
func parse(text string) ([]twse.Row, error) {
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 || strings.Join(recs[0], ",") != "date,open,high,low,close,volume" {
		return nil, fmt.Errorf("unexpected header")
	}
	rows := make([]twse.Row, 0, len(recs)-1)
	for _, r := range recs[1:] {
		row := twse.Row{Date: r[0]}
		for i, dst := range []**float64{&row.Open, &row.High, &row.Low, &row.Close} {
			if r[i+1] == "" {
				continue
			}
			v, err := strconv.ParseFloat(r[i+1], 64)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", r[0], err)
			}
			*dst = &v
		}
		v, err := strconv.ParseInt(r[5], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", r[0], err)
		}
		row.Volume = &v
		rows = append(rows, row)
	}
	return rows, nil
}

// Between returns the rows in months from..to inclusive (a shared slice: do
// not modify).
func (s *Series) Between(from, to twse.Month) []twse.Row {
	lo, hi := from.String(), to.Next().String()
	i := sort.Search(len(s.Rows), func(i int) bool { return s.Rows[i].Date >= lo })
	j := sort.Search(len(s.Rows), func(i int) bool { return s.Rows[i].Date >= hi })
	return s.Rows[i:j]
}

// First and Last are the first and last dates of the series.
func (s *Series) First() string { return s.Rows[0].Date }
func (s *Series) Last() string  { return s.Rows[len(s.Rows)-1].Date }
