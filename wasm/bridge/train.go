package bridge

import (
	"unroll/core/lecture"
)

// trainJob is the training train_prepare (a lecture.Job) or
// train_text_prepare (a lecture.TextJob) set up, run a chunk per train_run.
type trainJob struct {
	lecture.Trainer
	*lecture.Job                      // prices; nil for a text
	text         *lecture.TextJob     // characters; nil for prices
	info         ModelInfo            // as built, then as trained
	pred         *lecture.Predictions // the test predictions once training is over
}

// prepareText runs train_text_prepare: lecture.PrepareText with the page's limits.
func (e *Engine) prepareText(a lecture.TextSpec) (any, error) {
	j, err := lecture.PrepareText(a, lecture.Page)
	if err != nil {
		return nil, err
	}
	info := Info(j.Model, j.Spec.Steps, "seed")
	info.Seed = &j.Settings.Seed
	e.job = &trainJob{Trainer: j, text: j, info: info}
	return map[string]any{"model": &info, "vocab": j.Data.Vocab.Size(), "windows": len(j.Data.Train), "held_out": len(j.Data.Test)}, nil
}

// prepare runs train_prepare: lecture.Prepare with the page's limits. The
// engine's current model is not touched until the training ends.
func (e *Engine) prepare(a PrepareArgs) (any, error) {
	j, err := lecture.Prepare(a, lecture.Page)
	if err != nil {
		return nil, err
	}
	seed := j.Settings.Seed
	info := Info(j.Model, j.Spec.Steps, "seed")
	info.Seed = &seed
	e.job = &trainJob{Trainer: j, Job: j, info: info}
	return &PrepareResult{Stages: j.Stages(), Model: info}, nil
}

// run runs train_run: up to a.Batches mini-batches of the prepared training.
func (e *Engine) run(a RunArgs) (any, error) {
	j := e.job
	if j == nil {
		return nil, errNoTraining()
	}
	k := a.Batches
	if k == 0 {
		k = 1
	}
	if k < 1 || k > lecture.Page.RunBatches {
		return nil, badRequest("batches %d is not in 1..%d", a.Batches, lecture.Page.RunBatches)
	}
	if err := j.Trainer.Failed(); err != nil {
		return nil, err
	}
	if j.Trainer.Over() { // finished or stopped: its model was adopted then
		return j.result(nil), nil
	}
	ends, err := j.Trainer.Step(k)
	if err != nil {
		return nil, err
	}
	if j.Trainer.Over() { // this call ran the last batch
		e.adopt(j)
	}
	return j.result(ends), nil
}

// stop runs train_stop: the training ends where it is; a model that took at
// least one step becomes the current model.
func (e *Engine) stop() (any, error) {
	j := e.job
	if j == nil {
		return nil, errNoTraining()
	}
	if !j.Trainer.Over() && j.Trainer.Stop() {
		e.adopt(j)
	}
	return j.result(nil), nil
}

// result is the RunResult of the job, with ends the epochs this call finished.
func (j *trainJob) result(ends []lecture.EpochRecord) *RunResult {
	res := &RunResult{RunState: j.Trainer.State(ends)}
	if j.info.Source == "trained" {
		info := j.info
		res.Model = &info
	}
	return res
}

// adopt makes the job's trained model the engine's current model (and the
// kept "trained" one), with the training scaler: a price window traced
// afterwards is scaled exactly as the training windows were.
func (e *Engine) adopt(j *trainJob) {
	if t := j.text; t != nil { // a next-character model keeps its vocabulary and its held-out scores
		j.info = Info(t.Model, t.Spec.Steps, "trained")
		sc, _ := t.Score()
		f := t.File(sc)
		e.setCurrent(&keptModel{model: t.Model, info: j.info, vocab: t.CharSet(), meta: &f.Meta})
		e.keep("trained")
		return
	}
	j.info = Info(j.Model, j.Spec.Steps, "trained")
	if pred, err := j.Predict(); err == nil {
		j.pred = pred
	}
	meta := j.Meta(j.pred)
	e.setCurrent(&keptModel{model: j.Model, info: j.info, scaler: j.Data.Scaler, meta: &meta})
	e.keep("trained")
}

// predictOp runs predict: the job's model on the test windows, in NT$.
func (e *Engine) predictOp() (any, error) {
	j := e.job
	if j == nil {
		return nil, errNoTraining()
	}
	if j.text != nil {
		return j.text.Score()
	}
	pred := j.pred
	if pred == nil || !j.Trainer.Over() {
		var err error
		if pred, err = j.Predict(); err != nil {
			return nil, err
		}
	}
	return &PredictResult{Predictions: *pred, Model: j.info}, nil
}

func errNoTraining() *Error {
	return newError(CodeNoTraining, "No training has been prepared: call train_prepare first.",
		"尚未準備訓練：請先呼叫 train_prepare。", nil)
}
