package cache

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"unroll/web/clock"
)

var ctx = context.Background()

func TestMemoryTTLAndForever(t *testing.T) {
	c := clock.NewFake(time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC))
	m := NewMemory(0, c)
	m.Put(ctx, "closed", []byte("a"), Forever)
	m.Put(ctx, "current", []byte("b"), 10*time.Minute)
	c.Advance(10*time.Minute - time.Nanosecond)
	if _, ok := m.Get(ctx, "current"); !ok {
		t.Fatal("current month expired early")
	}
	c.Advance(time.Nanosecond)
	if _, ok := m.Get(ctx, "current"); ok {
		t.Fatal("current month outlived its TTL")
	}
	c.Advance(10000 * time.Hour)
	if v, ok := m.Get(ctx, "closed"); !ok || string(v) != "a" {
		t.Fatal("closed month lost")
	}
}

func TestMemoryBound(t *testing.T) {
	m := NewMemory(3, nil)
	for i := 0; i < 3; i++ {
		m.Put(ctx, fmt.Sprint(i), []byte{byte(i)}, Forever)
	}
	m.Get(ctx, "0") // 0 is now the most recently used
	m.Put(ctx, "3", []byte{3}, Forever)
	if _, ok := m.Get(ctx, "1"); ok || m.Len() != 3 {
		t.Fatalf("least recently used entry kept; len %d", m.Len())
	}
	if _, ok := m.Get(ctx, "0"); !ok {
		t.Fatal("recently used entry evicted")
	}
}

func TestDiskAndTiered(t *testing.T) {
	dir := t.TempDir()
	d := Disk{Dir: dir}
	if err := d.Put(ctx, "v1/twse/2330/202401", []byte(`{"rows":[]}`), Forever); err != nil {
		t.Fatal(err)
	}
	if err := d.Put(ctx, "v1/twse/2330/202611", []byte(`x`), time.Minute); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "v1", "twse", "2330", "202401.json")); err != nil {
		t.Fatal(err)
	}
	if _, ok := d.Get(ctx, "v1/twse/2330/202611"); ok {
		t.Fatal("disk kept an entry with a TTL")
	}
	for _, k := range []string{"../x", "/etc/passwd", "a/../../b", "a\\b", "a b", ""} {
		if err := d.Put(ctx, k, []byte("x"), Forever); err == nil {
			t.Errorf("key %q accepted", k)
		}
	}

	// A new process: empty memory in front of the same directory.
	mem := NewMemory(0, nil)
	tc := Tiered{Fast: mem, Slow: Disk{Dir: dir}}
	if v, ok := tc.Get(ctx, "v1/twse/2330/202401"); !ok || string(v) != `{"rows":[]}` {
		t.Fatalf("tiered miss: %q %v", v, ok)
	}
	if _, ok := mem.Get(ctx, "v1/twse/2330/202401"); !ok {
		t.Fatal("disk hit not copied to memory")
	}
	tc.Put(ctx, "k/short", []byte("s"), time.Minute)
	if _, ok := (Disk{Dir: dir}).Get(ctx, "k/short"); ok {
		t.Fatal("short-lived entry written to disk")
	}
}
