package lecture

import (
	"bytes"
	"encoding/base64"
	"errors"
	"strings"

	"unroll/core/jsonx"
	"unroll/core/modelfile"
	"unroll/core/msg"
	"unroll/core/nn"
	"unroll/core/series"
	"unroll/core/tfjs"
)

// Error codes of an imported model file.
const (
	CodeBadModelFile     = "bad_model_file"    // a model file that does not decode or fit
	CodeTruncatedJSON    = "truncated_json"    // a model file that ends too early
	CodeUnsupportedLayer = "unsupported_layer" // a layer or option Unroll does not have
	CodeShapeMismatch    = "shape_mismatch"    // weights whose shapes disagree with the layers
	CodeMissingShard     = "missing_shard"     // a TF.js weight shard not given
	CodeFileTooLarge     = "file_too_large"    // a file above Limits.ModelBytes, or shards above Limits.ShardBytes
	CodeModelLimit       = "model_limit"       // units, inputs, outputs, layers or a weight's dimension outside nn's limits
)

// tooLarge is the error of a file (or the shards together) of size bytes,
// above limit; what ends in its verb ("The model file is").
func tooLarge(what, whatZh string, size, limit int) *Error {
	mb := func(n int) string { return msg.Sprintf("%.1f MB", float64(n)/(1<<20)) }
	return NewError(CodeFileTooLarge, msg.Sprintf("%s %s, more than the limit of %d MB", what, mb(size), limit>>20),
		msg.Sprintf("%s有 %s，超過上限 %d MB", whatZh, mb(size), limit>>20),
		map[string]any{"size": size, "limit": limit})
}

// Imported is a model read from a file a person gave: an Unroll model file
// (core/modelfile) or a TF.js Layers model (core/tfjs).
type Imported struct {
	Model  *nn.Model
	Steps  int                  // the time steps a trace of it reads
	Scaler *series.MinMaxScaler // the file's scaler; nil when it has none or it does not fit the model
	Vocab  *CharSet             // a next-character model's characters; nil for other models
	Meta   modelfile.Meta       // what the file says of its training
	Format string               // modelfile.Format or "tfjs-layers"
	TFJS   *tfjs.Info           // what a TF.js model.json says of itself; nil for an Unroll model file
}

// ImportFile reads a model file given as JSON text or as a JSON string holding
// it: an Unroll model file, or a TF.js model.json on its own (no weight
// shards). steps, when not 0, is the time steps a trace reads; otherwise the
// file's own, or 10 when it names none within lim.SeqSteps.
func ImportFile(data []byte, steps int, lim Limits) (*Imported, error) {
	if len(data) > lim.ModelBytes {
		return nil, tooLarge("The model file is", "模型檔", len(data), lim.ModelBytes)
	}
	if len(data) > 0 && data[0] == '"' {
		s, err := jsonx.UnmarshalString(data)
		if err != nil {
			return nil, BadRequest("file: %v", err)
		}
		data = []byte(s)
	}
	if tfjs.IsLayersModel(data) {
		return importTFJS(data, nil, steps, lim)
	}
	f, err := modelfile.Decode(bytes.TrimSpace(data))
	if err != nil {
		return nil, FileError(err)
	}
	im := &Imported{Model: f.Model, Steps: importSteps(steps, f.Meta.TimeSteps, lim), Scaler: f.Scaler,
		Vocab: CharSetOf(f.Vocab), Meta: f.Meta, Format: modelfile.Format}
	if im.Scaler != nil && im.Scaler.NumFeatures() != f.Model.Inputs() {
		im.Scaler = nil
	}
	return im, nil
}

// ImportTFJS reads a TF.js Layers model: its model.json and its weight shards
// in base64 by file name, together at most lim.ShardBytes. steps is as for
// ImportFile.
func ImportTFJS(modelJSON string, shards map[string]string, steps int, lim Limits) (*Imported, error) {
	if len(modelJSON) > lim.ModelBytes {
		return nil, tooLarge("model.json is", "model.json ", len(modelJSON), lim.ModelBytes)
	}
	total := 0
	for _, b64 := range shards {
		total += base64.StdEncoding.DecodedLen(len(b64))
	}
	if total > lim.ShardBytes+2*len(shards) { // DecodedLen counts up to 2 bytes of padding per shard
		return nil, tooLarge("The weight shards (.bin) together are", "權重檔（.bin）合計", total, lim.ShardBytes)
	}
	bins := make(map[string][]byte, len(shards))
	total = 0
	for name, b64 := range shards {
		b, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			return nil, BadRequest("shard %q is not base64: %v", Clip(name, 80), err)
		}
		if total += len(b); total > lim.ShardBytes {
			return nil, tooLarge("The weight shards (.bin) together are", "權重檔（.bin）合計", total, lim.ShardBytes)
		}
		bins[name] = b
	}
	return importTFJS([]byte(modelJSON), bins, steps, lim)
}

func importTFJS(modelJSON []byte, shards map[string][]byte, steps int, lim Limits) (*Imported, error) {
	m, info, err := tfjs.Load(modelJSON, shards)
	if err != nil {
		return nil, FileError(err)
	}
	steps = importSteps(steps, info.Steps, lim)
	im := &Imported{Model: m, Steps: steps, Meta: modelfile.Meta{Name: info.Name, TimeSteps: steps},
		Format: "tfjs-layers", TFJS: info}
	if info.Softmax && info.Vocab != nil && checkTextModel(m, info.Vocab) == nil {
		im.Vocab = CharSetOf(info.Vocab) // a next-character model whose file names its characters
	}
	return im, nil
}

// importSteps is steps, or the file's own when steps is 0, or 10 when that is
// not in 1..lim.SeqSteps.
func importSteps(steps, file int, lim Limits) int {
	if steps == 0 {
		steps = file
	}
	if steps < 1 || steps > lim.SeqSteps {
		steps = 10
	}
	return steps
}

// FileError turns an error of core/modelfile or core/tfjs into an *Error
// whose code says what kind of problem the file has.
func FileError(err error) *Error {
	msg := err.Error()
	var syn *jsonx.SyntaxError
	switch {
	case strings.Contains(msg, "unexpected end of JSON input"):
		return NewError(CodeTruncatedJSON, "The file ends too early (truncated JSON): "+msg,
			"檔案不完整（JSON 被截斷）："+msg, nil)
	case strings.Contains(msg, "above the limit") || strings.Contains(msg, "out of range 1..") || strings.Contains(msg, "want 1..") ||
		strings.Contains(msg, "gates × at most") || strings.Contains(msg, "the limit of one weight"):
		return NewError(CodeModelLimit, "The model is outside what Unroll accepts: "+msg,
			"模型超出 Unroll 接受的範圍："+msg, nil)
	case errors.As(err, &syn) || errors.Is(err, tfjs.ErrFormat) || strings.Contains(msg, "not a model file") ||
		strings.HasPrefix(msg, "modelfile: format") || strings.HasPrefix(msg, "modelfile: version"):
		return NewError(CodeBadModelFile, "This is not a model file Unroll can read: "+msg,
			"這不是 Unroll 能讀取的模型檔："+msg, nil)
	case errors.Is(err, tfjs.ErrUnsupported) || strings.Contains(msg, "unsupported layer type") || strings.Contains(msg, "last layer is"):
		return NewError(CodeUnsupportedLayer, "The model has a layer Unroll does not support: "+msg,
			"模型含有 Unroll 不支援的層："+msg, nil)
	case errors.Is(err, tfjs.ErrShape) || errors.Is(err, tfjs.ErrShardSize) || strings.Contains(msg, ", want ") || strings.Contains(msg, "must be ["):
		return NewError(CodeShapeMismatch, "The weights do not match the layers' shapes: "+msg,
			"權重的形狀與模型層不符："+msg, nil)
	case errors.Is(err, tfjs.ErrMissingShard):
		return NewError(CodeMissingShard, "A weight file (.bin) is missing: select model.json together with its .bin files. "+msg,
			"缺少權重檔（.bin）：請同時選取 model.json 與它的 .bin 檔。"+msg, nil)
	}
	return NewError(CodeBadModelFile, "The model file cannot be used: "+msg, "無法使用這個模型檔："+msg, nil)
}
