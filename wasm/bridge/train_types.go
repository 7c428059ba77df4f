package bridge

import (
	"unroll/core/jsonx"

	"unroll/core/lecture"
)

// The training's wire is the workflow's own types (core/lecture): the
// arguments of train_prepare are a lecture.Spec, and its answers carry the
// workflow's results with the engine's description of the model.
type (
	PrepareArgs = lecture.Spec
	ScalerOut   = lecture.ScalerView
	EpochRecord = lecture.EpochRecord
)

// PrepareResult is the answer to train_prepare: every stage of the lecture's
// workflow as data for the page to draw, and the model built.
type PrepareResult struct {
	lecture.Stages
	Model ModelInfo `json:"model"`
}

// RunArgs are the arguments of train_run.
type RunArgs struct {
	Batches int `json:"batches"` // mini-batches to run at most; 0 means 1
}

// RunResult is the answer to train_run and train_stop; model is the trained
// model once it became the current one.
type RunResult struct {
	lecture.RunState
	Model *ModelInfo `json:"model,omitempty"`
}

// PredictResult is the answer to predict.
type PredictResult struct {
	lecture.Predictions
	Model ModelInfo `json:"model"`
}

// ExportResult is the answer to export_model: the Unroll model file's text.
type ExportResult struct {
	File  string    `json:"file"`
	Name  string    `json:"name"` // a file name to suggest
	Model ModelInfo `json:"model"`
}

// TFJSArgs are a TensorFlow.js Layers model: model.json's text and its
// weight shards, base64, by file name (or manifest path).
type TFJSArgs struct {
	ModelJSON string            `json:"model_json"`
	Shards    map[string]string `json:"shards"`
}

// ImportArgs are the arguments of import_model: an Unroll model file (as a
// string or a JSON object) or a TF.js model; name is the file's name, for
// messages; steps overrides the window length (0: the file's, else 10).
type ImportArgs struct {
	File  jsonx.Raw `json:"file,omitempty"`
	TFJS  *TFJSArgs `json:"tfjs,omitempty"`
	Name  string    `json:"name,omitempty"`
	Steps int       `json:"steps,omitempty"`
}

// LayerOut is one layer of an imported TF.js model and its role.
type LayerOut struct {
	Name  string `json:"name"`
	Class string `json:"class"`
	Role  string `json:"role"`
}

// ImportResult is the answer to import_model and use_model.
type ImportResult struct {
	Model       ModelInfo  `json:"model"`
	Format      string     `json:"format"` // unroll-model | tfjs-layers
	Name        string     `json:"name,omitempty"`
	GeneratedBy string     `json:"generated_by,omitempty"`
	Layers      []LayerOut `json:"layers,omitempty"`
	Scaler      *ScalerOut `json:"scaler,omitempty"`
	Stock       string     `json:"stock,omitempty"`
}

// UseArgs are the arguments of use_model: which kept model becomes current.
type UseArgs struct {
	Source string `json:"source"` // trained | imported
}
