package lecture

import (
	"fmt"

	"unroll/core/nn"
)

// SeqInput reads a typed sequence for a trace: text typed by a person
// (ParseSeq) or rows [T][inputs] given as numbers, one of them, checked for a
// model of inputs values per step (CheckSeq). Its rows are fed unscaled.
func SeqInput(text *string, values [][]float64, inputs int, lim Limits) ([][]float64, error) {
	rows := values
	switch {
	case text != nil && values != nil:
		return nil, BadRequest("give either text or values, not both")
	case text != nil:
		var err error
		if rows, err = ParseSeq(*text, lim); err != nil {
			return nil, err
		}
	}
	if err := CheckSeq(rows, inputs, lim); err != nil {
		return nil, err
	}
	return rows, nil
}

// SineInput is the sine wave of steps values for a trace (Sine), with period
// 10 when period is 0, for a model of inputs values per step. It returns the
// period it used.
func SineInput(period float64, steps, inputs int, lim Limits) ([][]float64, float64, error) {
	p := period
	if p == 0 {
		p = 10
	}
	if !lim.Period.Has(p) {
		return nil, 0, BadRequest("period %v is not in %v..%v", period, lim.Period[0], lim.Period[1])
	}
	if inputs != 1 {
		return nil, 0, Mismatch(inputs)
	}
	return Sine(steps, p), p, nil
}

// Mismatch is the input_mismatch *Error of an input of one value per step
// given to a model of inputs values per step.
func Mismatch(inputs int) *Error {
	return NewError(CodeInputMismatch,
		fmt.Sprintf("This input has one value per step; the model takes %d.", inputs),
		fmt.Sprintf("這個輸入每個時間步只有一個值，模型的輸入大小是 %d。", inputs),
		map[string]any{"have": 1, "want": inputs})
}

// GradFlow is what the loss of one window says of each step t = 1..T
// (index 0 is t = 1): GradInputNorms ‖∂L/∂x_t‖, how much the loss depends
// on the input at step t, a quantity every cell has, so it compares cells;
// GradNorms ‖∂L/∂s_t‖ of the first recurrent layer's hidden state, which for
// an LSTM misses what flows back along its cell state; GradCellNorms
// ‖∂L/∂c_t‖ along that cell state (LSTM only).
type GradFlow struct {
	GradInputNorms []float64 `json:"grad_input_norms,omitempty"`
	GradNorms      []float64 `json:"grad_norms,omitempty"`
	GradCellNorms  []float64 `json:"grad_cell_norms,omitempty"`
}

// GradientNorms backpropagates L = (o_T − y)² for the one window x [T][inputs]
// through model m and returns the norms of GradFlow (nn's InputGradNorms,
// StateGradNorms and CellGradNorms). They are empty when the model does not
// output one value after the last step (return_sequences or several outputs).
func GradientNorms(m *nn.Model, x [][]float64, y float64) (GradFlow, error) {
	if m.ReturnSequences() || m.Outputs() != 1 || len(x) == 0 {
		return GradFlow{}, nil
	}
	g, err := m.Gradient(nn.Batch{X: [][][]float64{x}, Y: [][][]float64{{{y}}}}, nn.MSE)
	if err != nil {
		return GradFlow{}, err
	}
	return GradFlow{GradInputNorms: g.InputGradNorms, GradNorms: g.StateGradNorms[0], GradCellNorms: g.CellGradNorms[0]}, nil
}
