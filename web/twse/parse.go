package twse

import (
	"encoding/json"
	"strings"
)

// twseBody is the rwd (and legacy) STOCK_DAY response.
type twseBody struct {
	Stat   string     `json:"stat"`
	Date   string     `json:"date"`  // echoes the query's date, YYYYMMDD
	Title  string     `json:"title"` // "104年05月 2330 台積電           各日成交資訊"
	Fields []string   `json:"fields"`
	Data   [][]string `json:"data"`
}

// noDataStat is how TWSE says "no matching data" (很抱歉，沒有符合條件的資料!).
const noDataStat = "沒有符合條件的資料"

// ParseTWSE parses a STOCK_DAY body (rwd or legacy, 9 or 10 columns) for code
// in month m. It returns ErrNoData for TWSE's no-data answer, ErrWrongMonth for
// a body about another month, and an ErrBadBody error for anything else it
// cannot read.
func ParseTWSE(body []byte, code string, m Month) (*MonthData, error) {
	var b twseBody
	if err := json.Unmarshal(body, &b); err != nil {
		return nil, badBody("STOCK_DAY: %v", err)
	}
	if b.Stat != "OK" {
		if strings.Contains(b.Stat, noDataStat) {
			return nil, ErrNoData
		}
		return nil, badBody("STOCK_DAY stat %q", truncate(b.Stat, 80))
	}
	if len(b.Date) >= 6 && b.Date[:6] != m.Compact() {
		return nil, ErrWrongMonth
	}
	name := ""
	if f := strings.Fields(b.Title); len(f) >= 3 {
		if f[1] != code {
			return nil, badBody("STOCK_DAY title is for %q", truncate(f[1], 12))
		}
		name = f[2]
	}
	if len(b.Data) == 0 {
		return nil, ErrNoData
	}
	rows, err := parseTable(b.Fields, b.Data, m)
	if err != nil {
		return nil, err
	}
	return &MonthData{Code: code, Name: name, Month: m, Rows: rows}, nil
}

// tpexBody is the tradingStock response.
type tpexBody struct {
	Tables []struct {
		Date       string     `json:"date"` // YYYYMMDD, first of the month
		Data       [][]string `json:"data"`
		Fields     []string   `json:"fields"`
		TotalCount int        `json:"totalCount"`
	} `json:"tables"`
	Date string `json:"date"`
	Code string `json:"code"`
	Name string `json:"name"`
	Stat string `json:"stat"`
}

// ParseTPEx parses a tradingStock body for code in month m. Volume (張) and
// turnover (仟元) are converted to shares and NT$. An empty table is ErrNoData.
func ParseTPEx(body []byte, code string, m Month) (*MonthData, error) {
	var b tpexBody
	if err := json.Unmarshal(body, &b); err != nil {
		return nil, badBody("tradingStock: %v", err)
	}
	if !strings.EqualFold(b.Stat, "ok") {
		if strings.Contains(b.Stat, noDataStat) || strings.Contains(b.Stat, "查無") {
			return nil, ErrNoData
		}
		return nil, badBody("tradingStock stat %q", truncate(b.Stat, 80))
	}
	if b.Code != "" && b.Code != code {
		return nil, badBody("tradingStock is for %q", truncate(b.Code, 12))
	}
	date := b.Date
	if len(b.Tables) > 0 && b.Tables[0].Date != "" {
		date = b.Tables[0].Date
	}
	if len(date) >= 6 && date[:6] != m.Compact() {
		return nil, ErrWrongMonth
	}
	if len(b.Tables) == 0 || len(b.Tables[0].Data) == 0 {
		return nil, ErrNoData
	}
	rows, err := parseTable(b.Tables[0].Fields, b.Tables[0].Data, m)
	if err != nil {
		return nil, err
	}
	return &MonthData{Code: code, Name: strings.TrimSpace(b.Name), Month: m, Rows: rows}, nil
}

// truncate shortens s to at most n bytes on a rune boundary, for error text.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }
