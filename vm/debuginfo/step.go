package debuginfo

import "github.com/wasmscope/wasmscope/vm/debug"

// StepLine steps the debugger's execution by source line, as a native
// debugger does: into calls (over false) or over them, until an
// instruction that begins a statement of another line (or of the same
// line in another frame); a step into a function with source stops where
// its prologue ends. It returns the last step's Stop, or the first that
// was not a step (a breakpoint, a trap, the end). The command line's
// debugger and the page use it.
func StepLine(d *debug.Debugger, in *Info, over bool) debug.Stop {
	step := d.StepInto
	if over {
		step = d.StepOver
	}
	ex := d.Execution()
	if ex == nil {
		return step()
	}
	_, off, ok := ex.Position()
	if in == nil || !ok {
		return step()
	}
	start, _ := in.LineAt(off)
	depth := ex.Depth()
	for {
		st := step()
		if st.Reason != debug.Stepped {
			return st
		}
		_, off, ok := ex.Position()
		if !ok {
			continue
		}
		if over && ex.Depth() > depth {
			continue
		}
		if !over && ex.Depth() > depth {
			// Stepped into a call: as gdb, stop where the callee's
			// prologue ends, when it has source.
			if f := in.FuncAt(off); f != nil && off == f.Body {
				fn, _, _ := ex.Position()
				st, err := d.RunTo(fn, in.AfterPrologue(f))
				if err != nil {
					return st
				}
				if st.Reason == debug.AtBreak && st.Breakpoint == nil {
					st.Reason = debug.Stepped // the run-to's end
				}
				return st
			}
		}
		l, ok := in.StatementAt(off)
		if ok && (l.Line != start.Line || l.File != start.File || ex.Depth() != depth) {
			return st
		}
	}
}
