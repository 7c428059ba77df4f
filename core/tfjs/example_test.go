package tfjs_test

import (
	"fmt"

	"unroll/core/tfjs"
)

// A model saved by TF.js's model.save (or made by tensorflowjs_converter from a Keras model)
// loads from its directory; the result is an ordinary nn.Model.
func ExampleLoadFiles() {
	m, info, err := tfjs.LoadFiles("../../testdata/tfjs/gru")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range info.Layers {
		fmt.Printf("%s %s → %s\n", l.Class, l.Name, l.Role)
	}
	r := m.Layers[0]
	fmt.Printf("%s(%d) on %d steps of %d input(s), reset_after=%v, %d parameters\n",
		r.Cell, r.Units, info.Steps, r.Inputs, r.ResetAfter, m.ParamCount())
	// Output:
	// GRU gru_GRU1 → recurrent
	// Dropout dropout_Dropout1 → identity
	// Dense dense_Dense2 → dense
	// GRU(4) on 5 steps of 2 input(s), reset_after=false, 89 parameters
}
