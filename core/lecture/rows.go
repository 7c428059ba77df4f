package lecture

import (
	"math"
	"strconv"
)

// Series is a stock's daily columns, oldest first: one value per date, null
// for a day without trades.
type Series struct {
	Dates   []string              `json:"dates"`
	Columns map[string][]*float64 `json:"columns"`
}

// Stock says where a series came from (kept in the model file's meta).
type Stock struct {
	Code   string `json:"code"`
	Name   string `json:"name,omitempty"`
	From   string `json:"from,omitempty"` // YYYY-MM
	To     string `json:"to,omitempty"`   // YYYY-MM
	Source string `json:"source,omitempty"`
}

// featureZh names a price column in Chinese, for messages.
var featureZh = map[string]string{"open": "開盤價", "high": "最高價", "low": "最低價", "close": "收盤價", "volume": "成交量"}

// FeatureRows turns the columns named by features into rows [day][feature]
// of the days where none of them is null (no trade), oldest first, with
// those days' indices into s.Dates. A column that is missing or of another
// length than the dates, or a value that is not a positive number (volume
// may be 0), is an *Error.
func FeatureRows(s Series, features []string) (rows [][]float64, idx []int, err error) {
	cols := make([][]*float64, len(features))
	for k, f := range features {
		c, ok := s.Columns[f]
		if !ok {
			return nil, nil, BadRequest("the series has no %q column", f)
		}
		if len(c) != len(s.Dates) {
			n, m := strconv.Itoa(len(c)), strconv.Itoa(len(s.Dates))
			return nil, nil, NewError(CodeBadPrices, "The "+f+" column has "+n+" values for "+m+" dates.",
				featureZh[f]+"有 "+n+" 個值，日期卻有 "+m+" 個。", nil)
		}
		cols[k] = c
	}
	for d, date := range s.Dates {
		row := make([]float64, len(features))
		keep := true
		for k, c := range cols {
			if c[d] == nil {
				keep = false
				break
			}
			v := *c[d]
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || (v == 0 && features[k] != "volume") {
				return nil, nil, NewError(CodeBadPrices,
					"The "+features[k]+" on "+date+" is not a positive number.",
					date+" 的"+featureZh[features[k]]+"不是正數。", map[string]any{"date": date})
			}
			row[k] = v
		}
		if keep {
			idx = append(idx, d)
			rows = append(rows, row)
		}
	}
	return rows, idx, nil
}
