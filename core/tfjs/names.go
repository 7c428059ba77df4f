package tfjs

import (
	"strings"

	"unroll/core/msg"
)

// slot is one weight array the model needs, in nn.Model.Params order.
type slot struct {
	layer, class string
	kind         string // "kernel", "recurrent_kernel" or "bias"
	optional     bool   // a bias of a layer with use_bias false: absent from the file
	w            *weight
}

// slots lists the weights the plan needs: for each recurrent layer kernel, recurrent_kernel, bias;
// then the Dense kernel and bias.
func (p *plan) slots() []slot {
	var s []slot
	for _, r := range p.recs {
		class := string(r.cfg.Cell)
		s = append(s,
			slot{layer: r.name, class: class, kind: "kernel"},
			slot{layer: r.name, class: class, kind: "recurrent_kernel"},
			slot{layer: r.name, class: class, kind: "bias", optional: !r.useBias})
	}
	d := p.dense
	return append(s,
		slot{layer: d.name, class: "Dense", kind: "kernel"},
		slot{layer: d.name, class: "Dense", kind: "bias", optional: !d.useBias})
}

// weightSegments splits a weight name such as "lstm/lstm_cell/kernel:0" (Keras), "lstm_LSTM1/kernel"
// (TF.js) or "sequential/lstm/lstm_cell/kernel" into its path segments (without the ":0" suffix).
func weightSegments(name string) []string {
	if k := strings.LastIndexByte(name, ':'); k >= 0 {
		name = name[:k]
	}
	return strings.Split(name, "/")
}

// matches reports whether a weight name belongs to layer and is of the given kind: its last segment
// is the kind and an earlier one is the layer's name.
func matches(name, layer, kind string) bool {
	seg := weightSegments(name)
	if len(seg) < 2 || seg[len(seg)-1] != kind {
		return false
	}
	for _, s := range seg[:len(seg)-1] {
		if s == layer {
			return true
		}
	}
	return false
}

// assign finds each slot's weight by name. A file whose weight names mention none of its layers
// (renamed by some tool) is read in manifest order instead, which is the order Keras and TF.js
// list a model's weights in.
func assign(slots []slot, order []*weight) error {
	named := false
	for k := range slots {
		s := &slots[k]
		for _, w := range order {
			if matches(w.name, s.layer, s.kind) {
				if s.w != nil {
					return msg.Errorf("%w: weights %q and %q both look like %s's %s",
						ErrWeight, s.w.name, w.name, s.layer, s.kind)
				}
				s.w = w
				named = true
			}
		}
	}
	if !named {
		return assignInOrder(slots, order)
	}
	for k := range slots {
		s := &slots[k]
		if s.w == nil && !s.optional {
			return msg.Errorf("%w: no %s weight for %s %q in the manifest", ErrWeight, s.kind, s.class, s.layer)
		}
		if s.w != nil && s.w.used {
			return msg.Errorf("%w: weight %q is claimed twice", ErrWeight, s.w.name)
		}
		if s.w != nil {
			s.w.used = true
		}
	}
	return nil
}

func assignInOrder(slots []slot, order []*weight) error {
	need := 0
	for _, s := range slots {
		if !s.optional {
			need++
		}
	}
	if len(order) != need {
		return msg.Errorf("%w: the manifest lists %d weights and none is named after a layer; the model needs %d",
			ErrWeight, len(order), need)
	}
	k := 0
	for i := range slots {
		if slots[i].optional {
			continue
		}
		slots[i].w = order[k]
		order[k].used = true
		k++
	}
	return nil
}
