package nn

// GradResult is what Gradient returns.
type GradResult struct {
	Loss           float64
	Grads          *Model      // dL/dweight, same shapes as the model
	StateGradNorms [][]float64 // [layer][t] ‖∂L/∂s_t‖ (Frobenius norm over the batch and units); t = 0 is s_1
	InputGradNorms []float64   // [t] ‖∂L/∂x_t‖ (over the batch and inputs); t = 0 is x_1
	CellGradNorms  [][]float64 // [layer][t] ‖∂L/∂c_t‖ of LSTM layers along the cell state, nil for other cells
}

// Gradient computes the loss of a batch and, by backpropagation through time,
// the gradient of every weight, ‖∂L/∂s_t‖ at every step of every layer,
// ‖∂L/∂x_t‖ at every step and, for LSTM layers, ‖∂L/∂c_t‖.
// For repeated calls (training), use a Workspace instead.
func (m *Model) Gradient(b Batch, loss Loss) (*GradResult, error) {
	T := 1
	if len(b.X) > 0 {
		T = len(b.X[0])
	}
	w := m.NewWorkspace(len(b.X), T)
	g := m.ZeroLike()
	l, err := w.Gradient(b, loss, g)
	if err != nil {
		return nil, err
	}
	norms, cnorms := w.StateGradNorms(), w.CellGradNorms()
	for k := range norms {
		norms[k] = append([]float64(nil), norms[k]...)
		if cnorms[k] != nil {
			cnorms[k] = append([]float64(nil), cnorms[k]...)
		}
	}
	return &GradResult{Loss: l, Grads: g, StateGradNorms: norms, InputGradNorms: w.InputGradNorms(), CellGradNorms: cnorms}, nil
}

// Predict runs the model on x [batch][T][inputs] and returns the head's
// outputs o [batch][T'][outputs] (T' = T with return_sequences, else 1).
func (m *Model) Predict(x [][][]float64) ([][][]float64, error) {
	T := 1
	if len(x) > 0 {
		T = len(x[0])
	}
	return m.NewWorkspace(len(x), T).Predict(x)
}
