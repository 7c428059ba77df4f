package bridge

import "unroll/core/memory"

// memoryOp runs memory_start, memory_run and memory_stop: the long-memory
// experiment of core/memory, its cells trained side by side a chunk at a time.
func (e *Engine) memoryOp(op string, args []byte) (any, error) {
	switch op {
	case "memory_start":
		var a memory.Spec
		if err := decode(args, &a); err != nil {
			return nil, err
		}
		cfg, cells, err := a.Config()
		if err != nil {
			return nil, badRequest("%v", err)
		}
		if e.mem, err = memory.NewSession(cfg, cells); err != nil {
			return nil, badRequest("%v", err)
		}
	case "memory_run", "memory_stop":
		a := RunArgs{Batches: 1}
		if err := decode(args, &a); err != nil {
			return nil, err
		}
		if e.mem == nil {
			return nil, badRequest("no experiment has been started: call memory_start first")
		}
		if a.Batches < 1 || a.Batches > 1000 {
			return nil, badRequest("batches %d is not in 1..1000", a.Batches)
		}
		var err error
		if op == "memory_stop" {
			err = e.mem.Stop()
		} else {
			err = e.mem.Step(a.Batches)
		}
		if err != nil {
			return nil, badRequest("%v", err)
		}
	}
	return e.mem.State(), nil
}
