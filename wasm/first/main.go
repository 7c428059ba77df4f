//go:build js && wasm

// Command first is the engine of the page's first view compiled to
// WebAssembly (first.wasm): bridge.FirstOps only (a seeded model and its
// traces), without the training, demo and model-file code, so that it
// downloads and compiles sooner than app.wasm. The worker starts it first and
// moves to app.wasm, with the current model, when the page asks for another
// operation.
package main

import (
	"unroll/wasm/bridge"
	"unroll/wasm/jsapi"
)

func main() { jsapi.Serve(bridge.NewFirst(), bridge.FirstOps) }
