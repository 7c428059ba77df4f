package refcase

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Tensor is a rectangular array of any rank, kept flat (row-major) with its
// shape. It reads and writes JSON as nested arrays, so it can hold the fields
// whose rank varies between cases (outputs, targets, a GRU bias).
type Tensor struct {
	Shape []int
	Data  []float64
}

// MarshalJSON writes the nested-array form.
func (t Tensor) MarshalJSON() ([]byte, error) {
	if len(t.Shape) == 0 {
		if len(t.Data) != 1 {
			return []byte("null"), nil
		}
		return json.Marshal(t.Data[0])
	}
	var buf bytes.Buffer
	var write func(dim, off int) int
	write = func(dim, off int) int {
		buf.WriteByte('[')
		for k := 0; k < t.Shape[dim]; k++ {
			if k > 0 {
				buf.WriteByte(',')
			}
			if dim == len(t.Shape)-1 {
				b, err := json.Marshal(t.Data[off])
				if err != nil {
					b = []byte("null")
				}
				buf.Write(b)
				off++
			} else {
				off = write(dim+1, off)
			}
		}
		buf.WriteByte(']')
		return off
	}
	write(0, 0)
	return buf.Bytes(), nil
}

// UnmarshalJSON reads nested arrays of numbers; ragged arrays are an error.
func (t *Tensor) UnmarshalJSON(b []byte) error {
	var v any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return err
	}
	var shape []int
	for x := v; ; {
		arr, ok := x.([]any)
		if !ok {
			break
		}
		shape = append(shape, len(arr))
		if len(arr) == 0 {
			break
		}
		x = arr[0]
	}
	var data []float64
	var walk func(x any, dim int) error
	walk = func(x any, dim int) error {
		if dim == len(shape) {
			num, ok := x.(json.Number)
			if !ok {
				return fmt.Errorf("want a number, got %s", describe(x))
			}
			f, err := num.Float64()
			if err != nil {
				return fmt.Errorf("bad number %s", num)
			}
			data = append(data, f)
			return nil
		}
		arr, ok := x.([]any)
		if !ok || len(arr) != shape[dim] {
			return fmt.Errorf("ragged array (not every element along axis %d has the shape of the first)", dim)
		}
		for _, e := range arr {
			if err := walk(e, dim+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(v, 0); err != nil {
		return err
	}
	t.Shape, t.Data = shape, data
	return nil
}

func describe(x any) string {
	switch x.(type) {
	case nil:
		return "null"
	case []any:
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", x)
}

// sameShape reports whether the shape is want.
func (t Tensor) hasShape(want ...int) bool {
	if len(t.Shape) != len(want) {
		return false
	}
	for k := range want {
		if t.Shape[k] != want[k] {
			return false
		}
	}
	return true
}

func (t Tensor) shapeString() string { return fmt.Sprint(t.Shape) }

// vector returns a rank-1 tensor.
func vector(v []float64) Tensor {
	return Tensor{Shape: []int{len(v)}, Data: append([]float64(nil), v...)}
}

// matrixTensor returns a (rows, cols) tensor over a copy of row-major data.
func matrixTensor(rows, cols int, data []float64) Tensor {
	return Tensor{Shape: []int{rows, cols}, Data: append([]float64(nil), data[:rows*cols]...)}
}
