package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"unroll/web/limit"
	"unroll/web/twse"
)

// Error is an API error: the HTTP status and the JSON body
// {"error": {"code", "message", "message_zh"}} of DESIGN.md §2.
type Error struct {
	Status     int           `json:"-"`
	Code       string        `json:"code"` // invalid_code, invalid_range, invalid_query, not_found, upstream_error, rate_limited, unavailable
	Message    string        `json:"message"`
	MessageZh  string        `json:"message_zh"`
	RetryAfter time.Duration `json:"-"` // rate_limited: the Retry-After header
	Err        error         `json:"-"` // the cause, for logs
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s (%v)", e.Code, e.Message, e.Err)
	}
	return e.Code + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

func errInvalidCode(code string) *Error {
	return &Error{Status: http.StatusBadRequest, Code: "invalid_code",
		Message:   fmt.Sprintf("%q is not a stock code: use 4 to 6 digits or capital letters, such as 2330.", clip(code)),
		MessageZh: fmt.Sprintf("「%s」不是有效的股票代號：請輸入 4 至 6 位數字或大寫英文字母，例如 2330。", clip(code))}
}

func errInvalidRange(en, zh string) *Error {
	return &Error{Status: http.StatusBadRequest, Code: "invalid_range", Message: en, MessageZh: zh}
}

func errNotFound(en, zh string) *Error {
	return &Error{Status: http.StatusNotFound, Code: "not_found", Message: en, MessageZh: zh}
}

// apiError maps a service failure to its API error.
func apiError(err error) *Error {
	var e *Error
	var busy *limit.BusyError
	var up *twse.UpstreamError
	switch {
	case errors.As(err, &e):
		return e
	case errors.As(err, &busy):
		return &Error{Status: http.StatusServiceUnavailable, Code: "rate_limited", RetryAfter: busy.RetryAfter, Err: err,
			Message:   fmt.Sprintf("Too many requests are waiting for the exchange; try again in %d s.", retrySeconds(busy.RetryAfter)),
			MessageZh: fmt.Sprintf("等待向交易所查詢的請求太多，請 %d 秒後再試。", retrySeconds(busy.RetryAfter))}
	case errors.As(err, &up):
		name, nameZh := "TWSE", "證交所"
		if up.Market == twse.TPEx {
			name, nameZh = "TPEx", "櫃買中心"
		}
		return &Error{Status: http.StatusBadGateway, Code: "upstream_error", Err: err,
			Message:   fmt.Sprintf("%s did not answer properly; try again later.", name),
			MessageZh: fmt.Sprintf("%s沒有正常回應，請稍後再試。", nameZh)}
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return &Error{Status: http.StatusServiceUnavailable, Code: "unavailable", RetryAfter: 5 * time.Second, Err: err,
			Message: "The request ended before the data arrived; try again.", MessageZh: "資料尚未取得請求就已結束，請再試一次。"}
	}
	return &Error{Status: http.StatusBadGateway, Code: "upstream_error", Err: err,
		Message: "The data could not be fetched; try again later.", MessageZh: "無法取得資料，請稍後再試。"}
}

func retrySeconds(d time.Duration) int {
	s := int((d + time.Second - 1) / time.Second)
	return max(s, 1)
}

// writeError writes e as JSON, with Retry-After when it has one.
func writeError(w http.ResponseWriter, e *Error) {
	if e.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(retrySeconds(e.RetryAfter)))
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, e.Status, struct {
		Error *Error `json:"error"`
	}{e})
}

// clip shortens user input echoed in messages.
func clip(s string) string {
	r := []rune(s)
	if len(r) > 12 {
		return string(r[:12]) + "…"
	}
	return s
}
