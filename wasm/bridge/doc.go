// Package bridge is the engine the page talks to: the operations of the
// page's Web Worker, their arguments and answers as JSON, and errors in both
// languages. It is glue: the numbers come from core, and the bridge owns no
// math, no training loop and no workflow of its own.
//
// The seams it stands on:
//   - a trace is core/nn's TraceResult (nn.NewTraceResult), marshalled as it
//     is: the same bytes `unroll trace` prints for the same model and input
//     (cmd/unroll's TestTraceSameAsEngine); the bridge only adds the model,
//     the input it read, and the gradient norms around it;
//   - training is a core/lecture Job (prepare, a train.Loop run a chunk of
//     batches per train_run, predictions beside the last-value baseline), the
//     same Job `unroll train` runs to the end in one call;
//   - inputs (typed sequences, the sine wave, price windows) are read and
//     checked by core/lecture, against lecture.Page, the one set of limits,
//     which cmd/genlimits also writes for the page (static/gen/limits.js).
//
// It holds no syscall/js code, so it is built and tested on the host; the
// js/wasm programs in ../ and ../first only register Engine.Call as the
// JavaScript function globalThis.unroll.call(op, argsJSON) (../jsapi): New's
// engine, with every operation, and NewFirst's, with FirstOps alone.
//
// # Protocol
//
// Call(op, args) takes an operation name and its arguments as JSON and returns
// one JSON envelope:
//
//	{"ok": true,  "result": {...}}
//	{"ok": false, "error": {"code": "...", "message": "...", "message_zh": "...", "detail": {...}}}
//
// A panic inside an operation is recovered and reported as the error code
// "internal"; the engine stays usable.
//
// Operations (snake_case JSON keys):
//
//	set_model  {"spec": {"cell": "rnn"|"lstm"|"gru", "units": N, "inputs": I, "seed": S, "steps": T}}
//	           or {"file": <Unroll model file, as JSON or a string>, "steps"?: T}
//	           → {"model": ModelInfo}
//	           (a file's scaler, if any, then scales price inputs instead of one fitted on them)
//	trace      {"input": Input} → TraceResult
//	info       {} → {"go": runtime version, "protocol": ProtocolVersion, "model": ModelInfo|null}
//	order_demo {"cell", "units", "seed"} → lecture.Order: the order task's sentences (我愛貓 and
//	           貓愛我 first) as a bag-of-words feed-forward network and a recurrent network trained
//	           on their labels read them (lecture.OrderTaskSpec); the current model is untouched
//	generate   lecture.GenSpec {"prompt", "chars", "temperature", "seed"} → {"prompt", "text"}: what the
//	           last trained next-character model writes after prompt (lecture.Generate: one-to-many)
//
// Training and model files (train.go, models.go); the training is the
// lecture's workflow of core/lecture, checked against its page limits
// (lecture.Page), which bound the other operations too:
//
//	train_prepare  {"series": {"dates", "columns": {"close", "open"?, ...}}, "stock", "features",
//	               "target", "forecast"?: price|window|logret, "walk_forward"?: {"every", "epochs"}, "steps",
//	               "split": {"train", "val"}, "model": {"cell", "units", "seed"},
//	               "train": {"epochs", "batch", "lr", "optimizer"}} → PrepareResult
//	               (series.Prepare: windows, time-ordered split, min-max scaler fitted on the rows the
//	               training windows read; a fresh seeded model on len(features) inputs)
//	train_text_prepare  lecture.TextSpec {"demo"} or {"text", "steps", "model", "train"} → {"model", "vocab", "windows",
//	               "held_out"}: a next-character model, run by train_run; predict → its lecture.TextScore
//	train_run      {"batches": k} → RunResult: k more mini-batches (fewer at the end) of the
//	               prepared lecture.Job's train.Loop, the loop train.Fit runs in one call: any
//	               chunk sizes give the weights and losses of one train.Fit call, bit for bit
//	train_stop     {} → RunResult; the model, if it took a step, becomes the current one
//	predict        {} → PredictResult: the test windows in NT$ beside the last-value baseline (with "target", "direction", "why")
//	export_model   {} → {"file": Unroll model file text, "name", "model"}
//	import_model   {"file": Unroll model file (string or object)} or
//	               {"tfjs": {"model_json": text, "shards": {name: base64}}} → ImportResult;
//	               the current model is replaced only on success
//	use_model      {"source": "trained"|"imported"} → ImportResult: the last one of that source
//	memory_start   {"length": L, "cells": ["rnn", "lstm", "gru"], "seed", "init": "keras"|"chrono",
//	               "epochs"?, "train"?, "test"?} → memory.State: the long-memory experiment (memory.go)
//	memory_run     {"batches": k} → memory.State: k more updates of every cell (train.Loop)
//	memory_stop    {} → memory.State: every cell ends where it is
//	memory_model   {"cell"} → {model, x, memory}: a copy of that cell becomes the current (trained) model, with the probe sequence and its memory.Moments
//
// When a training ends (or is stopped after a step) its model becomes the
// current model with the training scaler, which records the trading days it
// was fitted on (how many, the first and the last; an exported model file
// keeps them): a price window traced afterwards is scaled exactly as the
// training windows were. A prices input may carry
// "columns" (open, high, low, volume) for a model of several inputs.
//
// An Input is one of
//
//	{"kind": "seq", "text": "0.1, 0.5, -0.2"}     typed by a person, fed unscaled (inputs = 1)
//	{"kind": "seq", "values": [[0.1], [0.5]]}      [T][inputs], fed unscaled
//	{"kind": "sine", "period": 10}                 T = steps values sin(2π(t−1)/period), unscaled
//	{"kind": "prices", "series": [close|null, ...], "dates": ["2024-01-02", ...],
//	 "end": k, "fit_frac": 0.7}
//	{"kind": "text", "text": "neuron"}            one step per character, x_t one-hot (lecture.TraceText)
//
// A text is read by the current model when it has a vocabulary (trained on a text, or a
// model file that stores one); any other model stands for the seeded next-character model
// of its cell, units and seed over the text's own vocabulary (i = V), not kept. The answer
// adds input.chars/tokens/vocab, "outputs" (o_t at every step), "probs" and "top" (lecture.TextNext).
//
// For prices, days whose close is null (no trade) are dropped, and the window
// is the steps closes ending at the day with index end in the given arrays (or
// the last trading day at or before it). A model with its own scaler (trained
// here, or an Unroll model file that has one) scales with it; any other model
// gets a min-max scaler fitted on the first fit_frac of the remaining days (as
// training would fit it, on the training part only; a TF.js model has no
// scaler). When end is absent or < 0 the window ends on the last trading day
// the scaler saw, so its scaled values lie in [0, 1] and the next trading day,
// the one a prediction is compared with, is known: the fit part's last day,
// or for a model's own scaler the last trading day on or before the last day
// it was fitted on (its "last" date; dates compare as YYYY-MM-DD text). When
// the series does not hold a whole window up to that day (it starts later,
// or the scaler does not name the day) the window ends on the last trading
// day. An explicit end may lie past the fit part, where scaled values can
// exceed 1.
//
// TraceResult, for the model's first recurrent layer:
//
//	{"model": ModelInfo,
//	 "input": {"kind", "raw": [T][inputs], "scaled": [T][inputs], "dates"?: [T],
//	           "features"?: ["close"] | ["open", "high", "low", "close", "volume"],
//	           "target"?: k,          // the feature predicted (the close): next and output_raw
//	           "scaler"?: {"min": [..], "max": [..], "own": bool,  // per feature
//	                       "fit_days": n, "fit_first"?, "fit_last"?},  // the days it saw; 0: not said
//	           "window"?: {"start": k0, "end": k1},   // indices into the request's arrays
//	           "next"?: {"date", "raw", "scaled"}},   // the day after the window, if known
//	 "gate_order": ["i", "f", "g", "o"],  // the gates' order (Keras's), as in gates, terms and the kernels
//	 "steps": [{"t": 1, "x", "s_prev", "h", "c"?, "c_prev"?,
//	            "gates"?: {"<name>": [..], ...},                  // activations, in gate_order
//	            "terms": {"<name>": {"ux", "ws", "b", "pre"}, ...}}],  // pre = ux + ws + b
//	 "layers"?: [[step, ...], ...],       // every layer's steps, when the model stacks several
//	 "output": [..],         // o after the last step, in model (scaled) units
//	 "graph": nn.Graph,      // nodes x/t, h<layer>/t, y/t; edges U, W, V; the weights with
//	                         // their bias and statistics (mean, mean_abs, max_abs, norm)
//	 "output_raw"?: [..],    // inverse-scaled to NT$ when the input is prices
//	 "grad_input_norms"?, "grad_norms"?, "grad_cell_norms"?: [T], // ‖∂L/∂x_t‖, ‖∂L/∂s_t‖ (first layer), ‖∂L/∂c_t‖ (LSTM)
//	 "grad_target": y|null}  // the y of L = (o_T − y)²: input.next.scaled; null: none known, y = 0
//
// The norms are backpropagation through time on this one window (a batch of
// one, L = (o_T − y)², Keras’s MSE): how strongly each step’s input and state still
// moves the loss, the vanishing-gradient picture. y is the next trading day's
// scaled close (a default price window has one when the series goes on past
// the days the scaler saw); when the input has no next value (seq, sine, a
// window ending on the series' last day) grad_target is null and the loss
// uses y = 0. It is absent when the model does not output one value after the
// last step.
//
// Gate names: LSTM "i", "f", "g", "o"; GRU "z", "r", "n". A SimpleRNN has no
// gates: its one block "h" has terms, and its activation is the step's h (s_t).
// ModelInfo is
//
//	{"cell": "rnn"|"lstm"|"gru", "keras": "SimpleRNN"|"LSTM"|"GRU", "units",
//	 "inputs", "steps", "seed"?, "reset_after"?, "activation",
//	 "recurrent_activation"?, "params": {"g", "n", "i", "rnn", "dense", "total"},
//	 "source": "seed"|"trained"|"imported"}
package bridge

//go:generate go run unroll/cmd/genjson
