package bridge

import (
	"unroll/core/jsonx"
	"unroll/core/lecture"
	"unroll/core/modelfile"
	"unroll/core/msg"
	"unroll/core/nn"
	"unroll/core/series"
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
		if err := decode(args, a.DecodeJSON); err != nil {
			return nil, true, err
		}
		res, err = e.prepare(a)
	case "train_text_prepare":
		var a lecture.TextSpec
		if err := decode(args, a.DecodeJSON); err != nil {
			return nil, true, err
		}
		res, err = e.prepareText(a)
	case "train_run":
		var a RunArgs
		if err := decode(args, a.DecodeJSON); err != nil {
			return nil, true, err
		}
		res, err = e.run(a)
	case "train_stop":
		if err := decode(args, (&jsonx.Empty{}).DecodeJSON); err != nil {
			return nil, true, err
		}
		res, err = e.stop()
	case "predict":
		if err := decode(args, (&jsonx.Empty{}).DecodeJSON); err != nil {
			return nil, true, err
		}
		res, err = e.predictOp()
	case "export_model":
		if err := decode(args, (&jsonx.Empty{}).DecodeJSON); err != nil {
			return nil, true, err
		}
		res, err = e.export()
	case "import_model":
		var a ImportArgs
		if err := decode(args, a.DecodeJSON); err != nil {
			return nil, true, err
		}
		res, err = e.importModel(a)
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
	name := msg.Sprintf("unroll-%s%d", e.info.Cell, e.info.Units)
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
		im  *lecture.Imported
		err error
	)
	if a.File != nil {
		im, err = lecture.ImportFile(a.File, a.Steps, lecture.Page)
	} else {
		im, err = lecture.ImportTFJS(a.TFJS.ModelJSON, a.TFJS.Shards, a.Steps, lecture.Page)
	}
	if err != nil {
		return nil, err
	}
	k, res := imported(im)
	res.Name = a.Name
	e.setCurrent(k)
	e.keep("imported")
	return &res, nil
}

// imported is the kept model of an imported file and its import_model answer.
func imported(im *lecture.Imported) (*keptModel, ImportResult) {
	meta := im.Meta
	k := &keptModel{model: im.Model, info: Info(im.Model, im.Steps, "imported"), scaler: im.Scaler, meta: &meta, vocab: im.Vocab}
	res := ImportResult{Model: k.info, Format: im.Format, Stock: meta.Stock}
	if im.Scaler != nil {
		sc := lecture.ViewOf(im.Scaler)
		res.Scaler = &sc
	}
	if im.TFJS != nil {
		res.GeneratedBy = im.TFJS.GeneratedBy
		for _, l := range im.TFJS.Layers {
			res.Layers = append(res.Layers, LayerOut{Name: l.Name, Class: l.Class, Role: l.Role})
		}
	}
	return k, res
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

// Error codes of the training and model-file operations.
const (
	CodeNoTraining       = "no_training"                // train_run, train_stop or predict before train_prepare
	CodeTrainData        = lecture.CodeTrainData        // too few days for the windows and the split
	CodeDiverged         = lecture.CodeDiverged         // the loss became NaN or infinite
	CodeTruncatedJSON    = lecture.CodeTruncatedJSON    // a model file that ends too early
	CodeUnsupportedLayer = lecture.CodeUnsupportedLayer // a layer or option Unroll does not have
	CodeShapeMismatch    = lecture.CodeShapeMismatch    // weights whose shapes disagree with the layers
	CodeMissingShard     = lecture.CodeMissingShard     // a TF.js weight shard not given
)
