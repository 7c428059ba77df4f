package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"

	"unroll/core/lecture"
	"unroll/core/modelfile"
	"unroll/core/nn"
	"unroll/core/train"
)

// checkTextFlags checks the flags of `unroll train --text` and sets o.cell;
// the flags of a price series do not apply.
func checkTextFlags(fs *flag.FlagSet, o *trainOptions, cellName string) error {
	var price []string
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "stock", "from", "to", "offline", "features":
			price = append(price, "--"+f.Name)
		}
	})
	if len(price) > 0 {
		return usagef("train: %s does not go with --text", strings.Join(price, ", "))
	}
	for _, req := range []struct{ name, val string }{{"cell", cellName}, {"out", o.out}} {
		if req.val == "" {
			return usagef("train: --%s is required", req.name)
		}
	}
	var err error
	if o.cell, err = nn.ParseCell(cellName); err != nil {
		return usagef("train: %v", err)
	}
	return checkModelFlags(*o)
}

// textSummary is `unroll train --text`'s JSON summary, the last line of
// stdout.
type textSummary struct {
	Epochs           []epochSummary `json:"epochs"`
	Vocab            int            `json:"vocab"`
	Accuracy         float64        `json:"accuracy"`          // top-1, next character, held-out part
	BaselineAccuracy float64        `json:"baseline_accuracy"` // the bigram table's, same characters
}

// readText reads a text file, refusing one too large to hold lim.TextChars
// characters (4 bytes each at most in UTF-8).
func readText(path string, lim lecture.Limits) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	if st.Size() > 4*int64(lim.TextChars) {
		return "", fmt.Errorf("%s: %d bytes is more than a text of %d characters can take", path, st.Size(), lim.TextChars)
	}
	b, err := os.ReadFile(path)
	return string(b), err
}

// trainText trains a next-character model on the text of o.text
// (lecture.TextJob), with progress on stderr, the summary on stdout and the
// model file (with its vocabulary) at o.out.
func trainText(ctx context.Context, e env, o trainOptions) error {
	text, err := readText(o.text, cliLimits)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	onBatch, onEpoch := progressCallbacks(ctx, e)
	j, err := lecture.PrepareText(lecture.TextSpec{
		Text: text, Name: filepath.Base(o.text), Steps: o.steps,
		Model:   lecture.ModelSpec{Cell: string(o.cell), Units: o.units, Seed: o.seed},
		Train:   lecture.TrainSpec{Epochs: o.epochs, Batch: o.batch, LR: o.lr, Optimizer: o.optimizer},
		OnBatch: onBatch, OnEpoch: onEpoch,
	}, cliLimits)
	var le *lecture.Error
	if errors.As(err, &le) {
		return fmt.Errorf("train: %s: %s", o.text, le.Message)
	}
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	d := j.Data
	fmt.Fprintf(e.stderr, "%s: %d characters, %d different (INPUT_SIZE %d)\n", j.Spec.Name, len(d.Seq), d.Vocab.Size(), d.Vocab.Size())
	fmt.Fprintf(e.stderr, "%-10s %4d windows of %d, characters 1 … %d\n", "train", len(d.Train), o.steps, d.Cut)
	fmt.Fprintf(e.stderr, "%-10s %4d windows of %d, characters %d … %d\n", "held out", len(d.Test), o.steps, d.Cut+1, len(d.Seq))
	fmt.Fprintf(e.stderr, "%s(%d, return_sequences=True) → Dense(%d, softmax), %d parameters, %s lr %g, batch %d, seed %d\n",
		o.cell, o.units, d.Vocab.Size(), j.Model.ParamCount(), j.Settings.Optimizer, j.Settings.LR, o.batch, o.seed)
	_, err = j.Loop.Step(math.MaxInt) // train.Fit: the whole training in one call
	if isTerminal(e.stderr) && (err != nil || ctx.Err() != nil) {
		fmt.Fprintln(e.stderr)
	}
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("train: interrupted: %w", err)
	}
	sc, err := j.Score()
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	sum := textSummary{Vocab: d.Vocab.Size(), Accuracy: sc.Accuracy, BaselineAccuracy: sc.BaselineAccuracy}
	for _, ep := range j.Loop.History().Epochs {
		sum.Epochs = append(sum.Epochs, epochSummary{Loss: ep.Loss, ValLoss: ep.ValLoss})
	}
	file, err := modelfile.EncodeFile(j.File(sc))
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	if err := os.WriteFile(o.out, file, 0o644); err != nil {
		return fmt.Errorf("train: %w", err)
	}
	fmt.Fprintf(e.stderr, "held-out accuracy %.1f%% of %d characters (bigram baseline %.1f%%); model written to %s\n",
		100*sc.Accuracy, sc.Targets, 100*sc.BaselineAccuracy, o.out)
	b, err := json.Marshal(sum)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	_, err = fmt.Fprintf(e.stdout, "%s\n", b)
	return err
}

// progressCallbacks are the training loop's callbacks of `unroll train`: a
// progress bar on a terminal, a line per epoch, and a stop when ctx ends.
func progressCallbacks(ctx context.Context, e env) (func(train.BatchInfo) bool, func(train.EpochInfo) bool) {
	tty := isTerminal(e.stderr)
	return func(b train.BatchInfo) bool {
			if tty && (b.Batch%max(1, b.Batches/40) == 0 || b.Batch == b.Batches) {
				fmt.Fprintf(e.stderr, "\repoch %d/%d  %s %d/%d  loss %.6f", b.Epoch, b.Epochs,
					progressBar(b.Batch, b.Batches, 20), b.Batch, b.Batches, b.EpochLoss)
			}
			return ctx.Err() == nil
		}, func(ep train.EpochInfo) bool {
			if tty {
				fmt.Fprint(e.stderr, "\r\033[K")
			}
			fmt.Fprintf(e.stderr, "epoch %d/%d  loss %.6f  val_loss %.6f\n", ep.Epoch, ep.Epochs, ep.Loss, ep.ValLoss)
			return true
		}
}
