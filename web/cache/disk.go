package cache

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Disk keeps permanent entries (closed months) as files under Dir, one file
// per key, so they survive restarts of the local server. Entries with a TTL
// are not written: the current month lives in memory only. The Worker has no
// disk and does not use this type.
type Disk struct {
	Dir string
}

// maxDiskValue bounds what Get will read back (a month is a few KB).
const maxDiskValue = 4 << 20

// path maps key to a file under Dir. Keys are the service's own, but the
// mapping still refuses anything that could leave Dir.
func (d Disk) path(key string) (string, error) {
	if key == "" || len(key) > 200 || strings.HasPrefix(key, "/") || strings.Contains(key, "..") {
		return "", fmt.Errorf("cache key %q", key)
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '/' || c == '-' || c == '_' || c == '.') {
			return "", fmt.Errorf("cache key %q", key)
		}
	}
	return filepath.Join(d.Dir, filepath.FromSlash(key)+".json"), nil
}

func (d Disk) Get(_ context.Context, key string) ([]byte, bool) {
	p, err := d.path(key)
	if err != nil {
		return nil, false
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.Size() > maxDiskValue {
		return nil, false
	}
	b := make([]byte, st.Size())
	if _, err := f.ReadAt(b, 0); err != nil && st.Size() > 0 {
		return nil, false
	}
	return b, true
}

// Put writes permanent entries atomically (a temporary file renamed into
// place); entries with a TTL are ignored.
func (d Disk) Put(_ context.Context, key string, value []byte, ttl time.Duration) error {
	if ttl != Forever {
		return nil
	}
	p, err := d.path(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(value)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), p)
	}
	if werr != nil {
		os.Remove(tmp.Name())
	}
	return werr
}
