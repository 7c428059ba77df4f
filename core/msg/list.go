package msg

// list writes a slice's elements as fmt does: [e0 e1 ...].
func (p *printer) list(v []any, verb rune, s spec) {
	p.write("[")
	for k, e := range v {
		if k > 0 {
			p.write(" ")
		}
		p.elem(e, verb, s)
	}
	p.write("]")
}

// boxed is v's elements as operands.
func boxed[T any](v []T) []any {
	a := make([]any, len(v))
	for k, e := range v {
		a[k] = e
	}
	return a
}

// stringMap writes m as fmt writes a map, keys sorted: map[a:1 b:2].
func (p *printer) stringMap(m map[string]any, verb rune, s spec) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for k := 1; k < len(keys); k++ { // insertion sort: decoded objects are small
		for j := k; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	p.write("map[")
	for k, key := range keys {
		if k > 0 {
			p.write(" ")
		}
		p.str(key, verb, s, key)
		p.write(":")
		p.elem(m[key], verb, s)
	}
	p.write("]")
}

// elem writes an element of a []any or map[string]any: a nil element is
// <nil> whatever the verb, as in fmt.
func (p *printer) elem(v any, verb rune, s spec) {
	if v == nil {
		p.write("<nil>")
		return
	}
	p.arg(v, verb, s)
}
