package train

import (
	"errors"
	"math"
	"math/rand/v2"

	"unroll/core/msg"
	"unroll/core/nn"
)

// shuffleStream is the second PCG word: the training loop's shuffling
// stream, so that the same Seed used for nn.Model.Init draws different
// numbers here.
const shuffleStream = 0x7472_6169_6e5f_7368 // "train_sh"

// Loop is the training loop of Fit, resumable after any mini-batch: Step runs
// a few batches and returns, and the next Step carries on where it left off,
// with the same shuffles, batches, optimizer steps, validation and callbacks.
// Fit runs one Loop to its end; a caller that has other work between batches
// (a Web Worker answering pause and stop) calls Step with a small count
// instead. For the same model, data and Config, any sequence of Step counts
// gives bit-identical weights and losses to one Fit call.
//
// A Loop trains its model in place. It is not safe for concurrent use.
type Loop struct {
	m       *nn.Model
	d       Dataset
	cfg     Config // with Loss and Optimizer filled in
	bs      int    // samples per batch, at most d.Len()
	batches int    // batches per epoch

	ws              *nn.Workspace // training and validation buffers, for bs samples
	grads           *nn.Model     // gradient holder, shaped like m
	params, gparams []nn.Param    // m's and grads' parameters, in the same order
	order           []int         // the epoch's sample order, [d.Len()]
	rng             *rand.Rand    // the shuffles, from cfg.Seed and shuffleStream
	xb, yb          [][][]float64 // the batch's samples, [bs]

	epoch int       // 1-based epoch under way (or just finished); 0 before the first batch
	batch int       // batches done in that epoch
	sum   float64   // Σ batch loss × batch size over that epoch
	seen  int       // samples seen in that epoch
	last  BatchInfo // the last batch taken
	h     History
	err   error // the error that ended the loop
}

// NewLoop checks m, d and cfg as Fit does and returns a Loop ready to take the
// first batch; it trains nothing yet.
func NewLoop(m *nn.Model, d Dataset, cfg Config) (*Loop, error) {
	if m == nil {
		return nil, errors.New("train: nil model")
	}
	if cfg.Epochs < 1 {
		return nil, msg.Errorf("train: epochs %d must be at least 1", cfg.Epochs)
	}
	if cfg.BatchSize < 0 {
		return nil, msg.Errorf("train: batch size %d must be positive", cfg.BatchSize)
	}
	if cfg.ClipNorm < 0 || math.IsNaN(cfg.ClipNorm) {
		return nil, msg.Errorf("train: clip norm %v must be non-negative", cfg.ClipNorm)
	}
	if err := d.check("training"); err != nil {
		return nil, err
	}
	if cfg.Validation != nil {
		if err := cfg.Validation.check("validation"); err != nil {
			return nil, err
		}
	}
	bs := cfg.BatchSize
	if bs == 0 {
		bs = DefaultBatchSize
	}
	n := d.Len()
	bs = min(bs, n)
	if cfg.Loss == "" {
		cfg.Loss = nn.MSE
	}
	if cfg.Optimizer == nil {
		cfg.Optimizer = NewAdam(0)
	}
	l := &Loop{
		m: m, d: d, cfg: cfg, bs: bs,
		batches: (n + bs - 1) / bs,
		ws:      m.NewWorkspace(bs, len(d.X[0])),
		grads:   m.ZeroLike(),
		order:   make([]int, n),
		rng:     rand.New(rand.NewPCG(cfg.Seed, shuffleStream)),
		xb:      make([][][]float64, bs),
		yb:      make([][][]float64, bs),
	}
	l.params, l.gparams = m.Params(), l.grads.Params()
	for i := range l.order {
		l.order[i] = i
	}
	l.h.Epochs = make([]EpochInfo, 0, min(cfg.Epochs, 1<<16))
	l.last = BatchInfo{Epochs: cfg.Epochs, Batches: l.batches, Total: n}
	return l, nil
}

// Step runs at most n more mini-batches (none when n ≤ 0), fewer when the
// training ends first: after its last epoch, when a callback returns false,
// or at an error. It returns the epochs finished during the call (a view of
// History's, valid after later calls) and the error that ended the loop, if
// any: the same error again on every later call. A loss that is NaN or
// infinite is a *DivergedError.
func (l *Loop) Step(n int) ([]EpochInfo, error) {
	first := len(l.h.Epochs)
	for ; n > 0 && !l.Done(); n-- {
		if err := l.next(); err != nil {
			l.err = err
		}
	}
	end := len(l.h.Epochs)
	return l.h.Epochs[first:end:end], l.err
}

// next takes one mini-batch step, shuffling first when it starts an epoch
// and evaluating the validation set when it ends one.
func (l *Loop) next() error {
	if l.epoch == 0 || l.batch == l.batches {
		l.epoch++
		l.batch, l.sum, l.seen = 0, 0, 0
		if !l.cfg.NoShuffle {
			l.rng.Shuffle(len(l.order), func(i, j int) { l.order[i], l.order[j] = l.order[j], l.order[i] })
		}
	}
	lo, hi := l.batch*l.bs, min((l.batch+1)*l.bs, len(l.order))
	size := hi - lo
	for i, k := range l.order[lo:hi] {
		l.xb[i], l.yb[i] = l.d.X[k], l.d.Y[k]
	}
	loss, err := l.ws.Gradient(nn.Batch{X: l.xb[:size], Y: l.yb[:size]}, l.cfg.Loss, l.grads)
	if err != nil {
		return msg.Errorf("train: epoch %d batch %d: %w", l.epoch, l.batch+1, err)
	}
	if math.IsNaN(loss) || math.IsInf(loss, 0) {
		return &DivergedError{Epoch: l.epoch, Batch: l.batch + 1, Loss: loss}
	}
	norm := ClipGlobalNorm(l.gparams, l.cfg.ClipNorm)
	l.cfg.Optimizer.Step(l.params, l.gparams)
	l.h.Steps++
	l.batch++
	l.sum += loss * float64(size)
	l.seen += size
	l.last = BatchInfo{
		Epoch: l.epoch, Epochs: l.cfg.Epochs, Batch: l.batch, Batches: l.batches, Size: size,
		Loss: loss, EpochLoss: l.sum / float64(l.seen), GradNorm: norm,
		Samples: l.seen, Total: len(l.order), Step: l.h.Steps,
	}
	if l.cfg.OnBatch != nil && !l.cfg.OnBatch(l.last) {
		l.h.Stopped = true
		return nil
	}
	if l.batch < l.batches {
		return nil
	}
	info := EpochInfo{Epoch: l.epoch, Epochs: l.cfg.Epochs, Loss: l.sum / float64(l.seen), ValLoss: math.NaN()}
	if l.cfg.Validation != nil {
		vl, err := evaluate(l.ws, *l.cfg.Validation, l.cfg.Loss, l.bs)
		if err != nil {
			return msg.Errorf("train: validation after epoch %d: %w", l.epoch, err)
		}
		info.ValLoss, info.HasVal = vl, true
	}
	l.h.Epochs = append(l.h.Epochs, info)
	if l.cfg.OnEpoch != nil && !l.cfg.OnEpoch(info) {
		l.h.Stopped = true
	}
	return nil
}

// Done reports whether the loop has ended: every epoch run, stopped (by a
// callback or Stop) or ended by an error. Step does nothing once it is done.
func (l *Loop) Done() bool {
	return l.err != nil || l.h.Stopped || len(l.h.Epochs) == l.cfg.Epochs
}

// Stop ends the loop where it is, as a callback returning false would: the
// epoch under way is left unfinished and History reports Stopped. Stop does
// nothing to a loop that has already ended.
func (l *Loop) Stop() {
	if !l.Done() {
		l.h.Stopped = true
	}
}

// History is what the loop did so far: the finished epochs, whether it was
// stopped, and the optimizer steps taken. Its Epochs slice is the loop's own
// and grows as the loop goes on; do not modify it.
func (l *Loop) History() History { return l.h }

// Progress describes the last batch taken, enough for a progress bar: after
// the last batch of an epoch, Batch is Batches and EpochLoss the epoch's
// loss. Before the first batch only Epochs, Batches and Total are set.
func (l *Loop) Progress() BatchInfo { return l.last }

// Batches is the number of mini-batches in an epoch.
func (l *Loop) Batches() int { return l.batches }

// TotalSteps is the number of optimizer steps of the whole training,
// Epochs × Batches.
func (l *Loop) TotalSteps() int { return l.cfg.Epochs * l.batches }

// DivergedError reports a loss that became NaN or infinite: the weights
// have left the range where training makes sense.
type DivergedError struct {
	Epoch, Batch int     // 1-based epoch and batch in it whose loss it was
	Loss         float64 // NaN, +Inf or -Inf
}

func (e *DivergedError) Error() string {
	return msg.Sprintf("train: loss became %v at epoch %d batch %d (try a smaller learning rate or clipping)", e.Loss, e.Epoch, e.Batch)
}
