package exec

// What a debugger needs of an execution beyond Run, Step and breakpoints
// (package vm/debug drives it): where it stands in instructions and frames
// cheaply, and the state of a trap after the execution has ended.

// Executed returns how many Wasm instructions the execution has run, as
// fuel counts them (Run's doc): a Run(n) that used all its fuel adds n.
func (e *Execution) Executed() uint64 { return e.executed }

// Depth returns the number of active Wasm frames (0 before the first
// instruction and after the end), without describing them as Frames does.
func (e *Execution) Depth() int { return len(e.frames) }

// TrapFrames returns the frames as they were when the execution trapped,
// innermost first, as Frames would have described them just before the
// trapping instruction: its offset, and the operands it consumed still on
// its frame's stack. Nil when the execution has not trapped. The values
// of memory and globals are the instance's, which the trap left as they
// were. The operand stack is exact when the execution ran its plain code
// (with a log, breakpoints or stepping, as package vm/debug runs it); in
// the fast code a trap inside a fused instruction may show the stack as it
// was before the fused sequence.
func (e *Execution) TrapFrames() []FrameInfo { return e.trapFrames }

// Position returns the innermost frame's function and the module offset of
// its next instruction, as Frames()[0] would without reading any values;
// false when no frame is active.
func (e *Execution) Position() (fn, off uint32, ok bool) {
	if len(e.frames) == 0 {
		return 0, 0, false
	}
	fr := &e.frames[len(e.frames)-1]
	return fr.code.index, fr.code.offset(fr.pc), true
}
