package bridge

import (
	"unroll/core/series"
	"unroll/core/train"
)

// predictOp runs predict: the job's model on the test windows, in NT$.
func (e *Engine) predictOp() (any, error) {
	j := e.job
	if j == nil {
		return nil, errNoTraining()
	}
	if j.pred != nil && j.over() {
		return j.pred, nil
	}
	return j.predict()
}

// predict runs the job's model over the test windows and returns, per window,
// the date predicted, the actual close, the prediction inverse-scaled with
// the training scaler, and the last-value baseline (tomorrow's close =
// today's close), with RMSE and MAE of both in NT$.
func (j *trainJob) predict() (*PredictResult, error) {
	p := j.p
	test := p.Parts.Test
	x, _ := p.Slice(test)
	out, err := train.Predict(j.model, x, j.settings.Batch)
	if err != nil {
		return nil, newError(CodeInternal, "Prediction failed: "+err.Error(), "預測失敗："+err.Error(), nil)
	}
	res := &PredictResult{
		Test: PredictPart{
			Dates:     j.dates[j.steps+test.Start : j.steps+test.End],
			Actual:    p.Actual[test.Start:test.End],
			Predicted: make([]float64, len(out)),
			Baseline:  p.Last[test.Start:test.End],
		},
		Model: j.info,
	}
	for k, y := range out {
		res.Test.Predicted[k] = p.Scaler.Unscale(p.Target, y[0][0])
	}
	pairs := []struct {
		f   func(pred, actual []float64) (float64, error)
		dst *ErrorPair
	}{{series.RMSE, &res.RMSE}, {series.MAE, &res.MAE}}
	for _, m := range pairs {
		if m.dst.Model, err = m.f(res.Test.Predicted, res.Test.Actual); err != nil {
			return nil, newError(CodeDiverged, "The predictions are not numbers: "+err.Error(),
				"預測值不是數字："+err.Error(), nil)
		}
		if m.dst.Baseline, err = m.f(res.Test.Baseline, res.Test.Actual); err != nil {
			return nil, newError(CodeInternal, "Baseline: "+err.Error(), "基準："+err.Error(), nil)
		}
	}
	return res, nil
}
