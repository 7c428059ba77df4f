package nn_test

import (
	"fmt"
	"math"

	"unroll/core/nn"
)

// The lecture's parameter formula g × (n × (n + i) + n).
func ExampleLayerConfig_ParamCount() {
	for _, cell := range []nn.Cell{nn.SimpleRNN, nn.LSTM, nn.GRU} {
		c := nn.LayerConfig{Cell: cell, Units: 50, Inputs: 1, ResetAfter: cell == nn.GRU}
		fmt.Printf("%s: g=%d, %d weights\n", cell, cell.Gates(), c.ParamCount())
	}
	// Output:
	// SimpleRNN: g=1, 2600 weights
	// LSTM: g=4, 10400 weights
	// GRU: g=3, 7950 weights
}

// A one-unit SimpleRNN with hand-set weights: s_t = tanh(x_t U + s_{t-1} W + b).
func ExampleModel_Trace() {
	m, err := nn.NewModel([]nn.LayerConfig{{Cell: nn.SimpleRNN, Units: 1, Inputs: 1}}, nn.DenseConfig{Outputs: 1})
	if err != nil {
		panic(err)
	}
	r := m.Layers[0]
	r.Kernel.Set(0, 0, 0.5)          // U
	r.RecurrentKernel.Set(0, 0, 0.8) // W
	r.Bias[0] = 0.1                  // b
	m.Head.Kernel.Set(0, 0, 2)       // V

	tr, err := m.Trace([][]float64{{1}, {0}, {-1}})
	if err != nil {
		panic(err)
	}
	for _, st := range tr.Layers[0].Steps {
		g := st.Gates[0]
		fmt.Printf("t=%d: tanh(%.2f + %.4f + %.1f) = %.4f\n", st.T, g.UX[0], g.WS[0], g.B[0], st.H[0])
	}
	fmt.Printf("o = s_3 V = %.4f\n", tr.Output[0][0])
	// Output:
	// t=1: tanh(0.50 + 0.0000 + 0.1) = 0.5370
	// t=2: tanh(0.00 + 0.4296 + 0.1) = 0.4851
	// t=3: tanh(-0.50 + 0.3881 + 0.1) = -0.0119
	// o = s_3 V = -0.0238
}

// A training loop: one Workspace and one gradient holder, reused for every
// mini-batch (here plain gradient descent on one batch).
func ExampleWorkspace() {
	m, err := nn.NewModel([]nn.LayerConfig{{Cell: nn.LSTM, Units: 8, Inputs: 1}}, nn.DenseConfig{Outputs: 1})
	if err != nil {
		panic(err)
	}
	m.Init(1)
	// Predict the next value of a sine wave from the last 10.
	var b nn.Batch
	for start := range 16 {
		var x [][]float64
		for t := range 10 {
			x = append(x, []float64{math.Sin(0.3 * float64(start+t))})
		}
		b.X = append(b.X, x)
		b.Y = append(b.Y, [][]float64{{math.Sin(0.3 * float64(start+10))}})
	}
	w := m.NewWorkspace(len(b.X), 10)
	grads := m.ZeroLike()
	var first, last float64
	for epoch := range 300 {
		loss, err := w.Gradient(b, nn.MSE, grads)
		if err != nil {
			panic(err)
		}
		if epoch == 0 {
			first = loss
		}
		last = loss
		params, g := m.Params(), grads.Params()
		for k := range params {
			for j := range params[k].Value {
				params[k].Value[j] -= 0.5 * g[k].Value[j]
			}
		}
	}
	fmt.Println("loss fell tenfold:", last < first/10)
	// Output:
	// loss fell tenfold: true
}

// ‖∂L/∂s_t‖ per step: the gradient reaching early steps of a SimpleRNN is
// smaller than at the last one (the vanishing gradient).
func ExampleModel_Gradient() {
	m, err := nn.NewModel([]nn.LayerConfig{{Cell: nn.SimpleRNN, Units: 16, Inputs: 1}}, nn.DenseConfig{Outputs: 1})
	if err != nil {
		panic(err)
	}
	m.Init(3)
	var x [][]float64
	for t := range 20 {
		x = append(x, []float64{math.Cos(float64(t))})
	}
	res, err := m.Gradient(nn.Batch{X: [][][]float64{x}, Y: [][][]float64{{{1}}}}, nn.MSE)
	if err != nil {
		panic(err)
	}
	norms := res.StateGradNorms[0]
	fmt.Println(len(norms), "steps; first smaller than last:", norms[0] < norms[len(norms)-1])
	// Output:
	// 20 steps; first smaller than last: true
}
