package msg

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strconv"
	"testing"
)

// stringer has a String method; codeError is an error type for errors.As.
type stringer struct{ s string }

func (v stringer) String() string { return v.s }

type codeError struct{ code string }

func (e *codeError) Error() string { return "code " + e.code }

// cases are format strings and operands that msg must format exactly as fmt
// does: every type msg knows with the verbs it handles, flags, widths,
// precisions, and the markers for a verb that does not fit its operand.
var cases = []struct {
	format string
	args   []any
}{
	{"plain text", nil},
	{"100%% of %d", []any{7}},
	{"%d %d %d %d %d", []any{0, -1, 42, math.MaxInt64, math.MinInt64}},
	{"%d %d %d %d", []any{int8(-8), int16(300), int32(-70000), int64(1 << 40)}},
	{"%d %d %d %d %d %d", []any{uint(1), uint8(255), uint16(65535), uint32(1 << 31), uint64(math.MaxUint64), uintptr(9)}},
	{"%v %v %v", []any{12, -3, uint8(4)}},
	{"%x %X %x %X", []any{255, 255, -255, uint64(0xabcdef)}},
	{"%5d|%-5d|%05d|%+d|%+05d|%.3d|%.0d|%5.0d|%-05d", []any{42, 42, -42, 42, 42, 7, 0, 0, 3}},
	{"%c %c %c %c", []any{'a', '台', rune(0x10FFFF + 1), 65}},
	{"%q %q %q %+q %q", []any{'a', '\'', '台', '台', rune(-1)}},
	{"%U %U %U %.6U %8U|%-8U|", []any{'a', '台', rune(0x1F600), 'x', 'y', 'z'}},
	{"%s %v %q %+q %q", []any{"abc", "台股", "a\"b\n", "台", ""}},
	{"%8s|%-8s|%08s|%.2s|%.1q|%6q", []any{"ab", "台股", "ab", "台股收盤", "abc", "x"}},
	{"%t %v %6t|%-6v|", []any{true, false, true, false}},
	{"%v %v %v %d", []any{[]any{"dense", 0.0, 1.0, map[string]any{}}, []any{nil, true, []any{"x"}}, map[string]any{"b": 2.0, "a": []any{1.0}}, []any{nil, 1}}},
	{"%v %v %v %v %v %v", []any{1.5, 0.1, 1e21, 1e-7, 100000.0, 123456789.0}},
	{"%v %v %v %v", []any{float32(0.1), float32(1e20), float32(3.4028235e38), float32(-2.5)}},
	{"%v %v %v %v", []any{math.Inf(1), math.Inf(-1), math.NaN(), math.Copysign(0, -1)}},
	{"%.1f MB %.1f %.1f %.1f", []any{1.25, 0.05, 2.0 / 3, 1 << 20}},
	{"%f %e %E %g %G %F", []any{math.Pi, math.Pi, 1e-10, 1e-10, 1e30, 2.5}},
	{"%8.3f|%-8.3f|%08.3f|%+.2f|%+08.2f|%08v|%+v", []any{math.Pi, math.Pi, -math.Pi, 1.0, 1.0, 2.5, 2.5}},
	{"%8v|%08v|%+v|%-6v|%+v|%08v", []any{math.Inf(1), math.Inf(-1), math.NaN(), math.NaN(), math.Inf(1), math.NaN()}},
	{"%.3g %.10g %g %g", []any{math.Pi, 1.0 / 3, 1e6, 1e-5}},
	{"%v %d %v %v %v", []any{[]int{1, -2, 3}, []int{}, []string{"a", "b c"}, []float64{0.5, math.Inf(1)}, []float32{0.1}}},
	{"%q %s %v %d", []any{[]string{"a", "b"}, []string{"x"}, []byte("hi"), []byte{1, 2}}},
	{"%s %q %v", []any{[]byte("abc"), []byte("a\tb"), []uint8{}}},
	{"%v %s %q %v", []any{errors.New("boom"), io.EOF, errors.New("q"), stringer{"str"}}},
	{"%s %q %10v|%-10s|", []any{stringer{"x"}, stringer{"y"}, errors.New("e"), stringer{"台"}}},
	{"%v %s", []any{nil, (*codeError)(nil) == nil}},
	{"%d %s %q %t %c", []any{"str", 5, 1.5, 3, "x"}},
	{"%d %x %f %s %U", []any{1.5, true, 7, 2.5, "u"}},
	{"%d %s %t", []any{[]int{1}, []float64{1}, []string{"a"}}},
	{"%d|%s|%q", []any{nil, nil, nil}},
	{"%d %d", []any{1}},
	{"%s", []any{"a", 2, "b", 1.5, true, nil}},
	{"%", []any{1}},
	{"trailing %", nil},
	{"%12345678d tail", []any{1}},
	{"%v%%%v", []any{1, 2}},
}

func TestSprintfMatchesFmt(t *testing.T) {
	for _, c := range cases {
		want := fmt.Sprintf(c.format, c.args...)
		if got := Sprintf(c.format, c.args...); got != want {
			t.Errorf("Sprintf(%q, %v):\n got %q\nwant %q", c.format, c.args, got, want)
		}
		if got := string(Appendf([]byte("pre:"), c.format, c.args...)); got != "pre:"+want {
			t.Errorf("Appendf(%q): got %q, want %q", c.format, got, "pre:"+want)
		}
		if got := Errorf(c.format, c.args...).Error(); got != fmt.Errorf(c.format, c.args...).Error() {
			t.Errorf("Errorf(%q): got %q, want %q", c.format, got, fmt.Errorf(c.format, c.args...).Error())
		}
	}
}

func TestSprintMatchesFmt(t *testing.T) {
	for _, args := range [][]any{
		{"engine: ", "index out of range"},
		{errors.New("runtime error: index out of range [3] with length 2")},
		{1, 2, "a", 3, "b", "c", 4.5, true, nil},
		{stringer{"s"}, stringer{"t"}},
		{},
	} {
		if got, want := Sprint(args...), fmt.Sprint(args...); got != want {
			t.Errorf("Sprint(%v): got %q, want %q", args, got, want)
		}
	}
}

// TestMarkers: an operand msg cannot format without reflection, or a flag
// it does not handle, is written as a marker, never as a guess.
func TestMarkers(t *testing.T) {
	type point struct{ x, y int }
	for _, c := range []struct {
		format string
		arg    any
		want   string
	}{
		{"%v", point{1, 2}, "%!v(?)"},
		{"%d", errors.New("e"), "%!d(?)"},
		{"%d", stringer{"s"}, "%!d(?)"},
		{"%v", map[string]int{}, "%!v(?)"},
		{"%#v", 1, "%!v(?)"},
		{"% d", 1, "%!d(?)"},
		{"%x", []byte("hi"), "%!x(?)"},
		{"%w", errors.New("not in Sprintf"), "%!w(?)"},
		{"%s", [2]int{}, "%!s(?)"},
		{"%v", []any{struct{}{}}, "[%!v(?)]"},
		{"%v", map[string]int{"a": 1}, "%!v(?)"},
	} {
		if got := Sprintf(c.format, c.arg); got != c.want {
			t.Errorf("Sprintf(%q, %T): got %q, want %q", c.format, c.arg, got, c.want)
		}
	}
	if got, want := Sprintf("%!(EXTRA)", 1), "%!!(int=1)(EXTRA)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestPanickingMethod(t *testing.T) {
	var e *codeError // Error dereferences its nil receiver
	got := Sprintf("%v", error(e))
	if want := "%!v(PANIC=Error method: runtime error: invalid memory address or nil pointer dereference)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestErrorfWraps(t *testing.T) {
	base := &codeError{"bad_input"}
	t.Run("none", func(t *testing.T) {
		err := Errorf("plain %d", 1)
		if errors.Unwrap(err) != nil {
			t.Errorf("Unwrap = %v, want nil", errors.Unwrap(err))
		}
		if err := Errorf("no verbs"); err.Error() != "no verbs" {
			t.Errorf("got %q", err.Error())
		}
	})
	t.Run("one", func(t *testing.T) {
		err := Errorf("tfjs: %w: layer %q", base, "lstm")
		want := fmt.Errorf("tfjs: %w: layer %q", base, "lstm")
		if err.Error() != want.Error() {
			t.Errorf("got %q, want %q", err, want)
		}
		if errors.Unwrap(err) != base {
			t.Errorf("Unwrap = %v, want %v", errors.Unwrap(err), base)
		}
		var ce *codeError
		if !errors.As(err, &ce) || ce != base {
			t.Errorf("errors.As did not find the *codeError")
		}
		if !errors.Is(Errorf("outer: %w", err), base) {
			t.Errorf("errors.Is through two wraps failed")
		}
		if errors.Is(err, io.EOF) {
			t.Errorf("errors.Is(err, io.EOF) = true")
		}
	})
	t.Run("several", func(t *testing.T) {
		err := Errorf("%w and %w, %w again", io.EOF, fs.ErrNotExist, io.EOF)
		want := fmt.Errorf("%w and %w, %w again", io.EOF, fs.ErrNotExist, io.EOF)
		if err.Error() != want.Error() {
			t.Errorf("got %q, want %q", err, want)
		}
		u, ok := err.(interface{ Unwrap() []error })
		if !ok {
			t.Fatalf("%T has no Unwrap() []error", err)
		}
		got, wantErrs := u.Unwrap(), want.(interface{ Unwrap() []error }).Unwrap()
		if fmt.Sprint(got) != fmt.Sprint(wantErrs) || len(got) != 3 || got[1] != fs.ErrNotExist {
			t.Errorf("Unwrap() = %v, want %v", got, wantErrs)
		}
		if !errors.Is(err, io.EOF) || !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("errors.Is missed a wrapped error")
		}
	})
	t.Run("not an error", func(t *testing.T) {
		one, two := "x %w", "%w %w" // variables: vet rejects a constant %w with a non-error
		for _, arg := range []any{"text", 3, nil} {
			err, want := Errorf(one, arg), fmt.Errorf(one, arg)
			if err.Error() != want.Error() {
				t.Errorf("%#v: got %q, want %q", arg, err, want)
			}
			if errors.Unwrap(err) != nil {
				t.Errorf("%#v: Unwrap = %v, want nil", arg, errors.Unwrap(err))
			}
		}
		err, want := Errorf(two, "a", io.EOF), fmt.Errorf(two, "a", io.EOF)
		if err.Error() != want.Error() || !errors.Is(err, io.EOF) {
			t.Errorf("got %q, want %q wrapping EOF", err, want)
		}
	})
	t.Run("stack", func(t *testing.T) {
		// The engine wraps a sentinel with %w and quotes the cause with %v.
		cause := strconv.ErrSyntax
		err := Errorf("%w: layer %d (%s) config: %v", base, 2, "LSTM", cause)
		want := fmt.Errorf("%w: layer %d (%s) config: %v", base, 2, "LSTM", cause)
		if err.Error() != want.Error() || !errors.Is(err, base) || errors.Is(err, cause) {
			t.Errorf("got %q (Is base %v, Is cause %v), want %q wrapping only base",
				err, errors.Is(err, base), errors.Is(err, cause), want)
		}
	})
}
