package series

import (
	"math"

	"unroll/core/msg"
)

// Range is the half-open index range [Start, End).
type Range struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the number of indices in r.
func (r Range) Len() int { return r.End - r.Start }

// Parts is a time-ordered split of n items: Train, then Val, then Test,
// contiguous and in order, with no shuffling (shuffling would let the model
// see the future of the days it is tested on).
type Parts struct {
	Train Range `json:"train"`
	Val   Range `json:"val"`
	Test  Range `json:"test"`
}

// Split divides n items in time order: the first floor(trainFrac·n) go to
// training, the next floor(valFrac·n) to validation, the rest to testing. For
// the lecture's workflow use 0.7 and 0.15 (70/15/15). valFrac may be 0 (no
// validation); the training part and the test part must not be empty.
func Split(n int, trainFrac, valFrac float64) (Parts, error) {
	if n <= 0 {
		return Parts{}, msg.Errorf("series: cannot split %d items", n)
	}
	if !(trainFrac > 0 && trainFrac < 1) || !(valFrac >= 0 && valFrac < 1) || !(trainFrac+valFrac < 1) {
		return Parts{}, msg.Errorf("series: fractions train %v, validation %v must be in (0, 1) and sum below 1", trainFrac, valFrac)
	}
	// The small tolerance keeps 0.7·100 = 70.00000000000001-style rounding
	// from costing an item in either direction.
	nTrain := int(math.Floor(trainFrac*float64(n) + 1e-9))
	nVal := int(math.Floor(valFrac*float64(n) + 1e-9))
	p := Parts{
		Train: Range{0, nTrain},
		Val:   Range{nTrain, nTrain + nVal},
		Test:  Range{nTrain + nVal, n},
	}
	if p.Train.Len() == 0 || p.Test.Len() == 0 || (valFrac > 0 && p.Val.Len() == 0) {
		return Parts{}, msg.Errorf("series: %d items are too few for a %v/%v/%v split", n, trainFrac, valFrac, 1-trainFrac-valFrac)
	}
	return p, nil
}
