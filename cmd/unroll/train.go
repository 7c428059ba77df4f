package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strings"

	"unroll/core/modelfile"
	"unroll/core/nn"
	"unroll/core/series"
	"unroll/core/train"
	"unroll/web"
	"unroll/web/twse"
)

// The time-ordered split of `unroll train`: the first 70% of the windows
// train the model, the next 15% validate it after every epoch (val_loss), the
// last 15% test it (test_rmse, baseline_rmse). The scaler sees only the
// rows the training windows read.
const (
	trainFrac = 0.70
	valFrac   = 0.15
)

// Bounds that keep a typo from asking for hours of work.
const (
	maxTrainEpochs = 10000
	maxTrainSteps  = 1000
	maxTrainBatch  = 100000
)

// priceSource gives a security's daily rows for the months from..to
// (YYYY-MM, inclusive), oldest first.
type priceSource interface {
	Daily(ctx context.Context, code, from, to string) ([]twse.Row, error)
}

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
}

// runTrain trains a model on a stock's closing prices as the lecture does in
// Keras, and saves it as an Unroll model file.
func runTrain(ctx context.Context, e env, args []string) error {
	o, offline, err := parseTrainFlags(e, args)
	if err != nil {
		return err
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
	fs.StringVar(&o.out, "out", "", "the model file to write")
	fs.Usage = func() {
		fmt.Fprint(e.stderr, `usage: unroll train --stock CODE --from YYYY-MM --to YYYY-MM [--offline]
         --cell C --units N --steps T --epochs E [--seed S] [--batch B] [--lr X]
         [--optimizer adam|rmsprop|sgd] [--features close|ohlcv] --out FILE

Trains a recurrent network to predict the next closing price from the last T
days, as the lecture does in Keras: windows of T days, split in time order
(first 70% train, next 15% validation, last 15% test), min-max scaling fitted
on the training part only. Progress goes to stderr; the last line of stdout
is a JSON summary {"epochs": [{"loss", "val_loss"}], "test_rmse",
"baseline_rmse"} with RMSE in NT$ (baseline: tomorrow's close = today's).

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, false, usagef("train: %v", err)
	}
	if fs.NArg() > 0 {
		return o, false, usagef("train: unexpected argument %q", fs.Arg(0))
	}
	for _, req := range []struct{ name, val string }{
		{"stock", o.stock}, {"from", o.from}, {"to", o.to}, {"cell", *cellName}, {"out", o.out},
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
	if err := (nn.LayerConfig{Cell: o.cell, Units: o.units, Inputs: 1}).Validate(); err != nil {
		return o, false, usagef("train: --units: %v", err)
	}
	switch {
	case o.steps < 1 || o.steps > maxTrainSteps:
		return o, false, usagef("train: --steps %d out of range 1..%d", o.steps, maxTrainSteps)
	case o.epochs < 1 || o.epochs > maxTrainEpochs:
		return o, false, usagef("train: --epochs %d out of range 1..%d", o.epochs, maxTrainEpochs)
	case o.batch < 1 || o.batch > maxTrainBatch:
		return o, false, usagef("train: --batch %d out of range 1..%d", o.batch, maxTrainBatch)
	case o.features != "close" && o.features != "ohlcv":
		return o, false, usagef("train: --features %q (want close or ohlcv)", o.features)
	}
	if _, err := train.NewOptimizer(o.optimizer, o.lr); err != nil {
		return o, false, usagef("train: %v", err)
	}
	return o, *offline, nil
}

// trainModel runs the lecture's workflow: prices → features → windows →
// split → scaling → training → test RMSE beside the last-value baseline.
func trainModel(ctx context.Context, e env, o trainOptions, src priceSource) error {
	rows, err := src.Daily(ctx, o.stock, o.from, o.to)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	data, dates, names, target := featureRows(rows, o.features)
	p, err := series.Prepare(data, names, o.steps, target, trainFrac, valFrac)
	if err != nil {
		return fmt.Errorf("train: %s %s..%s has %d trading days: %w", o.stock, o.from, o.to, len(data), err)
	}
	p.Scaler.First, p.Scaler.Last = dates[0], dates[p.FitRows-1] // the model file says which days it saw
	for _, part := range []struct {
		name string
		r    series.Range
	}{{"train", p.Parts.Train}, {"validation", p.Parts.Val}, {"test", p.Parts.Test}} {
		fmt.Fprintf(e.stderr, "%-10s %4d windows, targets %s … %s\n", part.name, part.r.Len(),
			dates[part.r.Start+o.steps], dates[part.r.End-1+o.steps])
	}

	m, err := nn.NewModel([]nn.LayerConfig{{
		Cell: o.cell, Units: o.units, Inputs: len(names), ResetAfter: o.cell == nn.GRU,
	}}, nn.DenseConfig{Outputs: 1})
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	m.Init(o.seed)
	opt, err := train.NewOptimizer(o.optimizer, o.lr)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	tx, ty := p.Slice(p.Parts.Train)
	vx, vy := p.Slice(p.Parts.Val)
	fmt.Fprintf(e.stderr, "%s(%d) on %d feature(s) × %d steps, %d parameters, %s lr %g, batch %d, seed %d\n",
		o.cell, o.units, len(names), o.steps, m.ParamCount(), opt.Name(), train.LearningRate(opt), o.batch, o.seed)
	tty := isTerminal(e.stderr)
	h, err := train.Fit(m, train.Dataset{X: tx, Y: ty}, train.Config{
		Epochs: o.epochs, BatchSize: o.batch, Seed: o.seed, Loss: nn.MSE, Optimizer: opt,
		Validation: &train.Dataset{X: vx, Y: vy},
		OnBatch: func(b train.BatchInfo) bool {
			if tty && (b.Batch%max(1, b.Batches/40) == 0 || b.Batch == b.Batches) {
				fmt.Fprintf(e.stderr, "\repoch %d/%d  %s %d/%d  loss %.6f", b.Epoch, b.Epochs,
					progressBar(b.Batch, b.Batches, 20), b.Batch, b.Batches, b.EpochLoss)
			}
			return ctx.Err() == nil
		},
		OnEpoch: func(ep train.EpochInfo) bool {
			if tty {
				fmt.Fprint(e.stderr, "\r\033[K")
			}
			fmt.Fprintf(e.stderr, "epoch %d/%d  loss %.6f  val_loss %.6f\n", ep.Epoch, ep.Epochs, ep.Loss, ep.ValLoss)
			return true
		},
	})
	if tty && (err != nil || ctx.Err() != nil) {
		fmt.Fprintln(e.stderr)
	}
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("train: interrupted: %w", err)
	}

	// Test RMSE in NT$: predictions unscaled, against the actual closes.
	testX, _ := p.Slice(p.Parts.Test)
	out, err := train.Predict(m, testX, o.batch)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	pred := make([]float64, len(out))
	for k, y := range out {
		pred[k] = p.Scaler.Unscale(target, y[0][0])
	}
	actual := p.Actual[p.Parts.Test.Start:p.Parts.Test.End]
	testRMSE, err := series.RMSE(pred, actual)
	if err != nil {
		return fmt.Errorf("train: test predictions: %w", err)
	}
	baseRMSE, err := series.RMSE(p.Last[p.Parts.Test.Start:p.Parts.Test.End], actual)
	if err != nil {
		return fmt.Errorf("train: baseline: %w", err)
	}

	sum := trainSummary{TestRMSE: testRMSE, BaselineRMSE: baseRMSE}
	var hist []modelfile.Epoch
	for _, ep := range h.Epochs {
		sum.Epochs = append(sum.Epochs, epochSummary{Loss: ep.Loss, ValLoss: ep.ValLoss})
		vl := ep.ValLoss
		hist = append(hist, modelfile.Epoch{Loss: ep.Loss, ValLoss: &vl})
	}
	seed := o.seed
	file, err := modelfile.Encode(m, p.Scaler, modelfile.Meta{
		Stock: o.stock, From: o.from, To: o.to, Features: names, Target: "close",
		TimeSteps: o.steps, Split: []float64{trainFrac, valFrac, 1 - trainFrac - valFrac},
		Seed: &seed, Epochs: o.epochs, BatchSize: o.batch, Optimizer: opt.Name(),
		LearningRate: train.LearningRate(opt), Loss: string(nn.MSE), History: hist,
		TestRMSE: &testRMSE, BaselineRMSE: &baseRMSE,
	})
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	if err := os.WriteFile(o.out, file, 0o644); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	fmt.Fprintf(e.stderr, "test RMSE NT$%.2f (last-value baseline NT$%.2f); model written to %s\n", testRMSE, baseRMSE, o.out)
	b, err := json.Marshal(sum)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	_, err = fmt.Fprintf(e.stdout, "%s\n", b)
	return err
}

// featureRows turns daily rows into model inputs, oldest first, skipping
// days without a price (no trade): "close" gives [close]; "ohlcv" gives
// [open, high, low, close, volume]. target is the index of close.
func featureRows(rows []twse.Row, features string) (data [][]float64, dates, names []string, target int) {
	names = []string{"close"}
	if features == "ohlcv" {
		names = []string{"open", "high", "low", "close", "volume"}
		target = 3
	}
	for _, r := range rows {
		if r.Close == nil || math.IsNaN(*r.Close) {
			continue
		}
		if features == "ohlcv" {
			if r.Open == nil || r.High == nil || r.Low == nil || r.Volume == nil {
				continue
			}
			data = append(data, []float64{*r.Open, *r.High, *r.Low, *r.Close, float64(*r.Volume)})
		} else {
			data = append(data, []float64{*r.Close})
		}
		dates = append(dates, r.Date)
	}
	return data, dates, names, target
}

// progressBar draws done of total as [=====>    ] in width cells.
func progressBar(done, total, width int) string {
	full := done * width / max(total, 1)
	bar := []byte(strings.Repeat("=", full) + strings.Repeat(" ", width-full))
	if full > 0 && full < width {
		bar[full-1] = '>'
	}
	return "[" + string(bar) + "]"
}

// isTerminal reports whether w is a terminal, where a progress bar may
// redraw itself with carriage returns.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// serviceSource reads prices through the data service (web.Service): the
// cache and the exchanges, falling back to the shipped series when they fail,
// or the shipped series alone in offline mode. Progress goes to stderr.
type serviceSource struct {
	s      *web.Service
	stderr io.Writer
}

// newPriceSource is where `unroll train` reads prices.
func newPriceSource(e env, offline bool) (priceSource, error) {
	s, err := web.NewService(web.Options{
		Offline: offline,
		Logf:    func(format string, a ...any) { fmt.Fprintf(e.stderr, format+"\n", a...) },
	})
	if err != nil {
		return nil, err
	}
	return serviceSource{s: s, stderr: e.stderr}, nil
}

func (src serviceSource) Daily(ctx context.Context, code, from, to string) ([]twse.Row, error) {
	f, err := twse.ParseMonth(from)
	if err != nil {
		return nil, err
	}
	t, err := twse.ParseMonth(to)
	if err != nil {
		return nil, err
	}
	d, err := src.s.Daily(ctx, web.DailyQuery{Code: code, From: f, To: t,
		Progress: func(done, total int, m twse.Month) {
			if total > 1 {
				fmt.Fprintf(src.stderr, "\rfetching %s %s (%d/%d)", code, m, done, total)
				if done == total {
					fmt.Fprintln(src.stderr)
				}
			}
		}})
	if err != nil {
		return nil, err
	}
	if d.Notice != "" {
		fmt.Fprintln(src.stderr, d.Notice)
	}
	return d.Rows, nil
}
