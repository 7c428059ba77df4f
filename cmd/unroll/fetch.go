package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"unroll/web"
	"unroll/web/cache"
	"unroll/web/limit"
	"unroll/web/twse"
)

// dataFlags are the data-service flags shared by serve and fetch.
type dataFlags struct {
	offline            bool
	twseBase, tpexBase string
	cacheDir           string
	minInterval        time.Duration
}

func addDataFlags(fs *flag.FlagSet) *dataFlags {
	d := &dataFlags{}
	fs.BoolVar(&d.offline, "offline", false, "serve only the price series shipped with Unroll (2330, 2317, 2454, 0050); never call the exchanges")
	fs.StringVar(&d.twseBase, "twse-base", twse.DefaultTWSEBase, "TWSE upstream base URL")
	fs.StringVar(&d.tpexBase, "tpex-base", twse.DefaultTPExBase, "TPEx upstream base URL")
	fs.StringVar(&d.cacheDir, "cache-dir", defaultCacheDir(), `directory keeping closed months ("" for memory only)`)
	fs.DurationVar(&d.minInterval, "min-interval", limit.DefaultInterval, "least time between two requests to one exchange")
	return d
}

// defaultCacheDir is the user's cache directory plus "unroll" ("" if the
// system has none).
func defaultCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "unroll")
}

// newDataService builds the data service the way the command line uses it:
// memory cache in front of the cache directory, polite spacing, upstream
// failures logged to stderr.
func newDataService(e env, d *dataFlags) (*web.Service, error) {
	if d.minInterval <= 0 {
		return nil, usagef("--min-interval must be positive")
	}
	o := web.Options{
		Offline:     d.offline,
		TWSEBase:    d.twseBase,
		TPExBase:    d.tpexBase,
		MinInterval: d.minInterval,
		Logf:        func(format string, a ...any) { fmt.Fprintf(e.stderr, "unroll: "+format+"\n", a...) },
	}
	if d.cacheDir != "" && !d.offline {
		o.Cache = cache.Tiered{Fast: cache.NewMemory(0, nil), Slow: cache.Disk{Dir: d.cacheDir}}
	}
	s, err := web.NewService(o)
	if err != nil {
		return nil, usagef("%v", err)
	}
	return s, nil
}

// runFetch prints a stock's daily rows as CSV (header date,open,high,low,
// close,volume,turnover,change,transactions; null as an empty field) or as
// the API's JSON, with a progress bar on stderr for multi-month ranges.
func runFetch(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("fetch", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: unroll fetch CODE [--from YYYY-MM] [--to YYYY-MM] [--format csv|json] [--offline] [--twse-base URL] [--tpex-base URL]")
		fs.PrintDefaults()
	}
	from := fs.String("from", "", "first month, YYYY-MM (default: the current month in Taipei)")
	to := fs.String("to", "", "last month, YYYY-MM (default: the current month in Taipei)")
	format := fs.String("format", "csv", "output format: csv or json")
	data := addDataFlags(fs)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil
			}
			return usagef("fetch: %v", err)
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(positional) != 1 {
		return usagef("fetch: want exactly one stock CODE (such as 2330), got %d", len(positional))
	}
	if *format != "csv" && *format != "json" {
		return usagef("fetch: --format %q: want csv or json", *format)
	}
	s, err := newDataService(e, data)
	if err != nil {
		return err
	}
	if *to == "" && *from != "" {
		*to = twse.MonthOf(s.Now()).String()
	}
	q, qerr := web.ValidateQuery(positional[0], *from, *to, s.Now(), 0)
	if qerr != nil {
		return usagef("fetch: %s", qerr.Message)
	}
	bar := newProgress(e.stderr, q.Code)
	q.Progress = bar.update
	d, err := s.Daily(ctx, q)
	bar.done()
	if err != nil {
		var ae *web.Error
		if errors.As(err, &ae) {
			return fmt.Errorf("fetch %s: %s", q.Code, ae.Message)
		}
		return err
	}
	if d.Notice != "" {
		fmt.Fprintln(e.stderr, "unroll:", d.Notice)
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	}
	return writeCSV(e.stdout, d.Rows)
}

// csvHeader is the contract of DESIGN.md §1.
var csvHeader = []string{"date", "open", "high", "low", "close", "volume", "turnover", "change", "transactions"}

func writeCSV(w io.Writer, rows []twse.Row) error {
	cw := csv.NewWriter(w)
	cw.Write(csvHeader)
	f := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	n := func(p *int64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatInt(*p, 10)
	}
	for _, r := range rows {
		cw.Write([]string{r.Date, f(r.Open), f(r.High), f(r.Low), f(r.Close), n(r.Volume), n(r.Turnover), f(r.Change), n(r.Transactions)})
	}
	cw.Flush()
	return cw.Error()
}

// progress draws months fetched on stderr: a bar redrawn in place on a
// terminal, one line per month otherwise. A single month draws nothing.
type progress struct {
	verb  string // "fetch", "prefetch"
	w     io.Writer
	code  string
	tty   bool
	drawn bool
}

func newProgress(w io.Writer, code string) *progress {
	p := &progress{verb: "fetch", w: w, code: code}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

func (p *progress) update(done, total int, m twse.Month) {
	if total <= 1 {
		return
	}
	if !p.tty {
		fmt.Fprintf(p.w, "%s %s: %s (%d/%d)\n", p.verb, p.code, m, done, total)
		return
	}
	const width = 30
	fill := done * width / total
	fmt.Fprintf(p.w, "\r%s [%s%s] %3d/%d %s", p.code, strings.Repeat("#", fill), strings.Repeat(".", width-fill), done, total, m)
	p.drawn = true
}

// done ends the bar's line.
func (p *progress) done() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}
