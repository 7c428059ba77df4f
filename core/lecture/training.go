package lecture

import "unroll/core/train"

// Training is a train.Loop driven a chunk of mini-batches at a time, as the
// page's worker drives it, or to the end in one call, as `unroll train` does;
// the two give the same model, bit for bit. Job (prices) and TextJob
// (characters) embed it.
type Training struct {
	Loop   *train.Loop
	failed *Error // the error that ended the loop
}

// Step runs up to n more mini-batches of the training and returns the epochs
// finished during the call. A loss that diverged, or any other failure, ends
// the training: Step returns that *Error again on every later call.
func (r *Training) Step(n int) ([]EpochRecord, error) {
	if r.failed != nil {
		return nil, r.failed
	}
	ends, err := r.Loop.Step(n)
	if err != nil {
		r.failed = loopError(err)
		return nil, r.failed
	}
	return EpochRecords(ends), nil
}

// Failed is the error that ended the training, or nil.
func (r *Training) Failed() error {
	if r.failed == nil {
		return nil
	}
	return r.failed
}

// Over reports whether the training has ended: finished, stopped or failed.
func (r *Training) Over() bool { return r.Loop.Done() || r.failed != nil }

// State is where the training is, with ends the epochs finished by the
// last call.
func (r *Training) State(ends []EpochRecord) RunState {
	h := r.Loop.History()
	if ends == nil {
		ends = []EpochRecord{}
	}
	return RunState{Progress: progress(r.Loop), EpochEnds: ends, History: EpochRecords(h.Epochs),
		Done: r.Over(), Stopped: h.Stopped}
}

// Stop ends the training where it is and reports whether the model took a
// step (then it is worth keeping).
func (r *Training) Stop() bool {
	r.Loop.Stop()
	return r.Loop.History().Steps > 0
}

// Trainer is a training run a chunk of mini-batches at a time, as the page's
// worker runs it: Job (prices) and TextJob (characters).
type Trainer interface {
	Step(n int) ([]EpochRecord, error)
	Failed() error
	Over() bool
	State(ends []EpochRecord) RunState
	Stop() bool
}

var (
	_ Trainer = (*Job)(nil)
	_ Trainer = (*TextJob)(nil)
)
