// Package cache stores upstream months for the data service behind one small
// interface, so the local server (memory, then disk) and the Cloudflare Worker
// (the Workers Cache API) share the same service code.
//
// Keys are short slash-separated ASCII paths built by the service, such as
// "v1/twse/2330/202401"; values are opaque bytes (JSON).
package cache

import (
	"container/list"
	"context"
	"sync"
	"time"

	"unroll/web/clock"
)

// Forever is the TTL of an entry that never expires: a closed month.
const Forever time.Duration = 0

// Cache stores values by key. Implementations must be safe for concurrent
// use. A failing cache must not fail the request: Get then reports a miss, and
// the caller may ignore Put's error.
type Cache interface {
	// Get returns the value stored under key, if present and not expired.
	Get(ctx context.Context, key string) ([]byte, bool)
	// Put stores value under key for ttl (Forever: for good). The cache may
	// keep its own copy; the caller may not modify value afterwards.
	Put(ctx context.Context, key string, value []byte, ttl time.Duration) error
}

// Memory is an in-process cache with per-entry expiry and a bound on the
// number of entries (least recently used entries go first).
type Memory struct {
	clock clock.Clock
	max   int

	mu    sync.Mutex
	items map[string]*list.Element // guarded by mu
	order *list.List               // guarded by mu; front = most recently used
}

type memEntry struct {
	key     string
	value   []byte
	expires time.Time // zero: never
}

// DefaultMaxEntries bounds a Memory cache: a month is about 2 KB, so the
// default holds some 16 MB.
const DefaultMaxEntries = 8192

// NewMemory returns a memory cache holding at most maxEntries entries (0: the
// default), reading time from c (nil: the real clock).
func NewMemory(maxEntries int, c clock.Clock) *Memory {
	if maxEntries <= 0 {
		maxEntries = DefaultMaxEntries
	}
	if c == nil {
		c = clock.Real{}
	}
	return &Memory{clock: c, max: maxEntries, items: make(map[string]*list.Element), order: list.New()}
}

func (m *Memory) Get(_ context.Context, key string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	el, ok := m.items[key]
	if !ok {
		return nil, false
	}
	e := el.Value.(*memEntry)
	if !e.expires.IsZero() && !m.clock.Now().Before(e.expires) {
		m.order.Remove(el)
		delete(m.items, key)
		return nil, false
	}
	m.order.MoveToFront(el)
	return e.value, true
}

func (m *Memory) Put(_ context.Context, key string, value []byte, ttl time.Duration) error {
	e := &memEntry{key: key, value: value}
	if ttl != Forever {
		e.expires = m.clock.Now().Add(ttl)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if el, ok := m.items[key]; ok {
		el.Value = e
		m.order.MoveToFront(el)
		return nil
	}
	m.items[key] = m.order.PushFront(e)
	for m.order.Len() > m.max {
		last := m.order.Back()
		m.order.Remove(last)
		delete(m.items, last.Value.(*memEntry).key)
	}
	return nil
}

// Len reports the number of entries held (expired ones included until read).
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.order.Len()
}

// Tiered puts a fast cache in front of a slow one that keeps only permanent
// entries (a Disk). Get falls through to Slow and copies a hit into Fast; Put
// writes Fast, and Slow too when the entry is permanent.
type Tiered struct {
	Fast, Slow Cache
}

func (t Tiered) Get(ctx context.Context, key string) ([]byte, bool) {
	if v, ok := t.Fast.Get(ctx, key); ok {
		return v, true
	}
	v, ok := t.Slow.Get(ctx, key)
	if ok {
		t.Fast.Put(ctx, key, v, Forever)
	}
	return v, ok
}

func (t Tiered) Put(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	err := t.Fast.Put(ctx, key, value, ttl)
	if ttl == Forever {
		if e := t.Slow.Put(ctx, key, value, ttl); e != nil {
			err = e
		}
	}
	return err
}
