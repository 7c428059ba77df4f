package memory

import (
	"errors"
	"math"
	"slices"

	"unroll/core/msg"
	"unroll/core/nn"
	"unroll/core/series"
	"unroll/core/train"
)

// Session is the experiment for a page: every cell of it trained on the same
// data, seed, units, optimiser and number of updates, a few updates at a
// time (each cell's own train.Loop), with the held-out accuracy and loss
// after every chunk, and the gradients of one held-out sequence before and
// after training. It is not safe for concurrent use.
type Session struct {
	cfg            Config
	runs           []*cellRun
	testX, testY   [][][]float64
	answers        []int
	probeX, probeY [][][]float64 // the first held-out sequence
}

type cellRun struct {
	m     *nn.Model
	loop  *train.Loop
	ws    *nn.Workspace // for the held-out sequences
	pw    *nn.Workspace // for the probe sequence
	state CellState
}

// Probe is what the loss of one held-out sequence says of each step:
// DX[t] = ‖∂L/∂x_{t+1}‖, and for LSTM DC[t] = ‖∂L/∂c_{t+1}‖ along the cell
// state; Retention is the gated cell's ∏_{t=2..L} of its memory gate (LSTM
// f, GRU z) of the unit that keeps the most, absent for a SimpleRNN.
type Probe struct {
	DX        []float64 `json:"dx"`
	DC        []float64 `json:"dc,omitempty"`
	Retention *float64  `json:"retention,omitempty"`
	Loss      float64   `json:"loss"`
}

// Point is a cell's held-out accuracy and loss after Updates updates.
type Point struct {
	Updates  int     `json:"updates"`
	Accuracy float64 `json:"accuracy"`
	Loss     float64 `json:"loss"`
}

// CellState is one cell's run so far.
type CellState struct {
	Cell    nn.Cell `json:"cell"`
	Updates int     `json:"updates"`
	Total   int     `json:"total"`
	Points  []Point `json:"points"` // the first before any update
	Before  Probe   `json:"before"`
	After   *Probe  `json:"after,omitempty"` // once the run has ended
}

// State is the session's progress, as the page draws it.
type State struct {
	Length  int         `json:"length"`
	Seed    uint64      `json:"seed"`
	Init    nn.GateInit `json:"init"`
	Units   int         `json:"units"`
	Chance  float64     `json:"chance"`
	Done    bool        `json:"done"`
	Stopped bool        `json:"stopped"`
	Cells   []CellState `json:"cells"`
}

// NewSession builds one model per cell from cfg (its Cell is ignored), the
// data, and measures the untrained models.
func NewSession(cfg Config, cells []nn.Cell) (*Session, error) {
	if cfg.Length < 2 || cfg.Units < 1 || cfg.Train < 1 || cfg.Test < 1 || cfg.Epochs < 1 {
		return nil, errors.New("memory: the length must be at least 2, units, sequences and epochs at least 1")
	}
	if len(cells) == 0 {
		return nil, errors.New("memory: no cell to train")
	}
	if cfg.Init == "" {
		cfg.Init = nn.KerasGates
	}
	s := &Session{cfg: cfg}
	x, y, _ := Data(cfg.Seed, cfg.Length, cfg.Train, 0)
	s.testX, s.testY, s.answers = Data(cfg.Seed, cfg.Length, cfg.Test, cfg.Train)
	s.probeX, s.probeY = s.testX[:1], s.testY[:1]
	for _, c := range cells {
		layer := nn.LayerConfig{Cell: c, Units: cfg.Units, Inputs: Symbols + 1, ResetAfter: c == nn.GRU}
		m, err := nn.NewModel([]nn.LayerConfig{layer}, nn.DenseConfig{Outputs: Symbols})
		if err != nil {
			return nil, err
		}
		if err := m.InitGates(cfg.Seed, cfg.Init, cfg.Length); err != nil {
			return nil, err
		}
		loop, err := train.NewLoop(m, train.Dataset{X: x, Y: y}, train.Config{
			Epochs: cfg.Epochs, BatchSize: cfg.BatchSize, Seed: cfg.Seed, ClipNorm: cfg.ClipNorm,
			Loss: nn.SoftmaxCrossEntropy, Optimizer: train.NewAdam(cfg.LearningRate),
		})
		if err != nil {
			return nil, err
		}
		r := &cellRun{m: m, loop: loop, ws: m.NewWorkspace(cfg.Test, cfg.Length), pw: m.NewWorkspace(1, cfg.Length)}
		r.state = CellState{Cell: c, Total: loop.TotalSteps()}
		if r.state.Before, err = s.probe(r); err != nil {
			return nil, err
		}
		if err := s.point(r); err != nil {
			return nil, err
		}
		s.runs = append(s.runs, r)
	}
	return s, nil
}

// Step runs up to k more updates of every cell that has not ended,
// measuring each on the held-out sequences afterwards.
func (s *Session) Step(k int) error {
	for _, r := range s.runs {
		if r.loop.Done() {
			continue
		}
		if _, err := r.loop.Step(k); err != nil {
			return err
		}
		r.state.Updates = r.loop.History().Steps
		if err := s.point(r); err != nil {
			return err
		}
		if err := s.finish(r); err != nil {
			return err
		}
	}
	return nil
}

// Stop ends every run where it is; its after-training gradients are those
// of the weights it has.
func (s *Session) Stop() error {
	for _, r := range s.runs {
		r.loop.Stop()
		if err := s.finish(r); err != nil {
			return err
		}
	}
	return nil
}

// Done reports whether every run has ended.
func (s *Session) Done() bool {
	for _, r := range s.runs {
		if !r.loop.Done() {
			return false
		}
	}
	return true
}

// State is the session's progress so far.
func (s *Session) State() State {
	st := State{Length: s.cfg.Length, Seed: s.cfg.Seed, Init: s.cfg.Init, Units: s.cfg.Units, Chance: Chance, Done: s.Done()}
	for _, r := range s.runs {
		st.Stopped = st.Stopped || r.loop.History().Stopped
		st.Cells = append(st.Cells, r.state)
	}
	return st
}

// finish measures the probe of a run that has just ended.
func (s *Session) finish(r *cellRun) error {
	if !r.loop.Done() || r.state.After != nil {
		return nil
	}
	p, err := s.probe(r)
	r.state.After = &p
	return err
}

// point appends the run's held-out accuracy and loss.
func (s *Session) point(r *cellRun) error {
	loss, err := r.ws.Loss(nn.Batch{X: s.testX, Y: s.testY}, nn.SoftmaxCrossEntropy)
	if err != nil {
		return err
	}
	var right int
	for k, o := range r.ws.Output() {
		if series.Argmax(o[0]) == s.answers[k] {
			right++
		}
	}
	r.state.Points = append(r.state.Points, Point{Updates: r.state.Updates, Accuracy: float64(right) / float64(len(s.answers)), Loss: loss})
	return nil
}

// probe backpropagates the probe sequence's loss through the run's model.
func (s *Session) probe(r *cellRun) (Probe, error) {
	loss, err := r.pw.Gradient(nn.Batch{X: s.probeX, Y: s.probeY}, nn.SoftmaxCrossEntropy, r.m.ZeroLike())
	if err != nil {
		return Probe{}, err
	}
	p := Probe{Loss: loss, DX: append([]float64(nil), r.pw.InputGradNorms()...)}
	if dc := r.pw.CellGradNorms()[0]; dc != nil {
		p.DC = append([]float64(nil), dc...)
	}
	if c := r.m.Layers[0].Cell; c != nn.SimpleRNN {
		v := retention(r.pw.Gates(0), r.m.Layers[0])
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			p.Retention = &v
		}
	}
	return p, nil
}

// Spec is a page's request for a session: the gap L, the cells by their
// page names (rnn, lstm, gru), the seed, the gate initialisation (keras or
// chrono) and the epochs, training and held-out sequences (0: Defaults').
// The rest is Defaults'.
type Spec struct {
	Length int      `json:"length"`
	Cells  []string `json:"cells"`
	Seed   uint64   `json:"seed"`
	Init   string   `json:"init"`
	Epochs int      `json:"epochs,omitempty"`
	Train  int      `json:"train,omitempty"`
	Test   int      `json:"test,omitempty"`
}

// The page's bounds of a Spec.
var (
	PageLengths = [2]int{2, 100}
	PageEpochs  = [2]int{1, 100}
	PageSeqs    = [2]int{8, 4096}
)

// Config checks the spec against the page's bounds and returns the session's
// settings and cells.
func (p Spec) Config() (Config, []nn.Cell, error) {
	cfg := Defaults
	cfg.Length, cfg.Seed = p.Length, p.Seed
	in := func(v int, b [2]int) bool { return v >= b[0] && v <= b[1] }
	if !in(p.Length, PageLengths) {
		return cfg, nil, msg.Errorf("the gap L = %d is not in %d..%d", p.Length, PageLengths[0], PageLengths[1])
	}
	for _, v := range []struct {
		dst *int
		v   int
		b   [2]int
	}{{&cfg.Epochs, p.Epochs, PageEpochs}, {&cfg.Train, p.Train, PageSeqs}, {&cfg.Test, p.Test, PageSeqs}} {
		if v.v != 0 && !in(v.v, v.b) {
			return cfg, nil, msg.Errorf("%d is not in %d..%d", v.v, v.b[0], v.b[1])
		}
		if v.v != 0 {
			*v.dst = v.v
		}
	}
	gi, err := nn.ParseGateInit(p.Init)
	if err != nil {
		return cfg, nil, err
	}
	cfg.Init = gi
	var cells []nn.Cell
	for _, s := range p.Cells {
		c, ok := pageCells[s]
		if !ok || slices.Contains(cells, c) {
			return cfg, nil, msg.Errorf("cells: %q is not one of rnn, lstm, gru once each", s)
		}
		cells = append(cells, c)
	}
	if len(cells) == 0 {
		return cfg, nil, errors.New("cells: name at least one of rnn, lstm, gru")
	}
	return cfg, cells, nil
}

// pageCells are the cells by their page names.
var pageCells = map[string]nn.Cell{"rnn": nn.SimpleRNN, "lstm": nn.LSTM, "gru": nn.GRU}

// StepThrough is one trained cell on the probe sequence (the held-out
// sequence whose gradients the page draws), for the step-through views: a
// copy of the model as trained so far, the sequence x [L][K+1] and the
// Moments of its trace.
type StepThrough struct {
	Model   *nn.Model
	X       [][]float64
	Moments *Moments
}

// StepThrough returns the StepThrough of the cell of that page name (rnn,
// lstm, gru).
func (s *Session) StepThrough(name string) (*StepThrough, error) {
	if s == nil {
		return nil, errors.New("no experiment has been started: call memory_start first")
	}
	for _, r := range s.runs {
		if c, ok := pageCells[name]; ok && r.state.Cell == c {
			m, x := r.m.Clone(), s.probeX[0]
			tr, err := m.Trace(x)
			if err != nil {
				return nil, err
			}
			mo, err := FindMoments(tr, x)
			return &StepThrough{Model: m, X: x, Moments: mo}, err
		}
	}
	return nil, msg.Errorf("cell %q was not trained in this experiment", name)
}
