package bridge

import (
	"unroll/core/train"
)

// epochRecords turns the loop's finished epochs into the page's rows
// (val_loss absent without a validation part). The result is never nil, so
// that it marshals as [].
func epochRecords(eps []train.EpochInfo) []EpochRecord {
	out := make([]EpochRecord, len(eps))
	for k, e := range eps {
		out[k] = EpochRecord{Epoch: e.Epoch, Loss: e.Loss}
		if e.HasVal {
			vl := e.ValLoss
			out[k].ValLoss = &vl
		}
	}
	return out
}

// progress describes where the loop is, for the page's progress bar: before
// the first batch, epoch 1 with no batch done.
func progress(l *train.Loop) TrainProgress {
	p := l.Progress()
	return TrainProgress{
		Epoch: max(p.Epoch, 1), Epochs: p.Epochs, Batch: p.Batch, Batches: p.Batches,
		Loss: p.Loss, EpochLoss: p.EpochLoss, Step: p.Step, Steps: l.TotalSteps(),
	}
}
