package bridge

import (
	"encoding/json"

	"unroll/core/series"
)

// Limits of a training the page may ask for.
const (
	MaxTrainRows   = 100000 // trading days in one prepared series
	MaxTrainEpochs = 1000
	MaxTrainBatch  = 10000
	MaxTrainLR     = 10
	MaxRunBatches  = 10000 // mini-batches in one train_run call
	MaxShardBytes  = 64 << 20
)

// Features is the order of the daily columns a model may read (twstock's
// open, high, low, close and capacity).
var Features = []string{"open", "high", "low", "close", "volume"}

// SeriesArgs are a stock's daily columns, oldest first: one value per date,
// null for a day without trades.
type SeriesArgs struct {
	Dates   []string              `json:"dates"`
	Columns map[string][]*float64 `json:"columns"`
}

// StockArgs say where a series came from (kept in the model file's meta).
type StockArgs struct {
	Code   string `json:"code"`
	Name   string `json:"name,omitempty"`
	From   string `json:"from,omitempty"` // YYYY-MM
	To     string `json:"to,omitempty"`   // YYYY-MM
	Source string `json:"source,omitempty"`
}

// SplitArgs are the time-ordered split's fractions (of the windows).
type SplitArgs struct {
	Train float64 `json:"train"` // 0 means 0.7
	Val   float64 `json:"val"`   // validation; absent means 0.15, 0 means none
}

// TrainModelArgs is the model train_prepare builds: one recurrent layer on
// len(features) inputs and a Dense(1) head, initialised as set_model's spec
// (nn.NewSeeded).
type TrainModelArgs struct {
	Cell  string `json:"cell"`
	Units int    `json:"units"`
	Seed  uint64 `json:"seed"`
}

// TrainArgs are model.fit's settings.
type TrainArgs struct {
	Epochs    int     `json:"epochs"`
	Batch     int     `json:"batch"`     // 0 means 32
	LR        float64 `json:"lr"`        // 0 means the optimizer's Keras default
	Optimizer string  `json:"optimizer"` // adam | rmsprop | sgd; "" means adam
}

// PrepareArgs are the arguments of train_prepare.
type PrepareArgs struct {
	Series   *SeriesArgs    `json:"series"`
	Stock    StockArgs      `json:"stock"`
	Features []string       `json:"features"` // default ["close"]
	Target   string         `json:"target"`   // default "close"
	Steps    int            `json:"steps"`    // TIME_STEPS, default 10
	Split    *SplitArgs     `json:"split"`
	Model    TrainModelArgs `json:"model"`
	Train    TrainArgs      `json:"train"`
}

// ScalerOut is the training scaler: scaled = (raw − min) / (max − min).
type ScalerOut struct {
	Features []string  `json:"features"`
	Min      []float64 `json:"min"`
	Max      []float64 `json:"max"`
}

// SplitOut is the time-ordered split over window indices (end exclusive).
type SplitOut struct {
	Train series.Range `json:"train"`
	Val   series.Range `json:"val"`
	Test  series.Range `json:"test"`
}

// TrainSettings are the settings in effect (defaults filled in).
type TrainSettings struct {
	Epochs    int     `json:"epochs"`
	Batch     int     `json:"batch"`
	LR        float64 `json:"lr"`
	Optimizer string  `json:"optimizer"`
	Seed      uint64  `json:"seed"`
}

// PrepareResult is the answer to train_prepare: every stage of the lecture's
// workflow as data for the page to draw.
type PrepareResult struct {
	Rows     int                  `json:"rows"`    // trading days kept
	Dropped  int                  `json:"dropped"` // days dropped for a missing value
	Dates    []string             `json:"dates"`   // [rows]
	Raw      map[string][]float64 `json:"raw"`     // feature → [rows], in NT$ (volume in shares)
	Scaled   map[string][]float64 `json:"scaled"`  // feature → [rows], what the model sees
	Features []string             `json:"features"`
	Target   string               `json:"target"`
	Steps    int                  `json:"steps"`
	Scaler   ScalerOut            `json:"scaler"`
	// FitRows are the rows the scaler saw: exactly those the training
	// windows read (inputs and targets), nothing later.
	FitRows     series.Range  `json:"fit_rows"`
	Windows     int           `json:"windows"`
	WindowDates []string      `json:"window_dates"` // the date of each window's target (the day predicted)
	Split       SplitOut      `json:"split"`
	Batches     int           `json:"batches_per_epoch"`
	Train       TrainSettings `json:"train"`
	Stock       StockArgs     `json:"stock"`
	Model       ModelInfo     `json:"model"`
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

// RunArgs are the arguments of train_run.
type RunArgs struct {
	Batches int `json:"batches"` // mini-batches to run at most; 0 means 1
}

// EpochRecord is one finished epoch (Keras's History row).
type EpochRecord struct {
	Epoch   int      `json:"epoch"`
	Loss    float64  `json:"loss"`               // mean training loss over the epoch's samples
	ValLoss *float64 `json:"val_loss,omitempty"` // after the epoch; absent without a validation part
}

// TrainProgress is where the training is, for a progress bar.
type TrainProgress struct {
	Epoch     int     `json:"epoch"` // 1-based epoch under way (or just finished)
	Epochs    int     `json:"epochs"`
	Batch     int     `json:"batch"` // batches done in that epoch
	Batches   int     `json:"batches"`
	Loss      float64 `json:"loss"`       // the last batch's loss
	EpochLoss float64 `json:"epoch_loss"` // mean loss of the epoch so far
	Step      int     `json:"step"`       // optimizer steps taken
	Steps     int     `json:"steps"`      // optimizer steps of the whole training
}

// RunResult is the answer to train_run and train_stop.
type RunResult struct {
	Progress  TrainProgress `json:"progress"`
	EpochEnds []EpochRecord `json:"epoch_ends"` // epochs finished during this call
	History   []EpochRecord `json:"history"`    // every finished epoch
	Done      bool          `json:"done"`       // the training is over (finished or stopped)
	Stopped   bool          `json:"stopped"`    // stopped before its last epoch
	Model     *ModelInfo    `json:"model,omitempty"`
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

// PredictResult is the answer to predict.
type PredictResult struct {
	Test  PredictPart `json:"test"`
	RMSE  ErrorPair   `json:"rmse"`
	MAE   ErrorPair   `json:"mae"`
	Model ModelInfo   `json:"model"`
}

// ExportResult is the answer to export_model: the Unroll model file's text.
type ExportResult struct {
	File  string    `json:"file"`
	Name  string    `json:"name"` // a file name to suggest
	Model ModelInfo `json:"model"`
}

// TFJSArgs are a TensorFlow.js Layers model: model.json's text and its
// weight shards, base64, by file name (or manifest path).
type TFJSArgs struct {
	ModelJSON string            `json:"model_json"`
	Shards    map[string]string `json:"shards"`
}

// ImportArgs are the arguments of import_model: an Unroll model file (as a
// string or a JSON object) or a TF.js model; name is the file's name, for
// messages; steps overrides the window length (0: the file's, else 10).
type ImportArgs struct {
	File  json.RawMessage `json:"file,omitempty"`
	TFJS  *TFJSArgs       `json:"tfjs,omitempty"`
	Name  string          `json:"name,omitempty"`
	Steps int             `json:"steps,omitempty"`
}

// LayerOut is one layer of an imported TF.js model and its role.
type LayerOut struct {
	Name  string `json:"name"`
	Class string `json:"class"`
	Role  string `json:"role"`
}

// ImportResult is the answer to import_model and use_model.
type ImportResult struct {
	Model       ModelInfo  `json:"model"`
	Format      string     `json:"format"` // unroll-model | tfjs-layers
	Name        string     `json:"name,omitempty"`
	GeneratedBy string     `json:"generated_by,omitempty"`
	Layers      []LayerOut `json:"layers,omitempty"`
	Scaler      *ScalerOut `json:"scaler,omitempty"`
	Stock       string     `json:"stock,omitempty"`
}

// UseArgs are the arguments of use_model: which kept model becomes current.
type UseArgs struct {
	Source string `json:"source"` // trained | imported
}
