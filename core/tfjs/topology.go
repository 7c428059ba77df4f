package tfjs

import (
	"bytes"

	"unroll/core/jsonx"
	"unroll/core/msg"
)

// topology is "modelTopology": the Keras model configuration. tensorflowjs_converter wraps it as
// {"keras_version", "backend", "model_config": {...}, "training_config"}; TF.js's model.save writes
// {"class_name", "config", "keras_version", "backend"}.
type topology struct {
	ClassName    string    `json:"class_name"`
	Config       jsonx.Raw `json:"config"`
	KerasVersion string    `json:"keras_version"`
	Backend      string    `json:"backend"`
	ModelConfig  *topology `json:"model_config"`
}

// layerJSON is one entry of a model configuration's "layers".
type layerJSON struct {
	ClassName    string      `json:"class_name"`
	Name         string      `json:"name"`
	Config       jsonx.Raw   `json:"config"`
	InboundNodes []jsonx.Raw `json:"inbound_nodes"`
}

// modelConfig is the "config" of a Sequential or functional model.
type modelConfig struct {
	Name         string      `json:"name"`
	Layers       []layerJSON `json:"layers"`
	InputLayers  []jsonx.Raw `json:"input_layers"`
	OutputLayers []jsonx.Raw `json:"output_layers"`
}

// nameOnly is the name in a layer's config.
type nameOnly struct {
	Name string `json:"name"`
}

// name is the layer's name from the entry (what inbound nodes refer to) or, failing that, from its
// config.
func (l *layerJSON) name() string {
	if l.Name != "" {
		return l.Name
	}
	var c nameOnly
	_ = jsonx.Unmarshal(l.Config, c.DecodeJSON)
	return c.Name
}

// chain returns the model's layers in the order data flows through them, with the model's name and
// the Keras version that wrote it.
func (t *topology) chain() (name string, layers []layerJSON, version string, err error) {
	version = t.KerasVersion
	if t.ModelConfig != nil {
		inner := *t.ModelConfig
		if inner.KerasVersion == "" {
			inner.KerasVersion = version
		}
		t = &inner
		version = inner.KerasVersion
	}
	cfg := bytes.TrimSpace(t.Config)
	switch t.ClassName {
	case "Sequential":
		if len(cfg) > 0 && cfg[0] == '[' { // Keras 2.0-2.2: the config is the list of layers
			if err := unmarshalLayers(cfg, &layers); err != nil {
				return "", nil, "", msg.Errorf("%w: Sequential layers: %v", ErrFormat, err)
			}
			return "sequential", layers, version, nil
		}
		var mc modelConfig
		if err := jsonx.Unmarshal(cfg, mc.DecodeJSON); err != nil {
			return "", nil, "", msg.Errorf("%w: Sequential config: %v", ErrFormat, err)
		}
		return mc.Name, mc.Layers, version, nil
	case "Model", "Functional":
		var mc modelConfig
		if err := jsonx.Unmarshal(cfg, mc.DecodeJSON); err != nil {
			return "", nil, "", msg.Errorf("%w: %s config: %v", ErrFormat, t.ClassName, err)
		}
		layers, err := functionalChain(mc)
		return mc.Name, layers, version, err
	case "":
		return "", nil, "", msg.Errorf("%w: modelTopology has no class_name", ErrFormat)
	}
	return "", nil, "", msg.Errorf("%w: model class %q (want Sequential or a functional Model)", ErrUnsupported, t.ClassName)
}

// functionalChain orders a functional model's layers from its one input to its one output and
// checks that they form a single chain: every layer but the input called once, on the previous one.
func functionalChain(mc modelConfig) ([]layerJSON, error) {
	if len(mc.InputLayers) != 1 || len(mc.OutputLayers) != 1 {
		return nil, msg.Errorf("%w: a functional model with %d inputs and %d outputs (want one of each)",
			ErrUnsupported, len(mc.InputLayers), len(mc.OutputLayers))
	}
	byName := map[string]int{}
	for k := range mc.Layers {
		n := mc.Layers[k].name()
		if _, dup := byName[n]; dup {
			return nil, msg.Errorf("%w: two layers are named %q", ErrFormat, n)
		}
		byName[n] = k
	}
	in, err := tensorLayer(mc.InputLayers[0])
	if err != nil {
		return nil, err
	}
	out, err := tensorLayer(mc.OutputLayers[0])
	if err != nil {
		return nil, err
	}
	var rev []layerJSON
	for cur := out; ; {
		k, ok := byName[cur]
		if !ok {
			return nil, msg.Errorf("%w: layer %q is referenced but not defined", ErrFormat, cur)
		}
		if len(rev) > len(mc.Layers) {
			return nil, msg.Errorf("%w: the layers form a cycle", ErrFormat)
		}
		l := mc.Layers[k]
		rev = append(rev, l)
		if cur == in {
			break
		}
		if len(l.InboundNodes) != 1 {
			return nil, msg.Errorf("%w: layer %q is called %d times (Unroll reads a single chain of layers)",
				ErrUnsupported, cur, len(l.InboundNodes))
		}
		prev, err := inboundLayers(l.InboundNodes[0])
		if err != nil {
			return nil, msg.Errorf("layer %q: %w", cur, err)
		}
		if len(prev) != 1 {
			return nil, msg.Errorf("%w: layer %q takes %d inputs (Unroll reads a single chain of layers)",
				ErrUnsupported, cur, len(prev))
		}
		cur = prev[0]
	}
	if len(rev) != len(mc.Layers) {
		return nil, msg.Errorf("%w: %d of the model's %d layers are not on the path from input to output",
			ErrUnsupported, len(mc.Layers)-len(rev), len(mc.Layers))
	}
	layers := make([]layerJSON, len(rev))
	for k := range rev {
		layers[k] = rev[len(rev)-1-k]
	}
	return layers, nil
}

// tensorLayer reads the layer name of a tensor reference ["name", node_index, tensor_index].
func tensorLayer(raw jsonx.Raw) (string, error) {
	if ref, err := jsonx.UnmarshalList(raw); err == nil && len(ref) > 0 {
		if s, ok := ref[0].(string); ok {
			return s, nil
		}
	}
	return "", msg.Errorf("%w: bad tensor reference %s", ErrFormat, truncate(raw))
}

// inboundLayers lists the layers one call (node) of a layer takes its inputs from. Keras 2 and
// TF.js write a node as [["name", node_index, tensor_index, kwargs], ...]; Keras 3 as
// {"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["name", 0, 0]}}], ...}.
func inboundLayers(node jsonx.Raw) ([]string, error) {
	if refs, err := jsonx.UnmarshalLists(node); err == nil {
		var names []string
		for _, r := range refs {
			if len(r) == 0 {
				return nil, msg.Errorf("%w: empty inbound reference", ErrFormat)
			}
			s, ok := r[0].(string)
			if !ok {
				return nil, msg.Errorf("%w: bad inbound reference %v", ErrFormat, r)
			}
			names = append(names, s)
		}
		return names, nil
	}
	var k3 keras3Node
	if err := jsonx.Unmarshal(node, k3.DecodeJSON); err != nil {
		return nil, msg.Errorf("%w: bad inbound node %s", ErrFormat, truncate(node))
	}
	var names []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if h, ok := v["keras_history"].([]any); ok && len(h) > 0 {
				if s, ok := h[0].(string); ok {
					names = append(names, s)
					return
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	for _, a := range k3.Args {
		v, err := jsonx.UnmarshalAny(a)
		if err != nil {
			return nil, msg.Errorf("%w: bad inbound node %s", ErrFormat, truncate(node))
		}
		walk(v)
	}
	return names, nil
}

// keras3Node is a Keras 3 inbound node: the call's arguments.
type keras3Node struct {
	Args []jsonx.Raw `json:"args"`
}

// unmarshalLayers reads a list of layers (Keras 2.0-2.2's Sequential config).
func unmarshalLayers(data []byte, layers *[]layerJSON) error {
	v, err := jsonx.Parse(data)
	if err != nil {
		return err
	}
	if v.Kind == jsonx.Null {
		return nil
	}
	if v.Kind != jsonx.Array {
		return jsonx.TypeError(v, "[]tfjs.layerJSON")
	}
	*layers = make([]layerJSON, len(v.Items))
	for i := range v.Items {
		if err := (*layers)[i].DecodeJSON(&jsonx.Decoder{}, &v.Items[i]); err != nil {
			return err
		}
	}
	return nil
}

func truncate(b []byte) string {
	if len(b) > 60 {
		return string(b[:60]) + "…"
	}
	return string(b)
}
