package lecture

import (
	"math"
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
