package msg

import (
	"strconv"
	"unicode/utf8"
)

// integer formats an integer operand (u holds a signed value's bits when
// signed) for %v, %d, %x, %X, %c, %q and %U, as fmt does.
func (p *printer) integer(u uint64, signed bool, verb rune, s spec, arg any) {
	switch verb {
	case 'v', 'd':
		p.digits(u, signed, 10, false, s)
	case 'x':
		p.digits(u, signed, 16, false, s)
	case 'X':
		p.digits(u, signed, 16, true, s)
	case 'c', 'q':
		r := rune(u)
		if u > utf8.MaxRune {
			r = utf8.RuneError
		}
		switch {
		case verb == 'c':
			p.pad(utf8.AppendRune(nil, r), s.noZero())
		case s.plus:
			p.pad(strconv.AppendQuoteRuneToASCII(nil, r), s.noZero())
		default:
			p.pad(strconv.AppendQuoteRune(nil, r), s.noZero())
		}
	case 'U':
		hex := []byte(strconv.FormatUint(u, 16))
		prec := 4
		if s.precOK && s.prec > prec {
			prec = s.prec
		}
		b := []byte("U+")
		for k := len(hex); k < prec; k++ {
			b = append(b, '0')
		}
		for _, c := range hex {
			if 'a' <= c && c <= 'f' {
				c -= 'a' - 'A'
			}
			b = append(b, c)
		}
		p.pad(b, s.noZero())
	default:
		p.badVerb(verb, arg)
	}
}

// noZero is s without zero padding.
func (s spec) noZero() spec {
	s.zero = false
	return s
}

// digits writes u in base 10 or 16 with fmt's sign, precision (least
// number of digits) and zero padding.
func (p *printer) digits(u uint64, signed bool, base int, upper bool, s spec) {
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
	num := []byte(strconv.FormatUint(u, base))
	if upper {
		for k, c := range num {
			if 'a' <= c && c <= 'f' {
				num[k] = c - ('a' - 'A')
			}
		}
	}
	var b []byte
	switch {
	case negative:
		b = append(b, '-')
	case s.plus:
		b = append(b, '+')
	}
	for k := len(num); k < prec; k++ {
		b = append(b, '0')
	}
	p.pad(append(b, num...), s.noZero())
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
	num := strconv.AppendFloat([]byte{'+'}, v, byte(verb), prec, size)
	if num[1] == '-' || num[1] == '+' {
		num = num[1:]
	}
	if num[1] == 'I' || num[1] == 'N' { // infinities and NaN are not zero padded
		if num[1] == 'N' && !s.plus {
			num = num[1:]
		}
		p.pad(num, s.noZero())
		return
	}
	if s.plus || num[0] != '+' {
		if s.zero && !s.minus && s.widOK && s.wid > len(num) {
			p.buf = append(p.buf, num[0])
			p.fill(s.wid-len(num), s)
			p.buf = append(p.buf, num[1:]...)
			return
		}
		p.pad(num, s)
		return
	}
	p.pad(num[1:], s)
}
