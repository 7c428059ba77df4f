package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"

	"unroll/core/lecture"
	"unroll/core/modelfile"
	"unroll/core/nn"
	"unroll/core/series"
	"unroll/core/train"
	"unroll/web/twse"
)

// cliLimits are the page's limits (lecture.Page), widened where a native run
// may ask for more than a page in a browser: units up to the engine's ceiling,
// longer windows (from one day), more epochs, bigger batches, any learning
// rate and any seed below 2^63, since it runs at native speed with nothing to
// keep responsive and writes a file rather than a link; the bounds left only
// keep a typo from asking for hours of work.
var cliLimits = func() lecture.Limits {
	l := lecture.Page
	l.TrainUnits = lecture.IntRange{1, nn.MaxUnits}
	l.TrainSteps = lecture.IntRange{1, 1000}
	l.Epochs = lecture.IntRange{1, 10000}
	l.Batch = lecture.IntRange{1, 100000}
	l.LR = lecture.FloatRange{0, math.MaxFloat64}
	l.Seed = lecture.IntRange{0, math.MaxInt64}
	return l
}()

// trainOptions are the parsed flags of `unroll train`.
type trainOptions struct {
	stock, from, to string
	cell            nn.Cell
	units, steps    int
	epochs, batch   int
	seed            uint64
	lr              float64
	optimizer       string
	features        string // "close" or "ohlcv"
	target          string // the forecast target: price, window or logret
	walkForward     bool   // evaluate the test part walking forward
	refitEpochs     int    // with walkForward: epochs of refitting the model at each step
	text            string // a UTF-8 text file: train a next-character model on it instead
	out             string
}

// epochSummary and trainSummary are the JSON summary, the last line of
// stdout (DESIGN.md §1).
type epochSummary struct {
	Loss    float64 `json:"loss"`
	ValLoss float64 `json:"val_loss"`
}

type trainSummary struct {
	Epochs       []epochSummary `json:"epochs"`
	TestRMSE     float64        `json:"test_rmse"`     // NT$
	BaselineRMSE float64        `json:"baseline_rmse"` // NT$, tomorrow's close = today's close
	Target       string         `json:"target"`        // price | window | logret
	WalkForward  bool           `json:"walk_forward"`
	TestMAE      float64        `json:"test_mae"`     // NT$
	BaselineMAE  float64        `json:"baseline_mae"` // NT$
	// DirectionAccuracy is the share of the test days whose close moved
	// on which the model called the move (up or down) right; UpShare is the
	// share that went up, what always calling "up" scores.
	DirectionAccuracy float64 `json:"direction_accuracy"`
	UpShare           float64 `json:"up_share"`
}

// runTrain trains a model on a stock's closing prices as the lecture does in
// Keras, and saves it as an Unroll model file.
func runTrain(ctx context.Context, e env, args []string) error {
	o, offline, err := parseTrainFlags(e, args)
	if err != nil {
		return err
	}
	if o.text != "" {
		return trainText(ctx, e, o)
	}
	src, err := newPriceSource(e, offline)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	return trainModel(ctx, e, o, src)
}

func parseTrainFlags(e env, args []string) (trainOptions, bool, error) {
	var o trainOptions
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&o.stock, "stock", "", "stock code, e.g. 2330")
	fs.StringVar(&o.from, "from", "", "first month, YYYY-MM")
	fs.StringVar(&o.to, "to", "", "last month, YYYY-MM")
	offline := fs.Bool("offline", false, "use only the price series shipped with Unroll")
	cellName := fs.String("cell", "", "recurrent cell: rnn, lstm or gru")
	fs.IntVar(&o.units, "units", 0, "units of the recurrent layer")
	fs.IntVar(&o.steps, "steps", 0, "TIME_STEPS: days in each input window")
	fs.IntVar(&o.epochs, "epochs", 0, "passes over the training windows")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the initial weights and of the shuffling")
	fs.IntVar(&o.batch, "batch", train.DefaultBatchSize, "batch size")
	fs.Float64Var(&o.lr, "lr", 0, "learning rate (0: Keras's default for the optimizer)")
	fs.StringVar(&o.optimizer, "optimizer", "adam", "adam, rmsprop or sgd")
	fs.StringVar(&o.features, "features", "close", "inputs per day: close, or ohlcv (open, high, low, close, volume)")
	fs.StringVar(&o.target, "target", lecture.ForecastPrice, "what the model predicts: price (the lecture's), window (relative to the window's last close) or logret (daily log returns)")
	fs.BoolVar(&o.walkForward, "walk-forward", false, "evaluate the test part walking forward: refit the scaler every 20 test days on the days known then")
	fs.IntVar(&o.refitEpochs, "refit-epochs", 0, "with --walk-forward: also train the model this many epochs at each step on the windows known then")
	fs.StringVar(&o.text, "text", "", "a UTF-8 text file: train a next-character model on it")
	fs.StringVar(&o.out, "out", "", "the model file to write")
	fs.Usage = func() {
		fmt.Fprint(e.stderr, `usage: unroll train --stock CODE --from YYYY-MM --to YYYY-MM [--offline]
         --cell C --units N --steps T --epochs E [--seed S] [--batch B] [--lr X]
         [--optimizer adam|rmsprop|sgd] [--features close|ohlcv]
         [--target price|window|logret] [--walk-forward [--refit-epochs K]] --out FILE
       unroll train --text FILE --cell C --units N --steps T --epochs E
         [--seed S] [--batch B] [--lr X] [--optimizer adam|rmsprop|sgd] --out FILE

Trains a recurrent network to predict the next closing price from the last T
days, as the lecture does in Keras: windows of T days, split in time order
(first 70% train, next 15% validation, last 15% test), min-max scaling fitted
on the training part only. Progress goes to stderr; the last line of stdout
is a JSON summary {"epochs": [{"loss", "val_loss"}], "test_rmse",
"baseline_rmse", "target", "walk_forward", "test_mae", "baseline_mae",
"direction_accuracy", "up_share"} with RMSE and MAE in NT$ (baseline:
tomorrow's close = today's) and the share of moves called right.

--target window divides each window by its own last close (minus 1) and
predicts the next close relative to it; --target logret reads and predicts
daily log returns. Both read the close alone, are min-max scaled on the
training part too, and their predictions are turned back into NT$ closes.
--walk-forward refits the scaler every 20 test windows on the days known
then (and with --refit-epochs K trains the model K epochs on every window
whose target is known then), so no later statistic reaches a prediction.

With --text, trains a next-character model on the text of FILE (UTF-8, at
most `+strconv.Itoa(cliLimits.Vocab)+` different characters): one-hot inputs (INPUT_SIZE = the number of
different characters), windows of T characters with the next character as
the target at every step (return_sequences=True), a Dense(V, softmax) head
and categorical cross-entropy; the first 90% of the text trains, the last
10% is held out (val_loss). The last line of stdout is {"epochs": [{"loss",
"val_loss"}], "vocab", "accuracy", "baseline_accuracy"}: top-1 accuracy of
the next character on the held-out part, for the model and for the best a
network reading only the current character can do (the bigram table of the
training part).

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, false, usagef("train: %v", err)
	}
	if fs.NArg() > 0 {
		return o, false, usagef("train: unexpected argument %q", fs.Arg(0))
	}
	if o.text != "" {
		err := checkTextFlags(fs, &o, *cellName)
		return o, false, err
	}
	if o.stock == "" {
		return o, false, usagef("train: --stock (or --text) is required")
	}
	for _, req := range []struct{ name, val string }{
		{"from", o.from}, {"to", o.to}, {"cell", *cellName}, {"out", o.out},
	} {
		if req.val == "" {
			return o, false, usagef("train: --%s is required", req.name)
		}
	}
	if !twse.ValidCode(o.stock) {
		return o, false, usagef("train: --stock %q is not a stock code", o.stock)
	}
	from, err := twse.ParseMonth(o.from)
	if err != nil {
		return o, false, usagef("train: --from: %v", err)
	}
	to, err := twse.ParseMonth(o.to)
	if err != nil {
		return o, false, usagef("train: --to: %v", err)
	}
	if to.Before(from) {
		return o, false, usagef("train: --to %s is before --from %s", o.to, o.from)
	}
	if o.cell, err = nn.ParseCell(*cellName); err != nil {
		return o, false, usagef("train: %v", err)
	}
	if err := checkModelFlags(o); err != nil {
		return o, false, err
	}
	if _, ok := lecture.FeatureSets[o.features]; !ok {
		return o, false, usagef("train: --features %q (want close or ohlcv)", o.features)
	}
	switch {
	case !slices.Contains(lecture.Forecasts, o.target):
		return o, false, usagef("train: --target %q (want price, window or logret)", o.target)
	case o.target != lecture.ForecastPrice && o.features != "close":
		return o, false, usagef("train: --target %s reads the close alone (--features close)", o.target)
	case o.refitEpochs < 0 || o.refitEpochs > 100 || (o.refitEpochs > 0 && !o.walkForward):
		return o, false, usagef("train: --refit-epochs %d needs --walk-forward and is at most 100", o.refitEpochs)
	}
	return o, *offline, nil
}

// checkModelFlags checks the flags of the model and its training that both
// forms of `unroll train` take.
func checkModelFlags(o trainOptions) error {
	lim := cliLimits
	for _, c := range []struct {
		name string
		v    int
		r    lecture.IntRange
	}{{"units", o.units, lim.TrainUnits}, {"steps", o.steps, lim.TrainSteps}, {"epochs", o.epochs, lim.Epochs}, {"batch", o.batch, lim.Batch}} {
		if !c.r.Has(c.v) {
			return usagef("train: --%s %d out of range %d..%d", c.name, c.v, c.r[0], c.r[1])
		}
	}
	if _, err := train.NewOptimizer(o.optimizer, o.lr); err != nil {
		return usagef("train: %v", err)
	}
	return nil
}

// trainModel runs the lecture's workflow (lecture.Job): prices → features →
// windows → split → scaling → training → test RMSE beside the last-value
// baseline, with progress on stderr, the summary on stdout and the model file.
func trainModel(ctx context.Context, e env, o trainOptions, src priceSource) error {
	rows, err := src.Daily(ctx, o.stock, o.from, o.to)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	tty := isTerminal(e.stderr)
	onBatch, onEpoch := progressCallbacks(ctx, e)
	var walk *lecture.WalkForward
	if o.walkForward {
		walk = &lecture.WalkForward{Epochs: o.refitEpochs}
	}
	j, err := lecture.Prepare(lecture.Spec{
		Series: seriesOf(rows), Stock: lecture.Stock{Code: o.stock, From: o.from, To: o.to},
		Features: lecture.FeatureSets[o.features], Steps: o.steps, Forecast: o.target, WalkForward: walk,
		Model:   lecture.ModelSpec{Cell: string(o.cell), Units: o.units, Seed: o.seed},
		Train:   lecture.TrainSpec{Epochs: o.epochs, Batch: o.batch, LR: o.lr, Optimizer: o.optimizer},
		OnBatch: onBatch, OnEpoch: onEpoch,
	}, cliLimits)
	var le *lecture.Error
	if errors.As(err, &le) && le.Code == lecture.CodeTrainData {
		return fmt.Errorf("train: %s %s..%s has %d trading days: %s", o.stock, o.from, o.to, le.Detail["rows"], le.Message)
	}
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	p := j.Data
	for _, part := range []struct {
		name string
		r    series.Range
	}{{"train", p.Parts.Train}, {"validation", p.Parts.Val}, {"test", p.Parts.Test}} {
		fmt.Fprintf(e.stderr, "%-10s %4d windows, targets %s … %s\n", part.name, part.r.Len(),
			j.Dates[part.r.Start+o.steps], j.Dates[part.r.End-1+o.steps])
	}
	fmt.Fprintf(e.stderr, "%s(%d) on %d feature(s) × %d steps, %d parameters, %s lr %g, batch %d, seed %d\n",
		o.cell, o.units, len(j.Spec.Features), o.steps, j.Model.ParamCount(), j.Settings.Optimizer, j.Settings.LR, o.batch, o.seed)
	_, err = j.Loop.Step(math.MaxInt) // train.Fit: the whole training in one call
	if tty && (err != nil || ctx.Err() != nil) {
		fmt.Fprintln(e.stderr)
	}
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("train: interrupted: %w", err)
	}
	pred, err := j.Predict()
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	testRMSE, baseRMSE := pred.RMSE.Model, pred.RMSE.Baseline
	sum := trainSummary{TestRMSE: testRMSE, BaselineRMSE: baseRMSE, Target: pred.Target, WalkForward: o.walkForward,
		TestMAE: pred.MAE.Model, BaselineMAE: pred.MAE.Baseline, DirectionAccuracy: pred.Direction.Model, UpShare: pred.Direction.Up}
	for _, ep := range j.Loop.History().Epochs {
		sum.Epochs = append(sum.Epochs, epochSummary{Loss: ep.Loss, ValLoss: ep.ValLoss})
	}
	file, err := modelfile.Encode(j.Model, p.Scaler, j.Meta(pred))
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	if err := os.WriteFile(o.out, file, 0o644); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	w := pred.Why
	fmt.Fprintf(e.stderr, "closes the scaler's days saw NT$%.2f … %.2f, the test days' NT$%.2f … %.2f: %d of %d test days (%.0f%%) outside\n",
		w.TrainCloses[0], w.TrainCloses[1], w.TestCloses[0], w.TestCloses[1], w.Outside, len(pred.Test.Actual), 100*w.OutsideShare)
	fmt.Fprintf(e.stderr, "correlation with the actual close: %.4f same day, %.4f the day before; of the predicted move with the actual move %.3f\n",
		w.CorrAligned, w.CorrShifted, w.CorrMove)
	fmt.Fprintf(e.stderr, "target %s: test RMSE NT$%.2f (last-value baseline NT$%.2f), MAE NT$%.2f (NT$%.2f), direction %.1f%% right (up on %.1f%% of the days that moved); model written to %s\n",
		pred.Target, testRMSE, baseRMSE, pred.MAE.Model, pred.MAE.Baseline, 100*pred.Direction.Model, 100*pred.Direction.Up, o.out)
	b, err := json.Marshal(sum)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	_, err = fmt.Fprintf(e.stdout, "%s\n", b)
	return err
}
