// Package series prepares a time series for a recurrent network the way the
// lecture does in Keras: a time-ordered train/validation/test split, a min-max
// scaler fitted on the training part only (fitting it on everything would leak
// the future into training), sliding windows of TIME_STEPS inputs that predict
// the next value, error measures (MSE, RMSE, MAE) and the last-value baseline
// (tomorrow's close = today's close). It also one-hot encodes a character
// sequence for the character examples.
//
// Shapes follow core/nn: a window set X is [n][steps][features] and its
// targets Y are [n][1][1].
//
// Bad data (NaN or Inf, ragged rows, a series too short for one window) is
// reported as an error; nothing here panics on data.
package series

//go:generate go run unroll/cmd/genjson
