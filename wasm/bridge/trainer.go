package bridge

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"unroll/core/nn"
	"unroll/core/train"
)

// fitShuffleStream is core/train's shuffling stream (the second PCG word
// train.Fit uses), so that a training run in steps visits the samples in the
// order train.Fit would for the same seed. The test TestSteppedTrainingIsFit
// checks the two agree bit for bit.
const fitShuffleStream = 0x7472_6169_6e5f_7368 // "train_sh"

// stepper is train.Fit's loop turned inside out: the same shuffles, batches,
// gradient steps and validation, taken a few mini-batches per call, so that
// the Web Worker can answer messages (pause, stop) between calls. For the same
// model, data, optimizer, batch size and seed it produces exactly the weights
// and losses train.Fit does.
type stepper struct {
	m          *nn.Model
	data       train.Dataset
	val        *train.Dataset // nil: no validation
	loss       nn.Loss
	opt        train.Optimizer
	epochs, bs int
	batches    int

	ws              *nn.Workspace
	grads           *nn.Model
	params, gparams []nn.Param
	order           []int
	rng             *rand.Rand
	xb, yb          [][][]float64

	epoch     int     // 1-based epoch under way; 0 before the first batch
	batch     int     // batches done in the epoch under way
	sum       float64 // Σ batch loss × batch size this epoch
	seen      int     // samples seen this epoch
	lastLoss  float64 // the last batch's loss
	steps     int     // optimizer steps taken
	history   []EpochRecord
	done      bool
	nextEpoch bool // the epoch under way has ended; the next batch starts a new one
}

// newStepper checks the data as train.Fit does and sets up the loop.
func newStepper(m *nn.Model, d train.Dataset, val *train.Dataset, opt train.Optimizer, epochs, batch int, seed uint64) (*stepper, error) {
	if m == nil {
		return nil, errors.New("no model")
	}
	if epochs < 1 {
		return nil, fmt.Errorf("epochs %d must be at least 1", epochs)
	}
	if batch < 1 {
		return nil, fmt.Errorf("batch size %d must be positive", batch)
	}
	if len(d.X) == 0 || len(d.X) != len(d.Y) {
		return nil, fmt.Errorf("%d training inputs and %d targets", len(d.X), len(d.Y))
	}
	if val != nil && (len(val.X) == 0 || len(val.X) != len(val.Y)) {
		val = nil
	}
	n := len(d.X)
	bs := min(batch, n)
	s := &stepper{
		m: m, data: d, val: val, loss: nn.MSE, opt: opt, epochs: epochs, bs: bs,
		batches: (n + bs - 1) / bs,
		ws:      m.NewWorkspace(bs, len(d.X[0])),
		grads:   m.ZeroLike(),
		order:   make([]int, n),
		rng:     rand.New(rand.NewPCG(seed, fitShuffleStream)),
		xb:      make([][][]float64, bs),
		yb:      make([][][]float64, bs),
	}
	s.params, s.gparams = m.Params(), s.grads.Params()
	for i := range s.order {
		s.order[i] = i
	}
	s.nextEpoch = true
	return s, nil
}

// totalSteps is the number of optimizer steps of the whole training.
func (s *stepper) totalSteps() int { return s.epochs * s.batches }

// step takes one mini-batch step (starting an epoch first when one is due,
// finishing it with the validation loss when it was its last batch). It
// returns the epoch it finished, if any.
func (s *stepper) step() (*EpochRecord, error) {
	if s.done {
		return nil, nil
	}
	if s.nextEpoch {
		s.epoch++
		s.batch, s.sum, s.seen, s.nextEpoch = 0, 0, 0, false
		n := len(s.order)
		s.rng.Shuffle(n, func(i, j int) { s.order[i], s.order[j] = s.order[j], s.order[i] })
	}
	n := len(s.order)
	lo, hi := s.batch*s.bs, min((s.batch+1)*s.bs, n)
	size := hi - lo
	for i, k := range s.order[lo:hi] {
		s.xb[i], s.yb[i] = s.data.X[k], s.data.Y[k]
	}
	l, err := s.ws.Gradient(nn.Batch{X: s.xb[:size], Y: s.yb[:size]}, s.loss, s.grads)
	if err != nil {
		return nil, fmt.Errorf("epoch %d batch %d: %w", s.epoch, s.batch+1, err)
	}
	if math.IsNaN(l) || math.IsInf(l, 0) {
		return nil, &divergedError{epoch: s.epoch, batch: s.batch + 1, loss: l}
	}
	train.ClipGlobalNorm(s.gparams, 0) // as train.Fit without clipping: the norm only
	s.opt.Step(s.params, s.gparams)
	s.steps++
	s.batch++
	s.sum += l * float64(size)
	s.seen += size
	s.lastLoss = l
	if s.batch < s.batches {
		return nil, nil
	}
	rec := EpochRecord{Epoch: s.epoch, Loss: s.sum / float64(s.seen)}
	if s.val != nil {
		vl, err := s.evaluate(*s.val)
		if err != nil {
			return nil, fmt.Errorf("validation after epoch %d: %w", s.epoch, err)
		}
		rec.ValLoss = &vl
	}
	s.history = append(s.history, rec)
	s.nextEpoch = true
	s.done = s.epoch == s.epochs
	return &rec, nil
}

// evaluate is the mean loss over d in batches of the training batch size, on
// the training workspace, as train.Fit computes its validation loss.
func (s *stepper) evaluate(d train.Dataset) (float64, error) {
	var sum float64
	for lo := 0; lo < len(d.X); lo += s.bs {
		hi := min(lo+s.bs, len(d.X))
		l, err := s.ws.Loss(nn.Batch{X: d.X[lo:hi], Y: d.Y[lo:hi]}, s.loss)
		if err != nil {
			return 0, err
		}
		sum += l * float64(hi-lo)
	}
	return sum / float64(len(d.X)), nil
}

// progress describes where the loop is.
func (s *stepper) progress() TrainProgress {
	p := TrainProgress{
		Epoch: max(s.epoch, 1), Epochs: s.epochs, Batch: s.batch, Batches: s.batches,
		Loss: s.lastLoss, Step: s.steps, Steps: s.totalSteps(),
	}
	if s.seen > 0 {
		p.EpochLoss = s.sum / float64(s.seen)
	}
	return p
}

// divergedError is a loss that became NaN or infinite.
type divergedError struct {
	epoch, batch int
	loss         float64
}

func (e *divergedError) Error() string {
	return fmt.Sprintf("loss became %v at epoch %d batch %d", e.loss, e.epoch, e.batch)
}
