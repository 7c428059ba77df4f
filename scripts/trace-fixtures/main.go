// Command trace-fixtures writes the views' test fixtures,
// test/browser/fixtures/trace-*.json, from the engine: for each entry of
// test/browser/fixtures/traces.json it sets the model and traces the input
// through the page's engine (wasm/bridge), and writes the answer as the page
// receives it. Run it from the repository root:
//
//	go run ./scripts/trace-fixtures
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"unroll/core/modelfile"
	"unroll/core/nn"
	"unroll/wasm/bridge"
	"unroll/web/offline"
)

// Dir is the fixtures' folder, from the repository root.
const Dir = "test/browser/fixtures"

// Manifest is traces.json.
type Manifest struct {
	About    string    `json:"about"`
	Fixtures []Fixture `json:"fixtures"`
}

// Fixture is one file: the model and the input it traces.
type Fixture struct {
	File  string `json:"file"`
	Model struct {
		Cell  string `json:"cell"`
		Units int    `json:"units"`
		Seed  uint64 `json:"seed"`
		Steps int    `json:"steps"`
		// ResetAfter false makes a GRU with reset_after off, which a seed
		// alone never gives; it reaches the engine as a model file.
		ResetAfter *bool `json:"reset_after,omitempty"`
	} `json:"model"`
	Input struct {
		Seq    string `json:"seq,omitempty"`    // a typed sequence, or
		Prices string `json:"prices,omitempty"` // the shipped closes of this code,
		Last   string `json:"last,omitempty"`   // the days up to this date,
		Days   int    `json:"days,omitempty"`   // this many, the window ending on the last
	} `json:"input"`
}

func main() {
	files, err := Generate(".")
	if err == nil {
		for name, b := range files {
			if err = os.WriteFile(filepath.Join(Dir, name), b, 0o644); err != nil {
				break
			}
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "trace-fixtures:", err)
		os.Exit(1)
	}
}

// Generate returns every fixture of root's manifest, by file name.
func Generate(root string) (map[string][]byte, error) {
	b, err := os.ReadFile(filepath.Join(root, Dir, "traces.json"))
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("traces.json: %w", err)
	}
	out := make(map[string][]byte, len(m.Fixtures))
	for _, f := range m.Fixtures {
		b, err := f.trace()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.File, err)
		}
		out[f.File] = b
	}
	return out, nil
}

func (f Fixture) trace() ([]byte, error) {
	e := bridge.New()
	var model any = map[string]any{"spec": bridge.ModelSpec{Cell: f.Model.Cell, Units: f.Model.Units, Seed: f.Model.Seed, Steps: f.Model.Steps}}
	if f.Model.ResetAfter != nil {
		file, err := f.modelFile()
		if err != nil {
			return nil, err
		}
		model = bridge.SetModelArgs{File: file, Steps: f.Model.Steps}
	}
	if _, err := call(e, "set_model", model); err != nil {
		return nil, err
	}
	in, err := f.input()
	if err != nil {
		return nil, err
	}
	res, err := call(e, "trace", bridge.TraceArgs{Input: in})
	if err != nil {
		return nil, err
	}
	return append(res, '\n'), nil
}

// modelFile is an Unroll model file of the fixture's model, initialised from
// its seed as a seeded model is.
func (f Fixture) modelFile() ([]byte, error) {
	cell, err := nn.ParseCell(f.Model.Cell)
	if err != nil {
		return nil, err
	}
	layer := nn.LayerConfig{Cell: cell, Units: f.Model.Units, Inputs: 1, ResetAfter: *f.Model.ResetAfter}
	m, err := nn.NewModel([]nn.LayerConfig{layer}, nn.DenseConfig{Outputs: 1})
	if err != nil {
		return nil, err
	}
	m.Init(f.Model.Seed)
	return modelfile.Encode(m, nil, modelfile.Meta{TimeSteps: f.Model.Steps})
}

func (f Fixture) input() (*bridge.Input, error) {
	if f.Input.Prices == "" {
		text := f.Input.Seq
		return &bridge.Input{Kind: "seq", Text: &text}, nil
	}
	s, ok := offline.Lookup(f.Input.Prices)
	if !ok {
		return nil, fmt.Errorf("no shipped prices for %s", f.Input.Prices)
	}
	var closes []*float64
	var dates []string
	for _, r := range s.Rows {
		if r.Close != nil && r.Date <= f.Input.Last {
			closes, dates = append(closes, r.Close), append(dates, r.Date)
		}
	}
	if len(closes) < f.Input.Days {
		return nil, fmt.Errorf("%d days of %s up to %s, want %d", len(closes), f.Input.Prices, f.Input.Last, f.Input.Days)
	}
	k := len(closes) - f.Input.Days
	end := f.Input.Days - 1
	return &bridge.Input{Kind: "prices", Series: closes[k:], Dates: dates[k:], End: &end, FitFrac: 0.7}, nil
}

// call sends one request to the engine and returns its result.
func call(e *bridge.Engine, op string, args any) (json.RawMessage, error) {
	b, err := json.Marshal(args)
	if err != nil {
		return nil, err
	}
	var env struct {
		OK     bool            `json:"ok"`
		Result json.RawMessage `json:"result"`
		Error  json.RawMessage `json:"error"`
	}
	if err := json.Unmarshal(e.Call(op, b), &env); err != nil {
		return nil, err
	}
	if !env.OK {
		return nil, fmt.Errorf("%s: %s", op, env.Error)
	}
	return env.Result, nil
}
