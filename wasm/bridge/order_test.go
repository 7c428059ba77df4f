package bridge

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"testing"

	"unroll/core/lecture"
	"unroll/core/series"
)

// orderFixture is what the page's order test compares the numbers on screen
// with: order_demo for the page's default model (SimpleRNN, 4 units, seed 1).
// UNROLL_UPDATE_FIXTURES=1 rewrites it.
const orderFixture = "../../test/browser/fixtures/order-rnn.json"

// TestOrderDemoOp: order_demo answers 我愛貓 and 貓愛我 with one bag of words
// and one feed-forward output, and with two recurrent outputs of different
// labels, the labels the task gives them; the fixture is this answer.
func TestOrderDemoOp(t *testing.T) {
	e := New()
	raw := mustOK(t, e, "order_demo", `{"cell":"rnn","units":4,"seed":1}`)
	var o lecture.Order
	if err := json.Unmarshal(raw, &o); err != nil {
		t.Fatal(err)
	}
	a, b := o.Sentences[0], o.Sentences[1]
	if a.Text != "我愛貓" || b.Text != "貓愛我" || a.Label == b.Label {
		t.Fatalf("sentences %q (label %d) and %q (label %d)", a.Text, a.Label, b.Text, b.Label)
	}
	if !slices.Equal(a.Bag, b.Bag) || !slices.Equal(a.FeedForward, b.FeedForward) {
		t.Errorf("bags %v %v, feed-forward %v %v", a.Bag, b.Bag, a.FeedForward, b.FeedForward)
	}
	for _, s := range o.Sentences {
		if series.Argmax(s.Recurrent) != s.Label || len(s.Final) != 4 {
			t.Errorf("%s: recurrent %v, label %d, s_T %v", s.Text, s.Recurrent, s.Label, s.Final)
		}
	}
	if e.model != nil {
		t.Error("order_demo set the current model")
	}
	if _, err := call(t, e, "order_demo", `{"cell":"cnn"}`); err == nil || err.Code != CodeInvalidModel {
		t.Errorf("cell cnn: %+v", err)
	}

	if os.Getenv("UNROLL_UPDATE_FIXTURES") == "1" {
		if err := os.WriteFile(orderFixture, append(raw, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var want lecture.Order
	data, err := os.ReadFile(orderFixture)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if len(want.Sentences) != len(o.Sentences) {
		t.Fatalf("%s has %d sentences, the engine %d: UNROLL_UPDATE_FIXTURES=1 go test ./wasm/bridge/", orderFixture, len(want.Sentences), len(o.Sentences))
	}
	maxDiff := 0.0
	for k, s := range o.Sentences {
		w := want.Sentences[k]
		pairs := [][2][]float64{{s.FeedForward, w.FeedForward}, {s.Recurrent, w.Recurrent}, {s.Final, w.Final}, {s.Bag, w.Bag}}
		if len(s.States) != len(w.States) {
			t.Fatalf("%s: %d states against the fixture's %d", s.Text, len(s.States), len(w.States))
		}
		for k := range s.States {
			pairs = append(pairs, [2][]float64{s.States[k], w.States[k]})
		}
		for _, pair := range pairs {
			if len(pair[0]) != len(pair[1]) {
				t.Fatalf("%s: %v against the fixture's %v", s.Text, pair[0], pair[1])
			}
			for j := range pair[0] {
				maxDiff = max(maxDiff, math.Abs(pair[0][j]-pair[1][j]))
			}
		}
	}
	// The fixture may be written by native Go and read by WebAssembly's:
	// math's assembly routines differ from the pure Go ones in the last bits.
	t.Logf("largest difference from %s: %g", orderFixture, maxDiff)
	if maxDiff > 1e-12 {
		t.Errorf("the engine's answer differs from %s by %g: UNROLL_UPDATE_FIXTURES=1 go test ./wasm/bridge/", orderFixture, maxDiff)
	}
}
