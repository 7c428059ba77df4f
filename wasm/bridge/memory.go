package bridge

import "unroll/core/memory"

type cellArg struct{ Cell string } // memory_model's argument

// memoryOp runs the long-memory experiment of core/memory: memory_start, memory_run and
// memory_stop train its cells side by side a chunk at a time; memory_model steps through one.
func (e *Engine) memoryOp(op string, args []byte) (any, error) {
	switch op {
	case "memory_model": // a copy of one cell's model becomes the current, trained one
		var a cellArg
		if err := decode(args, a.DecodeJSON); err != nil {
			return nil, err
		}
		st, err := e.mem.StepThrough(a.Cell)
		if err != nil {
			return nil, badRequest("%v", err)
		}
		e.setCurrent(&keptModel{model: st.Model, info: Info(st.Model, len(st.X), "trained")})
		e.keep("trained")
		return map[string]any{"model": &e.info, "x": st.X, "memory": st.Moments}, nil
	case "memory_start":
		var a memory.Spec
		if err := decode(args, a.DecodeJSON); err != nil {
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
		if err := decode(args, a.DecodeJSON); err != nil {
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
	st := e.mem.State()
	return &st, nil
}
