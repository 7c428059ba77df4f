package main

import (
	"fmt"
	"os"

	"unroll/core/modelfile"
	"unroll/core/nn"
	"unroll/core/series"
	"unroll/core/tfjs"
)

// maxModelFile bounds what loadModel reads: a model the page can train is far smaller.
const maxModelFile = 64 << 20

// loaded is a model read from a file with what the file says of its inputs
// and outputs.
type loaded struct {
	model *nn.Model
	// vocab is the characters the one-hot inputs stand for, input k for
	// vocab.Runes[k]: an Unroll model file's vocabulary or a TF.js model's
	// userDefinedMetadata.vocab; nil when the file names none.
	vocab   *series.Vocab
	softmax bool // the file's outputs are the softmax of the model's (the logits o_t)
	tfjs    bool // a TensorFlow.js Layers model
}

// loadModel reads an Unroll model file or a TensorFlow.js Layers model.json
// (its weight shards are read from beside it).
func loadModel(path string) (*loaded, error) {
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
		m, info, err := tfjs.LoadFiles(path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return &loaded{model: m, vocab: info.Vocab, softmax: info.Softmax, tfjs: true}, nil
	}
	f, err := modelfile.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &loaded{model: f.Model, vocab: f.Vocab, softmax: f.Softmax}, nil
}
