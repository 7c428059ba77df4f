package main

import (
	"go/types"
	"reflect"
	"strconv"
	"strings"
)

type gen struct {
	pkg     *types.Package
	self    map[*types.TypeName]bool // the package's struct types being generated
	imports map[string]string
	vars    int
}

// field is one JSON member of a struct, with the path of Go fields to it.
type field struct {
	name      string
	tagged    bool
	omitEmpty bool
	path      []*types.Var
	typ       types.Type
}

// fields lists a struct's JSON fields as encoding/json does: in order,
// embedded structs' fields promoted, a shallower or tagged name dominating.
func fields(st *types.Struct) []field {
	var list []field
	var walk func(st *types.Struct, path []*types.Var, seen map[*types.Struct]bool)
	walk = func(st *types.Struct, path []*types.Var, seen map[*types.Struct]bool) {
		if seen[st] {
			return
		}
		seen[st] = true
		for i := 0; i < st.NumFields(); i++ {
			f := st.Field(i)
			tag := reflect.StructTag(st.Tag(i)).Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			p := append(append([]*types.Var(nil), path...), f)
			if f.Embedded() && name == "" {
				t := types.Unalias(f.Type())
				if pt, ok := t.(*types.Pointer); ok {
					t = types.Unalias(pt.Elem())
				}
				if es, ok := t.Underlying().(*types.Struct); ok {
					walk(es, p, seen)
					continue
				}
			}
			if !f.Exported() {
				continue
			}
			fl := field{name: name, tagged: name != "", omitEmpty: strings.Contains(","+opts+",", ",omitempty,"), path: p, typ: f.Type()}
			if name == "" {
				fl.name = f.Name()
			}
			list = append(list, fl)
		}
		delete(seen, st)
	}
	walk(st, nil, map[*types.Struct]bool{})
	var out []field
	for k, f := range list {
		min := len(f.path)
		for _, o := range list {
			if o.name == f.name && len(o.path) < min {
				min = len(o.path)
			}
		}
		if len(f.path) != min {
			continue
		}
		same, tagged := 0, 0
		for _, o := range list {
			if o.name == f.name && len(o.path) == min {
				same++
				if o.tagged {
					tagged++
				}
			}
		}
		_ = k
		if same == 1 || f.tagged && tagged == 1 {
			out = append(out, f)
		}
	}
	return out
}

// hasMethod reports whether the named type t (or *t) declares the method
// itself (promoted methods of embedded fields do not count).
func (g *gen) hasMethod(t types.Type, name string) bool {
	t = types.Unalias(t)
	n, ok := t.(*types.Named)
	if !ok {
		return false
	}
	for i := 0; i < n.NumMethods(); i++ {
		if n.Method(i).Name() == name {
			return true
		}
	}
	return false
}

// coded reports whether values of the named type t write and read
// themselves (a method, or a type of this package being generated).
func (g *gen) coded(t types.Type) bool {
	t = types.Unalias(t)
	n, ok := t.(*types.Named)
	if !ok {
		return false
	}
	if g.self[n.Obj()] {
		return true
	}
	return g.hasMethod(t, "WriteJSON") && g.hasMethod(t, "DecodeJSON")
}

func (g *gen) supported(tn *types.TypeName) bool {
	st := tn.Type().Underlying().(*types.Struct)
	fs := fields(st)
	if len(fs) == 0 {
		return false
	}
	for _, f := range fs {
		if !g.supportedType(f.typ, 0) {
			return false
		}
		for _, v := range f.path[:len(f.path)-1] {
			if pt, ok := v.Type().(*types.Pointer); ok && !isNamed(pt.Elem()) {
				return false
			}
		}
	}
	return true
}

func isNamed(t types.Type) bool { t = types.Unalias(t); _, ok := t.(*types.Named); return ok }

func (g *gen) supportedType(t types.Type, depth int) bool {
	t = types.Unalias(t)
	if depth > 8 {
		return false
	}
	if g.coded(t) {
		return true
	}
	if n, ok := t.(*types.Named); ok {
		if _, isStruct := n.Underlying().(*types.Struct); isStruct {
			return false
		}
		if g.hasMethod(t, "WriteJSON") {
			return true
		}
		if g.hasMethod(t, "MarshalJSON") || g.hasMethod(t, "MarshalText") {
			return false
		}
		if n.Obj().Pkg() != nil && n.Obj().Pkg() != g.pkg && !n.Obj().Exported() {
			return false
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch {
		case u.Info()&types.IsBoolean != 0, u.Info()&types.IsString != 0:
			return true
		case u.Info()&types.IsInteger != 0, u.Info()&types.IsFloat != 0:
			return u.Kind() != types.Uintptr && u.Info()&types.IsUntyped == 0
		}
	case *types.Pointer:
		return g.supportedType(u.Elem(), depth+1)
	case *types.Slice:
		if b, ok := u.Elem().Underlying().(*types.Basic); ok && b.Kind() == types.Byte {
			return false
		}
		return g.supportedType(u.Elem(), depth+1)
	case *types.Array:
		return g.supportedType(u.Elem(), depth+1)
	case *types.Map:
		k, ok := u.Key().(*types.Basic)
		return ok && k.Kind() == types.String && g.supportedType(u.Elem(), depth+1)
	case *types.Interface:
		return u.Empty()
	}
	return false
}

func (g *gen) typeString(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string {
		if p == g.pkg {
			return ""
		}
		g.imports[p.Path()] = p.Name()
		return p.Name()
	})
}

func (g *gen) tmp(prefix string) string {
	g.vars++
	return prefix + strconv.Itoa(g.vars)
}
