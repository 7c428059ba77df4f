//go:build js && wasm

// Command wasm is Unroll's whole engine compiled to WebAssembly (app.wasm) for
// the page's Web Worker: every operation of unroll/wasm/bridge, behind
// globalThis.unroll (see unroll/wasm/jsapi). The worker loads it when the
// page first asks for more than unroll/wasm/first answers.
package main

import (
	"unroll/wasm/bridge"
	"unroll/wasm/jsapi"
)

func main() { jsapi.Serve(bridge.New(), nil) }
