package limit

import (
	"context"
	"errors"
	"sort"
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

func TestConcurrentSlotsAndQueueBound(t *testing.T) {
	c := clock.NewFake(t0)
	l := New(2*time.Second, 5, c) // slots at +0 (sent at once) and 5 queued: +2 … +10
	const n = 20
	var (
		mu    sync.Mutex
		slots []time.Time
		busy  []*BusyError
		wg    sync.WaitGroup
	)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := l.Reserve("h")
			mu.Lock()
			defer mu.Unlock()
			var b *BusyError
			switch {
			case err == nil:
				slots = append(slots, s)
			case errors.As(err, &b):
				busy = append(busy, b)
			default:
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if len(slots) != 6 || len(busy) != n-6 {
		t.Fatalf("%d granted, %d refused; want 6 and %d", len(slots), len(busy), n-6)
	}
	sort.Slice(slots, func(i, j int) bool { return slots[i].Before(slots[j]) })
	for i, s := range slots {
		if got := s.Sub(t0); got != time.Duration(i)*2*time.Second {
			t.Errorf("slot %d at +%v", i, got)
		}
	}
	for _, b := range busy {
		if b.RetryAfter != 2*time.Second || b.Host != "h" {
			t.Errorf("busy: %+v, want retry after 2s", b)
		}
	}
	// Once time moves on, the queue drains and requests are taken again.
	c.Advance(4 * time.Second)
	if _, err := l.Reserve("h"); err != nil {
		t.Fatalf("after draining: %v", err)
	}
}

func TestWaitCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	l := New(time.Second, 1, clock.NewFake(t0))
	l.Reserve("h")
	if err := l.Wait(ctx, "h"); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}
