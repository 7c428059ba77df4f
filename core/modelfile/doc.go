// Package modelfile reads and writes Unroll model files: JSON with the
// weights in Keras layout, the scaler the model was trained with and
// metadata about its training.
//
//	{"format": "unroll-model", "version": 1,
//	 "layers": [
//	   {"type": "LSTM", "units": 50, "input_dim": 1, "activation": "tanh",
//	    "recurrent_activation": "sigmoid", "return_sequences": false,
//	    "weights": {"kernel": [[…]], "recurrent_kernel": [[…]], "bias": […]}},
//	   {"type": "Dense", "units": 1, "input_dim": 50, "activation": "linear",
//	    "weights": {"kernel": [[…]], "bias": […]}}],
//	 "scaler": {"features": ["close"], "min": […], "max": […],
//	            "rows": 1710, "first": "2015-01-05", "last": "2021-12-30"},
//	 "meta": {"stock": "2330", "time_steps": 10, …}}
//
// The scaler's rows, first and last (optional) say which trading days it was
// fitted on: the training part, the first rows days, first to last.
//
// A model that reads text one character at a time carries its vocabulary,
// "vocab": ["a", "b", …], one character per entry in index order (input and
// output k is the k-th character), and its Dense head is written with
// "activation": "softmax", as Keras would build it; in memory the head is
// linear and its outputs are the logits (File.Softmax). Files without a
// vocabulary read as before.
//
// Layer types are Keras's class names (SimpleRNN, LSTM, GRU, Dense). kernel
// is [input_dim][g·units], recurrent_kernel [units][g·units] and bias
// [g·units], with the gate blocks in Keras order (LSTM i, f, c, o; GRU z, r,
// h); a GRU with "reset_after": true (Keras's default) has bias
// [2][3·units]: the input bias, then the recurrent bias. Numbers are written
// by encoding/json, whose shortest round-trip form reads back to the same
// float64, so Encode then Decode is exact.
package modelfile

//go:generate go run unroll/cmd/genjson
