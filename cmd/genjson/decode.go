package main

import (
	"bytes"
	"fmt"
	"go/types"
	"strconv"
	"strings"
)

func (g *gen) decodeMethod(w *bytes.Buffer, tn *types.TypeName) {
	g.vars = 0
	name := tn.Name()
	fs := fields(tn.Type().Underlying().(*types.Struct))
	var names []string
	for _, f := range fs {
		names = append(names, strconv.Quote(f.name))
	}
	lower := strings.ToLower(name[:1]) + name[1:]
	fmt.Fprintf(w, "\nvar %sJSONNames = []string{%s}\n", lower, strings.Join(names, ", "))
	fmt.Fprintf(w, "\n// DecodeJSON reads x from v as encoding/json's Unmarshal does.\nfunc (x *%s) DecodeJSON(d *jsonx.Decoder, v *jsonx.Value) error {\n", name)
	fmt.Fprintf(w, "if !d.Object(v, %s) {\nreturn d.Err()\n}\n", strconv.Quote(g.pkg.Name()+"."+name))
	w.WriteString("for i := range v.Members {\nm := &v.Members[i]\nfv := &m.Value\n")
	fmt.Fprintf(w, "switch d.Field(m.Key, %sJSONNames) {\n", lower)
	for k, f := range fs {
		fmt.Fprintf(w, "case %d:\n", k)
		expr := "x"
		for j, p := range f.path {
			expr += "." + p.Name()
			if j < len(f.path)-1 {
				if pt, ok := p.Type().(*types.Pointer); ok {
					fmt.Fprintf(w, "if %s == nil {\n%s = new(%s)\n}\n", expr, expr, g.typeString(pt.Elem()))
				}
			}
		}
		g.decode(w, f.typ, expr, "fv")
	}
	w.WriteString("}\n}\nreturn d.Err()\n}\n")
}

func (g *gen) decode(w *bytes.Buffer, t types.Type, e, v string) {
	t = types.Unalias(t)
	if g.coded(t) {
		fmt.Fprintf(w, "d.Fail(%s.DecodeJSON(d, %s))\n", e, v)
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
			fmt.Fprintf(w, "%s = d.%s(%s)\n", e, h.call, v)
			return
		}
	}
	for _, h := range []struct {
		t    types.Type
		call string
	}{
		{types.Typ[types.String], "SetString"},
		{types.Typ[types.Int], "SetInt"},
		{types.Typ[types.Float64], "SetFloat"},
		{types.Typ[types.Bool], "SetBool"},
	} {
		if types.Identical(t, h.t) {
			fmt.Fprintf(w, "d.%s(%s, &%s)\n", h.call, v, e)
			return
		}
	}
	ts := g.typeString(t)
	switch u := t.Underlying().(type) {
	case *types.Basic:
		n := g.tmp("n")
		q := strconv.Quote(ts)
		switch {
		case u.Info()&types.IsBoolean != 0:
			fmt.Fprintf(w, "if %s, ok := d.Bool(%s, %s); ok {\n", n, v, q)
		case u.Info()&types.IsString != 0:
			fmt.Fprintf(w, "if %s, ok := d.Str(%s, %s); ok {\n", n, v, q)
		case u.Info()&types.IsFloat != 0:
			bits := 64
			if u.Kind() == types.Float32 {
				bits = 32
			}
			fmt.Fprintf(w, "if %s, ok := d.Float(%s, %d); ok {\n", n, v, bits)
		case u.Info()&types.IsUnsigned != 0:
			fmt.Fprintf(w, "if %s, ok := d.Uint(%s, %d, %s); ok {\n", n, v, bitSize(u), q)
		default:
			fmt.Fprintf(w, "if %s, ok := d.Int(%s, %d, %s); ok {\n", n, v, bitSize(u), q)
		}
		fmt.Fprintf(w, "%s = %s(%s)\n}\n", e, ts, n)
	case *types.Pointer:
		fmt.Fprintf(w, "if %s.Kind == jsonx.Null {\n%s = nil\n} else {\nif %s == nil {\n%s = new(%s)\n}\n", v, e, e, e, g.typeString(u.Elem()))
		g.decode(w, u.Elem(), "(*"+e+")", v)
		w.WriteString("}\n")
	case *types.Interface:
		fmt.Fprintf(w, "%s = d.Any(%s)\n", e, v)
	case *types.Slice:
		i, it := g.tmp("i"), g.tmp("it")
		fmt.Fprintf(w, "if %s.Kind == jsonx.Null {\n%s = nil\n} else if d.List(%s, %s) {\n", v, e, v, strconv.Quote(ts))
		fmt.Fprintf(w, "%s = make(%s, len(%s.Items))\nfor %s := range %s.Items {\n%s := &%s.Items[%s]\n", e, ts, v, i, v, it, v, i)
		g.decode(w, u.Elem(), e+"["+i+"]", it)
		w.WriteString("}\n}\n")
	case *types.Array:
		i := g.tmp("i")
		fmt.Fprintf(w, "if d.List(%s, %s) {\nfor %s := range %s.Items {\nif %s >= len(%s) {\nbreak\n}\n", v, strconv.Quote(ts), i, v, i, e)
		g.decode(w, u.Elem(), e+"["+i+"]", "(&"+v+".Items["+i+"])")
		w.WriteString("}\n}\n")
	case *types.Map:
		i, x := g.tmp("i"), g.tmp("x")
		fmt.Fprintf(w, "if %s.Kind == jsonx.Null {\n%s = nil\n} else if d.Object(%s, %s) {\n", v, e, v, strconv.Quote(ts))
		fmt.Fprintf(w, "if %s == nil {\n%s = make(%s, len(%s.Members))\n}\nfor %s := range %s.Members {\nvar %s %s\n", e, e, ts, v, i, v, x, g.typeString(u.Elem()))
		g.decode(w, u.Elem(), x, "(&"+v+".Members["+i+"].Value)")
		fmt.Fprintf(w, "%s[%s(%s.Members[%s].Key)] = %s\n}\n}\n", e, g.typeString(u.Key()), v, i, x)
	default:
		panic("genjson: unsupported type " + t.String())
	}
}

func bitSize(b *types.Basic) int {
	switch b.Kind() {
	case types.Int8, types.Uint8:
		return 8
	case types.Int16, types.Uint16:
		return 16
	case types.Int32, types.Uint32:
		return 32
	}
	return 64
}
