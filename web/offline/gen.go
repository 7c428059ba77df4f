//go:build ignore

// gen.go writes data/CODE.csv from the project's copies of public daily series:
//
//	go run gen.go -src ../../../shared/fixtures/twse/daily
//
// For each code it reads CODE_daily_2015-01-05_2025-05-26.csv (b11502008) and,
// when present, CODE_daily_2024-12-09_2026-06-23.csv (brianchen222), keeps the
// first file for every date it has, and appends the second file's later dates.
// Output: date,open,high,low,close,volume with plain numbers; an empty price
// is a no-trade day.
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strconv"
)

var codes = []string{"0050", "2317", "2330", "2454"}

func read(path string) [][]string {
	f, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		log.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		log.Fatal(err)
	}
	if h := recs[0]; len(h) < 6 || h[0] != "Date" || h[5] != "Volume" {
		log.Fatalf("%s: header %v", path, h)
	}
	return recs[1:]
}

// num rewrites "1070.0" as "1070" and "22247131.0" as "22247131".
func num(s string) string {
	if s == "" {
		return ""
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		log.Fatalf("number %q", s)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func main() {
	src := flag.String("src", "../../../shared/fixtures/twse/daily", "directory of the daily CSVs")
	flag.Parse()
	for _, code := range codes {
		old := read(filepath.Join(*src, code+"_daily_2015-01-05_2025-05-26.csv"))
		recent := read(filepath.Join(*src, code+"_daily_2024-12-09_2026-06-23.csv"))
		last := old[len(old)-1][0]
		rows := old
		added := 0
		for _, r := range recent {
			if r[0] > last {
				rows = append(rows, r)
				added++
			}
		}
		out, err := os.Create(filepath.Join("data", code+".csv"))
		if err != nil {
			log.Fatal(err)
		}
		w := csv.NewWriter(out)
		w.Write([]string{"date", "open", "high", "low", "close", "volume"})
		prev := ""
		for _, r := range rows {
			if r[0] <= prev {
				log.Fatalf("%s: %s not after %s", code, r[0], prev)
			}
			prev = r[0]
			w.Write([]string{r[0], num(r[1]), num(r[2]), num(r[3]), num(r[4]), num(r[5])})
		}
		w.Flush()
		if err := out.Close(); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %d rows (%s … %s), %d after %s from the second file\n", code, len(rows), rows[0][0], prev, added, last)
	}
}
