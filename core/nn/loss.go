package nn

import (
	"math"

	"unroll/core/msg"
)

// Batch is a mini-batch: X [batch][T][inputs] and targets Y [batch][T'][outputs]
// where T' = T if the last recurrent layer returns sequences, else 1.
type Batch struct {
	X, Y [][][]float64
}

// Loss names a loss function.
type Loss string

// The losses.
//
// MSE is Keras's mean_squared_error averaged as Keras averages it: the mean
// of (o − y)² over every output element, batch × T' × outputs.
//
// SoftmaxCrossEntropy treats the head's outputs as logits: per output row
// L = −Σ_k y_k log softmax(o)_k (Keras's categorical_crossentropy with
// from_logits=True), averaged over the rows of batch × T' that have a
// target. Y holds one-hot vectors or probability distributions; a row of
// zeros is a step without a target (the last character of a text, say),
// which adds nothing and is not counted. With a target in every row this is
// Keras's mean over batch × T'.
const (
	MSE                 Loss = "mse"
	SoftmaxCrossEntropy Loss = "softmax_crossentropy"
)

// ParseLoss accepts "mse" and "softmax_crossentropy" (also
// "categorical_crossentropy" and "ce").
func ParseLoss(s string) (Loss, error) {
	switch s {
	case "mse", "mean_squared_error":
		return MSE, nil
	case "softmax_crossentropy", "categorical_crossentropy", "ce":
		return SoftmaxCrossEntropy, nil
	}
	return "", msg.Errorf("nn: unknown loss %q", s)
}

// lossAndDelta computes the loss of w.o against w.y and, if delta is set,
// w.do = dL/do.
func (w *Workspace) lossAndDelta(loss Loss, delta bool) (float64, error) {
	outputs := w.m.Outputs()
	rows := w.outRows()
	o, y := w.o[:rows*outputs], w.y[:rows*outputs]
	var do []float64 // dL/do, written only if delta
	if delta {
		do = w.do[:rows*outputs]
	}
	var total float64
	switch loss {
	case MSE:
		scale := 1 / float64(len(o))
		for k := range o {
			e := o[k] - y[k]
			total += e * e
			if delta {
				do[k] = 2 * e * scale
			}
		}
		total *= scale
	case SoftmaxCrossEntropy:
		targets := 0
		for r := 0; r < rows; r++ {
			for _, v := range y[r*outputs : (r+1)*outputs] {
				if v != 0 {
					targets++
					break
				}
			}
		}
		scale := 0.0
		if targets > 0 {
			scale = 1 / float64(targets)
		}
		for r := 0; r < rows; r++ {
			or, yr := o[r*outputs:(r+1)*outputs], y[r*outputs:(r+1)*outputs]
			top := or[0]
			for _, v := range or {
				top = max(top, v)
			}
			var sum, ysum float64
			for k, v := range or {
				sum += math.Exp(v - top)
				ysum += yr[k]
			}
			lse := top + math.Log(sum) // log Σ_k e^{o_k}
			for k, v := range or {
				total += yr[k] * (lse - v)
				if delta {
					do[r*outputs+k] = (math.Exp(v-lse)*ysum - yr[k]) * scale
				}
			}
		}
		total *= scale
	default:
		return 0, msg.Errorf("nn: unknown loss %q", string(loss))
	}
	return total, nil
}
