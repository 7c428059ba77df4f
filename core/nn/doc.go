// Package nn is Unroll's numeric engine: recurrent layers (SimpleRNN, LSTM,
// GRU) and a Dense head with Keras's semantics and weight layout, a forward
// trace of every value at every step, the unrolled graph as data, and
// backpropagation through time.
//
// # Notation
//
// The lecture's symbols: x_t is the input at step t, s_t (Keras's h_t) the
// hidden state, o_t the output; U maps input to hidden (Keras kernel), W
// hidden to hidden (recurrent_kernel), V hidden to output (the Dense kernel),
// b is a bias. Vectors are rows, as in Keras: x_t U is (1, inputs)·(inputs,
// g·units). f is the layer's activation (tanh unless configured), σ its
// recurrent activation (sigmoid, or hard_sigmoid clip(0.2x + 0.5, 0, 1)),
// ⊙ the element-wise product, and s_0 = c_0 = 0.
//
// SimpleRNN (g = 1):
//
//	s_t = f(x_t U + s_{t-1} W + b)
//
// LSTM (g = 4; column blocks i, f, g, o, which Keras calls i, f, c, o):
//
//	i_t = σ(x_t U_i + s_{t-1} W_i + b_i)        input gate
//	f_t = σ(x_t U_f + s_{t-1} W_f + b_f)        forget gate
//	g_t = f(x_t U_g + s_{t-1} W_g + b_g)        candidate
//	o_t = σ(x_t U_o + s_{t-1} W_o + b_o)        output gate
//	c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t
//	s_t = o_t ⊙ f(c_t)
//
// (o_t here is the output gate, as the LSTM literature names it; the trace
// calls it "o" inside the cell, and the model's output is the head's.)
//
// GRU (g = 3; column blocks z, r, n, which Keras calls z, r, h). With
// reset_after = true (Keras's default) the bias has two rows, b_x and b_s:
//
//	z_t = σ(x_t U_z + b_x,z + s_{t-1} W_z + b_s,z)      update gate
//	r_t = σ(x_t U_r + b_x,r + s_{t-1} W_r + b_s,r)      reset gate
//	n_t = f(x_t U_n + b_x,n + r_t ⊙ (s_{t-1} W_n + b_s,n))
//	s_t = z_t ⊙ s_{t-1} + (1 − z_t) ⊙ n_t
//
// and with reset_after = false (one bias b) the candidate is
//
//	n_t = f(x_t U_n + (r_t ⊙ s_{t-1}) W_n + b_n).
//
// Dense head, on the last layer's s_t at every step (return_sequences) or on
// s_T only:
//
//	o_t = f_o(s_t V + c)          (f_o linear unless configured)
//
// A layer has Keras's g × (n × (n + i) + n) weights for n units and i inputs
// (a GRU with reset_after adds g × n for its second bias row).
//
// # Using it
//
// NewModel builds a model from layer configurations, Init sets Keras's
// initial weights from a seed, Trace returns one sequence's every value,
// Graph the unrolled network of a trace, Predict the outputs of a batch, and
// Gradient the loss and every weight's gradient with ‖∂L/∂s_t‖ per step. A
// training loop makes one Workspace and calls its Gradient per mini-batch:
// the workspace computes the whole batch with matrix products and allocates
// nothing per call.
//
// Invalid data (NaN or infinite values, wrong shapes, empty sequences, unknown
// names, sizes out of range) is reported as an error; a panic means a
// programming error.
package nn

//go:generate go run unroll/cmd/genjson
