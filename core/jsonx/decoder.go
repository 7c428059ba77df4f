package jsonx

// The Decoder's methods below are what generated DecodeJSON methods call:
// one call per field with a sticky error (the first one met), not inlined,
// which keeps the generated code the WebAssembly engine carries small. A
// null leaves a value as it is, as in encoding/json.

// Err is the first error met decoding.
func (d *Decoder) Err() error { return d.err }

// Fail keeps err when it is the first error (nil does nothing).
//
//go:noinline
func (d *Decoder) Fail(err error) {
	if d.err == nil && err != nil {
		d.err = err
	}
}

// Object reports whether v is an object to read into goType; a value of
// another kind than object or null is an error.
//
//go:noinline
func (d *Decoder) Object(v *Value, goType string) bool {
	if v.Kind == Object {
		return true
	}
	if v.Kind != Null {
		d.Fail(TypeError(v, goType))
	}
	return false
}

// List reports whether v is an array to read into goType; a value of
// another kind than array or null is an error.
//
//go:noinline
func (d *Decoder) List(v *Value, goType string) bool {
	if v.Kind == Array {
		return true
	}
	if v.Kind != Null {
		d.Fail(TypeError(v, goType))
	}
	return false
}

// Field returns the index of key among names (Field), or -1; an unknown key
// is an error when DisallowUnknownFields is set.
//
//go:noinline
func (d *Decoder) Field(key string, names []string) int {
	k := Field(key, names)
	if k < 0 && d.DisallowUnknownFields {
		d.Fail(UnknownField(key))
	}
	return k
}

// Int reads an integer of the given bit size; ok is false for null or an error.
//
//go:noinline
func (d *Decoder) Int(v *Value, bits int, goType string) (int64, bool) {
	if v.Kind == Null {
		return 0, false
	}
	n, err := Int(v, bits, goType)
	d.Fail(err)
	return n, err == nil
}

// Uint reads an unsigned integer of the given bit size.
//
//go:noinline
func (d *Decoder) Uint(v *Value, bits int, goType string) (uint64, bool) {
	if v.Kind == Null {
		return 0, false
	}
	n, err := Uint(v, bits, goType)
	d.Fail(err)
	return n, err == nil
}

// Float reads a float of the given bit size.
//
//go:noinline
func (d *Decoder) Float(v *Value, bits int) (float64, bool) {
	if v.Kind == Null {
		return 0, false
	}
	f, err := Float(v, bits)
	d.Fail(err)
	return f, err == nil
}

// Str reads a string.
//
//go:noinline
func (d *Decoder) Str(v *Value, goType string) (string, bool) {
	if v.Kind == Null {
		return "", false
	}
	s, err := Str(v, goType)
	d.Fail(err)
	return s, err == nil
}

// Bool reads true or false.
//
//go:noinline
func (d *Decoder) Bool(v *Value, goType string) (bool, bool) {
	if v.Kind == Null {
		return false, false
	}
	b, err := Bool(v, goType)
	d.Fail(err)
	return b, err == nil
}

// Any reads any value as encoding/json does into an `any`.
//
//go:noinline
func (d *Decoder) Any(v *Value) any {
	x, err := Any(v)
	d.Fail(err)
	return x
}

// Floats reads a []float64 (null gives nil).
//
//go:noinline
func (d *Decoder) Floats(v *Value) []float64 {
	f, err := Floats(v)
	d.Fail(err)
	return f
}

// FloatRows reads a [][]float64 (null gives nil).
//
//go:noinline
func (d *Decoder) FloatRows(v *Value) [][]float64 {
	f, err := FloatRows(v)
	d.Fail(err)
	return f
}

// SetString reads a string into *dst (null leaves it).
//
//go:noinline
func (d *Decoder) SetString(v *Value, dst *string) {
	if s, ok := d.Str(v, "string"); ok {
		*dst = s
	}
}

// SetInt reads an int into *dst.
//
//go:noinline
func (d *Decoder) SetInt(v *Value, dst *int) {
	if n, ok := d.Int(v, 64, "int"); ok {
		*dst = int(n)
	}
}

// SetFloat reads a float64 into *dst.
//
//go:noinline
func (d *Decoder) SetFloat(v *Value, dst *float64) {
	if f, ok := d.Float(v, 64); ok {
		*dst = f
	}
}

// SetBool reads a bool into *dst.
//
//go:noinline
func (d *Decoder) SetBool(v *Value, dst *bool) {
	if b, ok := d.Bool(v, "bool"); ok {
		*dst = b
	}
}

// Strings reads a []string (null gives nil).
//
//go:noinline
func (d *Decoder) Strings(v *Value) []string {
	if v.Kind == Null || !d.List(v, "[]string") {
		return nil
	}
	out := make([]string, len(v.Items))
	for i := range v.Items {
		d.SetString(&v.Items[i], &out[i])
	}
	return out
}

// Ints reads a []int (null gives nil).
//
//go:noinline
func (d *Decoder) Ints(v *Value) []int {
	if v.Kind == Null || !d.List(v, "[]int") {
		return nil
	}
	out := make([]int, len(v.Items))
	for i := range v.Items {
		d.SetInt(&v.Items[i], &out[i])
	}
	return out
}
