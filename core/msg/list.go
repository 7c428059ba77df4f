package msg

import "slices"

// list writes n elements as fmt writes a slice: [e0 e1 ...].
func (p *printer) list(n int, elem func(k int)) {
	p.buf = append(p.buf, '[')
	for k := 0; k < n; k++ {
		if k > 0 {
			p.buf = append(p.buf, ' ')
		}
		elem(k)
	}
	p.buf = append(p.buf, ']')
}

// stringMap writes m as fmt writes a map, keys sorted: map[a:1 b:2].
func (p *printer) stringMap(m map[string]any, verb rune, s spec) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	p.buf = append(p.buf, "map["...)
	for k, key := range keys {
		if k > 0 {
			p.buf = append(p.buf, ' ')
		}
		p.str(key, verb, s, key)
		p.buf = append(p.buf, ':')
		p.elem(m[key], verb, s)
	}
	p.buf = append(p.buf, ']')
}

// elem writes an element of a []any or map[string]any: a nil element is
// <nil> whatever the verb, as in fmt.
func (p *printer) elem(v any, verb rune, s spec) {
	if v == nil {
		p.buf = append(p.buf, "<nil>"...)
		return
	}
	p.arg(v, verb, s)
}
