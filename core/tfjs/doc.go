// Package tfjs imports a TensorFlow.js Layers model into an nn.Model.
//
// The format is what TF.js's model.save writes and what tensorflowjs_converter makes from a Keras
// model: a model.json holding the Keras model configuration ("modelTopology") and a weights manifest
// ("weightsManifest": groups of binary shard paths and, in order, the name, shape and dtype of every
// weight they hold), plus the binary shards themselves (little-endian float32, or the converter's
// uint8/uint16 affine and float16 quantizations).
//
// Unroll's model is recurrent layers followed by one Dense layer, so the configuration must be a
// Sequential model, or a functional model whose layers form a single chain, made of:
//
//   - InputLayer (its batch shape gives the number of steps, when fixed);
//   - SimpleRNN, LSTM and GRU (reset_after true or false), stacked, each but the last returning
//     sequences;
//   - one Dense layer (or TimeDistributed(Dense)), optionally followed by an Activation layer; a
//     softmax there (Dense(V, activation="softmax"), a next-character model's head) leaves the
//     imported head linear, its outputs the logits, and says so in Info.Softmax;
//   - layers that are the identity when predicting (Dropout, SpatialDropout1D, GaussianNoise,
//     GaussianDropout, AlphaDropout, ActivityRegularization).
//
// A model whose one-hot inputs stand for characters may name them in model.json's
// userDefinedMetadata.vocab (Info.Vocab).
//
// Anything else (Conv1D, Bidirectional, Embedding, Masking, go_backwards, return_state, ...) is
// reported by name, as are weights whose shapes disagree with the configuration and shards that are
// missing or of the wrong length. Errors wrap the sentinel errors below so a caller can tell the
// kinds apart with errors.Is.
package tfjs

//go:generate go run unroll/cmd/genjson
