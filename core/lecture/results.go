package lecture

import (
	"math"

	"unroll/core/jsonx"
	"unroll/core/series"
)

// Values are numbers that marshal NaN as null (a value that does not exist).
type Values []float64

// WriteJSON writes the values, null for NaN (and [] when there are none).
func (v Values) WriteJSON(w *jsonx.Writer) {
	w.Open('[')
	for _, x := range v {
		w.Elem()
		if math.IsNaN(x) {
			w.Null()
		} else {
			w.Float(x)
		}
	}
	w.Close(']')
}

// MarshalJSON writes the values as WriteJSON does (for encoding/json).
func (v Values) MarshalJSON() ([]byte, error) { return jsonx.Marshal(v) }

// ScalerView is a min-max scaler as the page reads it:
// scaled = (raw − min) / (max − min), per feature.
type ScalerView struct {
	Features []string  `json:"features"`
	Min      []float64 `json:"min"`
	Max      []float64 `json:"max"`
}

// ViewOf is sc as the page reads it.
func ViewOf(sc *series.MinMaxScaler) ScalerView {
	return ScalerView{Features: sc.Features, Min: sc.Min, Max: sc.Max}
}

// Stages is every stage of a prepared training as data for the page to draw.
type Stages struct {
	Rows    int                  `json:"rows"`    // trading days kept
	Dropped int                  `json:"dropped"` // days dropped for a missing value
	Dates   []string             `json:"dates"`   // [rows]
	Raw     map[string][]float64 `json:"raw"`     // feature → [rows], in NT$ (volume in shares)
	// Scaled is, per feature and day, what the model sees: for price the
	// scaled value; for window and logret the scaled value of that day as
	// its window's target (null for the first days, no window's target).
	Scaled   map[string]Values `json:"scaled"`
	Forecast string            `json:"forecast"` // price | window | logret
	Features []string          `json:"features"`
	Target   string            `json:"target"`
	Steps    int               `json:"steps"`
	Scaler   ScalerView        `json:"scaler"`
	// FitRows are the rows the scaler saw: exactly those the training
	// windows read (inputs and targets), nothing later.
	FitRows     series.Range `json:"fit_rows"`
	Windows     int          `json:"windows"`
	WindowDates []string     `json:"window_dates"` // the date of each window's target (the day predicted)
	Split       series.Parts `json:"split"`        // over window indices, end exclusive
	Batches     int          `json:"batches_per_epoch"`
	Train       Settings     `json:"train"`
	Stock       Stock        `json:"stock"`
	// WindowsPreview are the first few windows, for the page to show what a
	// window is.
	WindowsPreview []WindowPreview `json:"windows_preview"`
}

// WindowPreview is one window: its TIME_STEPS days (x: one value per day for
// a single feature, else [day][feature]) and the next day's target.
type WindowPreview struct {
	Dates   []string `json:"dates"`
	X       any      `json:"x"`
	XScaled any      `json:"x_scaled"`
	Y       float64  `json:"y"` // the next day's target, unscaled
	YScaled float64  `json:"y_scaled"`
	YDate   string   `json:"y_date"`
}

// previewWindows is how many windows Stages.WindowsPreview holds.
const previewWindows = 5

// Stages describes the prepared job.
func (j *Job) Stages() Stages {
	p, steps, features := j.Data, j.Spec.Steps, j.Spec.Features
	res := Stages{
		Rows: len(j.Rows), Dropped: j.Dropped, Dates: j.Dates,
		Raw: map[string][]float64{}, Scaled: map[string]Values{},
		Features: features, Target: j.Spec.Target, Steps: steps,
		Scaler:  ScalerView{Features: features, Min: p.Scaler.Min, Max: p.Scaler.Max},
		FitRows: series.Range{Start: 0, End: p.FitRows}, Windows: len(p.X), WindowDates: j.Dates[j.lead:], Forecast: j.Spec.Forecast,
		Split: p.Parts, Batches: j.Loop.Batches(), Train: j.Settings, Stock: j.Spec.Stock,
	}
	lead := j.lead
	for k, f := range features {
		raw, scaled := make([]float64, len(j.Rows)), make([]float64, len(j.Rows))
		for d, row := range j.Rows {
			raw[d], scaled[d] = row[k], p.Scaler.Scale(k, row[k])
			if j.Spec.Forecast != ForecastPrice { // the day's value as a target; none before the first
				scaled[d] = math.NaN()
				if d >= lead {
					scaled[d] = p.Y[d-lead][0][0]
				}
			}
		}
		res.Raw[f], res.Scaled[f] = raw, scaled
	}
	for w := 0; w < min(previewWindows, len(p.X)); w++ {
		d0 := w + lead - steps // the window's first day
		v := WindowPreview{Dates: j.Dates[d0 : d0+steps], YDate: j.Dates[w+lead], Y: p.Actual[w], YScaled: p.Y[w][0][0]}
		if len(features) == 1 {
			x, xs := make([]float64, steps), make([]float64, steps)
			for t := range x {
				x[t], xs[t] = j.Rows[d0+t][0], p.X[w][t][0]
			}
			v.X, v.XScaled = x, xs
		} else {
			v.X, v.XScaled = j.Rows[w:w+steps], p.X[w]
		}
		res.WindowsPreview = append(res.WindowsPreview, v)
	}
	return res
}

// EpochRecord is one finished epoch (Keras's History row).
type EpochRecord struct {
	Epoch   int      `json:"epoch"`
	Loss    float64  `json:"loss"`               // mean training loss over the epoch's samples
	ValLoss *float64 `json:"val_loss,omitempty"` // after the epoch; absent without a validation part
}

// Progress is where the training is, for a progress bar.
type Progress struct {
	Epoch     int     `json:"epoch"` // 1-based epoch under way (or just finished)
	Epochs    int     `json:"epochs"`
	Batch     int     `json:"batch"` // batches done in that epoch
	Batches   int     `json:"batches"`
	Loss      float64 `json:"loss"`       // the last batch's loss
	EpochLoss float64 `json:"epoch_loss"` // mean loss of the epoch so far
	Step      int     `json:"step"`       // optimizer steps taken
	Steps     int     `json:"steps"`      // optimizer steps of the whole training
}

// RunState is where a training is after a call that ran (or stopped) it.
type RunState struct {
	Progress  Progress      `json:"progress"`
	EpochEnds []EpochRecord `json:"epoch_ends"` // epochs finished during this call
	History   []EpochRecord `json:"history"`    // every finished epoch
	Done      bool          `json:"done"`       // the training is over (finished or stopped)
	Stopped   bool          `json:"stopped"`    // stopped before its last epoch
}

// PredictPart is one part of the split: per window, the date predicted, the
// actual close, the model's prediction and the last-value baseline, in NT$.
type PredictPart struct {
	Dates     []string  `json:"dates"`
	Actual    []float64 `json:"actual"`
	Predicted []float64 `json:"predicted"`
	Baseline  []float64 `json:"baseline"`
}

// ErrorPair is an error measure of the model and of the baseline (NT$).
type ErrorPair struct {
	Model    float64 `json:"model"`
	Baseline float64 `json:"baseline"`
}

// Predictions are the model's predictions on the test part and their errors.
type Predictions struct {
	Target      string       `json:"target"` // the forecast target: price | window | logret
	WalkForward *WalkForward `json:"walk_forward,omitempty"`
	Test        PredictPart  `json:"test"`
	RMSE        ErrorPair    `json:"rmse"`
	MAE         ErrorPair    `json:"mae"`
	Direction   Direction    `json:"direction"`
	Why         Why          `json:"why"`
}
