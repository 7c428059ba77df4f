package twse

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Market is the exchange a security trades on.
type Market string

const (
	TWSE Market = "twse" // 臺灣證券交易所 (上市)
	TPEx Market = "tpex" // 證券櫃檯買賣中心 (上櫃)
)

// Default upstream bases, timeout and body limit.
const (
	DefaultTWSEBase = "https://www.twse.com.tw"
	DefaultTPExBase = "https://www.tpex.org.tw"
	DefaultTimeout  = 15 * time.Second
	DefaultMaxBody  = 2 << 20 // a month is a few KB; anything near this is not a month
)

// Waiter spaces requests to one host (a polite limiter). Wait returns once a
// request may be sent, or an error (such as a full queue) if it may not.
type Waiter interface {
	Wait(ctx context.Context, host string) error
}

// Acquirer is a Waiter told when the request is over (done), so that it
// spaces requests from when each one ended.
type Acquirer interface {
	Acquire(ctx context.Context, host string) (done func(), err error)
}

// Client fetches one month of daily data from TWSE or TPEx. Only the two
// configured bases are ever contacted, redirects are not followed, and the
// code is checked before a URL is built. The zero value uses the public
// exchanges through http.DefaultTransport with no spacing.
type Client struct {
	HTTP      Doer          // nil: http.DefaultTransport (not in js/wasm builds)
	TWSEBase  string        // "": DefaultTWSEBase
	TPExBase  string        // "": DefaultTPExBase
	Limiter   Waiter        // nil: no spacing
	Timeout   time.Duration // per request, after the limiter's wait; 0: DefaultTimeout
	MaxBody   int64         // bytes; 0: DefaultMaxBody
	UserAgent string        // "": "unroll"
}

// UpstreamError is a failed exchange request: a transport error, a non-200
// status, an oversized or unreadable body.
type UpstreamError struct {
	Market Market
	Status int // HTTP status, 0 if none
	Err    error
}

func (e *UpstreamError) Error() string {
	if e.Status != 0 {
		return fmt.Sprintf("%s upstream: HTTP %d: %v", e.Market, e.Status, e.Err)
	}
	return fmt.Sprintf("%s upstream: %v", e.Market, e.Err)
}

func (e *UpstreamError) Unwrap() error { return e.Err }

// ValidCode reports whether code looks like a TWSE/TPEx security code: 4 to 6
// characters of digits and upper-case letters ("2330", "00631L", "1101B").
func ValidCode(code string) bool {
	if len(code) < 4 || len(code) > 6 {
		return false
	}
	for i := 0; i < len(code); i++ {
		c := code[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// URL returns the upstream address for code in month m on market, built only
// from the configured base (DESIGN.md §2).
func (c *Client) URL(market Market, code string, m Month) (string, error) {
	if !ValidCode(code) {
		return "", fmt.Errorf("invalid security code %q", truncate(code, 12))
	}
	switch market {
	case TWSE:
		return fmt.Sprintf("%s/rwd/zh/afterTrading/STOCK_DAY?date=%04d%02d01&stockNo=%s&response=json",
			base(c.TWSEBase, DefaultTWSEBase), m.Year, int(m.Month), code), nil
	case TPEx:
		return fmt.Sprintf("%s/www/zh-tw/afterTrading/tradingStock?code=%s&date=%04d/%02d/01&response=json",
			base(c.TPExBase, DefaultTPExBase), code, m.Year, int(m.Month)), nil
	}
	return "", fmt.Errorf("unknown market %q", market)
}

func base(b, def string) string {
	if b == "" {
		b = def
	}
	return strings.TrimRight(b, "/")
}

// CheckBase validates a configured base URL: http or https, a host, and no
// query or fragment. It returns the base without a trailing slash.
func CheckBase(b string) (string, error) {
	u, err := url.Parse(b)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("upstream base %q: want http(s)://host[/path]", b)
	}
	return strings.TrimRight(b, "/"), nil
}

// FetchMonth requests one month of code from market and parses it. A month
// without trading there is ErrNoData; a limiter refusal is returned as the
// limiter's error, unwrapped; any other failure is an *UpstreamError.
func (c *Client) FetchMonth(ctx context.Context, market Market, code string, m Month) (*MonthData, error) {
	u, err := c.URL(market, code, m)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	if a, ok := c.Limiter.(Acquirer); ok {
		done, err := a.Acquire(ctx, req.URL.Host)
		if err != nil {
			return nil, err
		}
		defer done()
	} else if c.Limiter != nil {
		if err := c.Limiter.Wait(ctx, req.URL.Host); err != nil {
			return nil, err
		}
	}
	body, err := c.get(ctx, req, market)
	if err != nil {
		return nil, err
	}
	var md *MonthData
	if market == TWSE {
		md, err = ParseTWSE(body, code, m)
	} else {
		md, err = ParseTPEx(body, code, m)
	}
	if err != nil && !errors.Is(err, ErrNoData) {
		return nil, &UpstreamError{Market: market, Err: err}
	}
	return md, err
}

// get sends req with the timeout and returns at most MaxBody bytes of a 200 body.
func (c *Client) get(ctx context.Context, req *http.Request, market Market) ([]byte, error) {
	timeout := c.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req = req.WithContext(ctx)
	req.Header.Set("Accept", "application/json")
	ua := c.UserAgent
	if ua == "" {
		ua = "unroll"
	}
	req.Header.Set("User-Agent", ua)

	resp, err := noRedirects(c.HTTP).Do(req)
	if err != nil {
		return nil, &UpstreamError{Market: market, Err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, &UpstreamError{Market: market, Status: resp.StatusCode, Err: errors.New(http.StatusText(resp.StatusCode))}
	}
	limit := c.MaxBody
	if limit <= 0 {
		limit = DefaultMaxBody
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, &UpstreamError{Market: market, Status: resp.StatusCode, Err: err}
	}
	if int64(len(body)) > limit {
		return nil, &UpstreamError{Market: market, Status: resp.StatusCode, Err: fmt.Errorf("body larger than %d bytes", limit)}
	}
	return body, nil
}
