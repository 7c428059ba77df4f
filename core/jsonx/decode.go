package jsonx

import (
	"strconv"
	"strings"
)

// Decoder holds how generated DecodeJSON methods treat what they read.
type Decoder struct {
	// DisallowUnknownFields makes an object key that names no field an
	// error, as encoding/json's Decoder.DisallowUnknownFields does.
	DisallowUnknownFields bool

	err error
}

// Decodable is a value that reads itself from a parsed JSON value
// (generated DecodeJSON methods and the hand-written ones).
type Decodable interface {
	DecodeJSON(d *Decoder, v *Value) error
}

// DecodeFunc is a value's DecodeJSON method, as in jsonx.Unmarshal(data, x.DecodeJSON).
// (A method value rather than a Decodable keeps the linker from keeping
// every type's DecodeJSON: only those named are linked.)
type DecodeFunc func(d *Decoder, v *Value) error

// Unmarshal parses data and decodes it with decode; unknown object keys are ignored.
func Unmarshal(data []byte, decode DecodeFunc) error {
	return (&Decoder{}).Unmarshal(data, decode)
}

// Unmarshal parses data and decodes it with decode.
func (d *Decoder) Unmarshal(data []byte, decode DecodeFunc) error {
	v, err := Parse(data)
	if err != nil {
		return err
	}
	return decode(d, v)
}

// TypeError is the error of a JSON value of the wrong kind for a Go type.
func TypeError(v *Value, goType string) error {
	what := v.Kind.String()
	if v.Kind == Number {
		what = "number " + v.Str
	}
	return &Error{"json: cannot unmarshal " + what + " into Go value of type " + goType}
}

// UnknownField is the error of an object key that names no field.
func UnknownField(key string) error {
	return &Error{"json: unknown field " + strconv.Quote(key)}
}

// Field returns the index of key among a struct's JSON names: the exact
// name, else one equal under case folding (as encoding/json matches), else -1.
func Field(key string, names []string) int {
	for i, n := range names {
		if n == key {
			return i
		}
	}
	for i, n := range names {
		if strings.EqualFold(n, key) {
			return i
		}
	}
	return -1
}

// Float reads a number into a float of the given bit size.
func Float(v *Value, bits int) (float64, error) {
	if v.Kind != Number {
		if bits == 32 {
			return 0, TypeError(v, "float32")
		}
		return 0, TypeError(v, "float64")
	}
	f, err := strconv.ParseFloat(v.Str, bits)
	if err != nil {
		return 0, TypeError(v, "float"+strconv.Itoa(bits))
	}
	return f, nil
}

// Int reads a number into a signed integer of the given bit size.
func Int(v *Value, bits int, goType string) (int64, error) {
	if v.Kind != Number {
		return 0, TypeError(v, goType)
	}
	n, err := strconv.ParseInt(v.Str, 10, bits)
	if err != nil {
		return 0, TypeError(v, goType)
	}
	return n, nil
}

// Uint reads a number into an unsigned integer of the given bit size.
func Uint(v *Value, bits int, goType string) (uint64, error) {
	if v.Kind != Number {
		return 0, TypeError(v, goType)
	}
	n, err := strconv.ParseUint(v.Str, 10, bits)
	if err != nil {
		return 0, TypeError(v, goType)
	}
	return n, nil
}

// Str reads a string.
func Str(v *Value, goType string) (string, error) {
	if v.Kind != String {
		return "", TypeError(v, goType)
	}
	return v.Str, nil
}

// Bool reads true or false.
func Bool(v *Value, goType string) (bool, error) {
	switch v.Kind {
	case True:
		return true, nil
	case False:
		return false, nil
	}
	return false, TypeError(v, goType)
}

// Any returns v as encoding/json decodes into an interface value: nil,
// bool, float64, string, []any or map[string]any.
func Any(v *Value) (any, error) {
	switch v.Kind {
	case Null:
		return nil, nil
	case True:
		return true, nil
	case False:
		return false, nil
	case Number:
		return Float(v, 64)
	case String:
		return v.Str, nil
	case Array:
		out := make([]any, len(v.Items))
		for i := range v.Items {
			var err error
			if out[i], err = Any(&v.Items[i]); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	out := make(map[string]any, len(v.Members))
	for i := range v.Members {
		x, err := Any(&v.Members[i].Value)
		if err != nil {
			return nil, err
		}
		out[v.Members[i].Key] = x
	}
	return out, nil
}

// Raw is a JSON value kept as its text, as encoding/json's RawMessage.
type Raw []byte

// WriteJSON writes the text with white space outside strings removed, or null when empty.
func (r Raw) WriteJSON(w *Writer) {
	if r == nil {
		w.Null()
		return
	}
	if !Valid(r) {
		w.Fail(&Error{"json: error calling MarshalJSON for type jsonx.Raw: invalid JSON"})
		w.Null()
		return
	}
	in := false
	for i := 0; i < len(r); i++ {
		c := r[i]
		switch {
		case in && c == '\\':
			w.Buf = append(w.Buf, c, r[i+1])
			i++
			continue
		case c == '"':
			in = !in
		case !in && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			continue
		}
		w.Buf = append(w.Buf, c)
	}
	w.done()
}

// DecodeJSON keeps a copy of the value's text (null included, as encoding/json does).
func (r *Raw) DecodeJSON(_ *Decoder, v *Value) error {
	*r = append((*r)[:0], v.Raw...)
	return nil
}

// Floats reads an array of numbers (null leaves nil).
func Floats(v *Value) ([]float64, error) {
	if v.Kind == Null {
		return nil, nil
	}
	if v.Kind != Array {
		return nil, TypeError(v, "[]float64")
	}
	out := make([]float64, len(v.Items))
	for i := range v.Items {
		if v.Items[i].Kind == Null {
			continue
		}
		f, err := Float(&v.Items[i], 64)
		if err != nil {
			return nil, err
		}
		out[i] = f
	}
	return out, nil
}

// FloatRows reads a [][]float64 (null gives nil, and a null row a nil row).
func FloatRows(v *Value) ([][]float64, error) {
	if v.Kind == Null {
		return nil, nil
	}
	if v.Kind != Array {
		return nil, TypeError(v, "[][]float64")
	}
	out := make([][]float64, len(v.Items))
	for i := range v.Items {
		var err error
		if out[i], err = Floats(&v.Items[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// UnmarshalAny parses data into nil, bool, float64, string, []any or
// map[string]any, as encoding/json's Unmarshal into an `any` does.
func UnmarshalAny(data []byte) (any, error) {
	v, err := Parse(data)
	if err != nil {
		return nil, err
	}
	return Any(v)
}

// UnmarshalString parses a JSON string (null gives "").
func UnmarshalString(data []byte) (string, error) {
	v, err := Parse(data)
	if err != nil {
		return "", err
	}
	if v.Kind == Null {
		return "", nil
	}
	return Str(v, "string")
}

// UnmarshalList parses an array (null gives nil), as encoding/json's
// Unmarshal into a []any does.
func UnmarshalList(data []byte) ([]any, error) {
	v, err := Parse(data)
	if err != nil {
		return nil, err
	}
	return list(v)
}

func list(v *Value) ([]any, error) {
	if v.Kind == Null {
		return nil, nil
	}
	if v.Kind != Array {
		return nil, TypeError(v, "[]interface {}")
	}
	x, err := Any(v)
	if err != nil {
		return nil, err
	}
	return x.([]any), nil
}

// UnmarshalLists parses an array of arrays, as encoding/json's Unmarshal
// into a [][]any does.
func UnmarshalLists(data []byte) ([][]any, error) {
	v, err := Parse(data)
	if err != nil {
		return nil, err
	}
	if v.Kind == Null {
		return nil, nil
	}
	if v.Kind != Array {
		return nil, TypeError(v, "[][]interface {}")
	}
	out := make([][]any, len(v.Items))
	for i := range v.Items {
		if out[i], err = list(&v.Items[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Empty is an object with no fields: with DisallowUnknownFields, any key is an error.
type Empty struct{}

// DecodeJSON reads an object (or null) and checks its keys.
func (*Empty) DecodeJSON(d *Decoder, v *Value) error {
	if v.Kind == Null {
		return nil
	}
	if v.Kind != Object {
		return TypeError(v, "struct {}")
	}
	if len(v.Members) > 0 && d.DisallowUnknownFields {
		return UnknownField(v.Members[0].Key)
	}
	return nil
}

// MarshalJSON returns the text as WriteJSON writes it (for encoding/json).
func (r Raw) MarshalJSON() ([]byte, error) { return Marshal(r) }

// UnmarshalJSON keeps a copy of the text (for encoding/json).
func (r *Raw) UnmarshalJSON(data []byte) error {
	*r = append((*r)[:0], data...)
	return nil
}
