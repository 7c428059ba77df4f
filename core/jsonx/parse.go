package jsonx

import (
	"strconv"
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
