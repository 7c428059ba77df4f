package lecture

import (
	"math"
	"strings"
	"testing"

	"unroll/core/nn"
)

func TestSeqInput(t *testing.T) {
	text := "0.1, 0.5"
	rows, err := SeqInput(&text, nil, 1, Page)
	if err != nil || len(rows) != 2 || rows[1][0] != 0.5 {
		t.Fatalf("text: %v, %v", rows, err)
	}
	if rows, err = SeqInput(nil, [][]float64{{1, 2}}, 2, Page); err != nil || len(rows) != 1 {
		t.Fatalf("values: %v, %v", rows, err)
	}
	if _, err = SeqInput(&text, [][]float64{{1}}, 1, Page); code(err) != CodeBadRequest {
		t.Errorf("text and values: %v, want %s", err, CodeBadRequest)
	}
	if _, err = SeqInput(nil, [][]float64{{1}}, 2, Page); code(err) != CodeInputMismatch {
		t.Errorf("one value for two inputs: %v, want %s", err, CodeInputMismatch)
	}
}

func TestSineInput(t *testing.T) {
	rows, p, err := SineInput(0, 7, 1, Page)
	if err != nil || p != 10 || len(rows) != 7 {
		t.Fatalf("default period: %d rows, period %v, %v", len(rows), p, err)
	}
	if _, _, err = SineInput(1, 7, 1, Page); code(err) != CodeBadRequest {
		t.Errorf("period 1: %v, want %s", err, CodeBadRequest)
	}
	if _, _, err = SineInput(10, 7, 3, Page); code(err) != CodeInputMismatch {
		t.Errorf("three inputs: %v, want %s", err, CodeInputMismatch)
	}
}

// TestGradientNorms: per step, nn's InputGradNorms, StateGradNorms and, for
// LSTM, CellGradNorms for a batch of one; none for another cell's c.
func TestGradientNorms(t *testing.T) {
	for _, cell := range []string{"rnn", "lstm", "gru"} {
		m, err := NewModel(cell, 3, 1, 5, Page.Units, Page)
		if err != nil {
			t.Fatal(err)
		}
		x := Sine(6, 10)
		got, err := GradientNorms(m, x, 0.4)
		if err != nil {
			t.Fatal(err)
		}
		g, err := m.Gradient(nn.Batch{X: [][][]float64{x}, Y: [][][]float64{{{0.4}}}}, nn.MSE)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name      string
			got, want []float64
		}{{"dx", got.GradInputNorms, g.InputGradNorms}, {"ds", got.GradNorms, g.StateGradNorms[0]}, {"dc", got.GradCellNorms, g.CellGradNorms[0]}} {
			if c.name == "dc" && cell != "lstm" {
				if c.got != nil {
					t.Errorf("%s: %s = %v, want none", cell, c.name, c.got)
				}
				continue
			}
			if len(c.got) != len(x) {
				t.Fatalf("%s %s: %d norms, want %d", cell, c.name, len(c.got), len(x))
			}
			for k, v := range c.got {
				if math.IsNaN(v) || v < 0 || v != c.want[k] {
					t.Errorf("%s %s %d = %v, nn says %v", cell, c.name, k, v, c.want[k])
				}
			}
		}
	}
	m, err := NewModel("rnn", 3, 1, 5, Page.Units, Page)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := GradientNorms(m, nil, 0); got.GradNorms != nil || got.GradInputNorms != nil || err != nil {
		t.Errorf("empty window: %v, %v", got, err)
	}
}

func TestParseRows(t *testing.T) {
	rows, err := ParseRows("0.1,0.2; 0.3 0.4；－0.5，６;", 2, Page)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float64{{0.1, 0.2}, {0.3, 0.4}, {-0.5, 6}}
	if len(rows) != len(want) {
		t.Fatalf("%v, want %v", rows, want)
	}
	for k := range want {
		if rows[k][0] != want[k][0] || rows[k][1] != want[k][1] {
			t.Errorf("row %d: %v, want %v", k+1, rows[k], want[k])
		}
	}
	// One input: every number is a step, whatever separates them.
	if rows, err = ParseRows("0.1,0.2;0.3", 1, Page); err != nil || len(rows) != 3 || rows[2][0] != 0.3 {
		t.Errorf("one input: %v, %v", rows, err)
	}
	for _, tc := range []struct {
		text   string
		inputs int
		code   string
		detail map[string]any
	}{
		{"0.1,0.2;0.3,0.4,0.5", 2, CodeInputMismatch, map[string]any{"index": 2, "have": 3, "want": 2}},
		{"0.1,0.2,0.3,0.4", 2, CodeInputMismatch, map[string]any{"index": 1, "have": 4, "want": 2}},
		{"0.1;0.2", 3, CodeInputMismatch, map[string]any{"index": 1, "have": 1, "want": 3}},
		{" ; ;", 2, CodeSeqEmpty, nil},
		{"0.1,x", 2, CodeSeqNotNumber, map[string]any{"index": 2}},
		{"0.1,0.2;0.3,NaN", 2, CodeSeqNotNumber, map[string]any{"index": 4}},
		{"0.1,1e9", 2, CodeSeqNotFinite, map[string]any{"index": 2}},
	} {
		_, err := ParseRows(tc.text, tc.inputs, Page)
		if code(err) != tc.code {
			t.Errorf("%q, %d inputs: %v, want %s", tc.text, tc.inputs, err, tc.code)
			continue
		}
		for k, v := range tc.detail {
			if got := err.(*Error).Detail[k]; got != v {
				t.Errorf("%q: detail %s = %v, want %v (%v)", tc.text, k, got, v, err)
			}
		}
	}
	long := strings.Repeat("1,2;", Page.SeqSteps+1)
	if _, err := ParseRows(long, 2, Page); code(err) != CodeSeqTooLong {
		t.Errorf("%d rows: %v, want %s", Page.SeqSteps+1, err, CodeSeqTooLong)
	}
}

func TestParseTokens(t *testing.T) {
	rows, err := ParseTokens("2, 0 １", 3, Page)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float64{{0, 0, 1}, {1, 0, 0}, {0, 1, 0}}
	for k := range want {
		for j := range want[k] {
			if rows[k][j] != want[k][j] {
				t.Fatalf("%v, want %v", rows, want)
			}
		}
	}
	for _, tc := range []struct {
		text   string
		inputs int
		code   string
	}{
		{"0", 1, CodeInputMismatch},
		{"", 3, CodeSeqEmpty},
		{"0,3", 3, CodeTokenRange},
		{"0,-1", 3, CodeTokenRange},
		{"0,1.5", 3, CodeSeqNotNumber},
		{"a", 3, CodeSeqNotNumber},
	} {
		if _, err := ParseTokens(tc.text, tc.inputs, Page); code(err) != tc.code {
			t.Errorf("%q, %d inputs: %v, want %s", tc.text, tc.inputs, err, tc.code)
		}
	}
	_, err = ParseTokens("1,7", 5, Page)
	if d := err.(*Error).Detail; d["index"] != 2 || d["max"] != 4 {
		t.Errorf("detail %v, want index 2 and max 4", d)
	}
}
