package tfjs

import (
	"errors"
	"math"
	"os"
	"path"
	"path/filepath"
	"strings"

	"unroll/core/jsonx"
	"unroll/core/msg"
	"unroll/core/nn"
	"unroll/core/series"
)

// Kinds of import error; every error Load returns wraps one of them.
var (
	ErrFormat       = errors.New("tfjs: not a readable TensorFlow.js Layers model.json")
	ErrUnsupported  = errors.New("tfjs: unsupported model")
	ErrShape        = errors.New("tfjs: shape mismatch")
	ErrMissingShard = errors.New("tfjs: missing weight shard")
	ErrShardSize    = errors.New("tfjs: weight shard has the wrong length")
	ErrDtype        = errors.New("tfjs: unsupported weight encoding")
	ErrWeight       = errors.New("tfjs: missing or bad weight")
)

// Info describes an imported model.json.
type Info struct {
	Format       string      // "layers-model"
	GeneratedBy  string      // e.g. "TensorFlow.js tfjs-layers v4.22.0", "keras v2.15.0"
	ConvertedBy  string      // e.g. "TensorFlow.js Converter v4.22.0"; "" when saved by TF.js
	KerasVersion string      // modelTopology's keras_version
	Name         string      // the model's name
	Steps        int         // time steps fixed by the input shape; 0 when any length is accepted
	Layers       []LayerInfo // every layer of the file, in data-flow order
	Unused       []string    // manifest weights no layer took (none in a well-formed file)
	// Softmax says that the Dense head's activation is softmax (Dense(V, activation="softmax"),
	// or an Activation("softmax") layer after a linear Dense): the imported model's head is
	// linear, its outputs the logits o_t, and the file's predictions their softmax.
	Softmax bool
	// Vocab is the characters the model's one-hot inputs stand for, input k for Vocab.Runes[k],
	// from userDefinedMetadata.vocab (one character per entry, in increasing code-point order:
	// Python's sorted(set(text))), which TF.js's model.setUserDefinedMetadata and
	// tensorflowjs_converter --metadata vocab:FILE write; nil when the file has none.
	Vocab *series.Vocab
}

// LayerInfo is one layer of the file and the role it plays in the imported model.
type LayerInfo struct {
	Name  string // the layer's name in the file
	Class string // its Keras class, e.g. "LSTM", "Dropout"
	Role  string // RoleInput, RoleRecurrent, RoleDense, RoleIdentity or RoleActivation
}

// modelJSON is the top level of model.json.
type modelJSON struct {
	Format          string          `json:"format"`
	GeneratedBy     string          `json:"generatedBy"`
	ConvertedBy     *string         `json:"convertedBy"`
	ModelTopology   jsonx.Raw       `json:"modelTopology"`
	WeightsManifest []manifestGroup `json:"weightsManifest"`
	UserMetadata    jsonx.Raw       `json:"userDefinedMetadata"`
}

func parseModelJSON(data []byte) (*modelJSON, error) {
	var mj modelJSON
	if err := jsonx.Unmarshal(data, mj.DecodeJSON); err != nil {
		return nil, msg.Errorf("%w: %v", ErrFormat, err)
	}
	if mj.Format == "graph-model" {
		return nil, msg.Errorf("%w: this is a TF.js graph model; convert the Keras model with --output_format=tfjs_layers_model",
			ErrUnsupported)
	}
	if len(mj.ModelTopology) == 0 || string(mj.ModelTopology) == "null" {
		return nil, msg.Errorf("%w: no modelTopology", ErrFormat)
	}
	if mj.WeightsManifest == nil {
		return nil, msg.Errorf("%w: no weightsManifest", ErrFormat)
	}
	return &mj, nil
}

// IsLayersModel reports whether data looks like a TF.js model.json (a JSON object with a
// modelTopology), as opposed to an Unroll model file.
func IsLayersModel(data []byte) bool {
	var probe topologyProbe
	return jsonx.Unmarshal(data, probe.DecodeJSON) == nil && len(probe.ModelTopology) > 0
}

// topologyProbe is what IsLayersModel reads.
type topologyProbe struct {
	ModelTopology jsonx.Raw `json:"modelTopology"`
}

// ShardPaths lists the weight shard paths model.json refers to, in manifest order.
func ShardPaths(modelJSON []byte) ([]string, error) {
	mj, err := parseModelJSON(modelJSON)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, g := range mj.WeightsManifest {
		paths = append(paths, g.Paths...)
	}
	return paths, nil
}

// Load builds a model from model.json and its weight shards, keyed by the paths the manifest lists
// (or by their file names alone).
func Load(modelJSON []byte, shards map[string][]byte) (*nn.Model, *Info, error) {
	mj, err := parseModelJSON(modelJSON)
	if err != nil {
		return nil, nil, err
	}
	var top topology
	if err := jsonx.Unmarshal(mj.ModelTopology, top.DecodeJSON); err != nil {
		return nil, nil, msg.Errorf("%w: modelTopology: %v", ErrFormat, err)
	}
	name, layers, version, err := top.chain()
	if err != nil {
		return nil, nil, err
	}
	p, err := planLayers(layers, strings.HasPrefix(version, "3."))
	if err != nil {
		return nil, nil, err
	}
	order, err := decodeGroups(mj.WeightsManifest, shards)
	if err != nil {
		return nil, nil, err
	}
	m, err := p.build(order)
	if err != nil {
		return nil, nil, err
	}
	info := &Info{Format: mj.Format, GeneratedBy: mj.GeneratedBy, KerasVersion: version, Name: name,
		Steps: p.steps, Layers: p.layers, Softmax: p.dense.softmax}
	if info.Vocab, err = vocabOf(mj.UserMetadata, m.Inputs()); err != nil {
		return nil, nil, err
	}
	if mj.ConvertedBy != nil {
		info.ConvertedBy = *mj.ConvertedBy
	}
	for _, w := range order {
		if !w.used {
			info.Unused = append(info.Unused, w.name)
		}
	}
	return m, info, nil
}

// vocabOf reads the vocabulary in userDefinedMetadata (Info.Vocab) of a model of inputs values per
// step; nil when there is none.
func vocabOf(meta jsonx.Raw, inputs int) (*series.Vocab, error) {
	var md metadata
	if len(meta) == 0 || string(meta) == "null" {
		return nil, nil
	}
	if err := jsonx.Unmarshal(meta, md.DecodeJSON); err != nil {
		return nil, msg.Errorf("%w: userDefinedMetadata: %v", ErrFormat, err)
	}
	if md.Vocab == nil {
		return nil, nil
	}
	v, err := series.VocabOfChars(md.Vocab)
	if err != nil {
		return nil, msg.Errorf("%w: userDefinedMetadata.vocab: %v", ErrFormat, err)
	}
	if v.Size() != inputs {
		return nil, msg.Errorf("%w: userDefinedMetadata.vocab has %d characters for a model of %d inputs", ErrShape, v.Size(), inputs)
	}
	return v, nil
}

// metadata is the userDefinedMetadata the import reads.
type metadata struct {
	Vocab []string `json:"vocab"`
}

// LoadFiles loads path, a model.json or a directory holding one, with the shards beside it.
func LoadFiles(p string) (*nn.Model, *Info, error) {
	if st, err := os.Stat(p); err == nil && st.IsDir() {
		p = filepath.Join(p, "model.json")
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, nil, err
	}
	paths, err := ShardPaths(data)
	if err != nil {
		return nil, nil, err
	}
	dir := filepath.Dir(p)
	shards := map[string][]byte{}
	for _, sp := range paths {
		clean := path.Clean(sp)
		if path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") || strings.Contains(sp, "://") {
			return nil, nil, msg.Errorf("%w: shard path %q is not beside model.json", ErrFormat, sp)
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(clean)))
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil, msg.Errorf("%w: %q (expected beside %s)", ErrMissingShard, sp, p)
		} else if err != nil {
			return nil, nil, err
		}
		shards[sp] = b
	}
	return Load(data, shards)
}

// build makes the nn.Model and copies the weights into it.
func (p *plan) build(order []*weight) (*nn.Model, error) {
	slots := p.slots()
	if err := assign(slots, order); err != nil {
		return nil, err
	}
	// The first layer's input size: from the input shape, else from its kernel.
	first := &p.recs[0]
	if first.inputs == 0 {
		if k := slots[0].w; len(k.shape) == 2 {
			first.inputs = k.shape[0]
		}
	}
	cfgs := make([]nn.LayerConfig, len(p.recs))
	for l := range p.recs {
		cfgs[l] = p.recs[l].cfg
		if l == 0 {
			cfgs[l].Inputs = first.inputs
		} else {
			cfgs[l].Inputs = p.recs[l-1].cfg.Units
		}
	}
	dense := nn.DenseConfig{Outputs: p.dense.units, Activation: p.dense.act}
	// Every weight's shape is checked before the model is allocated (ParamShapes allocates
	// nothing): a model.json that declares a large model must come with its weights.
	shapes, err := nn.ParamShapes(cfgs, dense) // rnn<l>/kernel, recurrent_kernel, bias for each layer; dense/kernel, dense/bias
	if err != nil {
		return nil, msg.Errorf("%w: %v", ErrUnsupported, err)
	}
	if len(shapes) != len(slots) {
		return nil, msg.Errorf("tfjs: internal error: %d parameters for %d weight slots", len(shapes), len(slots))
	}
	for k, s := range slots {
		if s.w != nil && !sameInts(s.w.shape, shapes[k]) { // no weight: use_bias false, the bias stays zero
			return nil, msg.Errorf("%w: %s %q: weight %q has shape %v, the configuration needs %v",
				ErrShape, s.class, s.layer, s.w.name, s.w.shape, shapes[k])
		}
	}
	m, err := nn.NewModel(cfgs, dense)
	if err != nil {
		return nil, msg.Errorf("%w: %v", ErrUnsupported, err)
	}
	params := m.Params()
	for k, s := range slots {
		if s.w == nil {
			continue
		}
		for _, v := range s.w.value {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, msg.Errorf("%w: weight %q holds %v", ErrWeight, s.w.name, v)
			}
		}
		copy(params[k].Value, s.w.value)
	}
	return m, nil
}

func sameInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}
