package nn

// NewSeeded builds the model the page and `unroll trace --seed` show: one
// recurrent layer of the given cell with Keras defaults (tanh, sigmoid gates,
// GRU reset_after true, no return_sequences), a Dense(1) linear head, and
// Keras initialisation from seed. The same arguments give the same weights
// everywhere.
func NewSeeded(cell Cell, units, inputs int, seed uint64) (*Model, error) {
	m, err := NewModel([]LayerConfig{{
		Cell:       cell,
		Units:      units,
		Inputs:     inputs,
		ResetAfter: cell == GRU,
	}}, DenseConfig{Outputs: 1})
	if err != nil {
		return nil, err
	}
	m.Init(seed)
	return m, nil
}
