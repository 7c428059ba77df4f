package lecture

import (
	"math"
	"strconv"
	"strings"
)

// isDecimal reports whether s is a plain decimal number as a person types it,
// [+-]digits[.digits][e[+-]digits] (or .5): no hex, no "inf", no "nan", no
// digit separators, which strconv.ParseFloat would otherwise accept.
func isDecimal(s string) bool {
	k := 0
	if k < len(s) && (s[k] == '+' || s[k] == '-') {
		k++
	}
	digits := 0
	for ; k < len(s) && s[k] >= '0' && s[k] <= '9'; k++ {
		digits++
	}
	if k < len(s) && s[k] == '.' {
		k++
		for ; k < len(s) && s[k] >= '0' && s[k] <= '9'; k++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if k < len(s) && (s[k] == 'e' || s[k] == 'E') {
		k++
		if k < len(s) && (s[k] == '+' || s[k] == '-') {
			k++
		}
		exp := 0
		for ; k < len(s) && s[k] >= '0' && s[k] <= '9'; k++ {
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return k == len(s)
}

// halfWidth maps the full-width forms of what a number is written with (digits
// ０–９, sign ＋ －, point ．, exponent ｅ Ｅ) and the minus sign − to ASCII, as a
// Chinese input method types them; every other rune is kept.
func halfWidth(r rune) rune {
	switch {
	case r >= '０' && r <= '９':
		return '0' + (r - '０')
	case r == '＋':
		return '+'
	case r == '－', r == '−':
		return '-'
	case r == '．':
		return '.'
	case r == 'ｅ':
		return 'e'
	case r == 'Ｅ':
		return 'E'
	}
	return r
}

// ParseSeq reads a typed sequence of numbers separated by commas (ASCII or
// full-width), semicolons or white space: one number per time step, at most
// lim.SeqSteps, each within ±lim.SeqMagnitude. Numbers may be typed in
// full-width forms (５, －０．５; halfWidth). It reports an *Error with code
// seq_empty, seq_not_number, seq_not_finite or seq_too_long, and detail
// fields the page's message names.
func ParseSeq(text string, lim Limits) ([][]float64, error) {
	fields := strings.FieldsFunc(text, func(r rune) bool {
		switch r {
		case ',', '，', ';', '；', '、', ' ', '\t', '\n', '\r', '\u3000':
			return true
		}
		return false
	})
	if len(fields) == 0 {
		return nil, NewError(CodeSeqEmpty, "Type at least one number, for example 0.1, 0.5, -0.2.",
			"請至少輸入一個數字，例如 0.1, 0.5, -0.2。", nil)
	}
	if len(fields) > lim.SeqSteps {
		return nil, tooLong(len(fields), lim)
	}
	rows := make([][]float64, len(fields))
	flat := make([]float64, len(fields))
	for k, f := range fields {
		v, err := parseEntry(f, k+1, lim)
		if err != nil {
			return nil, err
		}
		flat[k] = v
		rows[k] = flat[k : k+1 : k+1]
	}
	return rows, nil
}

// parseEntry reads entry number k of a typed sequence, f: a decimal number
// (full-width forms allowed) within ±lim.SeqMagnitude.
func parseEntry(f string, k int, lim Limits) (float64, error) {
	detail := map[string]any{"index": k, "token": Clip(f, 24)}
	num := strings.Map(halfWidth, f)
	if !isDecimal(num) {
		return 0, NewError(CodeSeqNotNumber,
			"Entry "+strconv.Itoa(k)+" (“"+Clip(f, 24)+"”) is not a number.",
			"第 "+strconv.Itoa(k)+" 個值（「"+Clip(f, 24)+"」）不是數字。", detail)
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) || math.Abs(v) > lim.SeqMagnitude {
		detail["max"] = lim.SeqMagnitude
		return 0, NewError(CodeSeqNotFinite,
			"Entry "+strconv.Itoa(k)+" is too large (the limit is ±"+thousands(lim.SeqMagnitude)+").",
			"第 "+strconv.Itoa(k)+" 個值太大（上限為 ±"+thousands(lim.SeqMagnitude)+"）。", detail)
	}
	return v, nil
}

func tooLong(n int, lim Limits) *Error {
	return NewError(CodeSeqTooLong,
		"The sequence has "+strconv.Itoa(n)+" steps; at most "+strconv.Itoa(lim.SeqSteps)+" are allowed.",
		"序列有 "+strconv.Itoa(n)+" 個時間步，最多只能有 "+strconv.Itoa(lim.SeqSteps)+" 個。",
		map[string]any{"count": n, "max": lim.SeqSteps})
}

// CheckSeq validates a sequence given as numbers: [T][inputs], 1 ≤ T ≤
// lim.SeqSteps, every row inputs wide, every value finite and within
// ±lim.SeqMagnitude.
func CheckSeq(rows [][]float64, inputs int, lim Limits) error {
	if len(rows) == 0 {
		return NewError(CodeSeqEmpty, "The sequence is empty.", "序列是空的。", nil)
	}
	if len(rows) > lim.SeqSteps {
		return tooLong(len(rows), lim)
	}
	for k, row := range rows {
		if len(row) != inputs {
			return NewError(CodeInputMismatch,
				"Step "+strconv.Itoa(k+1)+" has "+strconv.Itoa(len(row))+" values; the model takes "+strconv.Itoa(inputs)+".",
				"第 "+strconv.Itoa(k+1)+" 個時間步有 "+strconv.Itoa(len(row))+" 個值，模型的輸入大小是 "+strconv.Itoa(inputs)+"。",
				map[string]any{"index": k + 1, "have": len(row), "want": inputs})
		}
		for _, v := range row {
			if math.IsInf(v, 0) || math.IsNaN(v) || math.Abs(v) > lim.SeqMagnitude {
				return NewError(CodeSeqNotFinite,
					"Step "+strconv.Itoa(k+1)+" holds a value that is not a finite number within ±"+thousands(lim.SeqMagnitude)+".",
					"第 "+strconv.Itoa(k+1)+" 個時間步的值不是 ±"+thousands(lim.SeqMagnitude)+" 以內的有限數字。",
					map[string]any{"index": k + 1, "max": lim.SeqMagnitude})
			}
		}
	}
	return nil
}

// thousands writes a whole number with comma separators: 1,000,000.
func thousands(v float64) string {
	s := strconv.FormatFloat(math.Trunc(v), 'f', 0, 64)
	for k := len(s) - 3; k > 0; k -= 3 {
		s = s[:k] + "," + s[k:]
	}
	return s
}

// Sine returns steps values sin(2π(t−1)/period), t = 1…steps, as [T][1].
func Sine(steps int, period float64) [][]float64 {
	rows := make([][]float64, steps)
	for k := range rows {
		rows[k] = []float64{math.Sin(2 * math.Pi * float64(k) / period)}
	}
	return rows
}
