package bridge

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"unroll/core/lecture"
	"unroll/core/modelfile"
	"unroll/core/nn"
	"unroll/core/series"
	"unroll/core/tfjs"
)

// keptModel is a model with what belongs to it: its description, its scaler
// (nil when it has none) and its training metadata (nil for a seeded model).
type keptModel struct {
	model  *nn.Model
	info   ModelInfo
	scaler *series.MinMaxScaler
	meta   *modelfile.Meta
	vocab  *lecture.CharSet
}

// setCurrent makes k the engine's current model.
func (e *Engine) setCurrent(k *keptModel) {
	e.model, e.info, e.scaler, e.meta, e.vocab = k.model, k.info, k.scaler, k.meta, k.vocab
}

// keep remembers the current model as the last one of its source, for
// use_model.
func (e *Engine) keep(source string) {
	if e.kept == nil {
		e.kept = map[string]*keptModel{}
	}
	e.kept[source] = &keptModel{model: e.model, info: e.info, scaler: e.scaler, meta: e.meta, vocab: e.vocab}
}

// doModelOp runs the training and model-file operations; ok is false for an
// operation it does not know.
func (e *Engine) doModelOp(op string, args []byte) (res any, ok bool, err error) {
	switch op {
	case "train_prepare":
		var a PrepareArgs
		if err := decode(args, &a); err != nil {
			return nil, true, err
		}
		res, err = e.prepare(a)
	case "train_text_prepare":
		var a lecture.TextSpec
		if err := decode(args, &a); err != nil {
			return nil, true, err
		}
		res, err = e.prepareText(a)
	case "train_run":
		var a RunArgs
		if err := decode(args, &a); err != nil {
			return nil, true, err
		}
		res, err = e.run(a)
	case "train_stop":
		if err := decode(args, &struct{}{}); err != nil {
			return nil, true, err
		}
		res, err = e.stop()
	case "predict":
		if err := decode(args, &struct{}{}); err != nil {
			return nil, true, err
		}
		res, err = e.predictOp()
	case "export_model":
		if err := decode(args, &struct{}{}); err != nil {
			return nil, true, err
		}
		res, err = e.export()
	case "import_model":
		var a ImportArgs
		if err := decode(args, &a); err != nil {
			return nil, true, err
		}
		res, err = e.importModel(a)
	case "use_model":
		var a UseArgs
		if err := decode(args, &a); err != nil {
			return nil, true, err
		}
		res, err = e.useModel(a)
	default:
		return nil, false, nil
	}
	return res, true, err
}

// export runs export_model: the current model as an Unroll model file, with
// its scaler and metadata.
func (e *Engine) export() (any, error) {
	if e.model == nil {
		return nil, newError(CodeNoModel, "No model yet: call set_model first.", "尚未建立模型：請先呼叫 set_model。", nil)
	}
	var meta modelfile.Meta
	if e.meta != nil {
		meta = *e.meta
	} else {
		meta.Seed = e.info.Seed
	}
	if meta.TimeSteps == 0 {
		meta.TimeSteps = e.info.Steps
	}
	b, err := modelfile.EncodeFile(&modelfile.File{Model: e.model, Scaler: e.scaler, Vocab: e.vocab.Vocabulary(), Softmax: e.vocab != nil, Meta: meta})
	if err != nil {
		return nil, newError(CodeInternal, "The model cannot be written: "+err.Error(), "無法寫出模型："+err.Error(), nil)
	}
	name := fmt.Sprintf("unroll-%s%d", e.info.Cell, e.info.Units)
	if meta.Stock != "" {
		name += "-" + meta.Stock
	}
	return &ExportResult{File: string(b), Name: name + ".json", Model: e.info}, nil
}

// importModel runs import_model. The current model is replaced only when the
// file is read, checked and built without error.
func (e *Engine) importModel(a ImportArgs) (any, error) {
	switch {
	case a.File != nil && a.TFJS != nil:
		return nil, badRequest("give either a file or a tfjs model, not both")
	case a.File == nil && a.TFJS == nil:
		return nil, badRequest("import_model needs a file or a tfjs model")
	case a.Steps < 0 || a.Steps > lecture.Page.SeqSteps:
		return nil, invalidModel("steps %d is not in 1..%d", a.Steps, lecture.Page.SeqSteps)
	}
	var (
		k   *keptModel
		res ImportResult
		err error
	)
	if a.File != nil {
		data := []byte(a.File)
		if len(data) > 0 && data[0] == '"' {
			var s string
			if err := json.Unmarshal(data, &s); err != nil {
				return nil, badRequest("file: %v", err)
			}
			data = []byte(s)
		}
		if tfjs.IsLayersModel(data) { // a model.json on its own, without shards
			k, res, err = importTFJS(data, nil, a.Steps)
		} else {
			k, res, err = importUnroll(data, a.Steps)
		}
	} else {
		k, res, err = importTFJSArgs(a.TFJS, a.Steps)
	}
	if err != nil {
		return nil, err
	}
	res.Name = a.Name
	e.setCurrent(k)
	e.keep("imported")
	return &res, nil
}

func importUnroll(data []byte, steps int) (*keptModel, ImportResult, error) {
	f, err := modelfile.Decode(bytes.TrimSpace(data))
	if err != nil {
		return nil, ImportResult{}, fileError(err)
	}
	if steps == 0 {
		steps = f.Meta.TimeSteps
	}
	if steps < 1 || steps > lecture.Page.SeqSteps {
		steps = 10
	}
	k := &keptModel{model: f.Model, info: Info(f.Model, steps, "imported"), scaler: f.Scaler, vocab: lecture.CharSetOf(f.Vocab)}
	if k.scaler != nil && k.scaler.NumFeatures() != f.Model.Inputs() {
		k.scaler = nil
	}
	meta := f.Meta
	k.meta = &meta
	res := ImportResult{Model: k.info, Format: modelfile.Format, Stock: meta.Stock}
	if k.scaler != nil {
		sc := lecture.ViewOf(k.scaler)
		res.Scaler = &sc
	}
	return k, res, nil
}

func importTFJSArgs(a *TFJSArgs, steps int) (*keptModel, ImportResult, error) {
	shards := make(map[string][]byte, len(a.Shards))
	total := 0
	for name, b64 := range a.Shards {
		b, err := base64.StdEncoding.DecodeString(b64)
		if err != nil {
			return nil, ImportResult{}, badRequest("shard %q is not base64: %v", clip(name, 80), err)
		}
		if total += len(b); total > lecture.Page.ShardBytes {
			return nil, ImportResult{}, badRequest("the weight shards are larger than %d MB", lecture.Page.ShardBytes>>20)
		}
		shards[name] = b
	}
	return importTFJS([]byte(a.ModelJSON), shards, steps)
}

func importTFJS(modelJSON []byte, shards map[string][]byte, steps int) (*keptModel, ImportResult, error) {
	m, info, err := tfjs.Load(modelJSON, shards)
	if err != nil {
		return nil, ImportResult{}, fileError(err)
	}
	if steps == 0 {
		steps = info.Steps
	}
	if steps < 1 || steps > lecture.Page.SeqSteps {
		steps = 10
	}
	k := &keptModel{model: m, info: Info(m, steps, "imported"), meta: &modelfile.Meta{Name: info.Name, TimeSteps: steps}}
	res := ImportResult{Model: k.info, Format: "tfjs-layers", GeneratedBy: info.GeneratedBy}
	for _, l := range info.Layers {
		res.Layers = append(res.Layers, LayerOut{Name: l.Name, Class: l.Class, Role: l.Role})
	}
	return k, res, nil
}

// useModel runs use_model: the last trained or imported model becomes current
// again.
func (e *Engine) useModel(a UseArgs) (any, error) {
	k := e.kept[a.Source]
	if a.Source != "trained" && a.Source != "imported" {
		return nil, badRequest("source %q is not trained or imported", a.Source)
	}
	if k == nil {
		return nil, newError(CodeNoModel, "There is no "+a.Source+" model in this page yet.",
			map[string]string{"trained": "這個頁面還沒有訓練好的模型。", "imported": "這個頁面還沒有匯入的模型。"}[a.Source],
			map[string]any{"source": a.Source})
	}
	e.setCurrent(k)
	return &ImportResult{Model: k.info}, nil
}

// fileError turns an error of core/modelfile or core/tfjs into an *Error
// whose code says what kind of problem the file has.
func fileError(err error) *Error {
	msg := err.Error()
	var syn *json.SyntaxError
	switch {
	case strings.Contains(msg, "unexpected end of JSON input"):
		return newError(CodeTruncatedJSON, "The file ends too early (truncated JSON): "+msg,
			"檔案不完整（JSON 被截斷）："+msg, nil)
	case errors.As(err, &syn) || errors.Is(err, tfjs.ErrFormat) || strings.Contains(msg, "not a model file") ||
		strings.HasPrefix(msg, "modelfile: format") || strings.HasPrefix(msg, "modelfile: version"):
		return newError(CodeBadModelFile, "This is not a model file Unroll can read: "+msg,
			"這不是 Unroll 能讀取的模型檔："+msg, nil)
	case errors.Is(err, tfjs.ErrUnsupported) || strings.Contains(msg, "unsupported layer type") || strings.Contains(msg, "last layer is"):
		return newError(CodeUnsupportedLayer, "The model has a layer Unroll does not support: "+msg,
			"模型含有 Unroll 不支援的層："+msg, nil)
	case errors.Is(err, tfjs.ErrShape) || errors.Is(err, tfjs.ErrShardSize) || strings.Contains(msg, ", want ") || strings.Contains(msg, "must be ["):
		return newError(CodeShapeMismatch, "The weights do not match the layers' shapes: "+msg,
			"權重的形狀與模型層不符："+msg, nil)
	case errors.Is(err, tfjs.ErrMissingShard):
		return newError(CodeMissingShard, "A weight file (.bin) is missing: select model.json together with its .bin files. "+msg,
			"缺少權重檔（.bin）：請同時選取 model.json 與它的 .bin 檔。"+msg, nil)
	}
	return newError(CodeBadModelFile, "The model file cannot be used: "+msg, "無法使用這個模型檔："+msg, nil)
}

// Error codes of the training and model-file operations.
const (
	CodeNoTraining       = "no_training"         // train_run, train_stop or predict before train_prepare
	CodeTrainData        = lecture.CodeTrainData // too few days for the windows and the split
	CodeDiverged         = lecture.CodeDiverged  // the loss became NaN or infinite
	CodeTruncatedJSON    = "truncated_json"      // a model file that ends too early
	CodeUnsupportedLayer = "unsupported_layer"   // a layer or option Unroll does not have
	CodeShapeMismatch    = "shape_mismatch"      // weights whose shapes disagree with the layers
	CodeMissingShard     = "missing_shard"       // a TF.js weight shard not given
)
