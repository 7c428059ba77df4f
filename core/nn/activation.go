package nn

// The activations work on whole slices so that the switch on the kind sits
// outside the loop. Every derivative is written in terms of the activation's
// output y = f(x), which is what the forward pass keeps:
//
//	tanh          f'(x) = 1 − y²
//	sigmoid       f'(x) = y (1 − y)
//	hard_sigmoid  f'(x) = 0.2 if 0 < y < 1 (that is −2.5 < x < 2.5), else 0
//	relu          f'(x) = 1 if y > 0, else 0 (0 at x = 0, as TF does)
//	linear        f'(x) = 1

// apply sets dst[k] = f(src[k]); dst and src may be the same slice.
func (a Activation) apply(dst, src []float64) {
	dst = dst[:len(src)]
	switch a {
	case Tanh, "":
		tanhSlice(dst, src)
	case Sigmoid:
		sigmoidSlice(dst, src)
	case HardSigmoid:
		for k, x := range src {
			y := 0.2*x + 0.5
			if y < 0 {
				y = 0
			} else if y > 1 {
				y = 1
			}
			dst[k] = y
		}
	case ReLU:
		for k, x := range src {
			if x > 0 {
				dst[k] = x
			} else {
				dst[k] = 0
			}
		}
	case Linear:
		copy(dst, src)
	default:
		panic("nn: unknown activation " + string(a))
	}
}

// mulDeriv sets d[k] *= f'(x_k), given y[k] = f(x_k).
func (a Activation) mulDeriv(d, y []float64) {
	y = y[:len(d)]
	switch a {
	case Tanh, "":
		for k, v := range y {
			d[k] *= 1 - v*v
		}
	case Sigmoid:
		for k, v := range y {
			d[k] *= v * (1 - v)
		}
	case HardSigmoid:
		for k, v := range y {
			if v > 0 && v < 1 {
				d[k] *= 0.2
			} else {
				d[k] = 0
			}
		}
	case ReLU:
		for k, v := range y {
			if v <= 0 {
				d[k] = 0
			}
		}
	case Linear:
	default:
		panic("nn: unknown activation " + string(a))
	}
}
