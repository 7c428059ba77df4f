package main

import "testing"

// TestWalk pins the random walk, which bench/tfjs.mjs computes with the same generator in
// JavaScript: these values are what Node prints for the same indices.
func TestWalk(t *testing.T) {
	w := Walk(Points, WalkSeed)
	if len(w) != Points {
		t.Fatalf("%d points", len(w))
	}
	for _, c := range []struct {
		k    int
		want float64
	}{{1, 0.34169320939510739}, {2, 0.33803656555816830}, {500, 0.31057260354361499}, {1009, 0.97343332892558820}} {
		if w[c.k] != c.want {
			t.Errorf("w[%d] = %.17g, want %.17g", c.k, w[c.k], c.want)
		}
	}
	x, y := Windows(w, Steps)
	if len(x) != NumWindows || len(y) != NumWindows || len(x[0]) != Steps || x[1][Steps-1][0] != w[Steps] || y[0][0][0] != w[Steps] {
		t.Errorf("windows: %d, %d", len(x), len(y))
	}
}
