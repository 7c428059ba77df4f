package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"unroll/web/cache"
	"unroll/web/clock"
	"unroll/web/codes"
	"unroll/web/limit"
	"unroll/web/offline"
	"unroll/web/twse"
)

// DefaultCurrentTTL is how long the current month (Taipei time) is cached:
// it still changes every trading day.
const DefaultCurrentTTL = 10 * time.Minute

// DefaultPriorityCodes are the codes whose months never wait behind other
// students' months: the page's default stock, which the lecture's range uses too.
var DefaultPriorityCodes = []string{"2330"}

// Options configure a Service and its handler. The zero value talks to the
// public exchanges through http.DefaultClient with an in-memory cache.
type Options struct {
	TWSEBase, TPExBase string                           // "": twse.DefaultTWSEBase, twse.DefaultTPExBase
	HTTPClient         twse.Doer                        // outbound requests (an *http.Client, say); nil: http.DefaultTransport
	Cache              cache.Cache                      // nil: cache.NewMemory(0, Clock)
	Clock              clock.Clock                      // nil: the real clock
	Limiter            twse.Waiter                      // nil: limit.New(MinInterval, MaxQueue, Clock)
	MinInterval        time.Duration                    // spacing per upstream host; 0: 2 s
	MaxQueue           int                              // requests waiting per host before 503; 0: 15
	Timeout            time.Duration                    // per upstream request; 0: twse.DefaultTimeout
	MaxBody            int64                            // upstream body limit in bytes; 0: twse.DefaultMaxBody
	CurrentTTL         time.Duration                    // cache lifetime of the current month; 0: 10 min
	MaxMonths          int                              // months per API request; 0: DefaultMaxMonths
	Offline            bool                             // serve only the shipped series; never call upstream
	PriorityCodes      []string                         // codes whose months go ahead in the queue; nil: DefaultPriorityCodes
	Logf               func(format string, args ...any) // upstream failures; nil: silent
}

// Service answers daily-price queries from the cache, the exchanges or the
// shipped offline data. Safe for concurrent use.
type Service struct {
	client    *twse.Client
	cache     cache.Cache
	clock     clock.Clock
	ttl       time.Duration
	maxMonths int
	offline   bool
	logf      func(string, ...any)
	group     singleflight.Group // collapses identical month fetches
	priority  map[string]bool

	mu      sync.Mutex
	decoded map[string]decodedEntry // guarded by mu: parsed cache values, by key
}

// decodedEntry remembers the parse of one cache value, valid while the cache
// hands back the very same bytes (a memory cache does), so a hot month is not
// decoded again on every request.
type decodedEntry struct {
	raw   []byte
	entry *monthEntry
}

// maxDecoded bounds the decoded-entry memo.
const maxDecoded = 4096

// NewService builds a Service from o, checking the upstream bases.
func NewService(o Options) (*Service, error) {
	s := &Service{clock: o.Clock, cache: o.Cache, ttl: o.CurrentTTL, maxMonths: o.MaxMonths, offline: o.Offline, logf: o.Logf}
	if s.clock == nil {
		s.clock = clock.Real{}
	}
	if s.cache == nil {
		s.cache = cache.NewMemory(0, s.clock)
	}
	if s.ttl <= 0 {
		s.ttl = DefaultCurrentTTL
	}
	if s.maxMonths <= 0 {
		s.maxMonths = DefaultMaxMonths
	}
	if s.logf == nil {
		s.logf = func(string, ...any) {}
	}
	if o.PriorityCodes == nil {
		o.PriorityCodes = DefaultPriorityCodes
	}
	s.priority = make(map[string]bool)
	for _, c := range o.PriorityCodes {
		s.priority[c] = true
	}
	s.client = &twse.Client{HTTP: o.HTTPClient, Limiter: o.Limiter, Timeout: o.Timeout, MaxBody: o.MaxBody,
		TWSEBase: twse.DefaultTWSEBase, TPExBase: twse.DefaultTPExBase}
	var err error
	if o.TWSEBase != "" {
		if s.client.TWSEBase, err = twse.CheckBase(o.TWSEBase); err != nil {
			return nil, err
		}
	}
	if o.TPExBase != "" {
		if s.client.TPExBase, err = twse.CheckBase(o.TPExBase); err != nil {
			return nil, err
		}
	}
	if s.client.Limiter == nil {
		s.client.Limiter = limit.New(o.MinInterval, o.MaxQueue, s.clock)
	}
	return s, nil
}

// Offline reports whether the service serves only the shipped series.
func (s *Service) Offline() bool { return s.offline }

// Now is the service clock's time.
func (s *Service) Now() time.Time { return s.clock.Now() }

// DateRange is a pair of dates (or months) from and to, inclusive.
type DateRange struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Daily is the body of GET /api/v1/stocks/{code}/daily (DESIGN.md §2), with
// additive fields: range (first and last row dates), requested (the months
// asked for), fallback (offline data served because the exchange failed) and
// a notice the page shows as it is, in English and zh-TW.
type Daily struct {
	Code      string     `json:"code"`
	Name      string     `json:"name"`
	Market    string     `json:"market"` // "twse" | "tpex"
	Source    string     `json:"source"` // "upstream" | "cache" | "offline"
	Rows      []twse.Row `json:"rows"`
	Range     *DateRange `json:"range"` // null when there are no rows
	Requested DateRange  `json:"requested"`
	Fallback  bool       `json:"fallback"`
	Notice    string     `json:"notice,omitempty"`
	NoticeZh  string     `json:"notice_zh,omitempty"`
}

// monthEntry is what the cache holds for one market, code and month. No rows
// means the exchange had no data (a real answer, cached like any other).
type monthEntry struct {
	Market twse.Market `json:"market"`
	Name   string      `json:"name,omitempty"`
	Rows   []twse.Row  `json:"rows"`
}

func cacheKey(m twse.Market, code string, month twse.Month) string {
	return "v1/" + string(m) + "/" + code + "/" + month.Compact()
}

// Daily returns q.Code's rows from q.From to q.To. It checks the query (no
// month cap: the API applies its own with ValidateQuery), then reads each month
// from the cache or the exchange; if the exchange fails and the code has
// shipped data, it answers from that instead (Fallback). Errors are *Error.
func (s *Service) Daily(ctx context.Context, q DailyQuery) (*Daily, error) {
	if !twse.ValidCode(q.Code) {
		return nil, errInvalidCode(q.Code)
	}
	if e := checkRange(q, twse.MonthOf(s.clock.Now()), 0); e != nil {
		return nil, e
	}
	sec, known := codes.Lookup(q.Code)
	if s.offline {
		return s.offlineDaily(q, sec, nil)
	}
	d, err := s.upstreamDaily(ctx, q, sec, known)
	if err == nil {
		return d, nil
	}
	var ae *Error
	if errors.As(err, &ae) || errors.Is(err, context.Canceled) || ctx.Err() != nil {
		return nil, apiError(err)
	}
	s.logf("%s %s…%s: %v", q.Code, q.From, q.To, err)
	if offline.Has(q.Code) {
		if d, ferr := s.offlineDaily(q, sec, err); ferr == nil {
			return d, nil
		}
	}
	return nil, apiError(err)
}

// upstreamDaily gathers the months from the cache or the exchange. For a code
// missing from the shipped list it asks for the last month first and stops
// with not_found if neither exchange knows it.
func (s *Service) upstreamDaily(ctx context.Context, q DailyQuery, sec codes.Security, known bool) (*Daily, error) {
	markets := []twse.Market{twse.TWSE, twse.TPEx}
	if known && sec.Market == string(twse.TPEx) {
		markets = []twse.Market{twse.TPEx, twse.TWSE}
	}
	months := twse.Months(q.From, q.To)
	order := make([]int, 0, len(months))
	if !known {
		order = append(order, len(months)-1)
	}
	for i := range months {
		if known || i != len(months)-1 {
			order = append(order, i)
		}
	}
	entries := make([]*monthEntry, len(months))
	fetched := false
	for done, i := range order {
		e, up, err := s.month(ctx, markets, q.Code, months[i])
		if err != nil {
			return nil, err
		}
		if !known && done == 0 && len(e.Rows) == 0 {
			return nil, errNotFound(fmt.Sprintf("Neither TWSE nor TPEx has data for %s in %s.", q.Code, months[i]),
				fmt.Sprintf("證交所與櫃買中心都查無 %s 在 %s 的資料。", q.Code, months[i]))
		}
		entries[i], fetched = e, fetched || up
		if q.Progress != nil {
			q.Progress(done+1, len(months), months[i])
		}
	}
	d := &Daily{Code: q.Code, Name: sec.Name, Market: sec.Market, Source: "cache", Rows: []twse.Row{},
		Requested: DateRange{q.From.String(), q.To.String()}}
	if fetched {
		d.Source = "upstream"
	}
	for _, e := range entries {
		if len(e.Rows) == 0 {
			continue
		}
		d.Rows = append(d.Rows, e.Rows...)
		d.Market = string(e.Market)
		if d.Name == "" {
			d.Name = e.Name
		}
	}
	if d.Market == "" {
		d.Market = string(markets[0])
	}
	if len(d.Rows) == 0 {
		return nil, errNotFound(fmt.Sprintf("No trading data for %s from %s to %s.", q.Code, q.From, q.To),
			fmt.Sprintf("%s 在 %s 至 %s 之間沒有交易資料。", q.Code, q.From, q.To))
	}
	d.Range = &DateRange{d.Rows[0].Date, d.Rows[len(d.Rows)-1].Date}
	return d, nil
}

// month returns one month of code, trying each market in turn until one has
// rows. up reports whether any exchange was asked.
func (s *Service) month(ctx context.Context, markets []twse.Market, code string, m twse.Month) (*monthEntry, bool, error) {
	var e *monthEntry
	up := false
	for _, mk := range markets {
		var fetched bool
		var err error
		e, fetched, err = s.monthOn(ctx, mk, code, m)
		up = up || fetched
		if err != nil || len(e.Rows) > 0 {
			return e, up, err
		}
	}
	return e, up, nil
}

// flight is the shared result of one collapsed month fetch.
type flight struct {
	entry   *monthEntry
	fetched bool
}

// monthOn returns one month of code on one market: from the cache, or from
// the exchange through a single flight shared by identical concurrent calls.
// The shared fetch is not cancelled when one caller goes away, so the others
// (and the cache) still get its result.
func (s *Service) monthOn(ctx context.Context, mk twse.Market, code string, m twse.Month) (*monthEntry, bool, error) {
	key := cacheKey(mk, code, m)
	if e, ok := s.cached(ctx, key); ok {
		return e, false, nil
	}
	ch := s.group.DoChan(key, func() (any, error) {
		fctx := limit.WithTicket(context.WithoutCancel(ctx), limit.Ticket{Key: queueKey(code, m), Priority: s.priority[code]})
		if e, ok := s.cached(fctx, key); ok {
			return flight{e, false}, nil
		}
		md, err := s.client.FetchMonth(fctx, mk, code, m)
		e := &monthEntry{Market: mk, Rows: []twse.Row{}}
		switch {
		case errors.Is(err, twse.ErrNoData):
		case err != nil:
			return nil, err // errors are never cached
		default:
			e.Name, e.Rows = md.Name, md.Rows
		}
		ttl := cache.Forever
		if !m.Before(twse.MonthOf(s.clock.Now())) {
			ttl = s.ttl
		}
		if b, err := json.Marshal(e); err == nil {
			if err := s.cache.Put(fctx, key, b, ttl); err != nil {
				s.logf("cache put %s: %v", key, err)
			}
		}
		return flight{e, true}, nil
	})
	select {
	case r := <-ch:
		if r.Err != nil {
			return nil, false, r.Err
		}
		f := r.Val.(flight)
		return f.entry, f.fetched, nil
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
}

// cached reads and decodes one month from the cache. The entry returned is
// shared: callers must not modify it.
func (s *Service) cached(ctx context.Context, key string) (*monthEntry, bool) {
	b, ok := s.cache.Get(ctx, key)
	if !ok || len(b) == 0 {
		return nil, false
	}
	s.mu.Lock()
	d, ok := s.decoded[key]
	s.mu.Unlock()
	if ok && len(d.raw) == len(b) && &d.raw[0] == &b[0] {
		return d.entry, true
	}
	var e monthEntry
	if err := json.Unmarshal(b, &e); err != nil || e.Rows == nil {
		return nil, false
	}
	s.mu.Lock()
	if s.decoded == nil || len(s.decoded) >= maxDecoded {
		s.decoded = make(map[string]decodedEntry)
	}
	s.decoded[key] = decodedEntry{b, &e}
	s.mu.Unlock()
	return &e, true
}
