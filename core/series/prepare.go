package series

import "unroll/core/msg"

// Prepared is a series made ready for training, the lecture's workflow in one
// place: windows of Steps rows predicting the next value of feature Target,
// split in time order, scaled by a scaler fitted on the training part only.
type Prepared struct {
	Steps  int
	Target int
	Scaler *MinMaxScaler // fitted on rows[:FitRows]
	// FitRows is how many leading rows the scaler saw: exactly the rows the
	// training windows read (their inputs and targets), nothing later.
	FitRows int
	Parts   Parts         // over windows: index k is window k
	X, Y    [][][]float64 // every window, scaled: [n][Steps][features], [n][1][1]
	// Actual and Last are, per window, the unscaled next value of Target and
	// its unscaled value at the window's last step (the last-value baseline).
	Actual, Last []float64
}

// Prepare windows rows ([time][features]) into Steps-long inputs predicting
// the next value of feature target, splits the windows in time order with
// Split(n, trainFrac, valFrac), fits a MinMaxScaler on the rows the training
// windows read, and scales every window with it.
func Prepare(rows [][]float64, features []string, steps, target int, trainFrac, valFrac float64) (*Prepared, error) {
	// Window the raw rows first: it validates rows, steps and target.
	rawX, rawY, err := Window(rows, steps, target)
	if err != nil {
		return nil, err
	}
	parts, err := Split(len(rawX), trainFrac, valFrac)
	if err != nil {
		return nil, msg.Errorf("%w (%d windows of %d steps from %d rows)", err, len(rawX), steps, len(rows))
	}
	fitRows := parts.Train.End + steps // window Train.End-1 reads rows up to Train.End-1+steps
	scaler, err := FitMinMax(rows[:fitRows], features)
	if err != nil {
		return nil, err
	}
	scaled, err := scaler.Transform(rows)
	if err != nil {
		return nil, err
	}
	x, y, err := Window(scaled, steps, target)
	if err != nil {
		return nil, err
	}
	actual, err := Targets(rawY)
	if err != nil {
		return nil, err
	}
	last, err := LastValueBaseline(rawX, target)
	if err != nil {
		return nil, err
	}
	return &Prepared{
		Steps: steps, Target: target, Scaler: scaler, FitRows: fitRows, Parts: parts,
		X: x, Y: y, Actual: actual, Last: last,
	}, nil
}

// Slice returns the windows and targets of r (shared, not copied).
func (p *Prepared) Slice(r Range) (x, y [][][]float64) {
	return p.X[r.Start:r.End], p.Y[r.Start:r.End]
}
