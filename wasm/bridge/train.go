package bridge

import (
	"errors"
	"fmt"
	"slices"
	"strconv"

	"unroll/core/modelfile"
	"unroll/core/nn"
	"unroll/core/series"
	"unroll/core/train"
)

// trainJob is the training train_prepare set up: the prepared windows, the
// model being trained and the core/train loop that trains it a few batches
// per train_run.
type trainJob struct {
	p        *series.Prepared
	dates    []string // the trading days kept, [rows]
	features []string
	steps    int
	stock    StockArgs
	split    [3]float64 // train, validation, test fractions
	settings TrainSettings
	model    *nn.Model
	info     ModelInfo // the model as built (source "seed"), then as trained
	loop     *train.Loop
	failed   error          // the loss diverged: the job is over, its model is not adopted
	pred     *PredictResult // the test predictions once training is over
}

// over reports whether the job's loop has ended (finished, stopped or failed).
func (j *trainJob) over() bool { return j.loop.Done() || j.failed != nil }

// prepare runs train_prepare: it validates the series and settings, prepares
// the windows with series.Prepare (split in time order, scaler fitted on the
// training part only), builds the model and sets up its training. The
// engine's current model is not touched until the training ends.
func (e *Engine) prepare(a PrepareArgs) (any, error) {
	if a.Series == nil || len(a.Series.Dates) == 0 {
		return nil, badRequest("train_prepare needs a series with dates")
	}
	if len(a.Series.Dates) > MaxTrainRows {
		return nil, badRequest("%d days are more than %d", len(a.Series.Dates), MaxTrainRows)
	}
	features := a.Features
	if len(features) == 0 {
		features = []string{"close"}
	}
	for k, f := range features {
		if !slices.Contains(Features, f) {
			return nil, badRequest("unknown feature %q (open, high, low, close, volume)", f)
		}
		if slices.Index(features, f) != k {
			return nil, badRequest("feature %q is listed twice", f)
		}
	}
	targetName := a.Target
	if targetName == "" {
		targetName = "close"
	}
	target := slices.Index(features, targetName)
	if target < 0 {
		return nil, badRequest("the target %q is not among the features", targetName)
	}
	steps := a.Steps
	if steps == 0 {
		steps = 10
	}
	if steps < 1 || steps > MaxSteps {
		return nil, invalidModel("TIME_STEPS %d is not in 1..%d", steps, MaxSteps)
	}
	trainFrac, valFrac := 0.7, 0.15
	if a.Split != nil {
		trainFrac, valFrac = a.Split.Train, a.Split.Val
		if trainFrac == 0 {
			trainFrac = 0.7
		}
	}
	settings, opt, err := trainSettings(a.Train, a.Model.Seed)
	if err != nil {
		return nil, err
	}
	rows, dates, err := featureRows(a.Series, features)
	if err != nil {
		return nil, err
	}
	p, err := series.Prepare(rows, features, steps, target, trainFrac, valFrac)
	if err != nil {
		return nil, newError(CodeTrainData,
			"These prices cannot be prepared for training: "+err.Error(),
			"這段股價無法整理成訓練資料："+err.Error(),
			map[string]any{"rows": len(rows), "steps": steps})
	}
	// The scaler says which trading days it saw, for the step-through's
	// default window and note (and the model file).
	p.Scaler.First, p.Scaler.Last = dates[0], dates[p.FitRows-1]
	m, info, err := BuildModel(ModelSpec{Cell: a.Model.Cell, Units: a.Model.Units, Inputs: len(features), Seed: a.Model.Seed, Steps: steps})
	if err != nil {
		return nil, err
	}
	tx, ty := p.Slice(p.Parts.Train)
	var val *train.Dataset
	if p.Parts.Val.Len() > 0 {
		vx, vy := p.Slice(p.Parts.Val)
		val = &train.Dataset{X: vx, Y: vy}
	}
	loop, err := train.NewLoop(m, train.Dataset{X: tx, Y: ty}, train.Config{
		Epochs: settings.Epochs, BatchSize: settings.Batch, Seed: settings.Seed,
		Loss: nn.MSE, Optimizer: opt, Validation: val,
	})
	if err != nil {
		return nil, badRequest("%v", err)
	}
	e.job = &trainJob{
		p: p, dates: dates, features: slices.Clone(features), steps: steps, stock: a.Stock,
		split:    [3]float64{trainFrac, valFrac, 1 - trainFrac - valFrac},
		settings: settings, model: m, info: info, loop: loop,
	}
	return e.job.describe(rows, len(a.Series.Dates)-len(rows)), nil
}

// trainSettings fills in the defaults of t and makes its optimizer.
func trainSettings(t TrainArgs, seed uint64) (TrainSettings, train.Optimizer, error) {
	s := TrainSettings{Epochs: t.Epochs, Batch: t.Batch, LR: t.LR, Optimizer: t.Optimizer, Seed: seed}
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
	case s.Epochs < 1 || s.Epochs > MaxTrainEpochs:
		return s, nil, badRequest("epochs %d is not in 1..%d", s.Epochs, MaxTrainEpochs)
	case s.Batch < 1 || s.Batch > MaxTrainBatch:
		return s, nil, badRequest("batch size %d is not in 1..%d", s.Batch, MaxTrainBatch)
	case !(s.LR >= 0 && s.LR <= MaxTrainLR):
		return s, nil, badRequest("learning rate %v is not in (0, %d]", s.LR, MaxTrainLR)
	}
	opt, err := train.NewOptimizer(s.Optimizer, s.LR)
	if err != nil {
		return s, nil, badRequest("%v", err)
	}
	s.LR = train.LearningRate(opt)
	return s, opt, nil
}

// featureRows turns the series' columns into rows [day][feature], dropping
// days where any chosen feature is null (no trade).
func featureRows(s *SeriesArgs, features []string) (rows [][]float64, dates []string, err error) {
	cols := make([][]*float64, len(features))
	for k, f := range features {
		c, ok := s.Columns[f]
		if !ok {
			return nil, nil, badRequest("the series has no %q column", f)
		}
		if err := checkColumn(f, c, len(s.Dates)); err != nil {
			return nil, nil, err
		}
		cols[k] = c
	}
	idx, rows, err := tradingRows(s.Dates, cols, features)
	if err != nil {
		return nil, nil, err
	}
	dates = make([]string, len(idx))
	for k, d := range idx {
		dates[k] = s.Dates[d]
	}
	return rows, dates, nil
}

// describe is the PrepareResult of the job (rows are the unscaled rows,
// dropped the days left out for a missing value).
func (j *trainJob) describe(rows [][]float64, dropped int) *PrepareResult {
	p := j.p
	res := &PrepareResult{
		Rows: len(rows), Dropped: dropped, Dates: j.dates,
		Raw: map[string][]float64{}, Scaled: map[string][]float64{},
		Features: j.features, Target: j.features[p.Target], Steps: j.steps,
		Scaler:      ScalerOut{Features: j.features, Min: p.Scaler.Min, Max: p.Scaler.Max},
		FitRows:     series.Range{Start: 0, End: p.FitRows},
		Windows:     len(p.X),
		WindowDates: j.dates[j.steps:],
		Split:       SplitOut{Train: p.Parts.Train, Val: p.Parts.Val, Test: p.Parts.Test},
		Batches:     j.loop.Batches(),
		Train:       j.settings,
		Stock:       j.stock,
		Model:       j.info,
	}
	for k, f := range j.features {
		raw := make([]float64, len(rows))
		scaled := make([]float64, len(rows))
		for d, row := range rows {
			raw[d] = row[k]
			scaled[d] = p.Scaler.Scale(k, row[k])
		}
		res.Raw[f], res.Scaled[f] = raw, scaled
	}
	for w := 0; w < min(previewWindows, len(p.X)); w++ {
		res.WindowsPreview = append(res.WindowsPreview, j.preview(rows, w))
	}
	return res
}

// previewWindows is how many windows PrepareResult.WindowsPreview holds.
const previewWindows = 5

// preview describes window w (rows are the unscaled rows).
func (j *trainJob) preview(rows [][]float64, w int) WindowPreview {
	p := j.p
	v := WindowPreview{
		Dates: j.dates[w : w+j.steps], YDate: j.dates[w+j.steps],
		Y: p.Actual[w], YScaled: p.Y[w][0][0],
	}
	if len(j.features) == 1 {
		x, xs := make([]float64, j.steps), make([]float64, j.steps)
		for t := range x {
			x[t], xs[t] = rows[w+t][0], p.X[w][t][0]
		}
		v.X, v.XScaled = x, xs
	} else {
		v.X, v.XScaled = rows[w:w+j.steps], p.X[w]
	}
	return v
}

// run runs train_run: up to a.Batches mini-batches of the prepared training.
func (e *Engine) run(a RunArgs) (any, error) {
	j := e.job
	if j == nil {
		return nil, errNoTraining()
	}
	k := a.Batches
	if k == 0 {
		k = 1
	}
	if k < 1 || k > MaxRunBatches {
		return nil, badRequest("batches %d is not in 1..%d", a.Batches, MaxRunBatches)
	}
	if j.failed != nil {
		return nil, asError(j.failed)
	}
	if j.over() { // finished or stopped: its model was adopted then
		return j.result(&RunResult{EpochEnds: []EpochRecord{}}), nil
	}
	ends, err := j.loop.Step(k)
	if err != nil {
		var div *train.DivergedError
		if errors.As(err, &div) {
			j.failed = newError(CodeDiverged,
				fmt.Sprintf("Training diverged: the loss became %v at epoch %d batch %d. Try a smaller learning rate.", div.Loss, div.Epoch, div.Batch),
				"訓練發散：第 "+strconv.Itoa(div.Epoch)+" 個 epoch 第 "+strconv.Itoa(div.Batch)+" 批的損失變成 "+strconv.FormatFloat(div.Loss, 'g', -1, 64)+"。請試試較小的學習率。",
				map[string]any{"epoch": div.Epoch, "batch": div.Batch})
		} else {
			j.failed = newError(CodeInternal, "Training failed: "+err.Error(), "訓練失敗："+err.Error(), nil)
		}
		return nil, j.failed
	}
	if j.loop.Done() { // this call ran the last batch
		e.adopt(j)
	}
	return j.result(&RunResult{EpochEnds: epochRecords(ends)}), nil
}

// stop runs train_stop: the training ends where it is; a model that took at
// least one step becomes the current model.
func (e *Engine) stop() (any, error) {
	j := e.job
	if j == nil {
		return nil, errNoTraining()
	}
	if !j.over() {
		j.loop.Stop()
		if j.loop.History().Steps > 0 {
			e.adopt(j)
		}
	}
	return j.result(&RunResult{EpochEnds: []EpochRecord{}}), nil
}

// result completes a RunResult with the job's state.
func (j *trainJob) result(res *RunResult) *RunResult {
	h := j.loop.History()
	res.Progress = progress(j.loop)
	res.History = epochRecords(h.Epochs)
	res.Done = j.over()
	res.Stopped = h.Stopped
	if j.info.Source == "trained" {
		info := j.info
		res.Model = &info
	}
	return res
}

// adopt makes the job's trained model the engine's current model (and the
// kept "trained" one), with the training scaler: a price window traced
// afterwards is scaled exactly as the training windows were.
func (e *Engine) adopt(j *trainJob) {
	j.info = Info(j.model, j.steps, "trained")
	pred, err := j.predict()
	if err == nil {
		j.pred = pred
	}
	meta := j.meta()
	e.setCurrent(&keptModel{model: j.model, info: j.info, scaler: j.p.Scaler, meta: &meta})
	e.keep("trained")
}

// meta is the model file's metadata of the job's training.
func (j *trainJob) meta() modelfile.Meta {
	seed := j.settings.Seed
	m := modelfile.Meta{
		Stock: j.stock.Code, From: j.stock.From, To: j.stock.To, Name: j.stock.Name,
		Features: j.features, Target: j.features[j.p.Target], TimeSteps: j.steps,
		Split: j.split[:], Seed: &seed, Epochs: len(j.loop.History().Epochs), BatchSize: j.settings.Batch,
		Optimizer: j.settings.Optimizer, LearningRate: j.settings.LR, Loss: string(nn.MSE),
	}
	for _, h := range epochRecords(j.loop.History().Epochs) {
		m.History = append(m.History, modelfile.Epoch{Loss: h.Loss, ValLoss: h.ValLoss})
	}
	if j.pred != nil {
		rm, rb := j.pred.RMSE.Model, j.pred.RMSE.Baseline
		m.TestRMSE, m.BaselineRMSE = &rm, &rb
	}
	return m
}

func errNoTraining() *Error {
	return newError(CodeNoTraining, "No training has been prepared: call train_prepare first.",
		"尚未準備訓練：請先呼叫 train_prepare。", nil)
}
