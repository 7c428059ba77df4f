package limit

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"unroll/web/clock"
)

var t0 = time.Date(2026, 11, 2, 1, 0, 0, 0, time.UTC)

func TestSpacingSequential(t *testing.T) {
	c := clock.NewFake(t0)
	l := New(2*time.Second, 5, c)
	var sent []time.Time
	for i := 0; i < 4; i++ {
		if err := l.Wait(context.Background(), "www.twse.com.tw"); err != nil {
			t.Fatal(err)
		}
		sent = append(sent, c.Now())
	}
	for i, s := range sent {
		if want := t0.Add(time.Duration(i) * 2 * time.Second); !s.Equal(want) {
			t.Errorf("request %d sent at +%v, want +%v", i, s.Sub(t0), want.Sub(t0))
		}
	}
	// Another host has its own spacing: no wait.
	if err := l.Wait(context.Background(), "www.tpex.org.tw"); err != nil || !c.Now().Equal(sent[3]) {
		t.Fatalf("second host waited: %v, now +%v", err, c.Now().Sub(t0))
	}
	// After a quiet spell the next request goes at once.
	c.Advance(time.Minute)
	before := c.Now()
	if err := l.Wait(context.Background(), "www.twse.com.tw"); err != nil || !c.Now().Equal(before) {
		t.Fatalf("after a quiet minute: %v, waited %v", err, c.Now().Sub(before))
	}
}

// gateClock is a fake clock whose Sleep reports that it started and then
// blocks until the test opens the gate, so requests stay queued.
type gateClock struct {
	*clock.Fake
	sleeping chan struct{}
	gate     chan struct{}
}

func newGateClock() *gateClock {
	return &gateClock{Fake: clock.NewFake(t0), sleeping: make(chan struct{}, 16), gate: make(chan struct{})}
}

func (g *gateClock) Sleep(ctx context.Context, d time.Duration) error {
	g.sleeping <- struct{}{}
	select {
	case <-g.gate:
	case <-ctx.Done():
		return ctx.Err()
	}
	return g.Fake.Sleep(ctx, d)
}

// queued waits until key stands in the queue.
func queued(t *testing.T, l *Limiter, key string) Status {
	t.Helper()
	for i := 0; ; i++ {
		if s, ok := l.Status(key); ok {
			return s
		}
		if i > 1e6 {
			t.Fatalf("%s never queued", key)
		}
		runtime.Gosched()
	}
}

func TestPriorityOrderAndStatus(t *testing.T) {
	c := newGateClock()
	l := New(2*time.Second, 10, c)
	var (
		mu    sync.Mutex
		order []string
		wg    sync.WaitGroup
	)
	start := func(key string, prio bool) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := l.Wait(WithTicket(context.Background(), Ticket{Key: key, Priority: prio}), "h"); err != nil {
				t.Error(err)
			}
			mu.Lock()
			order = append(order, key)
			mu.Unlock()
		}()
	}
	start("a", false)
	<-c.sleeping // a holds the send time
	start("b", false)
	queued(t, l, "b")
	start("c", false)
	queued(t, l, "c")
	start("p", true)
	queued(t, l, "p")
	want := map[string]Status{
		"a": {1, 0, 4},
		"p": {2, 2 * time.Second, 4},
		"b": {3, 4 * time.Second, 4},
		"c": {4, 6 * time.Second, 4},
	}
	for k, w := range want {
		if s, _ := l.Status(k); s != w {
			t.Errorf("status %s = %+v, want %+v", k, s, w)
		}
	}
	if _, ok := l.Status("x"); ok {
		t.Error("status of an unknown key")
	}
	for range 4 {
		c.gate <- struct{}{} // unbuffered: the next holder of the send time takes it
	}
	wg.Wait()
	if got := strings.Join(order, ""); got != "apbc" {
		t.Errorf("sent in order %q, want apbc (priority first)", got)
	}
	// Each request was sent 2 s after the one before.
	if got := c.Now().Sub(t0); got != 6*time.Second {
		t.Errorf("last send at +%v, want +6s", got)
	}
}

func TestQueueBound(t *testing.T) {
	c := newGateClock()
	l := New(2*time.Second, 2, c)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 3)
	go func() { done <- l.Wait(WithTicket(ctx, Ticket{Key: "a"}), "h") }()
	<-c.sleeping
	for _, k := range []string{"b", "c"} {
		go func() { done <- l.Wait(WithTicket(ctx, Ticket{Key: k}), "h") }()
		queued(t, l, k)
	}
	var b *BusyError
	if err := l.Wait(context.Background(), "h"); !errors.As(err, &b) || b.Host != "h" || b.RetryAfter < time.Second {
		t.Fatalf("a full queue: %v", err)
	}
	cancel()
	for range 3 {
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled wait: %v", err)
		}
	}
	if _, ok := l.Status("b"); ok {
		t.Error("a cancelled request stays queued")
	}
}

func TestWaitCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	l := New(time.Second, 1, clock.NewFake(t0))
	if err := l.Wait(ctx, "h"); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}
