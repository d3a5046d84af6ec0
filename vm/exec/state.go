package exec

import "github.com/wasmscope/wasmscope/vm/runtime"

// What stepping backwards needs of an execution (package vm/debug keeps
// snapshots): its own state — value stack, frames, count, outcome — saved
// between two Runs and put back later, so the execution continues from
// there exactly as it did the first time. The instance's memories, globals
// and tables are the caller's to save (they are plain data of
// runtime.Instance).

// Saved is an execution's state between two Runs (Save).
type Saved struct {
	stack      []uint64
	frames     []frame
	executed   uint64
	started    bool
	done       bool
	err        error
	results    []runtime.Value
	trapFrames []FrameInfo
	resumeBP   bool
	caught     bool
	exn        *runtime.Exception
}

// Bytes is roughly the memory a Saved holds.
func (s *Saved) Bytes() int { return 8*len(s.stack) + 48*len(s.frames) + 96 }

// Executed is the instruction count the state was saved at.
func (s *Saved) Executed() uint64 { return s.executed }

// Save returns the execution's state; it must not be running. Frames are
// saved at their plain code position (the variant a later Run switches
// them to is that Run's choice, as setMode makes it).
func (e *Execution) Save() *Saved {
	s := &Saved{
		stack: append([]uint64(nil), e.stack[:e.sp]...), frames: make([]frame, len(e.frames)),
		executed: e.executed, started: e.started, done: e.done, err: e.err, results: e.results,
		trapFrames: e.trapFrames, resumeBP: e.resumeBP, caught: e.caught, exn: e.exn,
	}
	for i, fr := range e.frames {
		c := fr.code
		switch {
		case c.observed:
			fr.pc /= 2
			c = c.plain
		case c.plain != nil: // fast code
			fr.pc = int(c.orig[fr.pc])
			c = c.plain
		}
		fr.code, fr.rid = c, 0
		s.frames[i] = fr
	}
	return s
}

// Restore puts the execution back in state s, saved by Save of this
// execution; it must not be running. The next Run continues from there.
func (e *Execution) Restore(s *Saved) {
	if len(e.stack) < len(s.stack) {
		e.stack = make([]uint64, len(s.stack))
	}
	copy(e.stack, s.stack)
	e.sp = len(s.stack)
	e.frames = append(e.frames[:0], s.frames...)
	e.executed, e.started, e.done, e.err, e.results = s.executed, s.started, s.done, s.err, s.results
	e.trapFrames, e.resumeBP, e.caught, e.exn = s.trapFrames, s.resumeBP, s.caught, s.exn
	e.root.Done = s.done
	e.stop.Store(false)
	// The frames are plain: the next Run sets the mode it wants. A log
	// goes on counting from the restored instruction.
	e.precise, e.observing, e.recFast = true, false, false
	e.pend = 0
	e.seq = e.executed
	if e.log != nil {
		e.mark, e.frameOK = e.budget, false
	}
}

// Instance returns the instance whose function the execution calls (nil
// for a host function).
func (e *Execution) Instance() *runtime.Instance { return e.fn.Inst }
