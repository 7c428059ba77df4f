package twse

import (
	"strings"
	"unicode"
)

// column is the meaning of one column of a daily table.
type column int

const (
	colDate      column = iota
	colShares           // 成交股數: shares
	colLots             // 成交張數 / 成交仟股: lots of 1,000 shares
	colTurnover         // 成交金額: NT$
	colTurnoverK        // 成交仟元: thousands of NT$
	colOpen
	colHigh
	colLow
	colClose
	colChange
	colTrades
	colNote
	numColumns
)

// headerNames maps a header, with every space removed, to its column. TWSE
// and TPEx name the same columns differently.
var headerNames = map[string]column{
	"日期":   colDate,
	"成交股數": colShares,
	"成交張數": colLots,
	"成交仟股": colLots,
	"成交金額": colTurnover,
	"成交仟元": colTurnoverK,
	"開盤價":  colOpen,
	"開盤":   colOpen,
	"最高價":  colHigh,
	"最高":   colHigh,
	"最低價":  colLow,
	"最低":   colLow,
	"收盤價":  colClose,
	"收盤":   colClose,
	"漲跌價差": colChange,
	"漲跌":   colChange,
	"成交筆數": colTrades,
	"筆數":   colTrades,
	"註記":   colNote,
}

// normalizeHeader removes every kind of space ("日 期", full-width spaces).
func normalizeHeader(h string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, h)
}

// columnIndex maps each known column to its position in fields (-1 if absent).
func columnIndex(fields []string) ([numColumns]int, error) {
	var idx [numColumns]int
	for i := range idx {
		idx[i] = -1
	}
	for i, f := range fields {
		if c, ok := headerNames[normalizeHeader(f)]; ok && idx[c] < 0 {
			idx[c] = i
		}
	}
	for _, need := range []column{colDate, colOpen, colHigh, colLow, colClose} {
		if idx[need] < 0 {
			return idx, badBody("missing column %d in fields %q", need, fields)
		}
	}
	if idx[colShares] < 0 && idx[colLots] < 0 {
		return idx, badBody("no volume column in fields %q", fields)
	}
	return idx, nil
}

// parseTable turns a header and its data rows into Rows of month m, in shares
// and NT$. Every row must be in m, with strictly increasing dates.
func parseTable(fields []string, data [][]string, m Month) ([]Row, error) {
	idx, err := columnIndex(fields)
	if err != nil {
		return nil, err
	}
	last := maxIndex(idx)
	rows := make([]Row, 0, len(data))
	for n, cells := range data {
		cell := func(c column) string {
			if i := idx[c]; i >= 0 && i < len(cells) {
				return cells[i]
			}
			return ""
		}
		if len(cells) <= last {
			return nil, badBody("row %d has %d cells, header has %d", n, len(cells), len(fields))
		}
		var r Row
		if r.Date, err = parseROCDate(cell(colDate)); err != nil {
			return nil, err
		}
		if !m.Contains(r.Date) {
			return nil, ErrWrongMonth
		}
		if n > 0 && r.Date <= rows[n-1].Date {
			return nil, badBody("dates out of order at %s", r.Date)
		}
		for _, p := range []struct {
			c   column
			dst **float64
		}{{colOpen, &r.Open}, {colHigh, &r.High}, {colLow, &r.Low}, {colClose, &r.Close}} {
			if *p.dst, err = parsePrice(cell(p.c)); err != nil {
				return nil, err
			}
		}
		if idx[colShares] >= 0 {
			r.Volume, err = parseCount(cell(colShares), 1)
		} else {
			r.Volume, err = parseCount(cell(colLots), 1000)
		}
		if err != nil {
			return nil, err
		}
		if idx[colTurnover] >= 0 {
			r.Turnover, err = parseCount(cell(colTurnover), 1)
		} else if idx[colTurnoverK] >= 0 {
			r.Turnover, err = parseCount(cell(colTurnoverK), 1000)
		}
		if err != nil {
			return nil, err
		}
		if idx[colTrades] >= 0 {
			if r.Transactions, err = parseCount(cell(colTrades), 1); err != nil {
				return nil, err
			}
		}
		if idx[colChange] >= 0 {
			r.Change, r.ChangeFlag = parseChange(cell(colChange))
		}
		r.Note = strings.TrimSpace(cell(colNote))
		rows = append(rows, r)
	}
	return rows, nil
}

func maxIndex(idx [numColumns]int) int {
	m := -1
	for _, i := range idx {
		m = max(m, i)
	}
	return m
}
