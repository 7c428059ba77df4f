package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"

	"unroll/core/lecture"
)

// predictStep is one character of the prefix and the characters the model
// expects after it.
type predictStep struct {
	T    int                `json:"t"`
	Char string             `json:"char"`
	Next []lecture.CharProb `json:"next"`
}

// runPredict prints, after each character of a prefix, the K characters a
// next-character model (`unroll train --text`) finds most likely next.
func runPredict(_ context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("predict", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	model := fs.String("model", "", "a model file written by unroll train --text (or a TF.js next-character model.json that lists its characters)")
	text := fs.String("text", "", "the prefix to read, one character at a time")
	top := fs.Int("top", 5, "how many likely next characters to list after each character")
	fs.Usage = func() {
		fmt.Fprint(e.stderr, `usage: unroll predict --model FILE --text PREFIX [--top K]

Reads PREFIX one character at a time with a next-character model (trained by
unroll train --text) and prints JSON {"steps": [{"t", "char", "next": [{"char",
"p"}]}]}: after each character, the K most likely next characters and their
probabilities (the softmax over the whole vocabulary, which sums to 1).

`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return usagef("predict: %v", err)
	}
	switch {
	case fs.NArg() > 0:
		return usagef("predict: unexpected argument %q", fs.Arg(0))
	case *model == "":
		return usagef("predict: --model is required")
	case *text == "":
		return usagef("predict: --text is required")
	case *top < 1:
		return usagef("predict: --top %d must be at least 1", *top)
	}
	l, err := loadModel(*model)
	if err != nil {
		return fmt.Errorf("predict: %w", err)
	}
	switch {
	case l.tfjs && l.vocab == nil:
		return fmt.Errorf("predict: %s is a TensorFlow.js model that names no characters for its inputs (model.json's userDefinedMetadata.vocab); trace it with unroll trace --tokens I1,I2,...", *model)
	case l.vocab == nil || !l.softmax:
		return fmt.Errorf("predict: %s is not a next-character model (it has no vocabulary and softmax head); train one with unroll train --text", *model)
	}
	probs, err := lecture.NextChars(l.model, l.vocab, *text, cliLimits)
	var le *lecture.Error
	if errors.As(err, &le) {
		return usagef("predict: %s", le.Message)
	}
	if err != nil {
		return fmt.Errorf("predict: %w", err)
	}
	out := struct {
		Steps []predictStep `json:"steps"`
	}{}
	for t, r := range []rune(*text) {
		out.Steps = append(out.Steps, predictStep{T: t + 1, Char: string(r), Next: lecture.Top(l.vocab, probs[t], *top)})
	}
	b, err := json.Marshal(out)
	if err != nil {
		return fmt.Errorf("predict: %w", err)
	}
	_, err = fmt.Fprintf(e.stdout, "%s\n", b)
	return err
}
