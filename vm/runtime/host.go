package runtime

import (
	"errors"
	"strconv"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// HostFunc is a function written in Go that modules import, such as WASI's
// fd_write. Arguments arrive as raw bits (i32 values zero-extended, floats as
// IEEE bits); the function writes its results into results, which has
// len(Type.Results) slots. A returned error becomes a trap, except an
// *ExitError, which ends the run with an exit code (WASI proc_exit), and
// ErrRetry.
type HostFunc struct {
	Type syntax.FuncType
	// ParamNames, when set, name the parameters in traces:
	// fd_write(fd=1, iovs=0x10, iovs_len=1, nwritten=0x18) → 0.
	ParamNames []string
	Call       func(c *Caller, args, results []uint64) error
}

// ErrRetry, returned by a host function that did nothing (its wait for
// input was cut short by a pause request), pauses the execution before the
// call instruction: the function is called again when the execution
// resumes. Only a call from Wasm code can be retried.
var ErrRetry = errors.New("host call paused before it did anything: it is made again when the execution resumes")

// ExitError is returned by a host function to end the whole run with a
// status code, as WASI proc_exit does. It is not a trap.
type ExitError struct{ Code uint32 }

func (e *ExitError) Error() string { return "exit status " + strconv.FormatUint(uint64(e.Code), 10) }

// Caller is what a host function sees of the instance that called it.
type Caller struct {
	memory func() []byte
	wrote  func(addr, n uint64)
}

// Wrote tells the engine that the host function wrote n bytes at addr of
// the caller's memory (WASI's fd_read into a buffer, say): an observed
// execution records the write as a store's. Host functions that write
// guest memory should call it for each write.
func (c *Caller) Wrote(addr, n uint64) {
	if c.wrote != nil && n > 0 {
		c.wrote(addr, n)
	}
}

// OnWrite sets what Wrote calls (the engine's recorder).
func (c *Caller) OnWrite(f func(addr, n uint64)) { c.wrote = f }

// Memory returns the bytes of the calling instance's memory 0 (nil when it
// has none). The slice is valid until the module next grows its memory.
func (c *Caller) Memory() []byte {
	if c.memory == nil {
		return nil
	}
	return c.memory()
}

// NewCaller returns a Caller whose Memory is the given function; the engine
// uses it for every host call, and tests of host modules use it to call a
// HostFunc directly over a byte slice.
func NewCaller(memory func() []byte) *Caller { return &Caller{memory: memory} }
