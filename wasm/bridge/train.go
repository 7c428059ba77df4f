package bridge

import (
	"unroll/core/lecture"
)

// trainJob is the training train_prepare set up (a lecture.Job, run a few
// batches per train_run) with the model's description: as built (source
// "seed"), then as trained.
type trainJob struct {
	*lecture.Job
	info ModelInfo
	pred *lecture.Predictions // the test predictions once training is over
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
	e.job = &trainJob{Job: j, info: info}
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
	if err := j.Failed(); err != nil {
		return nil, err
	}
	if j.Over() { // finished or stopped: its model was adopted then
		return j.result(nil), nil
	}
	ends, err := j.Step(k)
	if err != nil {
		return nil, err
	}
	if j.Loop.Done() { // this call ran the last batch
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
	if !j.Over() {
		j.Loop.Stop()
		if j.Loop.History().Steps > 0 {
			e.adopt(j)
		}
	}
	return j.result(nil), nil
}

// result is the RunResult of the job, with ends the epochs this call finished.
func (j *trainJob) result(ends []lecture.EpochRecord) *RunResult {
	res := &RunResult{RunState: j.State(ends)}
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
	pred := j.pred
	if pred == nil || !j.Over() {
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
