package jsonx

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestAppendMatchesEncodingJSON(t *testing.T) {
	floats := []float64{0, -0.0, 1, -1, 0.1, 1e-6, 9.99e-7, 1e-7, 1e20, 1e21, 1.5e300, -2.5e-10, 123456789.125, math.MaxFloat64, math.SmallestNonzeroFloat64}
	for _, f := range floats {
		want, _ := json.Marshal(f)
		got, err := AppendFloat(nil, f, 64)
		if err != nil || string(got) != string(want) {
			t.Errorf("float %v: got %s (%v), want %s", f, got, err, want)
		}
		want32, _ := json.Marshal(float32(f))
		got32, err := AppendFloat(nil, float64(float32(f)), 32)
		if !math.IsInf(float64(float32(f)), 0) && (err != nil || string(got32) != string(want32)) {
			t.Errorf("float32 %v: got %s (%v), want %s", f, got32, err, want32)
		}
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		_, want := json.Marshal(f)
		_, err := AppendFloat(nil, f, 64)
		if err == nil || err.Error() != want.Error() {
			t.Errorf("%v: got %v, want %v", f, err, want)
		}
	}
	strs := []string{"", "abc", "台積電", "a\"b\\c", "<&>", "\b\f\n\r\t\x00\x1f\x7f", "\u2028\u2029", "bad\xffutf8", "😀"}
	for _, s := range strs {
		want, _ := json.Marshal(s)
		if got := AppendString(nil, s); string(got) != string(want) {
			t.Errorf("string %q: got %s, want %s", s, got, want)
		}
	}
	anys := []any{nil, true, 3, "x", []float64{1, 2.5}, [][]float64{{1}, nil}, []string{"a"}, map[string]any{"b": 1, "a": []any{"x", nil}}, map[string]string{"z": "1", "y": "2"}}
	for _, v := range anys {
		want, _ := json.Marshal(v)
		got, err := AppendAny(nil, v)
		if err != nil || string(got) != string(want) {
			t.Errorf("any %#v: got %s (%v), want %s", v, got, err, want)
		}
	}
}

func TestParseKeepsOrderAndText(t *testing.T) {
	v, err := Parse([]byte(` {"b": 1.50, "a": [true, null, "x\u00e9\ud83d\ude00"], "b": -2e3} `))
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Members) != 3 || v.Members[0].Key != "b" || v.Members[1].Key != "a" {
		t.Fatalf("members %+v", v.Members)
	}
	if got := v.Get("b"); got.Str != "-2e3" {
		t.Errorf("last b wins: got %q", got.Str)
	}
	if s := v.Get("a").Items[2].Str; s != "xé😀" {
		t.Errorf("string %q", s)
	}
	_, err = Parse([]byte(`{"a": [1, 2`))
	if se, ok := err.(*SyntaxError); !ok || se.Msg != "unexpected end of JSON input" {
		t.Errorf("truncated: %v", err)
	}
}

func TestDepthLimit(t *testing.T) {
	for _, n := range []int{MaxDepth, MaxDepth + 1, 100000} {
		data := []byte(strings.Repeat("[", n) + strings.Repeat("]", n))
		_, err := Parse(data)
		if want := json.Valid(data); (err == nil) != want {
			t.Errorf("depth %d: jsonx %v, encoding/json valid %v", n, err, want)
		}
		if err != nil && err.Error() != "exceeded max depth" {
			t.Errorf("depth %d: %v", n, err)
		}
	}
}

func FuzzParseAgreesWithEncodingJSON(f *testing.F) {
	for _, s := range []string{`{}`, `[]`, `1`, `-0.5e+3`, `"a\u0041"`, `{"a":[1,{"b":null}]}`, `01`, `1.`, `[1,]`, `{"a" 1}`, `"\ud800"`, "\"\xff\"", ` true `, `nul`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want := json.Valid(data)
		v, err := Parse(data)
		if (err == nil) != want {
			t.Fatalf("%q: jsonx %v, encoding/json valid %v", data, err, want)
		}
		if err != nil {
			return
		}
		var ref any
		if json.Unmarshal(data, &ref) != nil {
			return
		}
		got, err := Any(v)
		if err != nil {
			return // a number out of float64's range: encoding/json fails it too
		}
		a, _ := json.Marshal(got)
		b, _ := json.Marshal(ref)
		if string(a) != string(b) {
			t.Fatalf("%q: jsonx %s, encoding/json %s", data, a, b)
		}
	})
}

// The decoder's list readers give encoding/json's values, and an error where
// encoding/json has one.
func TestListReadersMatchEncodingJSON(t *testing.T) {
	for _, src := range []string{
		`[[1,2.5],[],null,[-3e2]]`, `null`, `[]`, `[[1],["x"]]`, `{"a":1}`, `[1]`,
	} {
		var want [][]float64
		wantErr := json.Unmarshal([]byte(src), &want) != nil
		v, err := Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var d Decoder
		got := d.FloatRows(v)
		if (d.Err() != nil) != wantErr || (!wantErr && !reflect.DeepEqual(got, want)) {
			t.Errorf("FloatRows(%s) = %v, %v; encoding/json %v, error %v", src, got, d.Err(), want, wantErr)
		}
	}
	for _, src := range []string{`[1,-2,null,3]`, `null`, `[1.5]`, `["1"]`, `1`} {
		var want []int
		wantErr := json.Unmarshal([]byte(src), &want) != nil
		v, err := Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		var d Decoder
		got := d.Ints(v)
		if (d.Err() != nil) != wantErr || (!wantErr && !reflect.DeepEqual(got, want)) {
			t.Errorf("Ints(%s) = %v, %v; encoding/json %v, error %v", src, got, d.Err(), want, wantErr)
		}
	}
}
