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
// Errors about the data or settings a person gave are *Error values with a
// stable code and a message in Traditional Chinese and in English.
package lecture
