// Package msg formats messages and errors the way package fmt does, for the
// operand types the engine passes, without reflection. The WebAssembly build
// links it instead of fmt, which would bring reflect and its tables with it.
//
// Sprintf, Appendf, Errorf and Sprint take fmt's format strings and give fmt's
// output for these operands:
//
//   - nil, bool, string, []byte, every integer and float type;
//   - []int, []string, []float64, []float32, and the []any and
//     map[string]any of decoded JSON, printed as fmt prints them;
//   - an error (its Error method) and a value with a String() string method,
//     for %v, %s and %q, and an error for %w in Errorf.
//
// A named type is none of these: pass a type Cell string as string(c).
//
// The verbs are %v, %d, %s, %q, %c, %U, %t, %x, %X, %f, %F, %e, %E, %g, %G and
// %w, with the flags '-', '+' and '0', a width, and a precision. A verb that
// does not fit its operand is written as fmt writes it: %!d(string=abc). An
// operand of any other type, or the flag '#' or ' ', is written as a marker
// with the verb, %!v(?): fmt would name the type, which needs reflection. A
// missing operand is %!d(MISSING), extra operands %!(EXTRA int=1), a lone %
// at the end %!(NOVERB). Explicit operand indexes (%[2]d) and widths taken
// from operands (%*d) are not read.
//
// Errorf wraps like fmt.Errorf: one %w operand gives an error whose
// Unwrap() error returns it, several give Unwrap() []error, so errors.Is and
// errors.As see through them.
//
// The package's tests compare its output with fmt's for every verb and
// operand type, and type-check the packages of the WebAssembly build to find
// each verb and operand type they pass, which must be among those compared.
package msg

import (
	"errors"
	"strings"
)

// Sprintf formats a according to format, as fmt.Sprintf does.
func Sprintf(format string, a ...any) string {
	p := printer{}
	p.printf(format, a)
	return string(p.buf)
}

// Appendf formats a according to format, appends the result to b and
// returns the extended slice, as fmt.Appendf does.
func Appendf(b []byte, format string, a ...any) []byte {
	p := printer{buf: b}
	p.printf(format, a)
	return p.buf
}

// Sprint formats its operands with %v, with a space between two operands
// when neither is a string, as fmt.Sprint does.
func Sprint(a ...any) string {
	p := printer{}
	prevString := false
	for k, arg := range a {
		_, isString := arg.(string)
		if k > 0 && !isString && !prevString {
			p.buf = append(p.buf, ' ')
		}
		p.arg(arg, 'v', spec{})
		prevString = isString
	}
	return string(p.buf)
}

// Errorf formats a according to format and returns the string as an error,
// as fmt.Errorf does. With one %w verb whose operand is an error, the result
// has an Unwrap() error method returning that operand; with several, an
// Unwrap() []error method returning the error operands in order.
// A %w operand that is not an error is written as %!w(...) and not wrapped.
func Errorf(format string, a ...any) error {
	if len(a) == 0 && strings.IndexByte(format, '%') < 0 {
		return errors.New(format)
	}
	p := printer{wrapErrs: true}
	p.printf(format, a)
	s := string(p.buf)
	switch len(p.wrapped) {
	case 0:
		return errors.New(s)
	case 1:
		w := &wrapError{msg: s}
		w.err, _ = a[p.wrapped[0]].(error)
		return w
	}
	var errs []error
	for k, n := range p.wrapped {
		if k > 0 && p.wrapped[k-1] == n {
			continue
		}
		if e, ok := a[n].(error); ok {
			errs = append(errs, e)
		}
	}
	return &wrapErrors{msg: s, errs: errs}
}

// wrapError is Errorf's error for one %w operand.
type wrapError struct {
	msg string
	err error
}

func (e *wrapError) Error() string { return e.msg }
func (e *wrapError) Unwrap() error { return e.err }

// wrapErrors is Errorf's error for several %w operands.
type wrapErrors struct {
	msg  string
	errs []error
}

func (e *wrapErrors) Error() string   { return e.msg }
func (e *wrapErrors) Unwrap() []error { return e.errs }
