//go:build unix && !(js && wasm)

package main

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used (all its threads).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
