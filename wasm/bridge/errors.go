package bridge

import "unroll/core/lecture"

// Error is what an operation reports to the page instead of a result: the
// workflow's error type (lecture.Error), code, messages in both languages
// and detail.
type Error = lecture.Error

// Error codes.
const (
	CodeBadRequest     = lecture.CodeBadRequest     // malformed JSON or a missing field
	CodeUnknownOp      = "unknown_op"               // no such operation
	CodeInvalidModel   = lecture.CodeInvalidModel   // cell, units, inputs, steps or seed out of range
	CodeNoModel        = "no_model"                 // trace before set_model
	CodeBadModelFile   = lecture.CodeBadModelFile   // a model file that does not decode or fit
	CodeSeqEmpty       = lecture.CodeSeqEmpty       // a typed sequence with no numbers
	CodeSeqNotNumber   = lecture.CodeSeqNotNumber   // a typed entry that is not a number
	CodeSeqNotFinite   = lecture.CodeSeqNotFinite   // NaN, Inf, or too large
	CodeSeqTooLong     = lecture.CodeSeqTooLong     // more than lecture.Page.SeqSteps entries
	CodeInputMismatch  = lecture.CodeInputMismatch  // rows of the wrong width for the model
	CodePricesTooShort = lecture.CodePricesTooShort // fewer trading days than the window needs
	CodeBadPrices      = lecture.CodeBadPrices      // a non-positive or non-finite close, dates not matching
	CodeInternal       = lecture.CodeInternal       // a recovered panic: a bug, reported rather than fatal
)

var (
	newError     = lecture.NewError
	badRequest   = lecture.BadRequest
	invalidModel = lecture.InvalidModel
	clip         = lecture.Clip
)
