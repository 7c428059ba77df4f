// Command loadtest plays a class against `unroll serve`: students on as many
// different listed stocks, and as many more on the default stock, each
// loading a range month by month as the page does, while the server asks a
// loopback fake exchange that bans (403) on more than 3 calls in 5 s. It
// prints the bans, the upstream calls, each student's time to data, the
// errors and the server's peak memory, and fails if the exchange banned or
// a month was asked for twice or a student was not served.
//
//	go run ./cmd/loadtest [--bin bin/unroll] [--students 40] [--default-students 40] [--months 24] [--scale 1]
//
// --scale N divides every time (the server's spacing, the ban window, the
// polling) by N, for a quicker run of the same shape.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"unroll/web/classload"
	"unroll/web/twse"
)

func main() {
	bin := flag.String("bin", "bin/unroll", "the unroll binary")
	students := flag.Int("students", 40, "students, each on a different listed stock")
	defaults := flag.Int("default-students", 40, "students on the default stock, 2330")
	months := flag.Int("months", 24, "months each student loads")
	from := flag.String("from", "2023-01", "first month")
	scale := flag.Float64("scale", 1, "divide every time by this")
	flag.Parse()
	if err := run(*bin, *students, *defaults, *months, *from, *scale); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run(bin string, students, defaults, months int, from string, scale float64) error {
	scaled := func(d time.Duration) time.Duration { return time.Duration(float64(d) / scale) }
	first, err := twse.ParseMonth(from)
	if err != nil {
		return err
	}
	x := classload.NewExchange(3, scaled(5*time.Second))
	up := httptest.NewServer(x)
	defer up.Close()

	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--twse-base", up.URL, "--tpex-base", up.URL,
		"--cache-dir", "", "--min-interval", scaled(2*time.Second).String())
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		return fmt.Errorf("server: %v", err)
	}
	base := strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(line, "Unroll:")), "/")

	codes := classload.StockCodes(students, "2330")
	fmt.Printf("class: %d students on %d stocks, %d on 2330, %d months each from %s; spacing %v, ban above 3 calls in %v\n",
		len(codes)+defaults, len(codes), defaults, months, first, scaled(2*time.Second), scaled(5*time.Second))
	peak := make(chan int64, 1)
	stop := make(chan struct{})
	go func() { // the server's resident set, at its highest
		var hi int64
		for {
			hi = max(hi, rss(cmd.Process.Pid))
			select {
			case <-stop:
				peak <- max(hi, hwm(cmd.Process.Pid))
				return
			case <-time.After(200 * time.Millisecond):
			}
		}
	}()
	r := classload.Run(context.Background(), classload.Config{Base: base, Codes: codes, Default: "2330",
		DefaultStudents: defaults, From: first, Months: months, Poll: scaled(time.Second)})
	close(stop)
	st := x.Stats()

	served, errs, busy, told, maxPos, maxWait := 0, 0, 0, 0, 0, 0
	var firstOrd, allOrd, firstDef, allDef []time.Duration
	for _, s := range r.Students {
		if s.Served == months {
			served++
		}
		errs += len(s.Errors)
		busy += s.Busy
		if s.Told > 0 {
			told++
		}
		maxPos, maxWait = max(maxPos, s.MaxPosition), max(maxWait, s.MaxWait)
		if s.Default {
			firstDef, allDef = append(firstDef, s.FirstData), append(allDef, s.AllData)
		} else {
			firstOrd, allOrd = append(firstOrd, s.FirstData), append(allOrd, s.AllData)
		}
		for _, e := range s.Errors {
			fmt.Printf("  %s: %s\n", s.Code, e)
		}
	}
	if calls := x.Calls(); st.Bans > 0 {
		for i, c := range calls {
			if c.Banned { // the calls before the first ban, with their times
				for _, p := range calls[max(0, i-4) : i+1] {
					fmt.Printf("  call %s at +%v\n", p.Key, p.At.Sub(calls[0].At).Round(time.Millisecond))
				}
				break
			}
		}
	}
	fmt.Printf("bans: %d; upstream calls: %d (months asked twice: %d; most calls in any %v: %d)\n",
		st.Bans, st.Calls, st.Repeated, scaled(5*time.Second), st.MaxInWindow)
	fmt.Printf("served: %d of %d students; errors: %d; 503 busy answers: %d; told their place: %d students (worst position %d, longest wait told %d s)\n",
		served, len(r.Students), errs, busy, told, maxPos, maxWait)
	fmt.Printf("time to first month / all months, other stocks: median %v / %v, slowest %v / %v\n",
		median(firstOrd), median(allOrd), slowest(firstOrd), slowest(allOrd))
	fmt.Printf("time to first month / all months, 2330: median %v / %v, slowest %v / %v\n",
		median(firstDef), median(allDef), slowest(firstDef), slowest(allDef))
	fmt.Printf("whole class: %v; server peak memory (RSS): %.1f MiB\n", r.Elapsed.Round(time.Second), float64(<-peak)/(1<<20))
	if st.Bans > 0 || st.Repeated > 0 || served != len(r.Students) || errs > 0 {
		return fmt.Errorf("the class was not served cleanly")
	}
	return nil
}

func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2].Round(100 * time.Millisecond)
}

func slowest(d []time.Duration) time.Duration {
	return slices.Max(append(d, 0)).Round(100 * time.Millisecond)
}

// rss and hwm read the process's resident set and its high-water mark (Linux).
func rss(pid int) int64 { return statusKB(pid, "VmRSS:") }
func hwm(pid int) int64 { return statusKB(pid, "VmHWM:") }

func statusKB(pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, field) {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimPrefix(l, field)), &kb)
			return kb << 10
		}
	}
	return 0
}
