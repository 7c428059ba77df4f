package train

import (
	"math"

	"unroll/core/msg"
	"unroll/core/nn"
)

// An Optimizer updates weights in place from their gradients. params and
// grads are parallel lists (as nn.Model.Params returns them for the model and
// for its gradient holder); every call must pass lists of the same shapes, in
// the same order, since the optimizer keeps per-weight state by position.
// Step panics if they do not match: that is a programming error.
type Optimizer interface {
	Step(params, grads []nn.Param)
	Name() string // Keras's name: "sgd", "rmsprop", "adam"
}

// Keras's default hyper-parameters.
const (
	DefaultSGDLearningRate     = 0.01
	DefaultRMSpropLearningRate = 0.001
	DefaultAdamLearningRate    = 0.001
	DefaultRho                 = 0.9
	DefaultBeta1               = 0.9
	DefaultBeta2               = 0.999
	DefaultEpsilon             = 1e-7
)

// NewOptimizer returns the optimizer named name ("sgd", "rmsprop" or "adam",
// as Keras names them) with learning rate lr, or Keras's default rate when
// lr is 0, and Keras's defaults for everything else.
func NewOptimizer(name string, lr float64) (Optimizer, error) {
	if lr < 0 || math.IsNaN(lr) || math.IsInf(lr, 0) {
		return nil, msg.Errorf("train: learning rate %v must be a non-negative number", lr)
	}
	switch name {
	case "sgd":
		return NewSGD(lr, 0, false), nil
	case "rmsprop":
		return NewRMSprop(lr), nil
	case "adam":
		return NewAdam(lr), nil
	}
	return nil, msg.Errorf("train: unknown optimizer %q (want adam, rmsprop or sgd)", name)
}

// LearningRate is the learning rate o uses (the Keras default when it was
// made with 0), or NaN for an optimizer of another package.
func LearningRate(o Optimizer) float64 {
	switch o := o.(type) {
	case *Adam:
		return o.LearningRate
	case *RMSprop:
		return o.LearningRate
	case *SGD:
		return o.LearningRate
	}
	return math.NaN()
}

// SGD is stochastic gradient descent with optional momentum, Keras's rules:
//
//	v ← m·v − lr·g
//	w ← w + v                  (nesterov false)
//	w ← w + m·v − lr·g         (nesterov true)
//
// and w ← w − lr·g when Momentum is 0.
type SGD struct {
	LearningRate float64 // Keras default 0.01
	Momentum     float64 // Keras default 0
	Nesterov     bool
	velocity     [][]float64
}

// NewSGD returns SGD; lr 0 means Keras's default 0.01.
func NewSGD(lr, momentum float64, nesterov bool) *SGD {
	if lr == 0 {
		lr = DefaultSGDLearningRate
	}
	return &SGD{LearningRate: lr, Momentum: momentum, Nesterov: nesterov}
}

func (o *SGD) Name() string { return "sgd" }

func (o *SGD) Step(params, grads []nn.Param) {
	check(params, grads)
	lr, mom := o.LearningRate, o.Momentum
	if mom == 0 {
		for k := range params {
			w, g := params[k].Value, grads[k].Value
			for i := range w {
				w[i] -= lr * g[i]
			}
		}
		return
	}
	o.velocity = state(o.velocity, params)
	for k := range params {
		w, g, v := params[k].Value, grads[k].Value, o.velocity[k]
		for i := range w {
			v[i] = mom*v[i] - lr*g[i]
			if o.Nesterov {
				w[i] += mom*v[i] - lr*g[i]
			} else {
				w[i] += v[i]
			}
		}
	}
}

// RMSprop divides each step by a running root mean square of the gradient:
//
//	ms ← ρ·ms + (1 − ρ)·g²
//	w  ← w − lr·g / (√ms + ε)
//
// This is tf.keras 2's formula (ε outside the root). Keras 3 and TF.js put ε
// inside (√(ms + ε)); with ε = 1e-7 the two differ only while ms is tiny.
type RMSprop struct {
	LearningRate float64 // Keras default 0.001
	Rho          float64 // Keras default 0.9
	Epsilon      float64 // Keras default 1e-7
	ms           [][]float64
}

// NewRMSprop returns RMSprop with Keras's defaults; lr 0 means 0.001.
func NewRMSprop(lr float64) *RMSprop {
	if lr == 0 {
		lr = DefaultRMSpropLearningRate
	}
	return &RMSprop{LearningRate: lr, Rho: DefaultRho, Epsilon: DefaultEpsilon}
}

func (o *RMSprop) Name() string { return "rmsprop" }

func (o *RMSprop) Step(params, grads []nn.Param) {
	check(params, grads)
	o.ms = state(o.ms, params)
	lr, rho, eps := o.LearningRate, o.Rho, o.Epsilon
	for k := range params {
		w, g, ms := params[k].Value, grads[k].Value, o.ms[k]
		for i := range w {
			ms[i] = rho*ms[i] + (1-rho)*g[i]*g[i]
			w[i] -= lr * g[i] / (math.Sqrt(ms[i]) + eps)
		}
	}
}

// Adam keeps running means of the gradient and its square, with Keras's bias
// correction folded into the step size (the "epsilon hat" form):
//
//	m ← β1·m + (1 − β1)·g
//	v ← β2·v + (1 − β2)·g²
//	lr_t = lr·√(1 − β2^t) / (1 − β1^t)
//	w ← w − lr_t·m / (√v + ε)
//
// where t counts steps from 1.
type Adam struct {
	LearningRate float64 // Keras default 0.001
	Beta1        float64 // Keras default 0.9
	Beta2        float64 // Keras default 0.999
	Epsilon      float64 // Keras default 1e-7 (PyTorch uses 1e-8)
	t            int
	m, v         [][]float64
}

// NewAdam returns Adam with Keras's defaults; lr 0 means 0.001.
func NewAdam(lr float64) *Adam {
	if lr == 0 {
		lr = DefaultAdamLearningRate
	}
	return &Adam{LearningRate: lr, Beta1: DefaultBeta1, Beta2: DefaultBeta2, Epsilon: DefaultEpsilon}
}

func (o *Adam) Name() string { return "adam" }

// Iterations is the number of steps taken (Keras's optimizer.iterations).
func (o *Adam) Iterations() int { return o.t }

func (o *Adam) Step(params, grads []nn.Param) {
	check(params, grads)
	o.m = state(o.m, params)
	o.v = state(o.v, params)
	o.t++
	b1, b2, eps := o.Beta1, o.Beta2, o.Epsilon
	t := float64(o.t)
	lrT := o.LearningRate * math.Sqrt(1-math.Pow(b2, t)) / (1 - math.Pow(b1, t))
	for k := range params {
		w, g, m, v := params[k].Value, grads[k].Value, o.m[k], o.v[k]
		for i := range w {
			gi := g[i]
			m[i] = b1*m[i] + (1-b1)*gi
			v[i] = b2*v[i] + (1-b2)*gi*gi
			w[i] -= lrT * m[i] / (math.Sqrt(v[i]) + eps)
		}
	}
}

// check panics unless params and grads are parallel lists of equal lengths.
func check(params, grads []nn.Param) {
	if len(params) != len(grads) {
		panic(msg.Sprintf("train: %d params but %d gradients", len(params), len(grads)))
	}
	for k := range params {
		if len(params[k].Value) != len(grads[k].Value) {
			panic(msg.Sprintf("train: %s has %d values but its gradient %d", params[k].Name, len(params[k].Value), len(grads[k].Value)))
		}
	}
}

// state returns s, or zeroed slots shaped like params when s is nil; it
// panics if s was shaped for other params.
func state(s [][]float64, params []nn.Param) [][]float64 {
	if s == nil {
		n := 0
		for _, p := range params {
			n += len(p.Value)
		}
		flat := make([]float64, n)
		s = make([][]float64, len(params))
		for k, p := range params {
			s[k], flat = flat[:len(p.Value):len(p.Value)], flat[len(p.Value):]
		}
		return s
	}
	if len(s) != len(params) {
		panic("train: optimizer reused for a model of another shape")
	}
	for k := range s {
		if len(s[k]) != len(params[k].Value) {
			panic("train: optimizer reused for a model of another shape")
		}
	}
	return s
}

// ClipGlobalNorm scales every gradient by clip/‖g‖ when the global norm
// ‖g‖ = √(Σ over all weights g²) exceeds clip, as Keras's global_clipnorm
// (and PyTorch's clip_grad_norm_) do; Keras's clipnorm instead clips each
// weight array on its own. It returns the norm before clipping. clip ≤ 0
// leaves the gradients alone.
func ClipGlobalNorm(grads []nn.Param, clip float64) float64 {
	var sum float64
	for _, p := range grads {
		for _, g := range p.Value {
			sum += g * g
		}
	}
	norm := math.Sqrt(sum)
	if clip > 0 && norm > clip {
		s := clip / norm
		for _, p := range grads {
			for i := range p.Value {
				p.Value[i] *= s
			}
		}
	}
	return norm
}
