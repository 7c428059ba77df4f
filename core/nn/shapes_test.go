package nn

import (
	"reflect"
	"testing"
)

// ParamShapes gives the shapes Params has after NewModel, for every cell,
// a stack and a GRU with reset_after; and NewModel's errors.
func TestParamShapes(t *testing.T) {
	cases := map[string][]LayerConfig{
		"rnn":       {{Cell: SimpleRNN, Units: 3, Inputs: 2}},
		"lstm":      {{Cell: LSTM, Units: 4, Inputs: 5}},
		"gru":       {{Cell: GRU, Units: 2, Inputs: 1}},
		"gru-after": {{Cell: GRU, Units: 2, Inputs: 3, ResetAfter: true}},
		"stack":     {{Cell: LSTM, Units: 3, Inputs: 2, ReturnSequences: true}, {Cell: GRU, Units: 5, Inputs: 3, ResetAfter: true}},
	}
	for name, layers := range cases {
		t.Run(name, func(t *testing.T) {
			head := DenseConfig{Outputs: 2}
			m, err := NewModel(layers, head)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ParamShapes(layers, head)
			if err != nil {
				t.Fatal(err)
			}
			var want [][]int
			for _, p := range m.Params() {
				want = append(want, p.Shape)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("ParamShapes %v, Params %v", got, want)
			}
		})
	}
	if _, err := ParamShapes([]LayerConfig{{Cell: LSTM, Units: 1_000_000, Inputs: 1}}, DenseConfig{Outputs: 1}); err == nil {
		t.Error("units 10^6 accepted")
	}
}
