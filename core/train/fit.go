package train

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"unroll/core/nn"
)

// Dataset is a set of sequences and their targets, in core/nn's shapes:
// X [n][T][inputs], Y [n][T'][outputs] (T' = 1, or T when the model returns
// sequences).
type Dataset struct {
	X, Y [][][]float64
}

// Len is the number of samples.
func (d Dataset) Len() int { return len(d.X) }

// check reports an empty or ragged set, or a value that is not finite,
// naming the sample (core/nn would name its place in a shuffled batch).
func (d Dataset) check(name string) error {
	if len(d.X) == 0 {
		return fmt.Errorf("train: %s set is empty", name)
	}
	if len(d.X) != len(d.Y) {
		return fmt.Errorf("train: %s set has %d inputs but %d targets", name, len(d.X), len(d.Y))
	}
	if err := rectangular(d.X); err != nil {
		return fmt.Errorf("train: %s inputs: %w", name, err)
	}
	if err := rectangular(d.Y); err != nil {
		return fmt.Errorf("train: %s targets: %w", name, err)
	}
	return nil
}

// rectangular reports an error unless every a[k] is [T][n] with the same
// T ≥ 1 and n ≥ 1, and every value is finite.
func rectangular(a [][][]float64) error {
	steps := len(a[0])
	if steps == 0 {
		return errors.New("sample 0 is empty")
	}
	width := len(a[0][0])
	for k, s := range a {
		if len(s) != steps {
			return fmt.Errorf("sample %d has %d steps, sample 0 has %d", k, len(s), steps)
		}
		for t, row := range s {
			if len(row) != width || width == 0 {
				return fmt.Errorf("sample %d step %d has %d values, want %d", k, t, len(row), width)
			}
			for _, v := range row {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return fmt.Errorf("sample %d step %d holds %v", k, t, v)
				}
			}
		}
	}
	return nil
}

// DefaultBatchSize is Keras's default batch_size.
const DefaultBatchSize = 32

// shuffleStream is the second PCG word: Fit's shuffling stream, so that the
// same Seed used for nn.Model.Init draws different numbers here.
const shuffleStream = 0x7472_6169_6e5f_7368 // "train_sh"

// Config is how Fit trains.
type Config struct {
	Epochs    int     // passes over the data, ≥ 1
	BatchSize int     // samples per step; 0 means 32 (Keras); the last batch may be smaller
	Seed      uint64  // seeds the shuffling of every epoch (math/rand/v2 PCG)
	NoShuffle bool    // keep the data's order (Keras shuffle=False)
	ClipNorm  float64 // > 0: clip the gradient's global norm (Keras global_clipnorm)
	Loss      nn.Loss // "" means nn.MSE
	// Optimizer updates the weights; nil means NewAdam(0) (Keras defaults).
	// Its state carries over between calls to Fit.
	Optimizer Optimizer
	// Validation, if set, is evaluated after every epoch (EpochInfo.ValLoss).
	Validation *Dataset
	// OnBatch, if set, is called after every step; returning false stops
	// training after that step. It may block (to pause).
	OnBatch func(BatchInfo) bool
	// OnEpoch, if set, is called after every epoch; returning false stops
	// training.
	OnEpoch func(EpochInfo) bool
}

// BatchInfo describes the step just taken, enough for a progress bar.
type BatchInfo struct {
	Epoch, Epochs  int     // 1-based epoch of Epochs
	Batch, Batches int     // 1-based batch of Batches in this epoch
	Size           int     // samples in this batch
	Loss           float64 // this batch's loss, before the step
	EpochLoss      float64 // mean loss over this epoch's samples so far (what Keras's bar shows)
	GradNorm       float64 // global gradient norm, before clipping
	Samples, Total int     // samples seen this epoch, samples per epoch
	Step           int     // optimizer steps taken by this Fit, 1-based
}

// EpochInfo is one finished epoch.
type EpochInfo struct {
	Epoch, Epochs int     // 1-based epoch of Epochs
	Loss          float64 // mean training loss over the epoch's samples, as Keras reports it
	ValLoss       float64 // validation loss after the epoch; NaN without a validation set
	HasVal        bool    // a validation set was given
}

// History is what Fit did, epoch by epoch (Keras's History.history).
type History struct {
	Epochs  []EpochInfo
	Stopped bool // a callback stopped training early
	Steps   int  // optimizer steps taken
}

// Loss and ValLoss list the per-epoch losses.
func (h History) Loss() []float64 {
	out := make([]float64, len(h.Epochs))
	for k, e := range h.Epochs {
		out[k] = e.Loss
	}
	return out
}

func (h History) ValLoss() []float64 {
	out := make([]float64, len(h.Epochs))
	for k, e := range h.Epochs {
		out[k] = e.ValLoss
	}
	return out
}

// Fit trains m in place on d as Keras's model.fit does: every epoch visits the
// samples in a fresh order drawn from cfg.Seed, in batches of cfg.BatchSize
// (the last one partial), and after each batch the optimizer takes one step
// on the batch's mean loss gradient. The reported epoch loss is the mean of
// the batch losses weighted by batch size (the weights change during the
// epoch, as in Keras). Fit returns what it did so far together with any error
// (bad shapes, a NaN or infinite loss).
func Fit(m *nn.Model, d Dataset, cfg Config) (History, error) {
	var h History
	if m == nil {
		return h, errors.New("train: nil model")
	}
	if cfg.Epochs < 1 {
		return h, fmt.Errorf("train: epochs %d must be at least 1", cfg.Epochs)
	}
	if cfg.BatchSize < 0 {
		return h, fmt.Errorf("train: batch size %d must be positive", cfg.BatchSize)
	}
	if cfg.ClipNorm < 0 || math.IsNaN(cfg.ClipNorm) {
		return h, fmt.Errorf("train: clip norm %v must be non-negative", cfg.ClipNorm)
	}
	if err := d.check("training"); err != nil {
		return h, err
	}
	if cfg.Validation != nil {
		if err := cfg.Validation.check("validation"); err != nil {
			return h, err
		}
	}
	bs := cfg.BatchSize
	if bs == 0 {
		bs = DefaultBatchSize
	}
	bs = min(bs, d.Len())
	loss := cfg.Loss
	if loss == "" {
		loss = nn.MSE
	}
	opt := cfg.Optimizer
	if opt == nil {
		opt = NewAdam(0)
	}

	h.Epochs = make([]EpochInfo, 0, min(cfg.Epochs, 1<<16))
	ws := m.NewWorkspace(bs, len(d.X[0]))
	grads := m.ZeroLike()
	params, gparams := m.Params(), grads.Params()
	n := d.Len()
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, shuffleStream))
	xb := make([][][]float64, bs)
	yb := make([][][]float64, bs)
	batches := (n + bs - 1) / bs

	for epoch := 1; epoch <= cfg.Epochs; epoch++ {
		if !cfg.NoShuffle {
			rng.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
		}
		var sum float64
		seen := 0
		for b := 0; b < batches; b++ {
			lo, hi := b*bs, min((b+1)*bs, n)
			size := hi - lo
			for i, k := range order[lo:hi] {
				xb[i], yb[i] = d.X[k], d.Y[k]
			}
			l, err := ws.Gradient(nn.Batch{X: xb[:size], Y: yb[:size]}, loss, grads)
			if err != nil {
				return h, fmt.Errorf("train: epoch %d batch %d: %w", epoch, b+1, err)
			}
			if math.IsNaN(l) || math.IsInf(l, 0) {
				return h, fmt.Errorf("train: loss became %v at epoch %d batch %d (try a smaller learning rate or clipping)", l, epoch, b+1)
			}
			norm := ClipGlobalNorm(gparams, cfg.ClipNorm)
			opt.Step(params, gparams)
			h.Steps++
			sum += l * float64(size)
			seen += size
			if cfg.OnBatch != nil && !cfg.OnBatch(BatchInfo{
				Epoch: epoch, Epochs: cfg.Epochs, Batch: b + 1, Batches: batches, Size: size,
				Loss: l, EpochLoss: sum / float64(seen), GradNorm: norm,
				Samples: seen, Total: n, Step: h.Steps,
			}) {
				h.Stopped = true
				return h, nil
			}
		}
		info := EpochInfo{Epoch: epoch, Epochs: cfg.Epochs, Loss: sum / float64(seen), ValLoss: math.NaN()}
		if cfg.Validation != nil {
			vl, err := evaluate(ws, *cfg.Validation, loss, bs)
			if err != nil {
				return h, fmt.Errorf("train: validation after epoch %d: %w", epoch, err)
			}
			info.ValLoss, info.HasVal = vl, true
		}
		h.Epochs = append(h.Epochs, info)
		if cfg.OnEpoch != nil && !cfg.OnEpoch(info) {
			h.Stopped = true
			return h, nil
		}
	}
	return h, nil
}

// Evaluate is the mean loss of m over d, computed in batches of batchSize
// (0 means 32) and weighted by batch size (Keras's model.evaluate).
func Evaluate(m *nn.Model, d Dataset, loss nn.Loss, batchSize int) (float64, error) {
	if m == nil {
		return 0, errors.New("train: nil model")
	}
	if err := d.check("evaluation"); err != nil {
		return 0, err
	}
	if batchSize <= 0 {
		batchSize = DefaultBatchSize
	}
	if loss == "" {
		loss = nn.MSE
	}
	return evaluate(m.NewWorkspace(min(batchSize, d.Len()), len(d.X[0])), d, loss, batchSize)
}

func evaluate(ws *nn.Workspace, d Dataset, loss nn.Loss, bs int) (float64, error) {
	var sum float64
	for lo := 0; lo < d.Len(); lo += bs {
		hi := min(lo+bs, d.Len())
		l, err := ws.Loss(nn.Batch{X: d.X[lo:hi], Y: d.Y[lo:hi]}, loss)
		if err != nil {
			return 0, err
		}
		sum += l * float64(hi-lo)
	}
	return sum / float64(d.Len()), nil
}

// Predict runs m over x ([n][T][inputs]) in batches of batchSize (0 means
// 32) and returns its outputs [n][T'][outputs].
func Predict(m *nn.Model, x [][][]float64, batchSize int) ([][][]float64, error) {
	if m == nil {
		return nil, errors.New("train: nil model")
	}
	if len(x) == 0 {
		return nil, errors.New("train: nothing to predict")
	}
	if batchSize <= 0 {
		batchSize = DefaultBatchSize
	}
	ws := m.NewWorkspace(min(batchSize, len(x)), len(x[0]))
	out := make([][][]float64, 0, len(x))
	for lo := 0; lo < len(x); lo += batchSize {
		p, err := ws.Predict(x[lo:min(lo+batchSize, len(x))])
		if err != nil {
			return nil, err
		}
		out = append(out, p...)
	}
	return out, nil
}
