package bridge

import (
	"encoding/json"
	"testing"

	"unroll/core/memory"
)

func TestMemoryOps(t *testing.T) {
	e := New()
	call := func(op, args string) memory.State {
		t.Helper()
		var env struct {
			OK     bool
			Result memory.State
			Error  *Error
		}
		if err := json.Unmarshal(e.Call(op, []byte(args)), &env); err != nil || !env.OK {
			t.Fatalf("%s %s: %v %+v", op, args, err, env.Error)
		}
		return env.Result
	}
	spec := memory.Spec{Length: 6, Cells: []string{"rnn", "lstm", "gru"}, Seed: 2, Init: "chrono", Epochs: 2, Train: 64, Test: 16}
	b, _ := json.Marshal(spec)
	st := call("memory_start", string(b))
	if st.Done || len(st.Cells) != 3 || st.Chance != 0.25 || st.Cells[1].Cell != "LSTM" || len(st.Cells[1].Before.DC) != 6 || st.Cells[0].Before.DC != nil {
		t.Fatalf("start: %+v", st)
	}
	for !st.Done {
		st = call("memory_run", `{"batches": 3}`)
	}
	// The same experiment in core, in one chunk.
	cfg, cells, _ := spec.Config()
	s, err := memory.NewSession(cfg, cells)
	if err != nil {
		t.Fatal(err)
	}
	for !s.Done() {
		s.Step(100)
	}
	want := s.State()
	for i, c := range st.Cells {
		w := want.Cells[i]
		if c.Updates != w.Updates || c.After == nil || c.After.DX[0] != w.After.DX[0] || c.Points[len(c.Points)-1] != w.Points[len(w.Points)-1] {
			t.Errorf("%s: %+v, want %+v", c.Cell, c, w)
		}
	}
	if st := call("memory_stop", ``); !st.Done || st.Stopped {
		t.Errorf("stop after the end: done %v stopped %v", st.Done, st.Stopped)
	}
	for _, bad := range [][2]string{
		{"memory_start", `{"length": 1, "cells": ["rnn"], "init": "chrono"}`},
		{"memory_start", `{"length": 5, "cells": ["cnn"], "init": "chrono"}`},
		{"memory_run", `{"batches": 0}`},
	} {
		var env envelope
		if json.Unmarshal(e.Call(bad[0], []byte(bad[1])), &env); env.OK || env.Error.Code != CodeBadRequest {
			t.Errorf("%s %s: %+v", bad[0], bad[1], env)
		}
	}
	if out := New().Call("memory_run", nil); json.Valid(out) && string(out[:10]) == `{"ok":true` {
		t.Error("memory_run without memory_start succeeded")
	}
}
