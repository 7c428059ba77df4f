// Package memory is the long-memory experiment behind the lecture's claim
// that a SimpleRNN forgets what it saw long ago while LSTM's cell state
// keeps it: a task whose answer is the first input, read out after a gap of
// distractors, trained the same way for every cell, with what the trained
// model's gradients and gates say about its memory.
//
// The task: a sequence of L steps over an alphabet of K = 4 symbols. x_1 is
// the one-hot of the answer with a marker input set to 1; x_2 … x_L are
// one-hots of random symbols (the distractors) with the marker 0. After x_L
// the model names the answer (a softmax over the K symbols, cross-entropy
// loss), so chance is 1/K. The sequences depend only on the seed and L, so
// every cell sees the same data; the held-out sequences come from the same
// seed's stream after the training ones.
package memory

//go:generate go run unroll/cmd/genjson
