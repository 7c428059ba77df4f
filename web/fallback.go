package web

import (
	"fmt"
	"strings"

	"unroll/web/codes"
	"unroll/web/offline"
	"unroll/web/twse"
)

// offlineDaily answers q from the shipped series. cause is nil in --offline
// mode, and the exchange's failure when falling back.
func (s *Service) offlineDaily(q DailyQuery, sec codes.Security, cause error) (*Daily, error) {
	series, ok := offline.Lookup(q.Code)
	if !ok {
		have := strings.Join(offline.Codes(), ", ")
		return nil, errNotFound(fmt.Sprintf("No offline data for %s; offline data covers %s.", q.Code, have),
			fmt.Sprintf("%s 沒有離線資料；離線資料只有 %s。", q.Code, have))
	}
	rows := series.Between(q.From, q.To)
	if len(rows) == 0 {
		return nil, errNotFound(
			fmt.Sprintf("Offline data for %s covers %s to %s only.", q.Code, series.First(), series.Last()),
			fmt.Sprintf("%s 的離線資料只涵蓋 %s 至 %s。", q.Code, series.First(), series.Last()))
	}
	if q.Progress != nil {
		q.Progress(1, 1, q.To)
	}
	market := sec.Market
	if market == "" {
		market = string(twse.TWSE)
	}
	d := &Daily{Code: q.Code, Name: sec.Name, Market: market, Source: "offline",
		Rows:      append([]twse.Row(nil), rows...),
		Range:     &DateRange{rows[0].Date, rows[len(rows)-1].Date},
		Requested: DateRange{q.From.String(), q.To.String()},
		Fallback:  cause != nil}
	span, spanZh := d.Range.From+" – "+d.Range.To, d.Range.From+" 至 "+d.Range.To
	if cause != nil {
		d.Notice = fmt.Sprintf("The exchange could not be reached: showing the offline data shipped with Unroll (%s).", span)
		d.NoticeZh = fmt.Sprintf("無法連線到交易所，改用 Unroll 內建的離線資料（%s）。", spanZh)
	} else {
		d.Notice = fmt.Sprintf("Offline data shipped with Unroll (%s).", span)
		d.NoticeZh = fmt.Sprintf("Unroll 內建的離線資料（%s）。", spanZh)
	}
	if d.Range.To >= offline.SecondSourceFrom {
		d.Notice += fmt.Sprintf(" Volumes from %s on come from another source and run smaller than TWSE's.", offline.SecondSourceFrom)
		d.NoticeZh += fmt.Sprintf("%s 起的成交量取自另一來源，數值比證交所公布的小。", offline.SecondSourceFrom)
	}
	return d, nil
}
