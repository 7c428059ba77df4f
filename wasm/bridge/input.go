package bridge

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
// full-width), semicolons or white space: one number per time step. Numbers
// may be typed in full-width forms (５, －０．５; halfWidth). It reports
// an *Error with code seq_empty, seq_not_number, seq_not_finite or
// seq_too_long, and detail fields the page's message names.
func ParseSeq(text string) ([][]float64, error) {
	fields := strings.FieldsFunc(text, func(r rune) bool {
		switch r {
		case ',', '，', ';', '；', '、', ' ', '\t', '\n', '\r', '\u3000':
			return true
		}
		return false
	})
	if len(fields) == 0 {
		return nil, newError(CodeSeqEmpty, "Type at least one number, for example 0.1, 0.5, -0.2.",
			"請至少輸入一個數字，例如 0.1, 0.5, -0.2。", nil)
	}
	if len(fields) > MaxSteps {
		return nil, tooLong(len(fields))
	}
	rows := make([][]float64, len(fields))
	flat := make([]float64, len(fields))
	for k, f := range fields {
		detail := map[string]any{"index": k + 1, "token": clip(f, 24)}
		num := strings.Map(halfWidth, f)
		if !isDecimal(num) {
			return nil, newError(CodeSeqNotNumber,
				"Entry "+strconv.Itoa(k+1)+" (“"+clip(f, 24)+"”) is not a number.",
				"第 "+strconv.Itoa(k+1)+" 個值（「"+clip(f, 24)+"」）不是數字。", detail)
		}
		v, err := strconv.ParseFloat(num, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) || math.Abs(v) > MaxAbsSeq {
			detail["max"] = MaxAbsSeq
			return nil, newError(CodeSeqNotFinite,
				"Entry "+strconv.Itoa(k+1)+" is too large (the limit is ±1,000,000).",
				"第 "+strconv.Itoa(k+1)+" 個值太大（上限為 ±1,000,000）。", detail)
		}
		flat[k] = v
		rows[k] = flat[k : k+1 : k+1]
	}
	return rows, nil
}

func tooLong(n int) *Error {
	return newError(CodeSeqTooLong,
		"The sequence has "+strconv.Itoa(n)+" steps; at most "+strconv.Itoa(MaxSteps)+" are allowed.",
		"序列有 "+strconv.Itoa(n)+" 個時間步，最多只能有 "+strconv.Itoa(MaxSteps)+" 個。",
		map[string]any{"count": n, "max": MaxSteps})
}

// checkValues validates a sequence given as numbers: [T][inputs], 1 ≤ T ≤
// MaxSteps, every row inputs wide, every value finite.
func checkValues(rows [][]float64, inputs int) error {
	if len(rows) == 0 {
		return newError(CodeSeqEmpty, "The sequence is empty.", "序列是空的。", nil)
	}
	if len(rows) > MaxSteps {
		return tooLong(len(rows))
	}
	for k, row := range rows {
		if len(row) != inputs {
			return newError(CodeInputMismatch,
				"Step "+strconv.Itoa(k+1)+" has "+strconv.Itoa(len(row))+" values; the model takes "+strconv.Itoa(inputs)+".",
				"第 "+strconv.Itoa(k+1)+" 個時間步有 "+strconv.Itoa(len(row))+" 個值，模型的輸入大小是 "+strconv.Itoa(inputs)+"。",
				map[string]any{"index": k + 1, "have": len(row), "want": inputs})
		}
		for _, v := range row {
			if math.IsInf(v, 0) || math.IsNaN(v) || math.Abs(v) > MaxAbsSeq {
				return newError(CodeSeqNotFinite,
					"Step "+strconv.Itoa(k+1)+" holds a value that is not a finite number within ±1,000,000.",
					"第 "+strconv.Itoa(k+1)+" 個時間步的值不是 ±1,000,000 以內的有限數字。",
					map[string]any{"index": k + 1, "max": MaxAbsSeq})
			}
		}
	}
	return nil
}

// Sine returns steps values sin(2π(t−1)/period), t = 1…steps, as [T][1].
func Sine(steps int, period float64) [][]float64 {
	rows := make([][]float64, steps)
	for k := range rows {
		rows[k] = []float64{math.Sin(2 * math.Pi * float64(k) / period)}
	}
	return rows
}

// clip shortens s to at most n runes, for quoting it in a message.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
