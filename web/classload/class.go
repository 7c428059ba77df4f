package classload

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"

	"unroll/web/codes"
	"unroll/web/twse"
)

// Config is a class: one student per code in Codes, DefaultStudents more on
// Default, each asking for Months months from From, one request per month
// (the last month first, as the page does), asking the queue every Poll while
// a month waits.
type Config struct {
	Base            string // Unroll's address, "http://127.0.0.1:8080"
	Codes           []string
	Default         string
	DefaultStudents int
	From            twse.Month
	Months          int
	Poll            time.Duration
}

// Student is what one student saw.
type Student struct {
	Code        string
	Default     bool
	Served      int           // months answered with rows
	FirstData   time.Duration // until the first month's rows
	AllData     time.Duration // until every month's rows
	Told        int           // queue answers that gave a position
	MaxPosition int           // the worst position told
	MaxWait     int           // the longest wait told, in seconds
	Busy        int           // 503 answers with Retry-After (retried after it)
	Errors      []string
}

// Report is the class's result.
type Report struct {
	Students []Student
	Elapsed  time.Duration
}

// StockCodes lists n listed TWSE stocks (not ETFs) other than skip, in code order.
func StockCodes(n int, skip string) []string {
	var out []string
	for c := 1101; c <= 9999 && len(out) < n; c++ {
		code := strconv.Itoa(c)
		if s, ok := codes.Lookup(code); ok && code != skip && s.Market == string(twse.TWSE) && s.Type == "股票" {
			out = append(out, code)
		}
	}
	return out
}

// Run plays the class: every student starts at once.
func Run(ctx context.Context, c Config) Report {
	var wg sync.WaitGroup
	students := make([]Student, 0, len(c.Codes)+c.DefaultStudents)
	for _, code := range c.Codes {
		students = append(students, Student{Code: code})
	}
	for range c.DefaultStudents {
		students = append(students, Student{Code: c.Default, Default: true})
	}
	start := time.Now()
	for i := range students {
		wg.Add(1)
		go func() {
			defer wg.Done()
			play(ctx, c, &students[i], start)
		}()
	}
	wg.Wait()
	return Report{Students: students, Elapsed: time.Since(start)}
}

func play(ctx context.Context, c Config, s *Student, start time.Time) {
	months := make([]twse.Month, 0, c.Months)
	months = append(months, c.From.Add(c.Months-1))
	for k := range c.Months - 1 {
		months = append(months, c.From.Add(k))
	}
	for _, m := range months {
		for ctx.Err() == nil {
			retry, err := month(ctx, c, s, m)
			if err != nil {
				s.Errors = append(s.Errors, fmt.Sprintf("%s: %v", m, err))
				break
			}
			if retry == 0 {
				s.Served++
				if s.Served == 1 {
					s.FirstData = time.Since(start)
				}
				break
			}
			s.Busy++
			select {
			case <-time.After(retry):
			case <-ctx.Done():
			}
		}
	}
	if s.Served == c.Months {
		s.AllData = time.Since(start)
	}
}

// month asks for one month, polling the queue until the answer comes. It
// returns the Retry-After of a 503 (0 when served).
func month(ctx context.Context, c Config, s *Student, m twse.Month) (time.Duration, error) {
	type answer struct {
		retry time.Duration
		err   error
	}
	got := make(chan answer, 1)
	go func() {
		url := fmt.Sprintf("%s/api/v1/stocks/%s/daily?from=%s&to=%s", c.Base, s.Code, m, m)
		var body struct {
			Rows []json.RawMessage `json:"rows"`
		}
		status, hdr, err := getJSON(ctx, url, &body)
		switch {
		case err != nil:
			got <- answer{0, err}
		case status == http.StatusServiceUnavailable && hdr.Get("Retry-After") != "":
			sec, _ := strconv.Atoi(hdr.Get("Retry-After"))
			got <- answer{time.Duration(max(sec, 1)) * time.Second, nil}
		case status != http.StatusOK || len(body.Rows) == 0:
			got <- answer{0, fmt.Errorf("HTTP %d, %d rows", status, len(body.Rows))}
		default:
			got <- answer{}
		}
	}()
	tick := time.NewTicker(c.Poll)
	defer tick.Stop()
	for {
		select {
		case a := <-got:
			return a.retry, a.err
		case <-tick.C:
			var q struct {
				Queued   bool `json:"queued"`
				Position int  `json:"position"`
				Wait     int  `json:"wait_s"`
			}
			url := fmt.Sprintf("%s/api/v1/stocks/%s/queue?month=%s", c.Base, s.Code, m)
			if status, _, err := getJSON(ctx, url, &q); err == nil && status == http.StatusOK && q.Queued {
				s.Told++
				s.MaxPosition = max(s.MaxPosition, q.Position)
				s.MaxWait = max(s.MaxWait, q.Wait)
			}
		}
	}
}

func getJSON(ctx context.Context, url string, v any) (int, http.Header, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return resp.StatusCode, resp.Header, err
	}
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(b, v); err != nil {
			return resp.StatusCode, resp.Header, err
		}
	}
	return resp.StatusCode, resp.Header, nil
}
