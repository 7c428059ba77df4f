//go:build js && wasm

package main

import (
	"syscall/js"

	"unroll/core/msg"
	"unroll/wasm/bridge"
)

// register sets global.unroll to an object whose call(op, argsJSON) runs
// e.Call and returns its JSON envelope as a string. The function recovers
// every panic (the engine's own, and a syscall/js one from a wrongly typed
// argument): a panic that reached the Go runtime would end the instance for
// good.
func register(global js.Value, e *bridge.Engine) js.Func {
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
	global.Set("unroll", obj)
	return call
}
