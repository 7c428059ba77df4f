//go:build js && wasm

package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	cfcache "github.com/syumai/workers/cloudflare/cache"

	"unroll/web/cache"
)

// cacheName is the Worker's own named cache, apart from the zone's default
// cache of HTTP responses.
const cacheName = "unroll"

// keyPrefix starts the path of every key URL. Keys are URLs (the Cache API
// stores responses by request) on the host the request came to (see
// withHost); nothing is ever fetched from them.
const keyPrefix = "/_unroll_cache/"

// defaultKeyHost is the key host when the context carries none.
const defaultKeyHost = "unroll.cache"

// foreverMaxAge is how long a closed month is kept: a year. The data centre
// may still evict it earlier; a miss only costs one upstream request.
const foreverMaxAge = 365 * 24 * time.Hour

// maxEntry bounds a cached value read back (a month is a few KB).
const maxEntry = 1 << 20

// cacheAPI is a cache.Cache on the Workers Cache API (caches.open("unroll")),
// the only storage of a plain Worker that outlives a request. Expiry is left
// to the Cache API through Cache-Control max-age. The Cache API holds entries
// per Cloudflare data centre and only on a custom domain (not *.workers.dev,
// where every Put is dropped and every Get misses).
type cacheAPI struct {
	once sync.Once
	c    *cfcache.Cache // opened on first use
}

var _ cache.Cache = (*cacheAPI)(nil)

func newCacheAPI() *cacheAPI { return &cacheAPI{} }

// open returns the named cache, or the default one if it cannot be opened
// (cfcache.WithNamespace panics on failure).
func (c *cacheAPI) open() *cfcache.Cache {
	c.once.Do(func() {
		defer func() {
			if r := recover(); r != nil {
				log.Printf("cache: open %q: %v; using the default cache", cacheName, r)
				c.c = cfcache.New()
			}
		}()
		c.c = cfcache.New(cfcache.WithNamespace(cacheName))
	})
	return c.c
}

type hostKey struct{}

// withHost records the host a request came to, for the cache's key URLs.
func withHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.URL.Hostname()
		if host == "" {
			host = r.Host
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), hostKey{}, host)))
	})
}

// request is the cache key for key: GET https://HOST/_unroll_cache/KEY.
func (*cacheAPI) request(ctx context.Context, key string) (*http.Request, error) {
	host, _ := ctx.Value(hostKey{}).(string)
	if host == "" {
		host = defaultKeyHost
	}
	u := url.URL{Scheme: "https", Host: host, Path: keyPrefix + key}
	return http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
}

func (c *cacheAPI) Get(ctx context.Context, key string) ([]byte, bool) {
	req, err := c.request(ctx, key)
	if err != nil {
		return nil, false
	}
	res, err := c.open().Match(req, nil)
	if err != nil {
		return nil, false // a miss (cfcache.ErrCacheNotFound) or a failing cache
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, false
	}
	b, err := io.ReadAll(io.LimitReader(res.Body, maxEntry+1))
	if err != nil || len(b) > maxEntry {
		return nil, false
	}
	return b, true
}

func (c *cacheAPI) Put(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	if ttl < 0 {
		return errors.New("cache: negative ttl")
	}
	req, err := c.request(ctx, key)
	if err != nil {
		return err
	}
	maxAge := foreverMaxAge
	if ttl != cache.Forever {
		maxAge = ttl
	}
	secs := int64((maxAge + time.Second - 1) / time.Second)
	res := &http.Response{
		StatusCode: http.StatusOK,
		Header: http.Header{
			"Content-Type":   {"application/json"},
			"Cache-Control":  {"public, max-age=" + strconv.FormatInt(secs, 10)},
			"Content-Length": {strconv.Itoa(len(value))},
		},
		ContentLength: int64(len(value)),
		Body:          io.NopCloser(bytes.NewReader(value)),
	}
	return c.open().Put(req, res)
}
