package web

import (
	"math"
	"net/http"

	"unroll/web/limit"
	"unroll/web/twse"
)

// queueKey names one month of one code in the exchange queue, whichever
// exchange is asked.
func queueKey(code string, m twse.Month) string { return code + "/" + m.Compact() }

// QueueStatus is the body of GET /api/v1/stocks/{code}/queue?month=YYYY-MM:
// where the fetch of that month stands. Cached is true when the month is
// already served from the cache (no wait); Queued when its fetch waits for
// the exchange, at Position (1: the next to be sent) about WaitSeconds from
// now, with Waiting requests in that exchange's queue.
type QueueStatus struct {
	Code        string `json:"code"`
	Month       string `json:"month"`
	Cached      bool   `json:"cached"`
	Queued      bool   `json:"queued"`
	Position    int    `json:"position"`
	WaitSeconds int    `json:"wait_s"`
	Waiting     int    `json:"waiting"`
}

// statuser is a limiter that can say where a request stands.
type statuser interface {
	Status(key string) (limit.Status, bool)
}

// Queue reports where the fetch of code's month m stands.
func (s *Service) Queue(r *http.Request, code string, m twse.Month) QueueStatus {
	qs := QueueStatus{Code: code, Month: m.String()}
	if s.offline {
		qs.Cached = true
		return qs
	}
	for _, mk := range []twse.Market{twse.TWSE, twse.TPEx} {
		if e, ok := s.cached(r.Context(), cacheKey(mk, code, m)); ok && len(e.Rows) > 0 {
			qs.Cached = true
			return qs
		}
	}
	if st, ok := s.client.Limiter.(statuser); ok {
		if q, ok := st.Status(queueKey(code, m)); ok {
			qs.Queued, qs.Position, qs.Waiting = true, q.Position, q.Queued
			qs.WaitSeconds = int(math.Ceil(q.Wait.Seconds()))
		}
	}
	return qs
}

func (s *Service) handleQueue(w http.ResponseWriter, r *http.Request) {
	q, e := ValidateQuery(r.PathValue("code"), r.URL.Query().Get("month"), r.URL.Query().Get("month"), s.clock.Now(), 1)
	if e != nil {
		writeError(w, e)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, s.Queue(r, q.Code, q.From))
}
