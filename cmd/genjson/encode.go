package main

import (
	"bytes"
	"fmt"
	"go/types"
	"strconv"
	"strings"
)

func (g *gen) appendMethod(w *bytes.Buffer, tn *types.TypeName) {
	g.vars = 0
	name := tn.Name()
	fs := fields(tn.Type().Underlying().(*types.Struct))
	fmt.Fprintf(w, "\n// WriteJSON writes x as JSON.\nfunc (x *%s) WriteJSON(w *jsonx.Writer) {\n", name)
	w.WriteString("if x == nil {\nw.Null()\nreturn\n}\nw.Open('{')\n")
	for _, f := range fs {
		expr, guard := "x", []string{}
		for k, v := range f.path {
			expr += "." + v.Name()
			if k < len(f.path)-1 {
				if _, ok := v.Type().(*types.Pointer); ok {
					guard = append(guard, expr+" != nil")
				}
			}
		}
		if f.omitEmpty {
			if c := emptyCheck(f.typ, expr); c != "" {
				guard = append(guard, c)
			}
		}
		if len(guard) > 0 {
			fmt.Fprintf(w, "if %s {\n", strings.Join(guard, " && "))
		}
		key := strconv.Quote(string(appendKey(nil, f.name)))
		if call := fieldCall(f.typ); call != "" {
			fmt.Fprintf(w, "w.%s(%s, %s)\n", call, key, strings.Replace(call2arg(call), "%", expr, 1))
		} else {
			fmt.Fprintf(w, "w.Key(%s)\n", key)
			g.encode(w, f.typ, expr)
		}
		if len(guard) > 0 {
			w.WriteString("}\n")
		}
	}
	w.WriteString("w.Close('}')\n}\n")
}

// fieldCall is the Writer method that writes a key and a value of type t in
// one call, or "".
func fieldCall(t types.Type) string {
	t = types.Unalias(t)
	if types.Identical(t, types.NewSlice(types.Typ[types.Float64])) {
		return "FloatsField"
	}
	b, ok := t.Underlying().(*types.Basic)
	if !ok {
		return ""
	}
	switch {
	case b.Info()&types.IsBoolean != 0:
		return "BoolField"
	case b.Info()&types.IsString != 0:
		return "StringField"
	case b.Kind() == types.Float64:
		return "FloatField"
	case b.Info()&types.IsInteger != 0 && b.Info()&types.IsUnsigned == 0:
		return "IntField"
	}
	return ""
}

// call2arg is how fieldCall's method takes the value (% is the expression).
func call2arg(call string) string {
	switch call {
	case "BoolField":
		return "bool(%)"
	case "StringField":
		return "string(%)"
	case "FloatField":
		return "float64(%)"
	case "IntField":
		return "int64(%)"
	}
	return "%"
}

func emptyCheck(t types.Type, e string) string {
	t = types.Unalias(t)
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			return e
		case u.Info()&types.IsString != 0:
			return e + ` != ""`
		default:
			return e + " != 0"
		}
	case *types.Pointer, *types.Interface:
		return e + " != nil"
	case *types.Slice, *types.Map, *types.Array:
		return "len(" + e + ") != 0"
	}
	return ""
}

func (g *gen) encode(w *bytes.Buffer, t types.Type, e string) {
	t = types.Unalias(t)
	if n, ok := t.(*types.Named); ok && g.self[n.Obj()] {
		fmt.Fprintf(w, "%s.WriteJSON(w)\n", e) // nil-safe
		return
	}
	if g.coded(t) || isNamed(t) && g.hasMethod(t, "WriteJSON") {
		fmt.Fprintf(w, "%s.WriteJSON(w)\n", e)
		return
	}
	for _, h := range []struct {
		t    types.Type
		call string
	}{
		{types.NewSlice(types.Typ[types.Float64]), "Floats"},
		{types.NewSlice(types.NewSlice(types.Typ[types.Float64])), "FloatRows"},
		{types.NewSlice(types.Typ[types.String]), "Strings"},
		{types.NewSlice(types.Typ[types.Int]), "Ints"},
	} {
		if types.Identical(t, h.t) {
			fmt.Fprintf(w, "w.%s(%s)\n", h.call, e)
			return
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0:
			fmt.Fprintf(w, "w.Bool(bool(%s))\n", e)
		case u.Info()&types.IsString != 0:
			fmt.Fprintf(w, "w.String(string(%s))\n", e)
		case u.Kind() == types.Float32:
			fmt.Fprintf(w, "w.Float32(float32(%s))\n", e)
		case u.Info()&types.IsFloat != 0:
			fmt.Fprintf(w, "w.Float(float64(%s))\n", e)
		case u.Info()&types.IsUnsigned != 0:
			fmt.Fprintf(w, "w.Uint(uint64(%s))\n", e)
		default:
			fmt.Fprintf(w, "w.Int(int64(%s))\n", e)
		}
	case *types.Pointer:
		if n, ok := types.Unalias(u.Elem()).(*types.Named); ok && g.self[n.Obj()] {
			fmt.Fprintf(w, "%s.WriteJSON(w)\n", e)
			return
		}
		fmt.Fprintf(w, "if %s == nil {\nw.Null()\n} else {\n", e)
		g.encode(w, u.Elem(), "(*"+e+")")
		w.WriteString("}\n")
	case *types.Interface:
		fmt.Fprintf(w, "w.Any(%s)\n", e)
	case *types.Slice, *types.Array:
		var elem types.Type
		if s, ok := u.(*types.Slice); ok {
			elem = s.Elem()
			fmt.Fprintf(w, "if %s == nil {\nw.Null()\n} else {\n", e)
		} else {
			elem = u.(*types.Array).Elem()
			w.WriteString("{\n")
		}
		i := g.tmp("i")
		fmt.Fprintf(w, "w.Open('[')\nfor %s := range %s {\nw.Elem()\n", i, e)
		g.encode(w, elem, e+"["+i+"]")
		w.WriteString("}\nw.Close(']')\n}\n")
	case *types.Map:
		k, v := g.tmp("k"), g.tmp("v")
		fmt.Fprintf(w, "if %s == nil {\nw.Null()\n} else {\n", e)
		fmt.Fprintf(w, "w.Open('{')\nfor _, %s := range jsonx.SortedKeys(%s) {\nw.KeyString(%s)\n%s := %s[%s]\n", k, e, k, v, e, k)
		g.encode(w, u.Elem(), v)
		w.WriteString("}\nw.Close('}')\n}\n")
	default:
		panic("genjson: unsupported type " + t.String())
	}
}
