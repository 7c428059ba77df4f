package twse

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The bodies in testdata/ are copies of ../shared/fixtures/twse/raw/ (see that
// README for where each was recorded); testdata/README.md lists them.

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func f(v float64) *float64 { return &v }
func n(v int64) *int64     { return &v }

// rowsEqual compares two rows field by field, nil-aware.
func rowsEqual(a, b Row) bool {
	fe := func(x, y *float64) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	ie := func(x, y *int64) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	return a.Date == b.Date && fe(a.Open, b.Open) && fe(a.High, b.High) && fe(a.Low, b.Low) &&
		fe(a.Close, b.Close) && ie(a.Volume, b.Volume) && ie(a.Turnover, b.Turnover) &&
		fe(a.Change, b.Change) && ie(a.Transactions, b.Transactions) &&
		a.ChangeFlag == b.ChangeFlag && a.Note == b.Note
}

func TestParseFixtures(t *testing.T) {
	cases := []struct {
		file   string
		parse  func([]byte, string, Month) (*MonthData, error)
		code   string
		month  Month
		name   string
		count  int
		checks map[int]Row // row index → exact row
	}{
		{"twse_stock_day_2330_201505_legacy.json", ParseTWSE, "2330", Month{2015, 5}, "台積電", 20, map[int]Row{
			0:  {Date: "2015-05-04", Volume: n(30868640), Turnover: n(4548281580), Open: f(148.5), High: f(148.5), Low: f(146), Close: f(147.5), Change: f(0.5), Transactions: n(8598)},
			4:  {Date: "2015-05-08", Volume: n(20035646), Turnover: n(2938305595), Open: f(146), High: f(147.5), Low: f(146), Close: f(146.5), Change: f(0), Transactions: n(7730)},
			19: {Date: "2015-05-29", Volume: n(61983862), Turnover: n(9053910953), Open: f(147), High: f(147.5), Low: f(145.5), Close: f(146), Change: f(-1), Transactions: n(8252)},
		}},
		{"twse_stock_day_2330_202505_rwd.json", ParseTWSE, "2330", Month{2025, 5}, "台積電", 11, map[int]Row{
			0:  {Date: "2025-05-02", Volume: n(48129292), Turnover: n(45206565214), Open: f(938), High: f(950), Low: f(932), Close: f(950), Change: f(42), Transactions: n(99509)},
			9:  {Date: "2025-05-15", Volume: n(28518212), Turnover: n(28422046465), Open: f(1000), High: f(1000), Low: f(993), Close: f(993), Change: f(-6), Transactions: n(50265)},
			10: {Date: "2025-05-16", Volume: n(18079325), Turnover: n(17966857712), Open: f(991), High: f(998), Low: f(989), Close: f(998), Change: f(5), Transactions: n(36183)},
		}},
		{"twse_stock_day_2330_202608_rwd.json", ParseTWSE, "2330", Month{2026, 8}, "台積電", 21, map[int]Row{
			0:  {Date: "2026-08-03", Volume: n(35209944), Turnover: n(83673350698), Open: f(2390), High: f(2395), Low: f(2365), Close: f(2370), Change: f(-55), Transactions: n(174489)},
			20: {Date: "2026-08-31", Volume: n(32792740), Turnover: n(78563954428), Open: f(2395), High: f(2405), Low: f(2375), Close: f(2405), Change: f(-15), Transactions: n(106512)},
		}},
		{"twse_stock_day_2330_202609_rwd.json", ParseTWSE, "2330", Month{2026, 9}, "台積電", 4, map[int]Row{
			0: {Date: "2026-09-01", Volume: n(31855287), Turnover: n(77463413685), Open: f(2395), High: f(2440), Low: f(2390), Close: f(2440), Change: f(35), Transactions: n(65271)},
			3: {Date: "2026-09-04", Volume: n(14102018), Turnover: n(33917316870), Open: f(2415), High: f(2415), Low: f(2390), Close: f(2410), Change: f(20), Transactions: n(43438)},
		}},
		{"tpex_tradingStock_6488_202608.json", ParseTPEx, "6488", Month{2026, 8}, "環球晶", 21, map[int]Row{
			0:  {Date: "2026-08-03", Volume: n(15388000), Turnover: n(13694380000), Open: f(870), High: f(930), Low: f(843), Close: f(866), Change: f(11), Transactions: n(23455)},
			3:  {Date: "2026-08-06", Volume: n(11174000), Turnover: n(9611533000), Open: f(877), High: f(885), Low: f(828), Close: f(872), Change: f(0), Transactions: n(21787)},
			10: {Date: "2026-08-17", Volume: n(10932000), Turnover: n(11409571000), Open: f(1000), High: f(1095), Low: f(990), Close: f(1020), Change: f(10), Transactions: n(21603)},
			20: {Date: "2026-08-31", Volume: n(12101000), Turnover: n(10981932000), Open: f(951), High: f(953), Low: f(875), Close: f(912), Change: f(-60), Transactions: n(50805)},
		}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			md, err := c.parse(readFixture(t, c.file), c.code, c.month)
			if err != nil {
				t.Fatal(err)
			}
			if md.Name != c.name || md.Code != c.code || md.Month != c.month || len(md.Rows) != c.count {
				t.Fatalf("got %s %s %v with %d rows, want %s %s %v with %d", md.Code, md.Name, md.Month, len(md.Rows), c.code, c.name, c.month, c.count)
			}
			for i, want := range c.checks {
				if !rowsEqual(md.Rows[i], want) {
					t.Errorf("row %d:\n got %s\nwant %s", i, show(md.Rows[i]), show(want))
				}
			}
			// Every change equals the difference of consecutive closes (none of
			// these months has an X day), to the cent.
			for i := 1; i < len(md.Rows); i++ {
				r, p := md.Rows[i], md.Rows[i-1]
				if d := *r.Close - *p.Close; math.Abs(d-*r.Change) > 1e-9 {
					t.Errorf("%s: change %v, closes differ by %v", r.Date, *r.Change, d)
				}
			}
			// The same body for a neighbouring month is rejected.
			if _, err := c.parse(readFixture(t, c.file), c.code, c.month.Next()); !errors.Is(err, ErrWrongMonth) {
				t.Errorf("next month: err = %v, want ErrWrongMonth", err)
			}
		})
	}
}

func show(r Row) string {
	var b strings.Builder
	b.WriteString(r.Date)
	for _, p := range []*float64{r.Open, r.High, r.Low, r.Close, r.Change} {
		if p == nil {
			b.WriteString(" nil")
		} else {
			b.WriteString(" " + strconv.FormatFloat(*p, 'f', -1, 64))
		}
	}
	for _, p := range []*int64{r.Volume, r.Turnover, r.Transactions} {
		if p == nil {
			b.WriteString(" nil")
		} else {
			b.WriteString(" " + strconv.FormatInt(*p, 10))
		}
	}
	return b.String() + " " + r.ChangeFlag + " " + r.Note
}

func TestParseNoData(t *testing.T) {
	body := readFixture(t, "twse_stock_day_nodata.json")
	if _, err := ParseTWSE(body, "6488", Month{2026, 8}); !errors.Is(err, ErrNoData) {
		t.Fatalf("TWSE no-data body: err = %v, want ErrNoData", err)
	}
	empty := `{"tables":[{"title":"個股日成交資訊","date":"20260801","data":[],"fields":["日 期"],"totalCount":0}],"date":"20260801","code":"2330","stat":"ok"}`
	if _, err := ParseTPEx([]byte(empty), "2330", Month{2026, 8}); !errors.Is(err, ErrNoData) {
		t.Fatalf("TPEx empty table: err = %v, want ErrNoData", err)
	}
}

func TestParseQuirks(t *testing.T) {
	// A 10-column body with a no-trade day, an X change and a 註記 mark.
	body := `{"stat":"OK","date":"20160301","title":"105年03月 2317 鴻海 各日成交資訊",
	"fields":["日期","成交股數","成交金額","開盤價","最高價","最低價","收盤價","漲跌價差","成交筆數","註記"],
	"data":[["105/03/29","1,000","90,000","90.00","90.50","89.00","90.00","X0.00","10",""],
	["105/03/30","0","0","--","--","--","--"," 0.00","0","**"]]}`
	md, err := ParseTWSE([]byte(body), "2317", Month{2016, 3})
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{Date: "2016-03-29", Volume: n(1000), Turnover: n(90000), Open: f(90), High: f(90.5), Low: f(89), Close: f(90), Change: f(0), ChangeFlag: "X", Transactions: n(10)},
		{Date: "2016-03-30", Volume: n(0), Turnover: n(0), Change: f(0), Transactions: n(0), Note: "**"},
	}
	for i := range want {
		if !rowsEqual(md.Rows[i], want[i]) {
			t.Errorf("row %d:\n got %s\nwant %s", i, show(md.Rows[i]), show(want[i]))
		}
	}

	bad := map[string]string{
		"wrong code":   strings.Replace(body, "2317 鴻海", "2330 台積電", 1),
		"bad price":    strings.Replace(body, `"90.50"`, `"9O.50"`, 1),
		"inf price":    strings.Replace(body, `"90.50"`, `"inf"`, 1),
		"signed count": strings.Replace(body, `"1,000"`, `"-1,000"`, 1),
		"bad date":     strings.Replace(body, "105/03/29", "105/02/30", 1),
		"out of order": strings.Replace(body, "105/03/30", "105/03/28", 1),
		"short row":    strings.Replace(body, `"10",""]`, `]`, 1),
		"no close":     strings.Replace(body, `"收盤價",`, `"收",`, 1),
		"other stat":   strings.Replace(body, `"OK"`, `"查詢日期大於今日，請重新查詢!"`, 1),
		"not json":     "<html>blocked</html>",
	}
	for name, b := range bad {
		if _, err := ParseTWSE([]byte(b), "2317", Month{2016, 3}); !errors.Is(err, ErrBadBody) {
			t.Errorf("%s: err = %v, want ErrBadBody", name, err)
		}
	}
	if _, err := ParseTWSE([]byte(strings.Replace(body, "105/03/29", "105/04/01", 1)), "2317", Month{2016, 3}); !errors.Is(err, ErrWrongMonth) {
		t.Errorf("row in another month: err = %v, want ErrWrongMonth", err)
	}
}

func TestMonth(t *testing.T) {
	m, err := ParseMonth("2024-12")
	if err != nil || m != (Month{2024, 12}) || m.Next() != (Month{2025, 1}) || m.Add(-12) != (Month{2023, 12}) {
		t.Fatalf("ParseMonth/Next/Add: %v %v", m, err)
	}
	if len(Months(Month{2024, 11}, Month{2025, 2})) != 4 || len(Months(Month{2025, 2}, Month{2024, 11})) != 0 {
		t.Fatal("Months")
	}
	for _, s := range []string{"", "2024-1", "2024-13", "2024-00", "20x4-01", "2024/01", "+024-01", "2024-01-01"} {
		if _, err := ParseMonth(s); err == nil {
			t.Errorf("ParseMonth(%q) accepted", s)
		}
	}
}
