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

// memory_model makes a copy of a trained cell the current and the trained
// model, with the probe sequence and its moments; a trace of that sequence
// shows the moments' numbers.
func TestMemoryModel(t *testing.T) {
	e := New()
	if out := e.Call("memory_model", []byte(`{"cell": "lstm"}`)); string(out[:10]) == `{"ok":true` {
		t.Fatal("memory_model without an experiment succeeded")
	}
	mustOK(t, e, "memory_start", `{"length": 5, "cells": ["rnn", "lstm"], "seed": 2, "init": "chrono", "epochs": 1, "train": 32, "test": 8}`)
	mustOK(t, e, "memory_run", `{"batches": 1000}`)
	var res struct {
		Model  ModelInfo
		X      [][]float64
		Memory memory.Moments
	}
	if err := json.Unmarshal(mustOK(t, e, "memory_model", `{"cell": "lstm"}`), &res); err != nil {
		t.Fatal(err)
	}
	if res.Model.Cell != "lstm" || res.Model.Source != "trained" || res.Model.Inputs != memory.Symbols+1 || len(res.X) != 5 || res.Memory.Open == nil {
		t.Fatalf("memory_model: %+v", res)
	}
	b, _ := json.Marshal(map[string]any{"input": map[string]any{"kind": "seq", "values": res.X}})
	var tr TraceResult
	if err := json.Unmarshal(mustOK(t, e, "trace", string(b)), &tr); err != nil {
		t.Fatal(err)
	}
	open, keep := res.Memory.Open, res.Memory.Keep
	if got := tr.Steps[0].Gate("i").Act[open.Unit]; got != open.Value {
		t.Errorf("i_1 of unit %d: the trace says %v, the moment %v", open.Unit, got, open.Value)
	}
	if got := tr.Steps[keep.T-1].Gate("f").Act[keep.Unit]; got != keep.Value {
		t.Errorf("f_%d of unit %d: the trace says %v, the moment %v", keep.T, keep.Unit, got, keep.Value)
	}
	mustOK(t, e, "set_model", `{"spec":{"cell":"rnn","units":2,"seed":3}}`)
	mustOK(t, e, "use_model", `{"source": "trained"}`)
	if e.info.Cell != "lstm" || e.model.Inputs() != memory.Symbols+1 {
		t.Errorf("use_model trained: %+v", e.info)
	}
}
