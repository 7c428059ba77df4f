package jsonx

// Writer builds JSON text with a sticky error: generated WriteJSON methods
// make one call per key and per value, and the first error (a NaN, an
// unsupported value) is kept and reported by Marshal. Commas are its own:
// Key and Elem write one before every member but the first of an object or
// array. Its small methods are not inlined: one call per field keeps the
// generated code, which the WebAssembly engine carries, small.
type Writer struct {
	Buf   []byte
	Err   error
	first bool // nothing written yet in the object or array just opened
}

// Marshal returns v's JSON, or the first error met writing it.
func Marshal(v Appender) ([]byte, error) {
	w := Writer{}
	v.WriteJSON(&w)
	if w.Err != nil {
		return nil, w.Err
	}
	return w.Buf, nil
}

// Fail keeps err when it is the first error.
func (w *Writer) Fail(err error) {
	if w.Err == nil {
		w.Err = err
	}
}

// Open writes { or [.
//
//go:noinline
func (w *Writer) Open(c byte) {
	w.Buf = append(w.Buf, c)
	w.first = true
}

// Close writes } or ].
//
//go:noinline
func (w *Writer) Close(c byte) {
	w.Buf = append(w.Buf, c)
	w.first = false
}

// Key writes an object key given already quoted with its colon ("name":).
//
//go:noinline
func (w *Writer) Key(quoted string) {
	if !w.first {
		w.Buf = append(w.Buf, ',')
	}
	w.Buf = append(w.Buf, quoted...)
	w.first = true
}

// KeyString writes an object key that needs quoting.
//
//go:noinline
func (w *Writer) KeyString(k string) {
	if !w.first {
		w.Buf = append(w.Buf, ',')
	}
	w.Buf = AppendKey(w.Buf, k)
	w.first = true
}

// Elem writes the comma before an array element.
//
//go:noinline
func (w *Writer) Elem() {
	if !w.first {
		w.Buf = append(w.Buf, ',')
	}
	w.first = true
}

func (w *Writer) done() { w.first = false }

// Null writes null.
//
//go:noinline
func (w *Writer) Null() { w.Buf = append(w.Buf, "null"...); w.done() }

// Raw writes text that is already JSON.
//
//go:noinline
func (w *Writer) Raw(s string) { w.Buf = append(w.Buf, s...); w.done() }

// Bool writes true or false.
//
//go:noinline
func (w *Writer) Bool(b bool) { w.Buf = AppendBool(w.Buf, b); w.done() }

// String writes a quoted string.
//
//go:noinline
func (w *Writer) String(s string) { w.Buf = AppendString(w.Buf, s); w.done() }

// Int writes an integer.
//
//go:noinline
func (w *Writer) Int(n int64) { w.Buf = AppendInt(w.Buf, n); w.done() }

// Uint writes an unsigned integer.
//
//go:noinline
func (w *Writer) Uint(n uint64) { w.Buf = AppendUint(w.Buf, n); w.done() }

// Float writes a float64 (NaN and ±Inf are an error).
//
//go:noinline
func (w *Writer) Float(f float64) { w.float(f, 64) }

// Float32 writes a float32.
//
//go:noinline
func (w *Writer) Float32(f float32) { w.float(float64(f), 32) }

func (w *Writer) float(f float64, bits int) {
	var err error
	w.Buf, err = AppendFloat(w.Buf, f, bits)
	if err != nil {
		w.Fail(err)
		w.Buf = append(w.Buf, "null"...)
	}
	w.done()
}

// Floats writes a []float64 (null when nil).
func (w *Writer) Floats(s []float64) {
	if s == nil {
		w.Null()
		return
	}
	w.Open('[')
	for _, f := range s {
		w.Elem()
		w.Float(f)
	}
	w.Close(']')
}

// FloatRows writes a [][]float64 (null when nil).
func (w *Writer) FloatRows(s [][]float64) {
	if s == nil {
		w.Null()
		return
	}
	w.Open('[')
	for _, r := range s {
		w.Elem()
		w.Floats(r)
	}
	w.Close(']')
}

// Strings writes a []string (null when nil).
func (w *Writer) Strings(s []string) {
	if s == nil {
		w.Null()
		return
	}
	w.Open('[')
	for _, v := range s {
		w.Elem()
		w.String(v)
	}
	w.Close(']')
}

// Ints writes a []int (null when nil).
func (w *Writer) Ints(s []int) {
	if s == nil {
		w.Null()
		return
	}
	w.Open('[')
	for _, v := range s {
		w.Elem()
		w.Int(int64(v))
	}
	w.Close(']')
}

// Any writes a value of one of the types that travel in `any` fields and
// maps: nil, bool, string, the integer and float types, an Appender,
// []float64, [][]float64, []string, []int, []any, map[string]any and
// map[string]string. Another type is an error.
func (w *Writer) Any(v any) {
	switch x := v.(type) {
	case nil:
		w.Null()
	case Appender:
		x.WriteJSON(w)
	case bool:
		w.Bool(x)
	case string:
		w.String(x)
	case int:
		w.Int(int64(x))
	case int64:
		w.Int(x)
	case int32:
		w.Int(int64(x))
	case uint:
		w.Uint(uint64(x))
	case uint64:
		w.Uint(x)
	case uint32:
		w.Uint(uint64(x))
	case float64:
		w.Float(x)
	case float32:
		w.Float32(x)
	case []float64:
		w.Floats(x)
	case [][]float64:
		w.FloatRows(x)
	case []string:
		w.Strings(x)
	case []int:
		w.Ints(x)
	case []any:
		if x == nil {
			w.Null()
			return
		}
		w.Open('[')
		for _, e := range x {
			w.Elem()
			w.Any(e)
		}
		w.Close(']')
	case map[string]any:
		if x == nil {
			w.Null()
			return
		}
		w.Open('{')
		for _, k := range SortedKeys(x) {
			w.KeyString(k)
			w.Any(x[k])
		}
		w.Close('}')
	case map[string]string:
		if x == nil {
			w.Null()
			return
		}
		w.Open('{')
		for _, k := range SortedKeys(x) {
			w.KeyString(k)
			w.String(x[k])
		}
		w.Close('}')
	default:
		w.Fail(&Error{"json: unsupported type in an any value"})
		w.Null()
	}
}

// StringField writes a key (quoted, with its colon) and a string.
//
//go:noinline
func (w *Writer) StringField(key, s string) {
	w.Key(key)
	w.String(s)
}

// IntField writes a key and an integer.
//
//go:noinline
func (w *Writer) IntField(key string, n int64) {
	w.Key(key)
	w.Int(n)
}

// FloatField writes a key and a float64.
//
//go:noinline
func (w *Writer) FloatField(key string, f float64) {
	w.Key(key)
	w.Float(f)
}

// BoolField writes a key and a bool.
//
//go:noinline
func (w *Writer) BoolField(key string, b bool) {
	w.Key(key)
	w.Bool(b)
}

// FloatsField writes a key and a []float64.
//
//go:noinline
func (w *Writer) FloatsField(key string, s []float64) {
	w.Key(key)
	w.Floats(s)
}
