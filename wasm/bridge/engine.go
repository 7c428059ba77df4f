package bridge

import (
	"bytes"
	"runtime"
	"runtime/debug"

	"unroll/core/jsonx"
	"unroll/core/lecture"
	"unroll/core/memory"
	"unroll/core/modelfile"
	"unroll/core/msg"
	"unroll/core/nn"
	"unroll/core/series"
)

// Engine holds the current model between calls. It is not safe for
// concurrent use; the js/wasm program calls it from the one JavaScript thread
// of its Web Worker.
type Engine struct {
	model  *nn.Model
	info   ModelInfo
	scaler *series.MinMaxScaler // the model file's scaler; nil for a seeded model
	meta   *modelfile.Meta      // what the current model's file says of its training; nil for a seeded model
	vocab  *lecture.CharSet     // a next-character model's characters; nil for other models

	job  *trainJob             // the training prepared by train_prepare (see train.go)
	kept map[string]*keptModel // the last "trained" and "imported" models, for use_model
	mem  *memory.Session       // the experiment memory_start set up (memory.go)

	more func(e *Engine, op string, args []byte) (any, error) // the operations beyond FirstOps; nil in the first view's engine
}

// New returns an engine with no model that answers every operation; the
// page's first call is set_model.
func New() *Engine { return &Engine{more: (*Engine).doMore} }

// FirstOps are the operations of NewFirst's engine: those of a page that
// steps through a seeded model (use_model answers no_model there, since that
// engine never trains or imports).
var FirstOps = []string{"set_model", "trace", "info", "use_model"}

// NewFirst returns an engine that answers only FirstOps, and an unknown_op
// error to the rest. Built alone (unroll/wasm/first), it links no training,
// demo or model-file code, so that the page's first view loads a smaller
// engine; its answers are those of New's engine, byte for byte.
func NewFirst() *Engine { return &Engine{} }

// envelope is what Call returns, as JSON.
type envelope struct {
	OK     bool   `json:"ok"`
	Result any    `json:"result,omitempty"`
	Error  *Error `json:"error,omitempty"`
}

// Call runs one operation on its JSON arguments and returns the JSON envelope
// {"ok": true, "result": ...} or {"ok": false, "error": ...}. It never
// panics: a panic inside an operation becomes the error code "internal", and
// the engine keeps its previous model.
func (e *Engine) Call(op string, args []byte) (out []byte) {
	defer func() {
		if p := recover(); p != nil {
			stack := string(debug.Stack())
			msg := msg.Sprint(p)
			out = mustMarshal(&envelope{Error: newError(CodeInternal,
				"Internal error in the engine: "+msg, "引擎內部錯誤："+msg,
				map[string]any{"stack": clip(stack, 2000)})})
		}
	}()
	result, err := e.Do(op, args)
	if err != nil {
		return mustMarshal(&envelope{Error: asError(err)})
	}
	b, merr := jsonx.Marshal(&envelope{OK: true, Result: result})
	if merr != nil { // a NaN slipped through: report it rather than send broken JSON
		return mustMarshal(&envelope{Error: newError(CodeInternal,
			"The result cannot be encoded: "+merr.Error(), "結果無法編碼："+merr.Error(), nil)})
	}
	return b
}

// Do runs one operation and returns its result value (for Call and tests).
// Errors are *Error values.
func (e *Engine) Do(op string, args []byte) (any, error) {
	switch op {
	case "set_model":
		var a SetModelArgs
		if err := decode(args, a.DecodeJSON); err != nil {
			return nil, err
		}
		return e.setModel(a)
	case "trace":
		var a TraceArgs
		if err := decode(args, a.DecodeJSON); err != nil {
			return nil, err
		}
		return e.trace(a)
	case "info":
		var m *ModelInfo
		if e.model != nil {
			info := e.info
			m = &info
		}
		return map[string]any{"go": runtime.Version(), "protocol": ProtocolVersion, "model": m}, nil
	case "use_model":
		var a UseArgs
		if err := decode(args, a.DecodeJSON); err != nil {
			return nil, err
		}
		return e.useModel(a)
	}
	if e.more != nil {
		return e.more(e, op, args)
	}
	return nil, unknownOp(op)
}

// doMore runs the operations New's engine has beyond FirstOps.
func (e *Engine) doMore(op string, args []byte) (any, error) {
	switch op {
	case "order_demo":
		var a OrderArgs
		if err := decode(args, a.DecodeJSON); err != nil {
			return nil, err
		}
		return lecture.OrderDemo(lecture.OrderTaskSpec(a.Cell, a.Units, a.Seed), lecture.Page)
	case "generate":
		var a lecture.GenSpec
		if err := decode(args, a.DecodeJSON); err != nil {
			return nil, err
		}
		return e.generate(a)
	}
	if op == "memory_start" || op == "memory_run" || op == "memory_stop" || op == "memory_model" {
		return e.memoryOp(op, args)
	}
	if res, ok, err := e.doModelOp(op, args); ok {
		return res, err
	}
	return nil, unknownOp(op)
}

func unknownOp(op string) error {
	return newError(CodeUnknownOp, "Unknown operation “"+clip(op, 40)+"”.", "未知的操作「"+clip(op, 40)+"」。", nil)
}

// decode reads JSON arguments strictly: one object, no unknown fields.
func decode(args []byte, v jsonx.DecodeFunc) error {
	if len(bytes.TrimSpace(args)) == 0 {
		args = []byte("{}")
	}
	if err := (&jsonx.Decoder{DisallowUnknownFields: true}).Unmarshal(args, v); err != nil {
		return badRequest("%v", err)
	}
	return nil
}

func (e *Engine) trace(a TraceArgs) (any, error) {
	if e.model == nil {
		return nil, newError(CodeNoModel, "No model yet: call set_model first.", "尚未建立模型：請先呼叫 set_model。", nil)
	}
	if a.Input == nil {
		return nil, badRequest("trace needs an input")
	}
	var res *TraceResult
	var err error
	if a.Input.Kind == "text" {
		res, err = e.traceText(a.Input)
	} else {
		res, err = TraceInput(e.model, e.info, e.scaler, a.Input)
	}
	if err == nil && a.Contrib != nil {
		err = res.AddContrib(a.Contrib.From, a.Contrib.To, a.Contrib.Units)
	}
	return res, err
}

// traceText traces a text (kind "text") with lecture.TraceText (see the package doc).
func (e *Engine) traceText(in *Input) (*TraceResult, error) {
	text, seed := "", uint64(0)
	if in.Text != nil {
		text = *in.Text
	}
	if e.info.Seed != nil {
		seed = *e.info.Seed
	}
	tt, err := lecture.TraceText(e.model, e.vocab, text, seed, lecture.Page)
	if err != nil {
		return nil, err
	}
	info := Info(tt.Model, e.info.Steps, e.info.Source) // e.info when the model is the current one
	info.Seed = e.info.Seed
	ii := InputInfo{Kind: "text", Raw: tt.Input.X, Scaled: tt.Input.X, TextInput: tt.Input}
	return &TraceResult{Model: info, Input: ii, TraceResult: *tt.Result, TextNext: tt.Next}, nil
}

// generate runs generate: lecture.Generate with the last trained model, which must read characters.
func (e *Engine) generate(a lecture.GenSpec) (any, error) {
	k := e.kept["trained"]
	if k == nil || k.vocab == nil {
		return nil, newError(CodeNoModel, "No next-character model has been trained in this page yet.", "這個頁面還沒有訓練好的下一個字元模型。", nil)
	}
	text, err := lecture.Generate(k.model, k.vocab.Vocab, a, lecture.Page)
	if err != nil {
		return nil, err
	}
	return map[string]string{"prompt": a.Prompt, "text": text}, nil
}

// TraceInput prepares an input for model m (described by info) and traces it.
// scaler, when not nil, is the model's own (from its file): prices are scaled
// with it rather than with one fitted on the request's series.
func TraceInput(m *nn.Model, info ModelInfo, scaler *series.MinMaxScaler, in *Input) (*TraceResult, error) {
	inputs := m.Inputs()
	var (
		ii     InputInfo
		window *priceWindow
	)
	switch in.Kind {
	case "seq":
		rows, err := lecture.SeqInput(in.Text, in.Values, inputs, lecture.Page)
		if err != nil {
			return nil, err
		}
		ii = InputInfo{Kind: "seq", Raw: rows, Scaled: rows}
	case "sine":
		rows, p, err := lecture.SineInput(in.Period, info.Steps, inputs, lecture.Page)
		if err != nil {
			return nil, err
		}
		ii = InputInfo{Kind: "sine", Raw: rows, Scaled: rows, Period: p}
	case "prices":
		var err error
		switch {
		case inputs != 1 && in.Columns != nil: // open, high, low, close, volume (prices.go)
			window, err = cutPriceColumns(in, info.Steps, scaler, inputs)
		case inputs != 1:
			return nil, lecture.Mismatch(inputs)
		default:
			window, err = cutPrices(in, info.Steps, scaler)
		}
		if err != nil {
			return nil, err
		}
		ii = window.info
	default:
		return nil, badRequest("unknown input kind %q (seq, sine or prices)", in.Kind)
	}
	tr, err := m.Trace(ii.Scaled)
	if err != nil {
		return nil, newError(CodeBadRequest, "The engine refused the input: "+err.Error(), "引擎拒絕了這個輸入："+err.Error(), nil)
	}
	res := &TraceResult{Model: info, Input: ii, TraceResult: *nn.NewTraceResult(m, tr)}
	if window != nil {
		res.OutputRaw = make([]float64, len(res.Output))
		for k, v := range res.Output {
			res.OutputRaw[k] = window.Close(v)
		}
	}
	y := 0.0
	if ii.Next != nil {
		y = ii.Next.Scaled
		res.GradTarget = &y
	}
	if res.GradFlow, err = lecture.GradientNorms(m, ii.Scaled, y); err != nil {
		return nil, newError(CodeInternal, "The gradient failed: "+err.Error(), "梯度計算失敗："+err.Error(), nil)
	}
	return res, nil
}

// ErrorJSON is the envelope of an error made outside an operation (the js/wasm
// glue uses it when it is called with arguments of the wrong type).
func ErrorJSON(code, message, messageZh string) []byte {
	return mustMarshal(&envelope{Error: newError(code, message, messageZh, nil)})
}

// asError turns any error into an *Error.
func asError(err error) *Error {
	if e, ok := err.(*Error); ok {
		return e
	}
	return newError(CodeInternal, err.Error(), err.Error(), nil)
}

func mustMarshal(v *envelope) []byte {
	b, err := jsonx.Marshal(v)
	if err != nil {
		return []byte(`{"ok":false,"error":{"code":"internal","message":"encoding failed","message_zh":"編碼失敗"}}`)
	}
	return b
}
