// Package lecture is the lecture's forecasting workflow in one place, for
// every caller: daily rows → feature rows → windows of TIME_STEPS days → a
// time-ordered train/validation/test split → a min-max scaler fitted on the
// training part only → a seeded model trained by a train.Loop → predictions
// on the test part in NT$ with RMSE and MAE beside the last-value baseline →
// the model file's metadata. `unroll train` runs a Job to its end; the page's
// engine (wasm/bridge) runs the same Job a few batches per message.
//
// It also holds what the workflow shares with the page: the limits of what a
// person may ask for (Page), the split fractions, the feature sets and the
// minimum number of test windows, exported to the page as the generated
// module static/gen/limits.js (Module); the step-through view's price window
// (CutWindow), cut and scaled as training scales it; and the typed sequences
// and sine wave the view also traces (ParseSeq, CheckSeq, Sine).
//
// Beside prices, the lecture's case for order in language: next-character
// models on a text (PrepareText: a vocabulary of its characters, one-hot
// windows with a target at every step, the 90/10 split TextTrainFrac, a
// Dense(V) head trained with softmax cross-entropy, held-out accuracy beside
// the exact bigram baseline; NextChars and Generate read a trained model),
// and the order demo (OrderDemo: 我愛貓 and 貓愛我 have one bag of words, so a
// feed-forward network on it cannot tell them apart).
//
// Errors about the data or settings a person gave are *Error values with a
// stable code and a message in Traditional Chinese and in English.
package lecture

//go:generate go run unroll/cmd/genjson
