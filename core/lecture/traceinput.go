package lecture

import (
	"strconv"
	"strings"

	"unroll/core/msg"
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

// ParseRows reads a sequence typed as rows for a model of inputs values per
// step: rows (time steps) separated by semicolons, the values of a row by
// commas or white space, "0.1,0.2;0.3,0.4". With one input every number is a
// step, however separated (ParseSeq). A row of another width is an
// input_mismatch *Error naming the row and both widths.
func ParseRows(text string, inputs int, lim Limits) ([][]float64, error) {
	if inputs == 1 {
		return ParseSeq(text, lim)
	}
	var lines []string
	for _, l := range strings.FieldsFunc(text, func(r rune) bool { return r == ';' || r == '；' }) {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return nil, NewError(CodeSeqEmpty,
			"Type at least one row of "+strconv.Itoa(inputs)+" numbers, rows separated by “;”: for example 0.1,0.2;0.3,0.4.",
			"請至少輸入一列 "+strconv.Itoa(inputs)+" 個數字，列與列之間以「;」分隔，例如 0.1,0.2;0.3,0.4。", nil)
	}
	if len(lines) > lim.SeqSteps {
		return nil, tooLong(len(lines), lim)
	}
	rows := make([][]float64, len(lines))
	entry := 0
	for k, l := range lines {
		fields := strings.FieldsFunc(l, valueSep)
		if len(fields) != inputs {
			return nil, NewError(CodeInputMismatch,
				"Row "+strconv.Itoa(k+1)+" has "+count(len(fields), "value")+"; the model reads "+strconv.Itoa(inputs)+" values per step (one row per step, rows separated by “;”).",
				"第 "+strconv.Itoa(k+1)+" 列有 "+strconv.Itoa(len(fields))+" 個值，模型每個時間步讀 "+strconv.Itoa(inputs)+" 個值（每列一個時間步，列與列之間以「;」分隔）。",
				map[string]any{"index": k + 1, "have": len(fields), "want": inputs})
		}
		rows[k] = make([]float64, inputs)
		for j, f := range fields {
			entry++
			v, err := parseEntry(f, entry, lim)
			if err != nil {
				return nil, err
			}
			rows[k][j] = v
		}
	}
	return rows, nil
}

// count writes n things: "1 value", "3 values".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}

// valueSep reports whether r separates two values of a row: a comma (ASCII
// or full-width), 、 or white space.
func valueSep(r rune) bool {
	switch r {
	case ',', '，', '、', ' ', '\t', '\n', '\r', '\u3000':
		return true
	}
	return false
}

// ParseTokens reads one-hot indices "I1,I2,..." (commas or white space
// between them) for a model of inputs values per step: step t's x_t is 1 at
// index I_t (counted from 0, as a vocabulary is) and 0 elsewhere, so U x_t is
// the column of U for that index. It needs inputs > 1; an index outside
// 0..inputs−1 is a token_range *Error naming it.
func ParseTokens(text string, inputs int, lim Limits) ([][]float64, error) {
	if inputs < 2 {
		return nil, NewError(CodeInputMismatch,
			"Tokens are one-hot indices into the model's inputs; this model reads "+count(inputs, "value")+" per step, so give numbers instead.",
			"字元索引是模型輸入的 one-hot 位置；這個模型每個時間步只讀 "+strconv.Itoa(inputs)+" 個值，請改輸入數字。",
			map[string]any{"have": inputs})
	}
	fields := strings.FieldsFunc(text, valueSep)
	if len(fields) == 0 {
		return nil, NewError(CodeSeqEmpty, "Give at least one index, for example 0,2,1.",
			"請至少輸入一個索引，例如 0,2,1。", nil)
	}
	if len(fields) > lim.SeqSteps {
		return nil, tooLong(len(fields), lim)
	}
	rows := make([][]float64, len(fields))
	for k, f := range fields {
		i, err := strconv.Atoi(strings.Map(halfWidth, f))
		detail := map[string]any{"index": k + 1, "token": Clip(f, 24), "max": inputs - 1}
		if err != nil {
			return nil, NewError(CodeSeqNotNumber,
				"Token "+strconv.Itoa(k+1)+" (“"+Clip(f, 24)+"”) is not a whole number.",
				"第 "+strconv.Itoa(k+1)+" 個索引（「"+Clip(f, 24)+"」）不是整數。", detail)
		}
		if i < 0 || i >= inputs {
			return nil, NewError(CodeTokenRange,
				"Token "+strconv.Itoa(k+1)+" is "+strconv.Itoa(i)+"; the model's "+strconv.Itoa(inputs)+" inputs are numbered 0 to "+strconv.Itoa(inputs-1)+".",
				"第 "+strconv.Itoa(k+1)+" 個索引是 "+strconv.Itoa(i)+"；模型的 "+strconv.Itoa(inputs)+" 個輸入編號為 0 到 "+strconv.Itoa(inputs-1)+"。", detail)
		}
		rows[k] = make([]float64, inputs)
		rows[k][i] = 1
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
		msg.Sprintf("This input has one value per step; the model takes %d.", inputs),
		msg.Sprintf("這個輸入每個時間步只有一個值，模型的輸入大小是 %d。", inputs),
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
