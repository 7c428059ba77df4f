package lecture

import (
	"unroll/core/jsonx"
	"unroll/core/msg"
)

// IntRange is an inclusive range of whole numbers, written [min, max] as the
// page writes it.
type IntRange [2]int

// Has reports whether v lies in r.
func (r IntRange) Has(v int) bool { return v >= r[0] && v <= r[1] }

// FloatRange is an inclusive range of numbers, written [min, max].
type FloatRange [2]float64

// Has reports whether v lies in r (false for NaN).
func (r FloatRange) Has(v float64) bool { return v >= r[0] && v <= r[1] }

// Limits bound what a person may ask of the workflow and of the step-through
// view. Page is the one set the page and its engine use; `unroll train`
// widens a few of them where it says why.
type Limits struct {
	Units IntRange `json:"units"` // n of the step-through's seeded model
	Steps IntRange `json:"steps"` // TIME_STEPS of the step-through's window
	Seed  IntRange `json:"seed"`  // a seed the page can write exactly (a JS safe integer)

	TrainUnits IntRange   `json:"trainUnits"` // n of a model to train
	TrainSteps IntRange   `json:"trainSteps"` // TIME_STEPS of the training windows
	Epochs     IntRange   `json:"epochs"`
	Batch      IntRange   `json:"batch"`
	LR         FloatRange `json:"lr"`   // learning rate; 0 asks for the optimizer's Keras default
	Rows       int        `json:"rows"` // trading days in one prepared series, at most

	// SeqSteps is the longest sequence one trace takes: the entries of a
	// typed sequence, and the window of an imported model whose file
	// records a longer TIME_STEPS than the page's own (trained by
	// `unroll train` or Keras).
	SeqSteps     int        `json:"seqSteps"`
	SeqMagnitude float64    `json:"seqMagnitude"` // largest magnitude of a typed value
	Period       FloatRange `json:"period"`       // of the sine wave, in time steps
	RunBatches   int        `json:"runBatches"`   // mini-batches in one train_run call, at most
	ShardBytes   int        `json:"shardBytes"`   // the weight shards of an imported TF.js model, together
	ModelBytes   int        `json:"modelBytes"`   // an imported Unroll model file or TF.js model.json

	// A text the character models train on: its distinct characters (the
	// vocabulary, so INPUT_SIZE) and its length, at most; and the longest
	// text a trained character model reads in one pass (a prefix to predict
	// after, or a prompt with what is generated after it).
	Vocab     int `json:"vocab"`
	TextChars int `json:"textChars"`
	Context   int `json:"context"`
}

// Page is the page's limits, which its engine enforces too.
var Page = Limits{
	Units: IntRange{1, 64}, Steps: IntRange{1, 60}, Seed: IntRange{0, 1<<53 - 1},
	TrainUnits: IntRange{1, 64}, TrainSteps: IntRange{2, 60},
	Epochs: IntRange{1, 500}, Batch: IntRange{1, 4096}, LR: FloatRange{1e-6, 1},
	Rows:     100000,
	SeqSteps: 200, SeqMagnitude: 1e6, Period: FloatRange{2, 1000},
	RunBatches: 10000, ShardBytes: 64 << 20, ModelBytes: 16 << 20,
	Vocab: 512, TextChars: 1 << 20, Context: 1000,
}

// The lecture's time-ordered split: the first 70% of the windows train the
// model, the next 15% validate it after every epoch, the last 15% test it.
// The scaler sees only the rows the training windows read.
const (
	TrainFrac = 0.70
	ValFrac   = 0.15
)

// TextTrainFrac is the character models' time-ordered split: the first 90%
// of a text's characters train the model, the last 10% are held out to
// measure it (and to validate it after every epoch).
const TextTrainFrac = 0.90

// Split is a time-ordered split's fractions (of the windows).
type Split struct {
	Train float64 `json:"train"` // 0 means TrainFrac
	Val   float64 `json:"val"`   // validation; absent means ValFrac, 0 means none
}

// Columns are the daily columns a model may read, in the order of a row of
// the five-feature set (twstock's open, high, low, close and capacity).
var Columns = []string{"open", "high", "low", "close", "volume"}

// Target is the column the lecture's model predicts: the next day's close.
const Target = "close"

// FeatureSets are the inputs per day the page offers: the close alone, or
// open, high, low, close and volume.
var FeatureSets = map[string][]string{"close": {"close"}, "ohlcv": {"open", "high", "low", "close", "volume"}}

// MinTestWindows is how many test windows (days predicted) a test RMSE
// should rest on; with fewer the page says it rests on a few days.
const MinTestWindows = 20

// Table is what the page reads from the engine instead of declaring it
// again: the limits, the split (of prices, and of a text), the feature sets,
// the target and the minimum of test windows.
type Table struct {
	Limits
	Split          Split               `json:"split"`
	TextSplit      Split               `json:"textSplit"`
	Features       map[string][]string `json:"features"`
	Target         string              `json:"target"`
	Forecasts      []string            `json:"forecasts"` // the forecast targets, the lecture's first (forecast.go)
	MinTestWindows int                 `json:"minTestWindows"`
}

// PageTable is the Table of the page.
func PageTable() Table {
	return Table{Limits: Page, Split: Split{Train: TrainFrac, Val: ValFrac}, TextSplit: Split{Train: TextTrainFrac},
		Features: FeatureSets,
		Target:   Target, Forecasts: Forecasts, MinTestWindows: MinTestWindows}
}

// Module is the page's ES module static/gen/limits.js: PageTable as a
// deeply frozen default export.
func Module() ([]byte, error) {
	t := PageTable()
	b, err := jsonx.Marshal(&t)
	if err != nil {
		return nil, err
	}
	return msg.Appendf(nil, `// Generated from core/lecture by cmd/genlimits (make assets); do not edit.
// The engine's limits, split fractions, feature sets and minimum of test
// windows, for the page to read instead of declaring them again.
const freeze = (o) => {
  for (const v of Object.values(o)) if (v && typeof v === 'object') freeze(v);
  return Object.freeze(o);
};
export default freeze(%s);
`, b), nil
}
