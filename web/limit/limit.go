// Package limit spaces requests to each upstream host politely: at most one
// request per interval per host, through a bounded queue. TWSE bans an address
// that sends more than about 3 requests in 5 s; the default of one request
// every 2 s per host stays well under that.
//
// The queue is ordered: a request marked as priority (the default stock and
// the lecture's range) goes ahead of every ordinary one, and the others keep
// their order of arrival. Only the head of the queue holds a send time at any
// moment, so a priority request never waits behind more than one other. The
// queue tells where a request stands (Status): its position and the wait
// until its send time.
package limit

import (
	"context"
	"fmt"
	"sync"
	"time"

	"unroll/web/clock"
)

// Defaults: one request per 2 s per host, and at most 120 requests waiting
// (4 minutes of queue, under the server's 5-minute write timeout) before new
// ones are turned away.
const (
	DefaultInterval = 2 * time.Second
	DefaultMaxQueue = 120
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

// Ticket names a request in the queue (Key, looked up by Status) and whether
// it goes ahead of ordinary requests.
type Ticket struct {
	Key      string
	Priority bool
}

type ticketKey struct{}

// WithTicket returns ctx carrying t, which Wait reads.
func WithTicket(ctx context.Context, t Ticket) context.Context {
	return context.WithValue(ctx, ticketKey{}, t)
}

// Status is where a request stands: Position 1 is the next to be sent (it
// holds a send time), Wait the time until its send time, Queued the requests
// waiting for the same host, itself included.
type Status struct {
	Position int
	Wait     time.Duration
	Queued   int
}

type waiter struct {
	Ticket
	grant chan time.Time
}

// hostQueue is one host's queue: head holds the send time slot (nil when no
// request holds one), waiting the others in order; next is the earliest send
// time after slot.
type hostQueue struct {
	head    *waiter
	slot    time.Time
	next    time.Time
	waiting []*waiter
}

// Limiter queues requests per host and lets them go at least Interval apart.
// A request that would be queued behind MaxQueue others is refused with a
// *BusyError instead. A send time is never given back, even if its request is
// cancelled: spacing errs on the polite side.
//
// The zero value is not usable; call New.
type Limiter struct {
	interval time.Duration
	maxQueue int
	clock    clock.Clock

	mu    sync.Mutex
	hosts map[string]*hostQueue // guarded by mu
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
	return &Limiter{interval: interval, maxQueue: maxQueue, clock: c, hosts: make(map[string]*hostQueue)}
}

// Interval is the spacing between two requests to one host.
func (l *Limiter) Interval() time.Duration { return l.interval }

// Wait queues a request for host (with the Ticket in ctx, if any) and
// returns at its send time, or a *BusyError if the queue is full, or
// ctx.Err() if ctx ends first.
func (l *Limiter) Wait(ctx context.Context, host string) error {
	done, err := l.Acquire(ctx, host)
	if done != nil {
		done()
	}
	return err
}

// Acquire is Wait for a caller that says when its request has finished:
// the next request for host is sent at least Interval after done is called
// (and after the send time), so requests arrive Interval apart however long
// one takes on its way. done is nil when err is not.
func (l *Limiter) Acquire(ctx context.Context, host string) (done func(), err error) {
	t, _ := ctx.Value(ticketKey{}).(Ticket)
	w := &waiter{Ticket: t, grant: make(chan time.Time, 1)}
	l.mu.Lock()
	q := l.hosts[host]
	if q == nil {
		q = &hostQueue{}
		l.hosts[host] = q
	}
	if len(q.waiting) >= l.maxQueue {
		retry := max(time.Second, q.slot.Sub(l.clock.Now()).Round(time.Second))
		l.mu.Unlock()
		return nil, &BusyError{Host: host, RetryAfter: retry}
	}
	at := len(q.waiting)
	if t.Priority {
		at = 0
		for at < len(q.waiting) && q.waiting[at].Priority {
			at++
		}
	}
	q.waiting = append(q.waiting, nil)
	copy(q.waiting[at+1:], q.waiting[at:])
	q.waiting[at] = w
	l.advance(q)
	l.mu.Unlock()

	var slot time.Time
	select {
	case slot = <-w.grant:
	case <-ctx.Done():
		l.mu.Lock()
		defer l.mu.Unlock()
		if q.head == w {
			l.release(host, q, w)
		} else {
			for i, o := range q.waiting {
				if o == w {
					q.waiting = append(q.waiting[:i], q.waiting[i+1:]...)
					break
				}
			}
		}
		return nil, ctx.Err()
	}
	release := func() {
		l.mu.Lock()
		l.release(host, q, w)
		l.mu.Unlock()
	}
	if err := l.clock.Sleep(ctx, slot.Sub(l.clock.Now())); err != nil {
		release()
		return nil, err
	}
	return sync.OnceFunc(release), nil
}

// advance gives the send time to the first waiting request when no request
// holds one. Called with mu held.
func (l *Limiter) advance(q *hostQueue) {
	if q.head != nil || len(q.waiting) == 0 {
		return
	}
	w := q.waiting[0]
	q.waiting = q.waiting[1:]
	q.slot = q.next
	if now := l.clock.Now(); q.slot.Before(now) {
		q.slot = now
	}
	q.next = q.slot.Add(l.interval)
	q.head = w
	w.grant <- q.slot
}

// release ends w's hold on the send time and passes it on. Called with mu held.
func (l *Limiter) release(host string, q *hostQueue, w *waiter) {
	if q.head != w {
		return
	}
	q.head = nil
	// The next request goes Interval after this one finished (or was sent).
	if later := l.clock.Now().Add(l.interval); q.next.Before(later) {
		q.next = later
	}
	l.advance(q)
	if q.head == nil && len(q.waiting) == 0 && q.next.Before(l.clock.Now()) {
		delete(l.hosts, host) // the map keeps only hosts with recent requests
	}
}

// wait is the time until the request at index i of q.waiting is sent: the
// head holds the send time before next. Called with mu held.
func (l *Limiter) wait(q *hostQueue, i int) time.Duration {
	now := l.clock.Now()
	start := q.next
	if start.Before(now) {
		start = now
	}
	return start.Add(time.Duration(i) * l.interval).Sub(now)
}

// Status reports where the request with key stands in any host's queue; ok
// is false if no such request is waiting.
func (l *Limiter) Status(key string) (s Status, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.clock.Now()
	for _, q := range l.hosts {
		held := 0
		if q.head != nil {
			held = 1
			if q.head.Key == key {
				return Status{Position: 1, Wait: max(0, q.slot.Sub(now)), Queued: len(q.waiting) + 1}, true
			}
		}
		for i, w := range q.waiting {
			if w.Key == key {
				return Status{Position: i + 1 + held, Wait: l.wait(q, i), Queued: len(q.waiting) + held}, true
			}
		}
	}
	return Status{}, false
}
