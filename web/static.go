package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// maxStaticFile bounds a file served (or decompressed) from the page FS.
const maxStaticFile = 64 << 20

// Static serves a page from a file system: index.html for directories, the
// right MIME type for .wasm and .js, a precompressed NAME.gz sibling as
// Content-Encoding: gzip when the client accepts it (decompressed on the fly
// when it does not), strong ETags and Cache-Control: no-cache (always
// revalidate; a repeat costs a 304).
type Static struct {
	fsys fs.FS

	mu    sync.Mutex
	etags map[string]string // guarded by mu: path|size|mtime → ETag
}

// NewStatic returns a handler serving fsys.
func NewStatic(fsys fs.FS) *Static { return &Static{fsys: fsys, etags: map[string]string{}} }

// contentType names the MIME type by extension; .wasm must be
// application/wasm for WebAssembly.instantiateStreaming.
func contentType(name string) string {
	switch ext := path.Ext(name); ext {
	case ".wasm":
		return "application/wasm"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json", ".map":
		return "application/json"
	case ".md", ".txt", ".csv":
		return "text/plain; charset=utf-8"
	default:
		if t := mime.TypeByExtension(ext); t != "" {
			return t
		}
	}
	return "application/octet-stream"
}

func (s *Static) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	if !fs.ValidPath(name) {
		http.NotFound(w, r)
		return
	}
	if st, err := fs.Stat(s.fsys, name); err == nil && st.IsDir() {
		http.Redirect(w, r, "/"+name+"/", http.StatusMovedPermanently)
		return
	}
	gzStat, gzErr := fs.Stat(s.fsys, name+".gz")
	hasGz := gzErr == nil && gzStat.Mode().IsRegular()
	h := w.Header()
	if hasGz {
		h.Add("Vary", "Accept-Encoding")
	}
	h.Set("Content-Type", contentType(name))
	h.Set("Cache-Control", "no-cache")

	if hasGz && acceptsGzip(r) {
		gz, err := s.read(name + ".gz")
		if err != nil {
			http.Error(w, "read error", http.StatusInternalServerError)
			return
		}
		h.Set("Content-Encoding", "gzip")
		s.serve(w, r, name+".gz", gz)
		return
	}
	body, err := s.read(name)
	if err != nil && hasGz {
		var gz []byte
		if gz, err = s.read(name + ".gz"); err == nil {
			body, err = gunzip(gz)
		}
	}
	if err != nil {
		h.Del("Content-Type")
		h.Del("Vary")
		h.Del("Cache-Control")
		http.NotFound(w, r)
		return
	}
	s.serve(w, r, name, body)
}

// serve writes body with an ETag, answering conditional and range requests.
func (s *Static) serve(w http.ResponseWriter, r *http.Request, name string, body []byte) {
	w.Header().Set("ETag", s.etag(name, body))
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// read returns a regular file's contents, up to maxStaticFile.
func (s *Static) read(name string) ([]byte, error) {
	f, err := s.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() || st.Size() > maxStaticFile {
		return nil, fs.ErrNotExist
	}
	return io.ReadAll(io.LimitReader(f, maxStaticFile))
}

// etag is a strong validator from the content, remembered per path, size and
// modification time (embedded files have none; a directory FS changes them).
func (s *Static) etag(name string, body []byte) string {
	key := name
	if st, err := fs.Stat(s.fsys, name); err == nil {
		key += "|" + strconv.FormatInt(st.ModTime().UnixNano(), 10) + "|" + strconv.FormatInt(st.Size(), 10)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.etags[key]; ok {
		return t
	}
	sum := sha256.Sum256(body)
	t := `"` + hex.EncodeToString(sum[:12]) + `"`
	if len(s.etags) > 1024 {
		clear(s.etags)
	}
	s.etags[key] = t
	return t
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") || strings.TrimSpace(enc) == "*" {
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

func gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(io.LimitReader(zr, maxStaticFile+1))
	if err == nil && len(out) > maxStaticFile {
		err = io.ErrShortBuffer
	}
	return out, err
}
