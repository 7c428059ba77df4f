package train

import (
	"errors"
	"math"

	"unroll/core/msg"
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
		return msg.Errorf("train: %s set is empty", name)
	}
	if len(d.X) != len(d.Y) {
		return msg.Errorf("train: %s set has %d inputs but %d targets", name, len(d.X), len(d.Y))
	}
	if err := rectangular(d.X); err != nil {
		return msg.Errorf("train: %s inputs: %w", name, err)
	}
	if err := rectangular(d.Y); err != nil {
		return msg.Errorf("train: %s targets: %w", name, err)
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
			return msg.Errorf("sample %d has %d steps, sample 0 has %d", k, len(s), steps)
		}
		for t, row := range s {
			if len(row) != width || width == 0 {
				return msg.Errorf("sample %d step %d has %d values, want %d", k, t, len(row), width)
			}
			for _, v := range row {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return msg.Errorf("sample %d step %d holds %v", k, t, v)
				}
			}
		}
	}
	return nil
}

// DefaultBatchSize is Keras's default batch_size.
const DefaultBatchSize = 32

// Config is how Fit, or a Loop, trains.
type Config struct {
	Epochs    int     // passes over the data, ≥ 1
	BatchSize int     // samples per step; 0 means 32 (Keras); the last batch may be smaller
	Seed      uint64  // seeds the shuffling of every epoch (math/rand/v2 PCG)
	NoShuffle bool    // keep the data's order (Keras shuffle=False)
	ClipNorm  float64 // > 0: clip the gradient's global norm (Keras global_clipnorm)
	Loss      nn.Loss // "" means nn.MSE
	// Optimizer updates the weights; nil means NewAdam(0) (Keras defaults).
	// Its state carries over between calls to Fit (and Loops).
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
	Step           int     // optimizer steps taken by this Fit or Loop, 1-based
}

// EpochInfo is one finished epoch.
type EpochInfo struct {
	Epoch, Epochs int     // 1-based epoch of Epochs
	Loss          float64 // mean training loss over the epoch's samples, as Keras reports it
	ValLoss       float64 // validation loss after the epoch; NaN without a validation set
	HasVal        bool    // a validation set was given
}

// History is what Fit or a Loop did, epoch by epoch (Keras's History.history).
type History struct {
	Epochs  []EpochInfo
	Stopped bool // a callback, or Loop.Stop, stopped training early
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
// (bad shapes, a NaN or infinite loss, reported as a *DivergedError).
//
// Fit runs one Loop to its end; NewLoop and Loop.Step take the same training
// a few batches at a time.
func Fit(m *nn.Model, d Dataset, cfg Config) (History, error) {
	l, err := NewLoop(m, d, cfg)
	if err != nil {
		return History{}, err
	}
	_, err = l.Step(math.MaxInt)
	return l.History(), err
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
