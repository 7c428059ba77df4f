package msg

import (
	"strconv"
	"unicode/utf8"
)

// integer formats an integer operand (u holds a signed value's bits when
// signed) for %v, %d, %x, %X, %c, %q and %U, as fmt does.
func (p *printer) integer(u uint64, signed bool, verb rune, s spec, arg any) {
	r := rune(u) // for %c and %q
	if u > utf8.MaxRune {
		r = utf8.RuneError
	}
	switch verb {
	case 'v', 'd':
		p.digits(u, signed, 10, s)
	case 'x', 'X':
		start := len(p.buf)
		p.digits(u, signed, 16, s)
		if verb == 'X' {
			p.upper(start)
		}
	case 'c':
		p.pad(string(r), s.noZero())
	case 'q':
		if s.plus {
			p.pad(strconv.QuoteRuneToASCII(r), s.noZero())
		} else {
			p.pad(strconv.QuoteRune(r), s.noZero())
		}
	case 'U':
		prec := 4
		if s.precOK && s.prec > prec {
			prec = s.prec
		}
		start := len(p.buf)
		p.pad("U+"+zeroPad(strconv.FormatUint(u, 16), prec), s.noZero())
		p.upper(start)
	default:
		p.badVerb(verb, arg)
	}
}

// upper turns the hex digits a-f at and after p.buf[from] upper case.
func (p *printer) upper(from int) {
	for k := from; k < len(p.buf); k++ {
		if c := p.buf[k]; 'a' <= c && c <= 'f' {
			p.buf[k] = c - ('a' - 'A')
		}
	}
}

// zeroPad is num with zeros in front to make it at least n bytes long.
func zeroPad(num string, n int) string {
	if n <= len(num) {
		return num
	}
	b := make([]byte, n-len(num), n)
	for k := range b {
		b[k] = '0'
	}
	return string(append(b, num...))
}

// noZero is s without zero padding.
func (s spec) noZero() spec {
	s.zero = false
	return s
}

// digits writes u in base 10 or 16 with fmt's sign, precision (least
// number of digits) and zero padding.
func (p *printer) digits(u uint64, signed bool, base int, s spec) {
	negative := signed && int64(u) < 0
	if negative {
		u = -u
	}
	prec := 0
	if s.precOK {
		prec = s.prec
		if prec == 0 && u == 0 {
			p.fill(s.wid, s.noZero())
			return
		}
	} else if s.zero && !s.minus && s.widOK {
		prec = s.wid
		if negative || s.plus {
			prec--
		}
	}
	num := zeroPad(strconv.FormatUint(u, base), prec)
	switch {
	case negative:
		num = "-" + num
	case s.plus:
		num = "+" + num
	}
	p.pad(num, s.noZero())
}

// float formats a float operand of size 32 or 64 bits for %v (strconv's
// shortest 'g'), %g, %G, %e, %E, %f and %F (precision 6 unless given), as fmt
// does, +Inf, -Inf and NaN included.
func (p *printer) float(v float64, size int, verb rune, s spec, arg any) {
	prec := -1
	switch verb {
	case 'v':
		verb = 'g'
	case 'g', 'G':
	case 'e', 'E', 'f':
		prec = 6
	case 'F':
		verb, prec = 'f', 6
	default:
		p.badVerb(verb, arg)
		return
	}
	if s.precOK {
		prec = s.prec
	}
	num := strconv.FormatFloat(v, byte(verb), prec, size)
	if num[0] != '-' && num[0] != '+' {
		num = "+" + num
	}
	if num[1] == 'I' || num[1] == 'N' { // infinities and NaN are not zero padded
		if num[1] == 'N' && !s.plus {
			num = num[1:]
		}
		p.pad(num, s.noZero())
		return
	}
	if !s.plus && num[0] == '+' {
		num = num[1:]
	} else if s.zero && !s.minus && s.widOK && s.wid > len(num) {
		p.write(num[:1]) // the sign before the zeros
		s.wid--
		num = num[1:]
	}
	p.pad(num, s)
}
