package bridge

import "fmt"

// Error is what an operation reports to the page instead of a result. Code is
// stable (the page looks up its own message by it); Message and MessageZh are
// complete sentences for when it does not; Detail carries the values the
// message names (an index, a limit).
type Error struct {
	Code      string         `json:"code"`
	Message   string         `json:"message"`
	MessageZh string         `json:"message_zh"`
	Detail    map[string]any `json:"detail,omitempty"`
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Error codes.
const (
	CodeBadRequest     = "bad_request"      // malformed JSON or a missing field
	CodeUnknownOp      = "unknown_op"       // no such operation
	CodeInvalidModel   = "invalid_model"    // cell, units, inputs, steps or seed out of range
	CodeNoModel        = "no_model"         // trace before set_model
	CodeBadModelFile   = "bad_model_file"   // a model file that does not decode or fit
	CodeSeqEmpty       = "seq_empty"        // a typed sequence with no numbers
	CodeSeqNotNumber   = "seq_not_number"   // a typed entry that is not a number
	CodeSeqNotFinite   = "seq_not_finite"   // NaN, Inf, or too large
	CodeSeqTooLong     = "seq_too_long"     // more than MaxSteps entries
	CodeInputMismatch  = "input_mismatch"   // rows of the wrong width for the model
	CodePricesTooShort = "prices_too_short" // fewer trading days than the window needs
	CodeBadPrices      = "bad_prices"       // a non-positive or non-finite close, dates not matching
	CodeInternal       = "internal"         // a recovered panic: a bug, reported rather than fatal
)

func newError(code, en, zh string, detail map[string]any) *Error {
	return &Error{Code: code, Message: en, MessageZh: zh, Detail: detail}
}

func badRequest(format string, a ...any) *Error {
	msg := fmt.Sprintf(format, a...)
	return newError(CodeBadRequest, "Bad request: "+msg, "請求格式錯誤："+msg, nil)
}

func invalidModel(format string, a ...any) *Error {
	msg := fmt.Sprintf(format, a...)
	return newError(CodeInvalidModel, "Invalid model: "+msg, "模型設定無效："+msg, nil)
}
