// Package limit spaces requests to each upstream host politely: at most one
// request per interval per host, with a bounded queue. TWSE bans an address
// that sends more than about 3 requests in 5 s; the default of one request
// every 2 s per host stays well under that.
package limit

import (
	"context"
	"fmt"
	"sync"
	"time"

	"unroll/web/clock"
)

// Defaults: one request per 2 s per host, and at most 15 requests waiting
// (30 s of queue) before new ones are turned away.
const (
	DefaultInterval = 2 * time.Second
	DefaultMaxQueue = 15
)

// BusyError is returned when the queue for a host is full. RetryAfter is when
// a slot is expected to be free.
type BusyError struct {
	Host       string
	RetryAfter time.Duration
}

func (e *BusyError) Error() string {
	return fmt.Sprintf("too many requests queued for %s; retry after %s", e.Host, e.RetryAfter)
}

// Limiter hands out send times ("slots") per host, each at least Interval
// after the previous one. A request whose slot lies more than
// MaxQueue×Interval ahead is refused with a *BusyError instead of queued. A
// slot is never given back, even if its request is cancelled: spacing errs on
// the polite side.
//
// The zero value is not usable; call New.
type Limiter struct {
	interval time.Duration
	maxWait  time.Duration
	clock    clock.Clock

	mu   sync.Mutex
	next map[string]time.Time // guarded by mu: earliest free slot per host
}

// New returns a limiter with the given spacing and queue bound (zero values
// take the defaults) reading time from c (nil: the real clock).
func New(interval time.Duration, maxQueue int, c clock.Clock) *Limiter {
	if interval <= 0 {
		interval = DefaultInterval
	}
	if maxQueue <= 0 {
		maxQueue = DefaultMaxQueue
	}
	if c == nil {
		c = clock.Real{}
	}
	return &Limiter{
		interval: interval,
		maxWait:  time.Duration(maxQueue) * interval,
		clock:    c,
		next:     make(map[string]time.Time),
	}
}

// Interval is the spacing between two requests to one host.
func (l *Limiter) Interval() time.Duration { return l.interval }

// Reserve books the next slot for host and returns it, or a *BusyError if the
// queue is full.
func (l *Limiter) Reserve(host string) (time.Time, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock.Now()
	slot := l.next[host]
	if slot.Before(now) {
		slot = now
	}
	if wait := slot.Sub(now); wait > l.maxWait {
		retry := (wait - l.maxWait).Round(time.Second)
		if retry < time.Second {
			retry = time.Second
		}
		return time.Time{}, &BusyError{Host: host, RetryAfter: retry}
	}
	l.next[host] = slot.Add(l.interval)
	if len(l.next) > 64 {
		l.forget(now)
	}
	return slot, nil
}

// forget drops hosts whose last slot is long past (the map stays small).
func (l *Limiter) forget(now time.Time) {
	for h, t := range l.next {
		if t.Before(now) {
			delete(l.next, h)
		}
	}
}

// Wait reserves a slot for host and sleeps until it comes.
func (l *Limiter) Wait(ctx context.Context, host string) error {
	slot, err := l.Reserve(host)
	if err != nil {
		return err
	}
	return l.clock.Sleep(ctx, slot.Sub(l.clock.Now()))
}
