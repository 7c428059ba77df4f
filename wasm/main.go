//go:build js && wasm

// Command wasm is Unroll's engine compiled to WebAssembly for the page's Web
// Worker. It registers globalThis.unroll = {call(op, argsJSON) → JSON,
// protocol} (see unroll/wasm/bridge for the operations), calls
// globalThis.unrollReady() if the worker defined it, and then waits for calls
// for the life of the worker.
package main

import (
	"syscall/js"

	"unroll/wasm/bridge"
)

func main() {
	register(js.Global(), bridge.New())
	if ready := js.Global().Get("unrollReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {}
}
