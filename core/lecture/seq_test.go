package lecture

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestParseSeq(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []float64
		code string
	}{
		{"commas", "0.1,0.5,-0.2", []float64{0.1, 0.5, -0.2}, ""},
		{"spaces and signs", " +1  -2.5e-1\t3 ", []float64{1, -0.25, 3}, ""},
		{"full-width comma", "1，2、3；4", []float64{1, 2, 3, 4}, ""},
		{"leading dot", ".5,-.5", []float64{0.5, -0.5}, ""},
		{"full-width digits", "５，－０．５，１２", []float64{5, -0.5, 12}, ""},
		{"full-width sign and exponent", "＋１ｅ－２　２Ｅ３", []float64{0.01, 2000}, ""},
		{"full-width and ASCII mixed", "1，２.5, －3", []float64{1, 2.5, -3}, ""},
		{"minus sign", "−0.25", []float64{-0.25}, ""},
		{"full-width letters", "１，ａｂｃ", nil, CodeSeqNotNumber},
		{"full-width two points", "１．２．３", nil, CodeSeqNotNumber},
		{"ideographic full stop", "１。５", nil, CodeSeqNotNumber},
		{"full-width too large", "２ｅ６", nil, CodeSeqNotFinite},
		{"empty", "", nil, CodeSeqEmpty},
		{"only separators", " , ,, ", nil, CodeSeqEmpty},
		{"letters", "0.1,abc,0.3", nil, CodeSeqNotNumber},
		{"nan", "nan", nil, CodeSeqNotNumber},
		{"inf", "1,Inf", nil, CodeSeqNotNumber},
		{"hex", "0x10", nil, CodeSeqNotNumber},
		{"underscore", "1_000", nil, CodeSeqNotNumber},
		{"overflow", "1e400", nil, CodeSeqNotFinite},
		{"too large", "2e6", nil, CodeSeqNotFinite},
		{"too long", strings.Repeat("1,", Page.SeqSteps+1), nil, CodeSeqTooLong},
		{"trailing dot", "1.,2", []float64{1, 2}, ""},
		{"exponent without digits", "1e", nil, CodeSeqNotNumber},
		{"lone sign", "-", nil, CodeSeqNotNumber},
		{"lone dot", ".", nil, CodeSeqNotNumber},
		{"two dots", "1.2.3", nil, CodeSeqNotNumber},
		{"longest allowed", strings.Repeat("1,", Page.SeqSteps), nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := ParseSeq(tc.text, Page)
			if tc.code != "" {
				var e *Error
				if !errors.As(err, &e) || e.Code != tc.code {
					t.Fatalf("ParseSeq(%q) error = %v, want code %s", tc.text, err, tc.code)
				}
				if e.Message == "" || e.MessageZh == "" {
					t.Errorf("error %s lacks a message in both languages: %+v", e.Code, e)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseSeq(%q): %v", tc.text, err)
			}
			if tc.want == nil {
				return
			}
			if len(rows) != len(tc.want) {
				t.Fatalf("got %d rows, want %d", len(rows), len(tc.want))
			}
			for k, r := range rows {
				if len(r) != 1 || r[0] != tc.want[k] {
					t.Errorf("row %d = %v, want [%v]", k, r, tc.want[k])
				}
			}
		})
	}
}

func TestParseSeqNamesTheBadEntry(t *testing.T) {
	_, err := ParseSeq("1, 2, x3, 4", Page)
	e := err.(*Error)
	if e.Detail["index"] != 3 || e.Detail["token"] != "x3" {
		t.Errorf("detail = %v, want index 3 and token x3", e.Detail)
	}
}

func TestSine(t *testing.T) {
	rows := Sine(10, 10)
	if len(rows) != 10 || rows[0][0] != 0 {
		t.Fatalf("Sine(10, 10) = %v", rows)
	}
	if d := math.Abs(rows[5][0]); d > 1e-15 {
		t.Errorf("sin(π) = %v, want 0", rows[5][0])
	}
	if rows[2][0] != math.Sin(2*math.Pi*2/10) {
		t.Errorf("rows[2] = %v", rows[2][0])
	}
}

func TestCheckSeq(t *testing.T) {
	tests := []struct {
		name   string
		rows   [][]float64
		inputs int
		code   string
	}{
		{"ok", [][]float64{{1, 2}, {3, 4}}, 2, ""},
		{"empty", nil, 1, CodeSeqEmpty},
		{"too long", make([][]float64, Page.SeqSteps+1), 1, CodeSeqTooLong},
		{"narrow row", [][]float64{{1, 2}, {3}}, 2, CodeInputMismatch},
		{"nan", [][]float64{{math.NaN()}}, 1, CodeSeqNotFinite},
		{"too large", [][]float64{{-2e6}}, 1, CodeSeqNotFinite},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckSeq(tc.rows, tc.inputs, Page)
			var e *Error
			if tc.code == "" && err != nil || tc.code != "" && (!errors.As(err, &e) || e.Code != tc.code) {
				t.Fatalf("CheckSeq = %v, want code %q", err, tc.code)
			}
		})
	}
	if got := thousands(Page.SeqMagnitude); got != "1,000,000" {
		t.Errorf("thousands(%v) = %q", Page.SeqMagnitude, got)
	}
}
