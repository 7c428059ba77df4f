package lecture

import "unroll/core/msg"

// Error is a problem with the data or settings a person gave, in words for
// them. Code is stable (the page looks up its own message by it); Message and
// MessageZh are complete sentences for when it does not; Detail carries the
// values the message names (an index, a limit). It is also the error the
// engine sends the page, as JSON.
type Error struct {
	Code      string         `json:"code"`
	Message   string         `json:"message"`
	MessageZh string         `json:"message_zh"`
	Detail    map[string]any `json:"detail,omitempty"`
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Error codes of the workflow and its inputs.
const (
	CodeBadRequest     = "bad_request"      // a missing or malformed value
	CodeInvalidModel   = "invalid_model"    // cell, units, inputs, steps or seed out of range
	CodeSeqEmpty       = "seq_empty"        // a typed sequence with no numbers
	CodeSeqNotNumber   = "seq_not_number"   // a typed entry that is not a number
	CodeSeqNotFinite   = "seq_not_finite"   // NaN, Inf, or too large
	CodeSeqTooLong     = "seq_too_long"     // more than Limits.SeqSteps entries
	CodeInputMismatch  = "input_mismatch"   // rows of the wrong width for the model
	CodePricesTooShort = "prices_too_short" // fewer trading days than the window needs
	CodeBadPrices      = "bad_prices"       // a non-positive or non-finite price, dates not matching
	CodeTrainData      = "train_data"       // too few days for the windows and the split
	CodeDiverged       = "train_diverged"   // the loss became NaN or infinite
	CodeInternal       = "internal"         // a failure that is not the person's: a bug
	CodeTextEmpty      = "text_empty"       // a text with no characters
	CodeTextNotUTF8    = "text_not_utf8"    // bytes that are not UTF-8
	CodeTextTooLong    = "text_too_long"    // more than Limits.TextChars characters
	CodeTextTooShort   = "text_too_short"   // too few characters for the windows and the split
	CodeVocabTooLarge  = "vocab_too_large"  // more than Limits.Vocab distinct characters
	CodeUnknownChar    = "unknown_char"     // a character outside a model's vocabulary
	CodeTokenRange     = "token_range"      // a one-hot index outside the model's inputs
)

// NewError is an *Error with its code, messages and detail.
func NewError(code, en, zh string, detail map[string]any) *Error {
	return &Error{Code: code, Message: en, MessageZh: zh, Detail: detail}
}

// BadRequest is a bad_request *Error; format and a make its message.
func BadRequest(format string, a ...any) *Error {
	text := msg.Sprintf(format, a...)
	return NewError(CodeBadRequest, "Bad request: "+text, "請求格式錯誤："+text, nil)
}

// InvalidModel is an invalid_model *Error; format and a make its message.
func InvalidModel(format string, a ...any) *Error {
	text := msg.Sprintf(format, a...)
	return NewError(CodeInvalidModel, "Invalid model: "+text, "模型設定無效："+text, nil)
}

// Clip shortens s to at most n runes, for quoting it in a message.
func Clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
