package tfjs

import (
	"encoding/binary"
	"math"
	"path"

	"unroll/core/msg"
	"unroll/core/nn"
)

// Limits on what a weights manifest may describe, so that a damaged or hostile file cannot make the
// importer allocate gigabytes. Every dimension of a weight Unroll can use is at most 4 gates ×
// nn.MaxUnits (an LSTM's g·n columns; nn.MaxInputs and nn.MaxOutputs are no larger), and no weight
// is larger than nn.MaxInputs × that. Nothing is allocated for a weight before its shape has passed
// these limits and the shards have been found to hold its bytes.
const (
	maxDim         = 4 * nn.MaxUnits
	maxWeightElems = nn.MaxInputs * maxDim // per weight
	maxTotalElems  = 1 << 26               // all weights together
)

// manifestGroup is one entry of "weightsManifest": shards whose bytes, concatenated in order, hold
// the listed weights one after another.
type manifestGroup struct {
	Paths   []string     `json:"paths"`
	Weights []weightSpec `json:"weights"`
}

type weightSpec struct {
	Name         string        `json:"name"`
	Shape        []int         `json:"shape"`
	Dtype        string        `json:"dtype"`
	Quantization *quantization `json:"quantization"`
}

// quantization is the converter's --quantize_* encoding: uint8/uint16 values v stand for
// v*scale + min; float16 values are IEEE half precision.
type quantization struct {
	Dtype         string   `json:"dtype"`
	Scale         *float64 `json:"scale"`
	Min           *float64 `json:"min"`
	OriginalDtype string   `json:"original_dtype"`
}

// weight is one decoded weight array.
type weight struct {
	name  string
	shape []int
	value []float64 // row-major
	used  bool
}

// elems is the number of values of a shape, checked against the limits.
func elems(shape []int) (int, error) {
	n := 1
	for _, d := range shape {
		if d < 0 || d > maxDim {
			return 0, msg.Errorf("dimension %d is not in 0..%d (4 gates × at most %d units)", d, maxDim, nn.MaxUnits)
		}
		n *= d
		if n > maxWeightElems {
			return 0, msg.Errorf("more than %d values, the limit of one weight", maxWeightElems)
		}
	}
	return n, nil
}

// bytesPer is the size of one stored value, or an error for an encoding this package cannot read.
func (s weightSpec) bytesPer() (int, error) {
	if s.Dtype != "float32" {
		return 0, msg.Errorf("%w: weight %q has dtype %q (only float32 weights are read)", ErrDtype, s.Name, s.Dtype)
	}
	q := s.Quantization
	if q == nil {
		return 4, nil
	}
	if q.OriginalDtype != "" && q.OriginalDtype != "float32" {
		return 0, msg.Errorf("%w: weight %q was quantized from %q", ErrDtype, s.Name, q.OriginalDtype)
	}
	switch q.Dtype {
	case "float16":
		return 2, nil
	case "uint8", "uint16":
		if q.Scale == nil || q.Min == nil {
			return 0, msg.Errorf("%w: weight %q is %s-quantized without scale and min", ErrDtype, s.Name, q.Dtype)
		}
		if q.Dtype == "uint8" {
			return 1, nil
		}
		return 2, nil
	}
	return 0, msg.Errorf("%w: weight %q uses quantization %q (supported: uint8, uint16, float16)", ErrDtype, s.Name, q.Dtype)
}

// decodeGroups reads every weight of the manifest from the shards. A shard is looked up by its path
// as written in the manifest, then by its file name alone (what a browser file picker gives).
func decodeGroups(groups []manifestGroup, shards map[string][]byte) ([]*weight, error) {
	byName := map[string]*weight{}
	var order []*weight
	total := 0
	for g, grp := range groups {
		var data []byte
		for _, p := range grp.Paths {
			b, ok := findShard(shards, p)
			if !ok {
				return nil, msg.Errorf("%w: weight shard %q is missing (give it together with model.json)", ErrMissingShard, p)
			}
			data = append(data, b...)
		}
		off := 0
		for _, s := range grp.Weights {
			n, err := elems(s.Shape)
			if err != nil {
				return nil, msg.Errorf("%w: weight %q shape %v: %v", ErrShape, s.Name, s.Shape, err)
			}
			if total += n; total > maxTotalElems {
				return nil, msg.Errorf("%w: the manifest describes more than %d values", ErrShape, maxTotalElems)
			}
			per, err := s.bytesPer()
			if err != nil {
				return nil, err
			}
			if off+n*per > len(data) {
				return nil, msg.Errorf("%w: weights group %d: shards hold %d bytes, but weight %q needs bytes %d..%d",
					ErrShardSize, g+1, len(data), s.Name, off, off+n*per)
			}
			w := &weight{name: s.Name, shape: s.Shape, value: decode(s, data[off:off+n*per], n)}
			off += n * per
			if _, dup := byName[w.name]; dup {
				return nil, msg.Errorf("%w: weight %q appears twice in the manifest", ErrFormat, w.name)
			}
			byName[w.name] = w
			order = append(order, w)
		}
		if off != len(data) {
			return nil, msg.Errorf("%w: weights group %d: shards hold %d bytes, the manifest describes %d",
				ErrShardSize, g+1, len(data), off)
		}
	}
	return order, nil
}

func findShard(shards map[string][]byte, p string) ([]byte, bool) {
	if b, ok := shards[p]; ok {
		return b, true
	}
	base := path.Base(p)
	if b, ok := shards[base]; ok {
		return b, true
	}
	for k, b := range shards {
		if path.Base(k) == base {
			return b, true
		}
	}
	return nil, false
}

// decode turns n stored values into float64 (bytesPer has accepted the encoding).
func decode(s weightSpec, b []byte, n int) []float64 {
	v := make([]float64, n)
	q := s.Quantization
	switch {
	case q == nil:
		for k := range v {
			v[k] = float64(math.Float32frombits(binary.LittleEndian.Uint32(b[4*k:])))
		}
	case q.Dtype == "float16":
		for k := range v {
			v[k] = halfToFloat(binary.LittleEndian.Uint16(b[2*k:]))
		}
	case q.Dtype == "uint8":
		for k := range v {
			// TF.js dequantizes in float32: float32(v*scale + min).
			v[k] = float64(float32(float64(b[k])*(*q.Scale) + *q.Min))
		}
	default: // uint16
		for k := range v {
			v[k] = float64(float32(float64(binary.LittleEndian.Uint16(b[2*k:]))*(*q.Scale) + *q.Min))
		}
	}
	return v
}

// halfToFloat converts IEEE 754 half precision bits.
func halfToFloat(h uint16) float64 {
	sign := 1.0
	if h&0x8000 != 0 {
		sign = -1
	}
	exp := int(h>>10) & 0x1f
	mant := float64(h & 0x3ff)
	switch exp {
	case 0:
		return sign * math.Ldexp(mant, -24)
	case 0x1f:
		if mant == 0 {
			return math.Inf(int(sign))
		}
		return math.NaN()
	}
	return sign * math.Ldexp(1+mant/1024, exp-15)
}
