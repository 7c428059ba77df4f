package jsonx

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is the kind of a JSON value.
type Kind uint8

// The kinds of JSON values.
const (
	Null Kind = iota
	False
	True
	Number
	String
	Array
	Object
)

var kindNames = [...]string{"null", "bool", "bool", "number", "string", "array", "object"}

func (k Kind) String() string { return kindNames[k] }

// Value is one parsed JSON value. Str holds a string's unescaped text or a
// number's text as written; Items an array's elements; Members an object's
// members in the order written (a key may repeat: the last one counts, as
// in encoding/json). Raw is the value's text in the input.
type Value struct {
	Kind    Kind
	Str     string
	Items   []Value
	Members []Member
	Raw     []byte
}

// Member is one key and value of an object.
type Member struct {
	Key   string
	Value Value
}

// MaxDepth is how deeply arrays and objects may nest, as in encoding/json.
const MaxDepth = 10000

// SyntaxError is a JSON syntax error at byte Offset of the input.
type SyntaxError struct {
	Msg    string
	Offset int64
}

func (e *SyntaxError) Error() string { return e.Msg }

// Parse parses one JSON value with optional white space around it.
func Parse(data []byte) (*Value, error) {
	if len(data) > 2*MaxDepth {
		if err := checkDepth(data); err != nil {
			return nil, err
		}
	}
	p := parser{data: data}
	p.space()
	var v Value
	if err := p.value(&v, 0); err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(p.data) {
		return nil, p.fail("invalid character " + quoteChar(p.data[p.pos]) + " after top-level value")
	}
	return &v, nil
}

// checkDepth fails data that nests arrays and objects deeper than MaxDepth,
// before the parser, which recurses once per level, goes that deep: in a
// browser, WebAssembly's call stack is shorter than Go's. Text nested that
// deep is never valid JSON here, so the verdict is encoding/json's.
func checkDepth(data []byte) error {
	depth, in := 0, false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if in {
			if c == '\\' {
				i++
			} else if c == '"' {
				in = false
			}
			continue
		}
		switch c {
		case '"':
			in = true
		case '[', '{':
			if depth++; depth > MaxDepth {
				return &SyntaxError{Msg: "exceeded max depth", Offset: int64(i)}
			}
		case ']', '}':
			depth--
		}
	}
	return nil
}

// Valid reports whether data is one JSON value.
func Valid(data []byte) bool {
	_, err := Parse(data)
	return err == nil
}

type parser struct {
	data []byte
	pos  int
}

func (p *parser) fail(msg string) error {
	return &SyntaxError{Msg: msg, Offset: int64(p.pos)}
}

func (p *parser) unexpected(ctx string) error {
	if p.pos >= len(p.data) {
		return &SyntaxError{Msg: "unexpected end of JSON input", Offset: int64(p.pos)}
	}
	return p.fail("invalid character " + quoteChar(p.data[p.pos]) + " " + ctx)
}

func quoteChar(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c == '"' {
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

func (p *parser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) value(v *Value, depth int) error {
	if p.pos >= len(p.data) {
		return p.unexpected("")
	}
	start := p.pos
	var err error
	switch c := p.data[p.pos]; {
	case c == '{':
		if depth >= MaxDepth {
			return p.fail("exceeded max depth")
		}
		err = p.object(v, depth+1)
	case c == '[':
		if depth >= MaxDepth {
			return p.fail("exceeded max depth")
		}
		err = p.array(v, depth+1)
	case c == '"':
		v.Kind = String
		v.Str, err = p.str()
	case c == '-' || c >= '0' && c <= '9':
		v.Kind = Number
		err = p.number()
		v.Str = string(p.data[start:p.pos])
	case c == 't':
		v.Kind = True
		err = p.literal("true")
	case c == 'f':
		v.Kind = False
		err = p.literal("false")
	case c == 'n':
		v.Kind = Null
		err = p.literal("null")
	default:
		return p.unexpected("looking for beginning of value")
	}
	if err != nil {
		return err
	}
	v.Raw = p.data[start:p.pos:p.pos]
	return nil
}

func (p *parser) literal(word string) error {
	for i := 0; i < len(word); i++ {
		if p.pos >= len(p.data) {
			return p.unexpected("")
		}
		if p.data[p.pos] != word[i] {
			return p.unexpected("in literal " + word + " (expecting " + quoteChar(word[i]) + ")")
		}
		p.pos++
	}
	return nil
}

func (p *parser) digits() int {
	n := 0
	for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
		p.pos++
		n++
	}
	return n
}

func (p *parser) number() error {
	if p.data[p.pos] == '-' {
		p.pos++
	}
	if p.pos >= len(p.data) {
		return p.unexpected("")
	}
	switch c := p.data[p.pos]; {
	case c == '0':
		p.pos++
	case c >= '1' && c <= '9':
		p.digits()
	default:
		return p.unexpected("in numeric literal")
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if p.digits() == 0 {
			return p.unexpected("after decimal point in numeric literal")
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if p.digits() == 0 {
			return p.unexpected("in exponent of numeric literal")
		}
	}
	return nil
}

func hexVal(c byte) rune {
	switch {
	case c >= '0' && c <= '9':
		return rune(c - '0')
	case c >= 'a' && c <= 'f':
		return rune(c - 'a' + 10)
	case c >= 'A' && c <= 'F':
		return rune(c - 'A' + 10)
	}
	return -1
}

func (p *parser) hex4() (rune, bool) {
	if p.pos+4 > len(p.data) {
		return 0, false
	}
	var r rune
	for i := 0; i < 4; i++ {
		h := hexVal(p.data[p.pos+i])
		if h < 0 {
			return 0, false
		}
		r = r<<4 | h
	}
	return r, true
}

// str reads a string at p.pos (the opening quote) and returns its text with
// escapes resolved; invalid UTF-8 and lone surrogates become U+FFFD as
// encoding/json makes them.
func (p *parser) str() (string, error) {
	p.pos++
	start := p.pos
	// Fast path: no escapes, valid UTF-8.
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		if c == '"' {
			s := p.data[start:p.pos]
			p.pos++
			if utf8.Valid(s) {
				return string(s), nil
			}
			return fixUTF8(s), nil
		}
		if c == '\\' {
			break
		}
		if c < 0x20 {
			return "", p.unexpected("in string literal")
		}
		p.pos++
	}
	buf := append([]byte(nil), p.data[start:p.pos]...)
	for {
		if p.pos >= len(p.data) {
			return "", p.unexpected("")
		}
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			if utf8.Valid(buf) {
				return string(buf), nil
			}
			return fixUTF8(buf), nil
		case c < 0x20:
			return "", p.unexpected("in string literal")
		case c != '\\':
			buf = append(buf, c)
			p.pos++
			continue
		}
		p.pos++
		if p.pos >= len(p.data) {
			return "", p.unexpected("")
		}
		e := p.data[p.pos]
		p.pos++
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				for i := 0; i < 4 && p.pos < len(p.data) && hexVal(p.data[p.pos]) >= 0; i++ {
					p.pos++
				}
				return "", p.unexpected("in \\u hexadecimal character escape")
			}
			p.pos += 4
			if utf16.IsSurrogate(r) {
				r2 := rune(utf8.RuneError)
				if p.pos+1 < len(p.data) && p.data[p.pos] == '\\' && p.data[p.pos+1] == 'u' {
					save := p.pos
					p.pos += 2
					if lo, ok := p.hex4(); ok {
						if dec := utf16.DecodeRune(r, lo); dec != utf8.RuneError {
							p.pos += 4
							buf = utf8.AppendRune(buf, dec)
							continue
						}
					}
					p.pos = save
				}
				r = r2
			}
			buf = utf8.AppendRune(buf, r)
		default:
			p.pos--
			return "", p.unexpected("in string escape code")
		}
	}
}

func fixUTF8(s []byte) string {
	out := make([]byte, 0, len(s))
	for len(s) > 0 {
		r, n := utf8.DecodeRune(s)
		if r == utf8.RuneError && n == 1 {
			out = append(out, "\uFFFD"...)
		} else {
			out = append(out, s[:n]...)
		}
		s = s[n:]
	}
	return string(out)
}

func (p *parser) array(v *Value, depth int) error {
	v.Kind = Array
	p.pos++
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		v.Items = []Value{}
		return nil
	}
	for {
		p.space()
		v.Items = append(v.Items, Value{})
		if err := p.value(&v.Items[len(v.Items)-1], depth); err != nil {
			return err
		}
		p.space()
		if p.pos >= len(p.data) {
			return p.unexpected("")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return nil
		default:
			return p.unexpected("after array element")
		}
	}
}

func (p *parser) object(v *Value, depth int) error {
	v.Kind = Object
	p.pos++
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		v.Members = []Member{}
		return nil
	}
	for {
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return p.unexpected("looking for beginning of object key string")
		}
		key, err := p.str()
		if err != nil {
			return err
		}
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return p.unexpected("after object key")
		}
		p.pos++
		p.space()
		v.Members = append(v.Members, Member{Key: key})
		if err := p.value(&v.Members[len(v.Members)-1].Value, depth); err != nil {
			return err
		}
		p.space()
		if p.pos >= len(p.data) {
			return p.unexpected("")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			return nil
		default:
			return p.unexpected("after object key:value pair")
		}
	}
}

// Get returns the value of key in an object (the last one when it repeats), or nil.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Object {
		return nil
	}
	for i := len(v.Members) - 1; i >= 0; i-- {
		if v.Members[i].Key == key {
			return &v.Members[i].Value
		}
	}
	return nil
}
