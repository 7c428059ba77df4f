//go:build ignore

// gen.go writes codes.csv from the project's copy of twstock's code lists:
//
//	go run gen.go -src ../../../shared/fixtures/twse/codes/codes_no_warrants.csv
//
// It keeps code, name, market (twse/tpex, twstock's data_source) and type.
package main

import (
	"encoding/csv"
	"flag"
	"log"
	"os"
	"sort"
)

func main() {
	src := flag.String("src", "../../../shared/fixtures/twse/codes/codes_no_warrants.csv", "codes_no_warrants.csv")
	flag.Parse()
	f, err := os.Open(*src)
	if err != nil {
		log.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		log.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var out [][]string
	for _, r := range recs[1:] {
		out = append(out, []string{r[col["code"]], r[col["name"]], r[col["data_source"]], r[col["type"]]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	w, err := os.Create("codes.csv")
	if err != nil {
		log.Fatal(err)
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"code", "name", "market", "type"})
	cw.WriteAll(out)
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
}
