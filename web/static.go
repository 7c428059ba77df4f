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

// precompressed is the folder of the page's brotli and gzip copies
// (scripts/precompress.mjs): gen/z/app.js.br is app.js in brotli.
const precompressed = "gen/z/"

// maxStaticFile bounds a file served (or decompressed) from the page FS.
const maxStaticFile = 64 << 20

// Static serves a page from a file system: index.html for directories, the
// right MIME type for .wasm and .js, a precompressed copy (NAME.br or NAME.gz,
// beside the file or under gen/z/) as Content-Encoding br or gzip when the
// client accepts it, brotli first (a gzip copy without its file is
// decompressed on the fly for a client that accepts neither), strong ETags
// (one per encoding) and Cache-Control: no-cache (always
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
	br, gz := s.variant(name, ".br"), s.variant(name, ".gz")
	h := w.Header()
	if br != "" || gz != "" {
		h.Add("Vary", "Accept-Encoding")
	}
	h.Set("Content-Type", contentType(name))
	h.Set("Cache-Control", "no-cache")

	for _, v := range []struct{ file, enc string }{{br, "br"}, {gz, "gzip"}} {
		if v.file == "" || !accepts(r, v.enc) {
			continue
		}
		z, err := s.read(v.file)
		if err != nil {
			http.Error(w, "read error", http.StatusInternalServerError)
			return
		}
		h.Set("Content-Encoding", v.enc)
		s.serve(w, r, v.file, z)
		return
	}
	body, err := s.read(name)
	if err != nil && gz != "" {
		var z []byte
		if z, err = s.read(gz); err == nil {
			body, err = gunzip(z)
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

// variant names the precompressed copy of name with the extension ext
// (".br", ".gz"): beside it (NAME.br) or under gen/z/ (gen/z/NAME.br, where
// `make assets` puts them), or "" when there is none.
func (s *Static) variant(name, ext string) string {
	for _, p := range []string{name + ext, precompressed + name + ext} {
		if st, err := fs.Stat(s.fsys, p); err == nil && st.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// accepts reports whether the request's Accept-Encoding allows enc.
func accepts(r *http.Request, enc string) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), enc) || strings.TrimSpace(name) == "*" {
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
