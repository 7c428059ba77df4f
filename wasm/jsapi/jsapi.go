//go:build js && wasm

// Package jsapi puts an engine of unroll/wasm/bridge on the JavaScript side of
// a js/wasm program: globalThis.unroll = {call(op, argsJSON) → JSON, protocol,
// ops}. Both engines the page loads (unroll/wasm and unroll/wasm/first) are
// this and a constructor.
package jsapi

import (
	"syscall/js"

	"unroll/core/msg"
	"unroll/wasm/bridge"
)

// Serve registers e (answering ops; nil for every operation), calls
// globalThis.unrollReady() if the worker defined it, and then waits for calls
// for the life of the worker.
func Serve(e *bridge.Engine, ops []string) {
	Register(js.Global(), e, ops)
	if ready := js.Global().Get("unrollReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {}
}

// Register sets global.unroll to an object whose call(op, argsJSON) runs
// e.Call and returns its JSON envelope as a string, and whose ops lists the
// operations e answers (absent when it answers every one). The function recovers
// every panic (the engine's own, and a syscall/js one from a wrongly typed
// argument): a panic that reached the Go runtime would end the instance for
// good.
func Register(global js.Value, e *bridge.Engine, ops []string) js.Func {
	call := js.FuncOf(func(this js.Value, args []js.Value) (ret any) {
		defer func() {
			if p := recover(); p != nil {
				text := msg.Sprint(p)
				ret = string(bridge.ErrorJSON(bridge.CodeInternal, "Internal error in the engine: "+text, "引擎內部錯誤："+text))
			}
		}()
		if len(args) < 1 || args[0].Type() != js.TypeString {
			return string(bridge.ErrorJSON(bridge.CodeBadRequest, "call(op, argsJSON): op must be a string", "call(op, argsJSON)：op 必須是字串"))
		}
		payload := ""
		if len(args) > 1 {
			switch args[1].Type() {
			case js.TypeString:
				payload = args[1].String()
			case js.TypeUndefined, js.TypeNull:
			default:
				return string(bridge.ErrorJSON(bridge.CodeBadRequest, "call(op, argsJSON): the arguments must be a JSON string", "call(op, argsJSON)：參數必須是 JSON 字串"))
			}
		}
		return string(e.Call(args[0].String(), []byte(payload)))
	})
	obj := js.Global().Get("Object").New()
	obj.Set("call", call)
	obj.Set("protocol", bridge.ProtocolVersion)
	if ops != nil {
		list := make([]any, len(ops))
		for i, op := range ops {
			list[i] = op
		}
		obj.Set("ops", list)
	}
	global.Set("unroll", obj)
	return call
}
