package playground

import (
	"errors"
	"fmt"
	"strings"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debug"
	"github.com/wasmscope/wasmscope/vm/debuginfo"
	"github.com/wasmscope/wasmscope/wasi/runner"
)

// The session's debugging beyond running and stepping: breakpoints by
// function, module offset and instruction count, added and removed at any
// time (vm/debug sets them on every execution, calls of exports too);
// watchpoints; which instruction last wrote a byte; and going back in
// time within the current step — a step back, a reverse step over or
// out, a reverse continue, a jump to any instruction count — by the
// debugger's snapshots and its replay of the recorded host calls.

// BreakpointView is a breakpoint or watchpoint as the page lists it.
type BreakpointView struct {
	ID int `json:"id"`
	// Kind is "code", "count" or "watch".
	Kind   string `json:"kind"`
	Func   uint32 `json:"func"`
	Offset uint32 `json:"offset"`
	Count  uint64 `json:"count,omitempty"`
	Addr   uint64 `json:"addr,omitempty"`
	Len    uint64 `json:"len,omitempty"`
	// Text describes it: "$fib at 0x2a", "after 1000 instructions",
	// "write to 0x10..0x14".
	Text string `json:"text"`
	// Config: set by RunConfig.Breakpoints (the run configuration's field).
	Config bool `json:"config,omitempty"`
	// Line is the source line of a code breakpoint ("cio.c:29"), with
	// DWARF.
	Line string `json:"line,omitempty"`
}

// configBreakpoints replaces the breakpoints the run configuration set
// with those it names now.
func (s *Session) configBreakpoints() error {
	for _, id := range s.cfgBps {
		_ = s.dbg.Delete(id)
	}
	s.cfgBps = nil
	for _, n := range s.cfg.Breakpoints {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		b, err := s.Break(n)
		if err != nil {
			return err
		}
		s.cfgBps = append(s.cfgBps, b.ID)
	}
	return nil
}

// debugger returns the loaded program's debugger, or an error.
func (s *Session) debugger() (*debug.Debugger, error) {
	if s.dbg == nil {
		return nil, errors.New("no program is loaded")
	}
	return s.dbg, nil
}

// Break sets the breakpoints spec names (debuginfo.Break: "@N", a module
// offset "0x1a2" or "func[3]:0x1a2", FILE:LINE with DWARF, or a function
// by name or index) and returns the first.
func (s *Session) Break(spec string) (BreakpointView, error) {
	d, err := s.debugger()
	if err != nil {
		return BreakpointView{}, err
	}
	bps, err := debuginfo.Break(d, s.info, spec)
	if err != nil {
		if s.infoErr != nil && strings.Contains(err.Error(), "no DWARF") {
			err = fmt.Errorf("%w (%v)", err, s.infoErr)
		}
		return BreakpointView{}, fmt.Errorf("breakpoint %q: %w", strings.TrimSpace(spec), err)
	}
	return s.breakpointView(bps[0]), nil
}

// Watch sets a watchpoint: the run pauses after any write (a store, a
// bulk operation, a WASI host function) touching n bytes at addr of
// memory 0.
func (s *Session) Watch(addr, n uint64) (BreakpointView, error) {
	d, err := s.debugger()
	if err != nil {
		return BreakpointView{}, err
	}
	if size := uint64(len(s.Memory(0))); s.Memories() > 0 && (addr >= size || n > size-addr) {
		return BreakpointView{}, fmt.Errorf("watch 0x%x..0x%x: outside memory 0 (%d bytes)", addr, addr+n, size)
	}
	b, err := d.Watch(addr, n)
	if err != nil {
		return BreakpointView{}, err
	}
	return s.breakpointView(b), nil
}

// Delete removes breakpoint or watchpoint id.
func (s *Session) Delete(id int) error {
	d, err := s.debugger()
	if err != nil {
		return err
	}
	for i, c := range s.cfgBps {
		if c == id {
			s.cfgBps = append(s.cfgBps[:i], s.cfgBps[i+1:]...)
			break
		}
	}
	return d.Delete(id)
}

// ToggleOffset removes the code breakpoints at the instruction at module
// offset off when there are any, else sets one; it reports whether one is
// set now.
func (s *Session) ToggleOffset(off uint32) (bool, error) {
	d, err := s.debugger()
	if err != nil {
		return false, err
	}
	fn, ok := d.FuncAt(off)
	if !ok {
		return false, fmt.Errorf("offset 0x%x is in no function's code", off)
	}
	site, err := d.Snap(fn, off)
	if err != nil {
		return false, err
	}
	removed := false
	for _, b := range append([]*debug.Breakpoint(nil), d.Breakpoints()...) {
		if b.Len == 0 && b.Count == 0 && b.Site == site {
			if err := s.Delete(b.ID); err != nil {
				return false, err
			}
			removed = true
		}
	}
	if removed {
		return false, nil
	}
	_, err = d.BreakAt(fn, off)
	return err == nil, err
}

// Breakpoints lists the breakpoints and watchpoints, oldest first.
func (s *Session) Breakpoints() []BreakpointView {
	if s.dbg == nil {
		return nil
	}
	var out []BreakpointView
	for _, b := range s.dbg.Breakpoints() {
		out = append(out, s.breakpointView(b))
	}
	return out
}

func (s *Session) breakpointView(b *debug.Breakpoint) BreakpointView {
	v := BreakpointView{ID: b.ID, Func: b.Site.Func, Offset: b.Site.Offset, Count: b.Count, Addr: b.Addr, Len: b.Len}
	for _, c := range s.cfgBps {
		v.Config = v.Config || c == b.ID
	}
	switch {
	case b.Len > 0:
		v.Kind, v.Text = "watch", fmt.Sprintf("write to 0x%x..0x%x", b.Addr, b.Addr+b.Len)
	case b.Count > 0:
		v.Kind, v.Text = "count", fmt.Sprintf("after %d instructions", b.Count)
	default:
		v.Kind, v.Text = "code", fmt.Sprintf("%s at 0x%x", vm.FuncLabel(s.dbg.Module(), b.Site.Func), b.Site.Offset)
		if v.Line = s.lineOf(b.Site.Offset); v.Line != "" {
			v.Text += " (" + v.Line + ")"
		}
	}
	return v
}

// watching reports whether a watchpoint is set.
func (s *Session) watching() bool {
	for _, b := range s.Breakpoints() {
		if b.Kind == "watch" {
			return true
		}
	}
	return false
}

// WriteView is a memory write as the page shows it: the instruction that
// made it, to jump to its trace row.
type WriteView struct {
	// Seq is the instruction's count in its execution (the trace row of
	// the write is the instruction's).
	Seq    uint64 `json:"seq"`
	Func   uint32 `json:"func"`
	Offset uint32 `json:"offset"`
	Addr   uint64 `json:"addr"`
	Len    uint64 `json:"len"`
	// Text says who wrote: "$main at 0x4f (i32.store)", or a host
	// function "fd_read called from $main".
	Text string `json:"text"`
}

func (s *Session) writeView(w debug.Write) WriteView {
	v := WriteView{Seq: w.Seq, Func: w.Func, Offset: w.Offset, Addr: w.Addr, Len: w.Len}
	switch {
	case w.Host && w.HostFn != "":
		v.Text = fmt.Sprintf("%s called from %s", w.HostFn, vm.FuncLabel(s.dbg.Module(), w.Func))
	case w.Host:
		v.Text = fmt.Sprintf("a host function called from %s", vm.FuncLabel(s.dbg.Module(), w.Func))
	default:
		v.Text = fmt.Sprintf("%s at 0x%x", vm.FuncLabel(s.dbg.Module(), w.Func), w.Offset)
		if in := instrAt(s.prog.Module, w.Func, w.Offset); in != "" {
			v.Text += " (" + in + ")"
		}
	}
	return v
}

// instrAt names the instruction at fn:off ("i32.store"), "" when there is
// none.
func instrAt(m *vm.Module, fn, off uint32) string {
	body, err := m.Body(fn)
	if err != nil {
		return ""
	}
	for _, in := range body {
		if in.Offset == off {
			return in.Op.String()
		}
	}
	return ""
}

// LastWrite says which instruction last wrote the byte at addr of memory
// 0, as far as the run's log goes back (a traced run, or one with a
// watchpoint, has one).
func (s *Session) LastWrite(addr uint64) (WriteView, error) {
	d, err := s.debugger()
	if err != nil {
		return WriteView{}, err
	}
	w, ok := d.LastWrite(addr)
	if !ok {
		return WriteView{}, fmt.Errorf("no write of 0x%x is in the log (it holds the latest writes of this run)", addr)
	}
	return s.writeView(w), nil
}

// The ways back in time (Back).
const (
	BackStep     = "step"     // one instruction back
	BackOver     = "over"     // the previous instruction of this function or a caller
	BackOut      = "out"      // the call of this function
	BackContinue = "continue" // the previous breakpoint or watchpoint stop
)

// Back goes back in time within the current step, paused: one
// instruction (BackStep), over calls (BackOver), out to the call of this
// function (BackOut) or to the previous breakpoint or watchpoint stop
// (BackContinue). The state there is the one the run had there (vm/debug
// restores a snapshot and replays the host calls from it).
func (s *Session) Back(how string) error {
	if err := s.canGoBack(); err != nil {
		return err
	}
	d := s.dbg
	cur := d.Executed()
	if s.state == Idle && how != BackContinue {
		how = BackStep // from the end: no frame to step over in
	}
	var target uint64
	switch how {
	case BackStep:
		if cur == 0 {
			return errors.New("at the first instruction: nothing to go back to")
		}
		target = cur - 1
	case BackOver, BackOut:
		n, ok := d.Back(how == BackOut)
		if !ok {
			if how == BackOut {
				return errors.New("no call of this function in the log: it is the outermost, or the call is older than the log holds")
			}
			return errors.New("no earlier instruction in the log")
		}
		target = n
	case BackContinue:
		n, found, err := d.PreviousStop(func() error { return s.goTo(0) })
		if err != nil {
			return err
		}
		if !found {
			s.Out.Systemf("no earlier breakpoint or watchpoint stop: back at the first instruction")
		}
		target = n
	default:
		return fmt.Errorf("back %q: not step, over, out or continue", how)
	}
	if err := s.goTo(target); err != nil {
		return err
	}
	s.pause("went back")
	if how == BackContinue {
		s.pause("reverse continue")
		s.watchHit = s.watchWrite()
	}
	return nil
}

// watchWrite returns the write to a watched range that the instruction
// just run made, if it made one: a reverse continue that arrived at a
// watchpoint's stop shows it as the stop did.
func (s *Session) watchWrite() *debug.Write {
	n := s.dbg.Executed()
	for _, b := range s.dbg.Breakpoints() {
		for a := b.Addr; a < b.Addr+min(b.Len, 256) && n > 0; a++ {
			if w, ok := s.dbg.LastWrite(a); ok && w.Seq == n-1 {
				return &w
			}
		}
	}
	return nil
}

// Goto goes to instruction count n of the current step (the scrubber),
// back or forward, ignoring breakpoints.
func (s *Session) Goto(n uint64) error {
	if err := s.canGoBack(); err != nil {
		return err
	}
	if err := s.goTo(n); err != nil {
		return err
	}
	s.pause("went to an instruction")
	return nil
}

// canGoBack says why the session cannot go back, if it cannot: it can
// from a paused run, and from the end of one that returned, exited or
// trapped (its last step's snapshots are kept).
func (s *Session) canGoBack() error {
	if s.dbg == nil {
		return errors.New("no program is loaded")
	}
	ended := s.state == Idle && s.lastJob != nil && s.result != nil && s.dbg.Execution() != nil &&
		(s.result.Kind == runner.Returned || s.result.Kind == runner.Exited || s.result.Kind == runner.Trapped)
	if !ended && (s.state != Paused || s.cur == nil) {
		return errors.New("going back needs a paused run, or one that ran to its end")
	}
	return nil
}

// goTo moves the current step's execution to instruction n (vm/debug's
// Goto); from the end of the run, the run is paused again in its last
// step.
func (s *Session) goTo(n uint64) error {
	d := s.dbg
	ex := d.Execution()
	st := d.Goto(n)
	if st.Reason != debug.Stepped || d.Executed() != n {
		if st.Err != nil {
			return fmt.Errorf("going to instruction %d: %w", n, st.Err)
		}
		return fmt.Errorf("going to instruction %d: the run %v at %d", n, st.Reason, d.Executed())
	}
	if s.state == Idle {
		// From the end: the step's execution goes on from here.
		s.queue = []job{*s.lastJob}
		s.result, s.stale = nil, false
		s.mu.Lock()
		s.cur, s.curSys = ex, s.sys
		s.mu.Unlock()
	}
	s.maxExecuted = max(s.maxExecuted, n)
	s.trapped, s.watchHit, s.written = nil, nil, nil
	return nil
}

// CanGoBack reports whether Back and Goto can go back now.
func (s *Session) CanGoBack() bool { return s.dbg != nil && s.canGoBack() == nil }
