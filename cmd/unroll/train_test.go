package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"unroll/core/modelfile"
	"unroll/core/nn"
	"unroll/web/twse"
)

// fakePrices serves a seeded random walk around NT$500 as daily rows, one
// per calendar day, with a no-trade day (null prices) every 50 days.
type fakePrices struct {
	days  int
	calls []string
}

func (f *fakePrices) Daily(_ context.Context, code, from, to string) ([]twse.Row, error) {
	f.calls = append(f.calls, code+" "+from+" "+to)
	rng := rand.New(rand.NewPCG(9, 9))
	price := 500.0
	var rows []twse.Row
	for k := 0; k < f.days; k++ {
		price += rng.NormFloat64() * 5
		o, h, l, c := price-1, price+3, price-3, price
		v := int64(1000 + k)
		r := twse.Row{Date: fmt.Sprintf("2024-%02d-%02d", 1+k/28%12, 1+k%28), Open: &o, High: &h, Low: &l, Close: &c, Volume: &v}
		if k%50 == 49 {
			r.Open, r.High, r.Low, r.Close = nil, nil, nil, nil
		}
		rows = append(rows, r)
	}
	return rows, nil
}

func trainOpts(out string) trainOptions {
	return trainOptions{stock: "2330", from: "2024-01", to: "2024-12", cell: nn.LSTM, units: 6, steps: 5,
		epochs: 3, batch: 16, seed: 4, optimizer: "adam", lr: 0.01, features: "close", out: out}
}

func runTrainWith(t *testing.T, o trainOptions, src priceSource) (stdout, stderr string, file []byte) {
	t.Helper()
	var out, errb bytes.Buffer
	e := env{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: &out, stderr: &errb}
	if err := trainModel(context.Background(), e, o, src); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	b, err := os.ReadFile(o.out)
	if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), b
}

func TestTrainWorkflow(t *testing.T) {
	dir := t.TempDir()
	src := &fakePrices{days: 200}
	o := trainOpts(filepath.Join(dir, "a.json"))
	stdout, stderr, file := runTrainWith(t, o, src)
	if !reflect.DeepEqual(src.calls, []string{"2330 2024-01 2024-12"}) {
		t.Errorf("source calls %v", src.calls)
	}
	var sum struct {
		Epochs []map[string]float64 `json:"epochs"`
		Test   *float64             `json:"test_rmse"`
		Base   *float64             `json:"baseline_rmse"`
	}
	if err := json.Unmarshal([]byte(lastLine(stdout)), &sum); err != nil {
		t.Fatalf("last line of stdout is not the summary: %v\n%s", err, stdout)
	}
	if len(sum.Epochs) != 3 || sum.Test == nil || sum.Base == nil || !(*sum.Test > 0) || !(*sum.Base > 0) {
		t.Fatalf("summary %s", lastLine(stdout))
	}
	for _, ep := range sum.Epochs {
		if _, ok := ep["val_loss"]; !ok || len(ep) != 2 {
			t.Errorf("epoch %v, want loss and val_loss", ep)
		}
	}
	for _, want := range []string{"epoch 1/3", "epoch 3/3", "val_loss", "train", "validation", "test"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}

	f, err := modelfile.Decode(file)
	if err != nil {
		t.Fatal(err)
	}
	if f.Model.Layers[0].Cell != nn.LSTM || f.Model.Layers[0].Units != 6 || f.Model.Inputs() != 1 {
		t.Errorf("model %+v", f.Model.Layers[0].LayerConfig)
	}
	// 200 days − 4 no-trade days = 196 closes → 191 windows of 5;
	// 70% → 133 training windows, which read closes 0..137.
	closes := closesOf(t, src)
	lo, hi := closes[0], closes[0]
	for _, c := range closes[:138] {
		lo, hi = math.Min(lo, c), math.Max(hi, c)
	}
	if len(closes) != 196 || f.Scaler.Min[0] != lo || f.Scaler.Max[0] != hi {
		t.Errorf("scaler %+v, want min %v max %v over the training rows", f.Scaler, lo, hi)
	}
	// It says which days it saw: the 138 first trading days.
	var days []string
	rows, _ := (&fakePrices{days: 200}).Daily(context.Background(), "", "", "")
	for _, r := range rows {
		if r.Close != nil {
			days = append(days, r.Date)
		}
	}
	if f.Scaler.Rows != 138 || f.Scaler.First != days[0] || f.Scaler.Last != days[137] {
		t.Errorf("scaler fitted on %d rows %s…%s, want 138 rows %s…%s", f.Scaler.Rows, f.Scaler.First, f.Scaler.Last, days[0], days[137])
	}
	if f.Meta.TimeSteps != 5 || f.Meta.Stock != "2330" || f.Meta.Seed == nil || *f.Meta.Seed != 4 ||
		len(f.Meta.History) != 3 || *f.Meta.TestRMSE != *sum.Test {
		t.Errorf("meta %+v", f.Meta)
	}

	// Deterministic for a seed: the same run again writes the same bytes.
	o.out = filepath.Join(dir, "b.json")
	stdout2, _, file2 := runTrainWith(t, o, &fakePrices{days: 200})
	if stdout2 != stdout || !bytes.Equal(file2, file) {
		t.Error("a second run with the same seed differs")
	}
	o.out, o.seed = filepath.Join(dir, "c.json"), 5
	if _, _, file3 := runTrainWith(t, o, &fakePrices{days: 200}); bytes.Equal(file3, file) {
		t.Error("another seed gave the same model")
	}
}

// TestTrainTargets checks the summary's contract for every forecast target,
// walking forward or not: the same baseline (the same test days), the
// added fields, and a model file that records what the model predicts.
func TestTrainTargets(t *testing.T) {
	dir := t.TempDir()
	var base *float64
	for _, target := range []string{"price", "window", "logret"} {
		for _, walk := range []bool{false, true} {
			o := trainOpts(filepath.Join(dir, target+".json"))
			o.target, o.walkForward = target, walk
			if walk {
				o.refitEpochs = 1
			}
			stdout, stderr, file := runTrainWith(t, o, &fakePrices{days: 200})
			var sum map[string]any
			if err := json.Unmarshal([]byte(lastLine(stdout)), &sum); err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"test_rmse", "baseline_rmse", "test_mae", "baseline_mae", "direction_accuracy", "up_share"} {
				if v, ok := sum[k].(float64); !ok || v < 0 || (k != "direction_accuracy" && k != "up_share" && v == 0) ||
					(strings.HasPrefix(k, "dir") || k == "up_share") && v > 1 {
					t.Errorf("%s: %s = %v", target, k, sum[k])
				}
			}
			if sum["target"] != target || sum["walk_forward"] != walk || !strings.Contains(stderr, "target "+target) {
				t.Errorf("summary %v", sum)
			}
			b := sum["baseline_rmse"].(float64)
			if base == nil {
				base = &b
			} else if b != *base {
				t.Errorf("%s: baseline RMSE %v, price's %v: not the same test days", target, b, *base)
			}
			f, err := modelfile.Decode(file)
			if err != nil {
				t.Fatal(err)
			}
			wantOf := target // what the scaler scales: the prices themselves say nothing
			if target == "price" {
				wantOf = ""
			}
			if f.Meta.Forecast != target || f.Scaler.Of != wantOf {
				t.Errorf("%s: meta forecast %q, scaler of %q", target, f.Meta.Forecast, f.Scaler.Of)
			}
		}
	}
}

func closesOf(t *testing.T, src *fakePrices) []float64 {
	rows, _ := src.Daily(context.Background(), "", "", "")
	var out []float64
	for _, r := range rows {
		if r.Close != nil {
			out = append(out, *r.Close)
		}
	}
	return out
}

func TestTrainOHLCV(t *testing.T) {
	o := trainOpts(filepath.Join(t.TempDir(), "m.json"))
	o.features, o.cell, o.optimizer, o.lr = "ohlcv", nn.GRU, "rmsprop", 0
	_, _, file := runTrainWith(t, o, &fakePrices{days: 120})
	f, err := modelfile.Decode(file)
	if err != nil {
		t.Fatal(err)
	}
	if f.Model.Inputs() != 5 || !f.Model.Layers[0].ResetAfter || len(f.Scaler.Min) != 5 ||
		!reflect.DeepEqual(f.Scaler.Features, []string{"open", "high", "low", "close", "volume"}) ||
		f.Meta.Optimizer != "rmsprop" || f.Meta.LearningRate != 0.001 {
		t.Errorf("model inputs %d, scaler %+v, meta %+v", f.Model.Inputs(), f.Scaler, f.Meta)
	}
}

// TestTrainOffline2330 trains on the shipped TSMC closes: the training loss
// must fall.
func TestTrainOffline2330(t *testing.T) {
	o := trainOpts(filepath.Join(t.TempDir(), "m.json"))
	o.from, o.to, o.units, o.steps, o.epochs, o.lr = "2023-01", "2024-12", 8, 10, 5, 0.01
	src, err := newPriceSource(env{stderr: io.Discard}, true)
	if err != nil {
		t.Fatal(err)
	}
	stdout, _, _ := runTrainWith(t, o, src)
	var sum trainSummary
	if err := json.Unmarshal([]byte(lastLine(stdout)), &sum); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", lastLine(stdout))
	if first, last := sum.Epochs[0].Loss, sum.Epochs[len(sum.Epochs)-1].Loss; !(last < first/2) {
		t.Errorf("loss went from %v to %v", first, last)
	}
}

func TestTrainErrors(t *testing.T) {
	o := trainOpts(filepath.Join(t.TempDir(), "m.json"))
	var out, errb bytes.Buffer
	e := env{stdout: &out, stderr: &errb}
	if err := trainModel(context.Background(), e, o, &fakePrices{days: 10}); err == nil {
		t.Error("10 days trained")
	}
	if err := trainModel(context.Background(), e, o, failingSource{}); err == nil || !strings.Contains(err.Error(), "upstream down") {
		t.Errorf("source error: %v", err)
	}
	off, err := newPriceSource(env{stderr: io.Discard}, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := off.Daily(context.Background(), "9999", "2024-01", "2024-02"); err == nil {
		t.Error("offline data for 9999")
	}
	if _, err := off.Daily(context.Background(), "2330", "2011-01", "2011-02"); err == nil {
		t.Error("offline data for 2011")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := trainModel(ctx, e, o, &fakePrices{days: 200}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

type failingSource struct{}

func (failingSource) Daily(context.Context, string, string, string) ([]twse.Row, error) {
	return nil, errors.New("upstream down")
}

func TestTrainFlags(t *testing.T) {
	ok := []string{"train", "--stock", "2330", "--from", "2024-01", "--to", "2024-06", "--offline",
		"--cell", "lstm", "--units", "4", "--steps", "5", "--epochs", "1", "--out", "m.json"}
	with := func(flag, value string) []string {
		args := append([]string(nil), ok...)
		for i, a := range args {
			if a == flag {
				if value == "" {
					return append(args[:i:i], args[i+2:]...)
				}
				args[i+1] = value
				return args
			}
		}
		return append(args, flag, value)
	}
	tests := map[string][]string{
		"no stock":     with("--stock", ""),
		"bad stock":    with("--stock", "23 30"),
		"no from":      with("--from", ""),
		"bad month":    with("--from", "2024-13"),
		"reversed":     with("--to", "2023-12"),
		"no cell":      with("--cell", ""),
		"bad cell":     with("--cell", "cnn"),
		"zero units":   with("--units", "0"),
		"huge units":   with("--units", "100000"),
		"no steps":     with("--steps", ""),
		"zero epochs":  with("--epochs", "0"),
		"batch":        with("--batch", "0"),
		"lr":           with("--lr", "-1"),
		"optimizer":    with("--optimizer", "adagrad"),
		"features":     with("--features", "price"),
		"target":       with("--target", "volume"),
		"logret ohlcv": append(with("--target", "logret"), "--features", "ohlcv"),
		"refit alone":  with("--refit-epochs", "2"),
		"no out":       with("--out", ""),
		"positional":   append(append([]string(nil), ok...), "extra"),
		"not a number": with("--units", "four"),
		"unknown flag": append(append([]string(nil), ok...), "--dropout", "0.2"),
	}
	for name, args := range tests {
		t.Run(name, func(t *testing.T) {
			_, _, err := runCLI(t, "", args...)
			var u usageError
			if !errors.As(err, &u) {
				t.Fatalf("err = %v, want a usage error", err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("message is not one line: %q", err)
			}
		})
	}
}
