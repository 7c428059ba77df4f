// Package train fits a core/nn model to a data set the way Keras's
// model.fit does: mini-batches drawn in an order shuffled from an explicit
// seed (the last, partial batch included), an optimizer with Keras's update
// rules and defaults (SGD with momentum and Nesterov, RMSprop, Adam with
// epsilon 1e-7), optional clipping of the gradient by its global norm, a
// validation loss after every epoch, and callbacks after every batch and epoch
// that can report progress or stop training.
//
// There is one training loop, Loop, which can stop after any mini-batch and
// carry on later: Fit runs it to the end in one call (the command line), and
// a caller that must stay responsive runs it a few batches per Step (the
// page's Web Worker, between its messages). Both give the same weights.
//
// The same model, data, configuration and seed give bit-identical weights on
// every run. Nothing here reads a clock or a global random source; pausing is
// the caller's business (a callback may block, or Step may simply not be
// called for a while).
package train

//go:generate go run unroll/cmd/genjson
