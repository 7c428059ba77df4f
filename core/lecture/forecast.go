package lecture

import (
	"cmp"
	"math"
	"slices"

	"unroll/core/nn"
	"unroll/core/series"
	"unroll/core/train"
)

// The forecast targets: what the network reads and predicts. Every one is
// turned back into NT$ closes, so they compare on the same errors against
// the same last-value baseline.
//
//   - price, the lecture's way: the closes, min-max scaled on the training part.
//     The scaler has seen only the training years; later prices beyond its
//     maximum map above 1, where the network has never been.
//   - window: each window of TIME_STEPS closes divided by its own last close,
//     minus 1; the next close relative to that last close is the target.
//   - logret: the daily log returns ln(c_t / c_{t−1}); the next return is the
//     target.
//
// window and logret read the close alone; their values are min-max scaled
// on the training part too (a relative move, not a price level).
const (
	ForecastPrice  = series.TargetPrice
	ForecastWindow = series.TargetRelative
	ForecastLogret = series.TargetLogRet
)

// Forecasts are the targets, the lecture's first.
var Forecasts = []string{ForecastPrice, ForecastWindow, ForecastLogret}

// WalkForward asks the evaluation to move through the test part in steps of
// Every windows (0 means 20, about a month of trading days), refitting the
// scaler before each step on every value known then (the days up to the
// step's first window's last day) and, with Epochs > 0, training a copy of
// the model that many epochs on every window whose target is known then.
// No statistic of a later day reaches an earlier prediction.
type WalkForward struct {
	Every  int `json:"every"`
	Epochs int `json:"epochs"`
}

// walkEvery is WalkForward.Every's default: about a month of trading days.
const walkEvery = 20

// windows prepares the job's data for its forecast target: the windows in
// the target's units (kept for a walk-forward), split in time order, scaled
// by a scaler fitted on the training part. For price it is series.Prepare.
func (j *Job) windows(target int) (*series.Prepared, error) {
	steps, sp := j.Spec.Steps, j.Split
	var err error
	if j.Spec.Forecast == ForecastPrice {
		j.lead = steps
		if j.rawX, j.rawY, err = series.Window(j.Rows, steps, target); err != nil {
			return nil, err
		}
		return series.Prepare(j.Rows, j.Spec.Features, steps, target, sp[0], sp[1])
	}
	closes := make([]float64, len(j.Rows))
	for d, row := range j.Rows {
		closes[d] = row[target]
	}
	if j.Spec.Forecast == ForecastWindow {
		j.lead = steps
		j.rawX, j.rawY, _, err = series.RelativeWindows(closes, steps)
	} else {
		j.lead = steps + 1 // T returns read T+1 closes
		var r []float64
		if r, err = series.LogReturns(closes); err == nil {
			j.rawX, j.rawY, err = series.WindowValues(r, steps)
		}
	}
	if err != nil {
		return nil, err
	}
	n := len(j.rawX)
	// Split as the price windows of these days split, so every target is
	// tested on the same days: logret's first window would be price's second.
	parts, err := series.Split(n+j.lead-steps, sp[0], sp[1])
	if err != nil {
		return nil, err
	}
	if j.lead > steps {
		parts.Train.End--
		parts.Val = series.Range{Start: parts.Val.Start - 1, End: parts.Val.End - 1}
		parts.Test = series.Range{Start: parts.Test.Start - 1, End: parts.Test.End - 1}
	}
	sc, err := series.FitWindows(j.rawX, j.rawY, parts.Train.End, 0, false, j.Spec.Features)
	if err != nil {
		return nil, err
	}
	p := &series.Prepared{Steps: steps, Scaler: sc, FitRows: parts.Train.End + j.lead, Parts: parts,
		X: sc.ScaleWindows(j.rawX, -1), Y: sc.ScaleWindows(j.rawY, 0),
		Actual: closes[j.lead : j.lead+n], Last: closes[j.lead-1 : j.lead-1+n]}
	sc.Rows, sc.Of = p.FitRows, j.Spec.Forecast
	return p, nil
}

// checkForecast fills in the default target and checks that window and
// logret read the close alone.
func checkForecast(spec *Spec) error {
	spec.Forecast = cmp.Or(spec.Forecast, ForecastPrice)
	if !slices.Contains(Forecasts, spec.Forecast) {
		return BadRequest("unknown forecast target %q (price, window or logret)", spec.Forecast)
	}
	if spec.Forecast != ForecastPrice && !slices.Equal(spec.Features, []string{Target}) {
		return BadRequest("the %s target reads the close alone, not %v", spec.Forecast, spec.Features)
	}
	if w := spec.WalkForward; w != nil && (w.Every < 0 || w.Epochs < 0 || w.Epochs > 100) {
		return BadRequest("walk-forward every %d, epochs %d: want every ≥ 0 and epochs in 0..100", w.Every, w.Epochs)
	}
	return nil
}

// predictTest runs the model over the test windows and returns its
// predictions as NT$ closes: with the training scaler, or walking forward.
func (j *Job) predictTest() ([]float64, error) {
	p, test := j.Data, j.Data.Parts.Test
	pred := make([]float64, test.Len())
	wf := j.Spec.WalkForward
	if wf == nil {
		x, _ := p.Slice(test)
		return pred, j.predictInto(pred, j.Model, p.Scaler, x, test.Start)
	}
	m := j.Model
	var opt train.Optimizer
	if wf.Epochs > 0 {
		m = j.Model.Clone()
		var err error
		if opt, err = train.NewOptimizer(j.Settings.Optimizer, j.Settings.LR); err != nil {
			return nil, err
		}
	}
	every := cmp.Or(wf.Every, walkEvery)
	for w0 := test.Start; w0 < test.End; w0 += every {
		w1 := min(w0+every, test.End)
		sc, err := series.FitWindows(j.rawX, j.rawY, w0, p.Target, true, j.Spec.Features)
		if err != nil {
			return nil, err
		}
		if wf.Epochs > 0 {
			loop, err := train.NewLoop(m, train.Dataset{X: sc.ScaleWindows(j.rawX[:w0], -1), Y: sc.ScaleWindows(j.rawY[:w0], p.Target)},
				train.Config{Epochs: wf.Epochs, BatchSize: j.Settings.Batch, Seed: j.Settings.Seed + uint64(w0), Loss: nn.MSE, Optimizer: opt})
			if err != nil {
				return nil, err
			}
			if _, err := loop.Step(math.MaxInt); err != nil {
				return nil, err
			}
		}
		if err := j.predictInto(pred[w0-test.Start:w1-test.Start], m, sc, sc.ScaleWindows(j.rawX[w0:w1], -1), w0); err != nil {
			return nil, err
		}
	}
	return pred, nil
}

// predictInto predicts the scaled windows x (the first is window w0) with m
// and writes the closes they stand for, unscaled with sc, into dst.
func (j *Job) predictInto(dst []float64, m *nn.Model, sc *series.MinMaxScaler, x [][][]float64, w0 int) error {
	out, err := train.Predict(m, x, j.Settings.Batch)
	if err != nil {
		return err
	}
	for k, y := range out {
		dst[k] = series.ToClose(j.Spec.Forecast, j.Data.Last[w0+k], sc.Unscale(j.Data.Target, y[0][0]))
	}
	return nil
}

// Direction is how often a forecast called the day's move (up or down)
// right, on the test days whose close moved, beside always calling "up".
type Direction struct {
	Model float64 `json:"model"`
	Up    float64 `json:"up"`   // the share of those days that went up
	Days  int     `json:"days"` // test days whose close moved
}

// Why are the numbers the page explains a forecast with, all from the run.
type Why struct {
	// TrainCloses are the lowest and highest close of the days the scaler
	// was fitted on (for price, the scaler's own range of the close);
	// TestCloses those of the test days; Outside counts the test days whose
	// close lies outside TrainCloses, OutsideShare their share.
	TrainCloses  [2]float64 `json:"train_closes"`
	TestCloses   [2]float64 `json:"test_closes"`
	Outside      int        `json:"outside"`
	OutsideShare float64    `json:"outside_share"`
	// CorrAligned is the correlation of the predictions with the actual
	// closes of the same days; CorrShifted with the actual closes of the
	// day before (prediction k+1 against actual k: a model that copies
	// yesterday's close scores near 1 here); CorrMove the correlation of
	// the predicted move (prediction − last close) with the actual move.
	CorrAligned float64 `json:"corr_aligned"`
	CorrShifted float64 `json:"corr_shifted"`
	CorrMove    float64 `json:"corr_move"`
	// MeanMove is the mean |prediction − last close|, how far the model
	// strays from yesterday's close; the baseline's MAE is how far the
	// actual close moved.
	MeanMove float64 `json:"mean_move"`
	// RMSERatio is the model's RMSE over the baseline's (0 when the
	// baseline's is 0): below 1 the model beats "tomorrow = today".
	RMSERatio float64 `json:"rmse_ratio"`
}

// why computes the Why of predictions pred of the test windows.
func (j *Job) why(res *Predictions) (Why, error) {
	var w Why
	t := res.Test
	fit := j.Rows[:j.Data.FitRows]
	w.TrainCloses = [2]float64{math.Inf(1), math.Inf(-1)}
	c := slices.Index(j.Spec.Features, j.Spec.Target)
	for _, row := range fit {
		w.TrainCloses = [2]float64{min(w.TrainCloses[0], row[c]), max(w.TrainCloses[1], row[c])}
	}
	w.TestCloses = [2]float64{slices.Min(t.Actual), slices.Max(t.Actual)}
	moved, predMove := make([]float64, len(t.Actual)), make([]float64, len(t.Actual))
	for k, a := range t.Actual {
		if a < w.TrainCloses[0] || a > w.TrainCloses[1] {
			w.Outside++
		}
		moved[k], predMove[k] = a-t.Baseline[k], t.Predicted[k]-t.Baseline[k]
		w.MeanMove += math.Abs(predMove[k])
	}
	n := len(t.Actual)
	w.OutsideShare, w.MeanMove = float64(w.Outside)/float64(n), w.MeanMove/float64(n)
	var err error
	if w.CorrAligned, err = series.Correlation(t.Predicted, t.Actual); err != nil {
		return w, err
	}
	if n > 2 {
		if w.CorrShifted, err = series.Correlation(t.Predicted[1:], t.Actual[:n-1]); err != nil {
			return w, err
		}
	}
	if res.RMSE.Baseline > 0 {
		w.RMSERatio = res.RMSE.Model / res.RMSE.Baseline
	}
	w.CorrMove, err = series.Correlation(predMove, moved)
	return w, err
}
