package msg

import (
	"strconv"
	"unicode/utf8"
)

// spec is one verb's flags, width and precision.
type spec struct {
	minus, plus, zero bool
	wid, prec         int
	widOK, precOK     bool
	bad               bool // a flag msg does not handle ('#' or ' ')
}

// printer accumulates one formatted message.
type printer struct {
	buf      []byte
	wrapErrs bool  // %w is allowed (Errorf)
	wrapped  []int // operand indexes of the %w verbs, in order
}

// printf formats a according to format into p.buf.
func (p *printer) printf(format string, a []any) {
	n := 0 // next operand
	for i := 0; i < len(format); {
		j := i
		for j < len(format) && format[j] != '%' {
			j++
		}
		p.buf = append(p.buf, format[i:j]...)
		if j >= len(format) {
			break
		}
		i = j + 1
		var s spec
	flags:
		for ; i < len(format); i++ {
			switch format[i] {
			case '-':
				s.minus = true
			case '+':
				s.plus = true
			case '0':
				s.zero = true
			case '#', ' ':
				s.bad = true
			default:
				break flags
			}
		}
		s.wid, s.widOK, i = number(format, i)
		if i < len(format) && format[i] == '.' {
			s.prec, _, i = number(format, i+1)
			s.precOK = true
		}
		if i >= len(format) {
			p.write("%!(NOVERB)")
			break
		}
		verb, size := utf8.DecodeRuneInString(format[i:])
		i += size
		if verb == 'v' && s.plus {
			s.plus = false // fmt's %+v: field names in structs, nothing for these operands
		}
		switch {
		case verb == '%':
			p.write("%")
		case n >= len(a):
			p.write("%!")
			p.writeRune(verb)
			p.write("(MISSING)")
		default:
			if verb == 'w' {
				p.wrapped = append(p.wrapped, n)
			}
			p.arg(a[n], verb, s)
			n++
		}
	}
	if n < len(a) {
		p.write("%!(EXTRA ")
		for k, arg := range a[n:] {
			if k > 0 {
				p.write(", ")
			}
			if arg == nil {
				p.write("<nil>")
				continue
			}
			p.write(typeName(arg))
			p.write("=")
			p.arg(arg, 'v', spec{})
		}
		p.write(")")
	}
}

// number reads the decimal number at s[i:], if any.
func number(s string, i int) (n int, ok bool, next int) {
	for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		if n > 1e6 {
			return 0, false, len(s) // as fmt: a number this large ends the format
		}
		n = n*10 + int(s[i]-'0')
		ok = true
	}
	return n, ok, i
}

// arg formats one operand for verb.
func (p *printer) arg(arg any, verb rune, s spec) {
	if s.bad {
		p.unsupported(verb)
		return
	}
	switch v := arg.(type) {
	case nil:
		if verb == 'v' {
			p.pad("<nil>", s)
		} else {
			p.badVerb(verb, arg)
		}
	case bool:
		if verb != 'v' && verb != 't' {
			p.badVerb(verb, arg)
		} else if v {
			p.pad("true", s)
		} else {
			p.pad("false", s)
		}
	case string:
		p.str(v, verb, s, arg)
	case []byte:
		switch verb {
		case 's', 'q':
			p.str(string(v), verb, s, arg)
		case 'v', 'd':
			p.list(boxed(v), verb, s)
		default:
			p.unsupported(verb)
		}
	case int:
		p.integer(uint64(v), true, verb, s, arg)
	case int8:
		p.integer(uint64(v), true, verb, s, arg)
	case int16:
		p.integer(uint64(v), true, verb, s, arg)
	case int32:
		p.integer(uint64(v), true, verb, s, arg)
	case int64:
		p.integer(uint64(v), true, verb, s, arg)
	case uint:
		p.integer(uint64(v), false, verb, s, arg)
	case uint8:
		p.integer(uint64(v), false, verb, s, arg)
	case uint16:
		p.integer(uint64(v), false, verb, s, arg)
	case uint32:
		p.integer(uint64(v), false, verb, s, arg)
	case uint64:
		p.integer(v, false, verb, s, arg)
	case uintptr:
		p.integer(uint64(v), false, verb, s, arg)
	case float32:
		p.float(float64(v), 32, verb, s, arg)
	case float64:
		p.float(v, 64, verb, s, arg)
	case []int:
		p.list(boxed(v), verb, s)
	case []string:
		p.list(boxed(v), verb, s)
	case []float64:
		p.list(boxed(v), verb, s)
	case []float32:
		p.list(boxed(v), verb, s)
	case []any:
		p.list(v, verb, s)
	case map[string]any:
		p.stringMap(v, verb, s)
	default:
		p.methods(arg, verb, s)
	}
}

// methods formats an operand through its Error or String method, as fmt
// does for %v, %s and %q (and %w in Errorf, for an error).
func (p *printer) methods(arg any, verb rune, s spec) {
	if verb == 'w' {
		if _, ok := arg.(error); !ok || !p.wrapErrs {
			p.unsupported(verb)
			return
		}
		verb = 'v'
	}
	if verb != 'v' && verb != 's' && verb != 'q' {
		p.unsupported(verb)
		return
	}
	var text string
	switch v := arg.(type) {
	case error:
		text = call(v.Error, "Error")
	case interface{ String() string }:
		text = call(v.String, "String")
	default:
		p.unsupported(verb)
		return
	}
	p.str(text, verb, s, text)
}

// call returns m(), or fmt's marker for a method that panicked.
func call(m func() string, name string) (text string) {
	defer func() {
		if r := recover(); r != nil {
			text = "%!v(PANIC=" + name + " method: " + Sprint(r) + ")"
		}
	}()
	return m()
}

// badVerb writes fmt's marker for a verb that does not fit its operand of a
// type msg knows: %!d(string=abc), %!d(<nil>).
func (p *printer) badVerb(verb rune, arg any) {
	p.write("%!")
	p.writeRune(verb)
	p.write("(")
	if arg == nil {
		p.write("<nil>")
	} else {
		p.write(typeName(arg))
		p.write("=")
		p.arg(arg, 'v', spec{})
	}
	p.write(")")
}

// unsupported writes the marker for an operand, verb or flag msg does not
// format: %!v(?).
func (p *printer) unsupported(verb rune) {
	p.write("%!")
	p.writeRune(verb)
	p.write("(?)")
}

// typeName is the name fmt gives the type of arg in a marker, for the
// types msg formats; "?" for any other.
func typeName(arg any) string {
	switch arg.(type) {
	case bool:
		return "bool"
	case string:
		return "string"
	case []byte:
		return "[]uint8"
	case int:
		return "int"
	case int8:
		return "int8"
	case int16:
		return "int16"
	case int32:
		return "int32"
	case int64:
		return "int64"
	case uint:
		return "uint"
	case uint8:
		return "uint8"
	case uint16:
		return "uint16"
	case uint32:
		return "uint32"
	case uint64:
		return "uint64"
	case uintptr:
		return "uintptr"
	case float32:
		return "float32"
	case float64:
		return "float64"
	case []int:
		return "[]int"
	case []string:
		return "[]string"
	case []float64:
		return "[]float64"
	case []float32:
		return "[]float32"
	case []any:
		return "[]interface {}"
	case map[string]any:
		return "map[string]interface {}"
	}
	return "?"
}

// pad writes b padded to the width in s: on the right with spaces if
// s.minus, else on the left, with zeros if s.zero.
//
//go:noinline
func (p *printer) pad(b string, s spec) {
	n := 0
	if s.widOK {
		n = s.wid - utf8.RuneCountInString(b)
	}
	if !s.minus {
		p.fill(n, s)
	}
	p.write(b)
	if s.minus {
		p.fill(n, s)
	}
}

// write appends b to the message; a call, not inlined, keeps the code
// small where text is appended in many places.
//
//go:noinline
func (p *printer) write(b string) { p.buf = append(p.buf, b...) }

// writeRune appends r to the message.
//
//go:noinline
func (p *printer) writeRune(r rune) { p.buf = utf8.AppendRune(p.buf, r) }

// fill writes n padding bytes: zeros if s.zero and not s.minus, else spaces.
func (p *printer) fill(n int, s spec) {
	c := byte(' ')
	if s.zero && !s.minus {
		c = '0'
	}
	for ; n > 0; n-- {
		p.buf = append(p.buf, c)
	}
}

// str formats a string for %v, %s (with a precision: at most that many
// runes) and %q (strconv.Quote, or QuoteToASCII with '+').
func (p *printer) str(v string, verb rune, s spec, arg any) {
	switch verb {
	case 'v', 's', 'q':
		if s.precOK { // at most s.prec runes
			for k := range v {
				if s.prec == 0 {
					v = v[:k]
					break
				}
				s.prec--
			}
		}
	}
	switch verb {
	case 'v', 's':
		p.pad(v, s)
	case 'q':
		if s.plus {
			p.pad(strconv.QuoteToASCII(v), s)
		} else {
			p.pad(strconv.Quote(v), s)
		}
	default:
		p.badVerb(verb, arg)
	}
}
