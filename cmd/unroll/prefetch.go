package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"unroll/web"
	"unroll/web/twse"
)

// lectureFrom is the first month of the lecture's training range (2330,
// 2015-01 … 2024-12), prefetch's default start.
const lectureFrom = "2015-01"

// runPrefetch fills the cache directory with every month of the codes over a
// range, politely (the serve command's spacing), before a class. Months
// already cached are not asked for again, so an interrupted run resumes
// where it stopped. Progress goes to stderr, one summary line per code to
// stdout.
func runPrefetch(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("prefetch", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: unroll prefetch --codes 2330,2317,... [--from YYYY-MM] [--to YYYY-MM] [--cache-dir DIR] [--twse-base URL] [--tpex-base URL]")
		fs.PrintDefaults()
	}
	codeList := fs.String("codes", "", "comma-separated security codes, such as 2330,2317,2454")
	from := fs.String("from", lectureFrom, "first month, YYYY-MM")
	to := fs.String("to", "", "last month, YYYY-MM (default: the last closed month in Taipei)")
	data := addDataFlags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usagef("prefetch: %v", err)
	}
	if fs.NArg() > 0 {
		return usagef("prefetch: unexpected argument %q", fs.Arg(0))
	}
	if data.offline {
		return usagef("prefetch: --offline never asks the exchanges; nothing to prefetch")
	}
	if data.cacheDir == "" {
		return usagef("prefetch: --cache-dir must name a directory")
	}
	var list []string
	for _, c := range strings.Split(*codeList, ",") {
		if c = strings.ToUpper(strings.TrimSpace(c)); c != "" {
			if !twse.ValidCode(c) {
				return usagef("prefetch: %q is not a security code (4 to 6 digits or capital letters)", c)
			}
			list = append(list, c)
		}
	}
	if len(list) == 0 {
		return usagef("prefetch: --codes names no code")
	}
	s, err := newDataService(e, data)
	if err != nil {
		return err
	}
	if *to == "" {
		*to = twse.MonthOf(s.Now()).Add(-1).String()
	}
	queries := make([]web.DailyQuery, len(list))
	total := 0
	for i, c := range list {
		q, qerr := web.ValidateQuery(c, *from, *to, s.Now(), 0)
		if qerr != nil {
			return usagef("prefetch: %s", qerr.Message)
		}
		queries[i] = q
		total += q.To.Index() - q.From.Index() + 1
	}
	fmt.Fprintf(e.stderr, "unroll: prefetch %d codes × %s … %s (%d months) into %s\n", len(list), queries[0].From, queries[0].To, total, data.cacheDir)
	bar := newProgress(e.stderr, "")
	bar.verb = "prefetch"
	failed := 0
	before := 0
	for _, q := range queries {
		code := q.Code
		bar.code = code
		q.Progress = func(done, _ int, m twse.Month) { bar.update(before+done, total, m) }
		d, err := s.Daily(ctx, q)
		before += q.To.Index() - q.From.Index() + 1
		switch {
		case ctx.Err() != nil:
			bar.done()
			return fmt.Errorf("prefetch stopped at %s; run it again to resume", code)
		case err != nil:
			failed++
			msg := err.Error()
			var ae *web.Error
			if errors.As(err, &ae) {
				msg = ae.Message
			}
			bar.done()
			fmt.Fprintf(e.stdout, "%s\tfailed\t%s\n", code, msg)
		case d.Fallback:
			failed++
			bar.done()
			fmt.Fprintf(e.stdout, "%s\tfailed\tthe exchange could not be reached\n", code)
		default:
			fmt.Fprintf(e.stdout, "%s\t%s\t%d days\t%s … %s\n", code, d.Source, len(d.Rows), d.Range.From, d.Range.To)
		}
	}
	bar.done()
	if failed > 0 {
		return fmt.Errorf("prefetch: %d of %d codes failed; run it again to retry them", failed, len(list))
	}
	return nil
}
