package web

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/http"
	"strconv"
	"strings"

	"unroll/web/codes"
	"unroll/web/offline"
	"unroll/web/twse"
)

// NewHandler builds the Service from o and returns its API, without a page
// (the Worker serves the page as static assets).
func NewHandler(o Options) (http.Handler, error) {
	s, err := NewService(o)
	if err != nil {
		return nil, err
	}
	return s.Handler(nil), nil
}

// Handler returns the HTTP API of DESIGN.md §2 and, if static is not nil, the
// page from static, all behind the security headers.
//
//	GET /api/v1/stocks/{code}/daily?from=YYYY-MM&to=YYYY-MM
//	GET /api/v1/stocks/{code}/queue?month=YYYY-MM
//	GET /api/v1/stocks?q=台積[&limit=N]
//	GET /healthz
func (s *Service) Handler(static fs.FS) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/stocks/{code}/daily", s.handleDaily)
	mux.HandleFunc("GET /api/v1/stocks/{code}/queue", s.handleQueue)
	mux.HandleFunc("GET /api/v1/stocks", s.handleSearch)
	mux.HandleFunc("GET /healthz", s.handleHealth)
	mux.HandleFunc("/api/", handleAPINotFound)
	if static != nil {
		mux.Handle("/", NewStatic(static))
	}
	return Secure(mux)
}

func (s *Service) handleDaily(w http.ResponseWriter, r *http.Request) {
	qv := r.URL.Query()
	q, e := ValidateQuery(r.PathValue("code"), qv.Get("from"), qv.Get("to"), s.clock.Now(), s.maxMonths)
	if e != nil {
		writeError(w, e)
		return
	}
	d, err := s.Daily(r.Context(), q)
	if err != nil {
		writeError(w, apiError(err))
		return
	}
	switch {
	case d.Fallback:
		w.Header().Set("Cache-Control", "no-store")
	case d.Source == "offline":
		w.Header().Set("Cache-Control", "public, max-age=3600")
	case q.To.Before(twse.MonthOf(s.clock.Now())):
		w.Header().Set("Cache-Control", "public, max-age=86400") // closed months do not change
	default:
		w.Header().Set("Cache-Control", "public, max-age=60")
	}
	writeJSON(w, http.StatusOK, d)
}

// SearchHit is one result of GET /api/v1/stocks: DESIGN.md §2's code, name and
// market, plus the security type, whether offline data is shipped for it and,
// if so, the first and last dates of that data (so the page can offer them).
type SearchHit struct {
	codes.Security
	Offline      bool       `json:"offline"`
	OfflineRange *DateRange `json:"offline_range,omitempty"`
}

// DefaultSearchLimit and MaxSearchLimit bound the search results.
const (
	DefaultSearchLimit = 20
	MaxSearchLimit     = 50
)

func (s *Service) handleSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	if len([]rune(strings.TrimSpace(q))) > codes.MaxQuery {
		writeError(w, &Error{Status: http.StatusBadRequest, Code: "invalid_query",
			Message:   "The search text is too long (at most 20 characters).",
			MessageZh: "搜尋文字太長（最多 20 個字）。"})
		return
	}
	limit := DefaultSearchLimit
	if l := r.URL.Query().Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 {
			writeError(w, &Error{Status: http.StatusBadRequest, Code: "invalid_query",
				Message: "limit must be a positive number.", MessageZh: "limit 必須是正整數。"})
			return
		}
		limit = min(n, MaxSearchLimit)
	}
	hits := []SearchHit{}
	for _, sec := range codes.Search(q, limit) {
		hit := SearchHit{Security: sec}
		if series, ok := offline.Lookup(sec.Code); ok {
			hit.Offline = true
			hit.OfflineRange = &DateRange{series.First(), series.Last()}
		}
		hits = append(hits, hit)
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	writeJSON(w, http.StatusOK, hits)
}

// health is the body of GET /healthz.
type health struct {
	Status       string   `json:"status"`
	Offline      bool     `json:"offline"`
	OfflineCodes []string `json:"offline_codes"`
}

func (s *Service) handleHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, health{"ok", s.offline, offline.Codes()})
}

func handleAPINotFound(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, &Error{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed",
			Message: "Only GET is supported.", MessageZh: "只接受 GET 請求。"})
		return
	}
	writeError(w, errNotFound("No such API endpoint.", "沒有這個 API 路徑。"))
}

// writeJSON writes v as a JSON response, gzip-compressed under GzipJSON
// when the client accepts it.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		http.Error(w, `{"error":{"code":"internal","message":"encoding failed","message_zh":"編碼失敗"}}`, http.StatusInternalServerError)
		return
	}
	body := encodeJSON(w, buf.Bytes())
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}
