package main

import (
	"fmt"
	"os"

	"unroll/core/modelfile"
	"unroll/core/nn"
	"unroll/core/tfjs"
)

// maxModelFile bounds what loadModel reads: a model the page can train is far smaller.
const maxModelFile = 64 << 20

// loadModel reads an Unroll model file or a TensorFlow.js Layers model.json
// (its weight shards are read from beside it).
func loadModel(path string) (*nn.Model, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Size() > maxModelFile {
		return nil, fmt.Errorf("%s: %d bytes is too large for a model file", path, st.Size())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if tfjs.IsLayersModel(data) {
		m, _, err := tfjs.LoadFiles(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return m, nil
	}
	f, err := modelfile.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f.Model, nil
}
