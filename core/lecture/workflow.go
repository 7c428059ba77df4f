package lecture

import (
	"cmp"
	"errors"
	"slices"
	"strconv"

	"unroll/core/modelfile"
	"unroll/core/msg"
	"unroll/core/nn"
	"unroll/core/series"
	"unroll/core/train"
)

// Spec is one training of the workflow: the page's train_prepare arguments
// (as JSON) and `unroll train`'s flags. Zero values take the defaults noted.
type Spec struct {
	Series   *Series  `json:"series"`
	Stock    Stock    `json:"stock"`
	Features []string `json:"features"` // default ["close"]
	Target   string   `json:"target"`   // default "close"
	Steps    int      `json:"steps"`    // TIME_STEPS, default 10
	Forecast string   `json:"forecast"` // price (default) | window | logret: forecast.go
	// WalkForward, when set, evaluates the test part walking forward.
	WalkForward *WalkForward `json:"walk_forward,omitempty"`
	Split       *Split       `json:"split"` // default TrainFrac, ValFrac
	Model       ModelSpec    `json:"model"`
	Train       TrainSpec    `json:"train"`

	// OnBatch and OnEpoch, when set, are the training loop's callbacks
	// (train.Config's): returning false stops the training.
	OnBatch func(train.BatchInfo) bool `json:"-"`
	OnEpoch func(train.EpochInfo) bool `json:"-"`
}

// ModelSpec is the model a Job builds: one recurrent layer on
// len(features) inputs and a Dense(1) head, initialised from Seed as the
// step-through's seeded model is (nn.NewSeeded).
type ModelSpec struct {
	Cell  string `json:"cell"` // rnn | lstm | gru
	Units int    `json:"units"`
	Seed  uint64 `json:"seed"` // also seeds the shuffling
}

// TrainSpec are model.fit's settings.
type TrainSpec struct {
	Epochs    int     `json:"epochs"`    // 0 means 10
	Batch     int     `json:"batch"`     // 0 means 32
	LR        float64 `json:"lr"`        // 0 means the optimizer's Keras default
	Optimizer string  `json:"optimizer"` // adam | rmsprop | sgd; "" means adam
}

// Settings are the training settings in effect (defaults filled in).
type Settings struct {
	Epochs    int     `json:"epochs"`
	Batch     int     `json:"batch"`
	LR        float64 `json:"lr"`
	Optimizer string  `json:"optimizer"`
	Seed      uint64  `json:"seed"`
}

// Job is one training of the workflow: the prepared windows, the model and
// the train.Loop that trains it. Run it to the end with Loop.Step
// (math.MaxInt), as train.Fit does, or a few batches at a time with Step;
// the two give the same model, bit for bit.
type Job struct {
	Spec     Spec // defaults filled in
	Settings Settings
	Split    [3]float64       // train, validation, test fractions
	Data     *series.Prepared // windows, split, scaler (with the dates it saw)
	Rows     [][]float64      // the unscaled feature rows of the trading days, [rows][features]
	Dates    []string         // their dates
	Dropped  int              // days left out for a missing value
	// rawX, rawY are the windows and targets in the forecast target's
	// units, unscaled; window k's target is the close of day k+lead.
	rawX, rawY [][][]float64
	lead       int
	Model      *nn.Model
	Training   // the train.Loop that trains Model, and the error that ended it
}

// Prepare checks spec against lim and prepares its training: feature rows,
// windows, the time-ordered split, the scaler fitted on the training part
// (recording the first and last dates it saw), the seeded model and the
// loop. Nothing is trained yet.
func Prepare(spec Spec, lim Limits) (*Job, error) {
	s := spec.Series
	if s == nil || len(s.Dates) == 0 {
		return nil, BadRequest("a training needs a series with dates")
	}
	if len(s.Dates) > lim.Rows {
		return nil, BadRequest("%d days are more than %d", len(s.Dates), lim.Rows)
	}
	if len(spec.Features) == 0 {
		spec.Features = []string{Target}
	}
	for k, f := range spec.Features {
		if !slices.Contains(Columns, f) {
			return nil, BadRequest("unknown feature %q (open, high, low, close, volume)", f)
		}
		if slices.Index(spec.Features, f) != k {
			return nil, BadRequest("feature %q is listed twice", f)
		}
	}
	if spec.Target == "" {
		spec.Target = Target
	}
	target := slices.Index(spec.Features, spec.Target)
	if target < 0 {
		return nil, BadRequest("the target %q is not among the features", spec.Target)
	}
	if spec.Steps == 0 {
		spec.Steps = 10
	}
	if err := checkForecast(&spec); err != nil {
		return nil, err
	}
	if !lim.TrainSteps.Has(spec.Steps) {
		return nil, InvalidModel("TIME_STEPS %d is not in %d..%d", spec.Steps, lim.TrainSteps[0], lim.TrainSteps[1])
	}
	j := &Job{Spec: spec, Split: [3]float64{TrainFrac, ValFrac, 1 - TrainFrac - ValFrac}}
	if sp := spec.Split; sp != nil {
		j.Split = [3]float64{cmp.Or(sp.Train, TrainFrac), sp.Val}
		j.Split[2] = 1 - j.Split[0] - j.Split[1]
	}
	opt, err := j.settings(lim)
	if err != nil {
		return nil, err
	}
	var idx []int
	if j.Rows, idx, err = FeatureRows(*s, spec.Features); err != nil {
		return nil, err
	}
	j.Dropped = len(s.Dates) - len(j.Rows)
	j.Dates = make([]string, len(idx))
	for k, d := range idx {
		j.Dates[k] = s.Dates[d]
	}
	if j.Data, err = j.windows(target); err != nil {
		return nil, &Error{Code: CodeTrainData,
			Message:   "These prices cannot be prepared for training: " + err.Error(),
			MessageZh: "這段股價無法整理成訓練資料：" + err.Error(),
			Detail:    map[string]any{"rows": len(j.Rows), "steps": spec.Steps}}
	}
	j.Data.Scaler.First, j.Data.Scaler.Last = j.Dates[0], j.Dates[j.Data.FitRows-1]
	if j.Model, err = NewModel(spec.Model.Cell, spec.Model.Units, len(spec.Features), spec.Model.Seed, lim.TrainUnits, lim); err != nil {
		return nil, err
	}
	p := j.Data
	tx, ty := p.Slice(p.Parts.Train)
	var val *train.Dataset
	if p.Parts.Val.Len() > 0 {
		vx, vy := p.Slice(p.Parts.Val)
		val = &train.Dataset{X: vx, Y: vy}
	}
	j.Loop, err = train.NewLoop(j.Model, train.Dataset{X: tx, Y: ty}, train.Config{
		Epochs: j.Settings.Epochs, BatchSize: j.Settings.Batch, Seed: j.Settings.Seed,
		Loss: nn.MSE, Optimizer: opt, Validation: val, OnBatch: spec.OnBatch, OnEpoch: spec.OnEpoch,
	})
	if err != nil {
		return nil, BadRequest("%v", err)
	}
	return j, nil
}

// settings fills in the defaults of the job's TrainSpec, checks them against
// lim and makes the optimizer.
func (j *Job) settings(lim Limits) (train.Optimizer, error) {
	s, opt, err := trainSettings(j.Spec.Train, j.Spec.Model.Seed, lim)
	j.Settings = s
	return opt, err
}

// trainSettings fills in the defaults of t, checks them against lim and
// makes the optimizer; seed is the model's, which also seeds the shuffling.
func trainSettings(t TrainSpec, seed uint64, lim Limits) (Settings, train.Optimizer, error) {
	s := Settings{Epochs: t.Epochs, Batch: t.Batch, LR: t.LR, Optimizer: t.Optimizer, Seed: seed}
	if s.Epochs == 0 {
		s.Epochs = 10
	}
	if s.Batch == 0 {
		s.Batch = train.DefaultBatchSize
	}
	if s.Optimizer == "" {
		s.Optimizer = "adam"
	}
	switch {
	case !lim.Epochs.Has(s.Epochs):
		return s, nil, BadRequest("epochs %d is not in %d..%d", s.Epochs, lim.Epochs[0], lim.Epochs[1])
	case !lim.Batch.Has(s.Batch):
		return s, nil, BadRequest("batch size %d is not in %d..%d", s.Batch, lim.Batch[0], lim.Batch[1])
	case s.LR != 0 && !lim.LR.Has(s.LR):
		return s, nil, BadRequest("learning rate %v is not in %v..%v", s.LR, lim.LR[0], lim.LR[1])
	}
	opt, err := train.NewOptimizer(s.Optimizer, s.LR)
	if err != nil {
		return s, nil, BadRequest("%v", err)
	}
	s.LR = train.LearningRate(opt)
	return s, opt, nil
}

// NewModel checks a seeded model's cell, units (against units), inputs and
// seed (against lim.Seed) and builds it with nn.NewSeeded: the model the page
// and `unroll trace --seed` show for the same arguments.
func NewModel(cell string, units, inputs int, seed uint64, unitRange IntRange, lim Limits) (*nn.Model, error) {
	c, err := nn.ParseCell(cell)
	if err != nil {
		return nil, InvalidModel("unknown cell %q (rnn, lstm or gru)", cell)
	}
	switch {
	case !unitRange.Has(units):
		return nil, InvalidModel("units %d is not in %d..%d", units, unitRange[0], unitRange[1])
	case inputs < 1 || inputs > nn.MaxInputs:
		return nil, InvalidModel("inputs %d is not in 1..%d", inputs, nn.MaxInputs)
	case seed > uint64(lim.Seed[1]):
		return nil, InvalidModel("seed %d is larger than %d", seed, lim.Seed[1])
	}
	m, err := nn.NewSeeded(c, units, inputs, seed)
	if err != nil {
		return nil, InvalidModel("%v", err)
	}
	return m, nil
}

// loopError is the *Error of a training loop's failure: train_diverged for
// a loss that became NaN or infinite, else internal.
func loopError(err error) *Error {
	var div *train.DivergedError
	if errors.As(err, &div) {
		return NewError(CodeDiverged,
			msg.Sprintf("Training diverged: the loss became %v at epoch %d batch %d. Try a smaller learning rate.", div.Loss, div.Epoch, div.Batch),
			"訓練發散：第 "+strconv.Itoa(div.Epoch)+" 個 epoch 第 "+strconv.Itoa(div.Batch)+" 批的損失變成 "+strconv.FormatFloat(div.Loss, 'g', -1, 64)+"。請試試較小的學習率。",
			map[string]any{"epoch": div.Epoch, "batch": div.Batch})
	}
	return NewError(CodeInternal, "Training failed: "+err.Error(), "訓練失敗："+err.Error(), nil)
}

// Predict runs the model over the test windows and returns, per window, the
// date predicted, the actual close, the prediction as a close (inverse-scaled
// with the training scaler, or walking forward, and turned back from the
// forecast target) and the last-value baseline (tomorrow's close = today's
// close), with RMSE and MAE of both in NT$, the calls of up and down, and
// the numbers that explain them (Why).
func (j *Job) Predict() (*Predictions, error) {
	p, lead := j.Data, j.lead
	test := p.Parts.Test
	pred, err := j.predictTest()
	if err != nil {
		return nil, NewError(CodeInternal, "Prediction failed: "+err.Error(), "預測失敗："+err.Error(), nil)
	}
	res := &Predictions{Target: j.Spec.Forecast, WalkForward: j.Spec.WalkForward, Test: PredictPart{
		Dates:     j.Dates[lead+test.Start : lead+test.End],
		Actual:    p.Actual[test.Start:test.End],
		Predicted: pred,
		Baseline:  p.Last[test.Start:test.End],
	}}
	for _, m := range []struct {
		f   func(pred, actual []float64) (float64, error)
		dst *ErrorPair
	}{{series.RMSE, &res.RMSE}, {series.MAE, &res.MAE}} {
		if m.dst.Model, err = m.f(res.Test.Predicted, res.Test.Actual); err != nil {
			return nil, NewError(CodeDiverged, "The predictions are not numbers: "+err.Error(), "預測值不是數字："+err.Error(), nil)
		}
		if m.dst.Baseline, err = m.f(res.Test.Baseline, res.Test.Actual); err != nil {
			return nil, NewError(CodeInternal, "Baseline: "+err.Error(), "基準："+err.Error(), nil)
		}
	}
	t := res.Test
	if res.Direction.Model, res.Direction.Up, res.Direction.Days, err = series.Direction(t.Predicted, t.Actual, t.Baseline); err == nil {
		res.Why, err = j.why(res)
	}
	if err != nil {
		return nil, NewError(CodeInternal, "Prediction measures: "+err.Error(), "預測的衡量："+err.Error(), nil)
	}
	return res, nil
}

// Meta is the model file's metadata of the job's training so far, with the
// test errors of pred when it is not nil.
func (j *Job) Meta(pred *Predictions) modelfile.Meta {
	seed, st := j.Settings.Seed, j.Spec.Stock
	h := j.Loop.History()
	m := modelfile.Meta{
		Stock: st.Code, From: st.From, To: st.To, Name: st.Name,
		Features: j.Spec.Features, Target: j.Spec.Target, Forecast: j.Spec.Forecast, TimeSteps: j.Spec.Steps,
		Split: j.Split[:], Seed: &seed, Epochs: len(h.Epochs), BatchSize: j.Settings.Batch,
		Optimizer: j.Settings.Optimizer, LearningRate: j.Settings.LR, Loss: string(nn.MSE),
	}
	for _, e := range EpochRecords(h.Epochs) {
		m.History = append(m.History, modelfile.Epoch{Loss: e.Loss, ValLoss: e.ValLoss})
	}
	if pred != nil {
		rm, rb := pred.RMSE.Model, pred.RMSE.Baseline
		m.TestRMSE, m.BaselineRMSE = &rm, &rb
	}
	return m
}

// EpochRecords turns a loop's finished epochs into History rows (val_loss
// absent without a validation part). The result is never nil, so that it
// marshals as [].
func EpochRecords(eps []train.EpochInfo) []EpochRecord {
	out := make([]EpochRecord, len(eps))
	for k, e := range eps {
		out[k] = EpochRecord{Epoch: e.Epoch, Loss: e.Loss}
		if e.HasVal {
			vl := e.ValLoss
			out[k].ValLoss = &vl
		}
	}
	return out
}

// progress describes where the loop is, for a progress bar: before the
// first batch, epoch 1 with no batch done.
func progress(l *train.Loop) Progress {
	p := l.Progress()
	return Progress{
		Epoch: max(p.Epoch, 1), Epochs: p.Epochs, Batch: p.Batch, Batches: p.Batches,
		Loss: p.Loss, EpochLoss: p.EpochLoss, Step: p.Step, Steps: l.TotalSteps(),
	}
}
