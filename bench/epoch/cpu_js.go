//go:build js && wasm

package main

import (
	"syscall/js"
	"time"
)

// cpuTime is the CPU time the Node process has used (all its threads), from process.cpuUsage().
func cpuTime() time.Duration {
	u := js.Global().Get("process").Call("cpuUsage")
	return time.Duration(u.Get("user").Float()+u.Get("system").Float()) * time.Microsecond
}
