package debug

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/hack-pad/hackpadfs"
	"github.com/wasmscope/wasmscope/vm"
)

// Recorder records what host functions did — their results, their error,
// the bytes of memory they changed — so that the program can run again
// from an earlier point and get the same answers without calling them: the
// clock reads the same time, stdin the same bytes, files the same
// contents, and nothing is written to stdout twice. A Debugger given a
// Recorder (Record) keeps snapshots of its execution, and Goto to an
// earlier instruction restores the latest snapshot before it and runs on
// from there, replaying the calls (see the package's RATIONALE); Rewind
// replays from the first call, for a new instance run from the start.
//
// The memory a call changed is what it reports through Caller.Wrote
// (WrapReported: WASI's functions report every write exactly), or, for
// host functions that may not report, found by comparing memory before
// and after the call (Wrap), which costs a copy of memory per call.
type Recorder struct {
	// Interval is the least number of instructions between two snapshots
	// (0: DefaultInterval, grown to the guest's memory size in bytes so
	// that comparing memory stays a small part of running); it doubles
	// each time snapshots are thinned.
	Interval uint64

	calls  []hostCall
	next   int
	replay bool
	// caller is what a reporting host function is given: the engine's
	// Caller (outer), with each reported write also noted in wrote.
	caller *vm.Caller
	outer  *vm.Caller
	wrote  [][2]uint64
	bytes  int
	// The filesystem tracked (TrackFiles): its change count, read after
	// each call; files0 as it was when tracking began.
	fsys    hackpadfs.FS
	changed func() uint64
	gen     uint64
	files0  files
}

type hostCall struct {
	name    string
	results []uint64
	err     error
	diffs   []memDiff
	// files is the filesystem after the call, when the call changed it
	// (hasFiles; see TrackFiles).
	files    files
	hasFiles bool
}

type memDiff struct {
	addr uint64
	data []byte
}

// Wrap returns funcs (the host functions of module) recording into r, or
// replaying from it (Rewind, Debugger.Goto back); the memory a call
// changed is found by comparing memory before and after it.
func (r *Recorder) Wrap(module string, funcs map[string]vm.HostFunc) map[string]vm.HostFunc {
	return r.wrap(module, funcs, false)
}

// WrapReported is Wrap for host functions that report every write to
// memory through Caller.Wrote, as package wasi's do: only the bytes
// reported are kept, and memory is not copied.
func (r *Recorder) WrapReported(module string, funcs map[string]vm.HostFunc) map[string]vm.HostFunc {
	return r.wrap(module, funcs, true)
}

func (r *Recorder) wrap(module string, funcs map[string]vm.HostFunc, reported bool) map[string]vm.HostFunc {
	if reported && r.caller == nil {
		r.caller = vm.NewCaller(func() []byte { return r.outer.Memory() })
		r.caller.OnWrite(func(addr, n uint64) {
			r.wrote = append(r.wrote, [2]uint64{addr, n})
			r.outer.Wrote(addr, n)
		})
	}
	out := make(map[string]vm.HostFunc, len(funcs))
	for name, f := range funcs {
		full := module + "." + name
		call := f.Call
		f.Call = func(c *vm.Caller, args, results []uint64) error {
			if r.replay && r.next < len(r.calls) {
				return r.replayCall(full, c, results)
			}
			// Past the record (or recording): the host system is where
			// the recorded calls left it, so calls go to it again.
			r.replay = false
			h := hostCall{name: full}
			if reported {
				r.outer, r.wrote = c, r.wrote[:0]
				h.err = call(r.caller, args, results)
				if h.err == vm.ErrRetry {
					return h.err // nothing done: made again later
				}
				mem := c.Memory()
				for _, w := range r.wrote {
					if w[0] <= uint64(len(mem)) && w[1] <= uint64(len(mem))-w[0] {
						h.diffs = append(h.diffs, memDiff{w[0], append([]byte(nil), mem[w[0]:w[0]+w[1]]...)})
					}
				}
			} else {
				before := append([]byte(nil), c.Memory()...)
				h.err = call(c, args, results)
				if h.err == vm.ErrRetry {
					return h.err
				}
				h.diffs = diff(before, c.Memory())
				// Reported as the replay will report them, so the log
				// (LastWrite, watchpoints) has them going forward too.
				for _, d := range h.diffs {
					c.Wrote(d.addr, uint64(len(d.data)))
				}
			}
			h.results = append([]uint64(nil), results...)
			r.bytes += 64 + 8*len(results)
			for _, d := range h.diffs {
				r.bytes += 32 + len(d.data)
			}
			r.filesAfter(&h)
			r.calls = append(r.calls, h)
			r.next = len(r.calls)
			return h.err
		}
		out[name] = f
	}
	return out
}

// seek makes the next host call replay recorded call i (live once i is
// past the record).
func (r *Recorder) seek(i int) { r.next, r.replay = i, i < len(r.calls) }

// Bytes is roughly the memory the record holds.
func (r *Recorder) Bytes() int { return r.bytes }

// replayCall gives the next recorded call's results and memory changes.
func (r *Recorder) replayCall(name string, c *vm.Caller, results []uint64) error {
	h := &r.calls[r.next]
	if h.name != name {
		return fmt.Errorf("replay diverged at host call %d: the program called %s, the recorded run %s", r.next, name, h.name)
	}
	r.next++
	copy(results, h.results)
	mem := c.Memory()
	for _, d := range h.diffs {
		if d.addr+uint64(len(d.data)) > uint64(len(mem)) {
			return fmt.Errorf("replay diverged at host call %d (%s): memory is smaller than in the recorded run", r.next-1, name)
		}
		copy(mem[d.addr:], d.data)
		c.Wrote(d.addr, uint64(len(d.data)))
	}
	return h.err
}

// Rewind makes the wrapped functions replay the recorded calls from the
// first, then call the host functions again once the record is used up.
func (r *Recorder) Rewind() { r.next, r.replay = 0, true }

// Calls returns how many host calls are recorded.
func (r *Recorder) Calls() int { return len(r.calls) }

// diff returns the ranges where after differs from before (Changed).
func diff(before, after []byte) []memDiff {
	var out []memDiff
	Changed(before, after, func(start, end uint64) {
		out = append(out, memDiff{start, append([]byte(nil), after[start:end]...)})
	})
	return out
}

// Changed calls span for each maximal range [start, end) where after
// differs from before, in order. Bytes past the end of before (the memory
// grew) count as changed when they are not zero, as a grown memory starts
// zeroed.
func Changed(before, after []byte, span func(start, end uint64)) {
	n := min(len(before), len(after))
	i := 0
	for i < n {
		// Compare eight bytes at a time: memories are large and mostly
		// unchanged between steps.
		if i+8 <= n && binary.LittleEndian.Uint64(before[i:]) == binary.LittleEndian.Uint64(after[i:]) {
			i += 8
			continue
		}
		if before[i] == after[i] {
			i++
			continue
		}
		j := i + 1
		for j < n && before[j] != after[j] {
			j++
		}
		span(uint64(i), uint64(j))
		i = j
	}
	for i := n; i < len(after); i++ {
		if after[i] != 0 {
			j := i + 1
			for j < len(after) && after[j] != 0 {
				j++
			}
			span(uint64(i), uint64(j))
			i = j
		}
	}
}

// ToEnd is the instruction count Goto takes for "to the end".
const ToEnd = math.MaxUint64

// Goto moves the attached execution to the point where it has run n
// instructions, or to its end, ignoring breakpoints and watchpoints, and
// returns Stepped there. Back (n below Executed) it restores the latest
// snapshot before n and runs from there, replaying the recorded host calls
// (Record; without it, an error), so the state at n is the one the
// execution had there the first time; forward it runs, from a snapshot
// on the way when there is one.
func (d *Debugger) Goto(n uint64) Stop {
	ex := d.ex
	if ex == nil {
		return Stop{Reason: Returned, Err: errors.New("no execution to run")}
	}
	if n < ex.Executed() || d.ahead(n) {
		if err := d.restore(n); err != nil {
			return Stop{Reason: Returned, Err: err}
		}
	}
	for _, b := range d.bps {
		if b.Len == 0 && b.Count == 0 {
			ex.ClearBreakpoint(b.Site.Func, b.Site.Offset)
		}
	}
	defer func() {
		for _, b := range d.bps {
			if b.Len == 0 && b.Count == 0 && d.ex == ex {
				ex.SetBreakpoint(b.Site.Func, b.Site.Offset)
			}
		}
		d.scanned = d.log.Total()
		d.paused = !ex.Done()
		if d.unlogged {
			ex.SetLog(nil)
		}
		if d.waits != nil {
			d.waits(false)
		}
	}()
	if n-ex.Executed() > logTail {
		// The way there runs the fast code, unrecorded; only the last
		// logTail instructions are logged, for LastWrite and Back.
		ex.SetLog(nil)
		stop := n - logTail
		if n == ToEnd {
			stop = ToEnd
		}
		st, done := d.run(stop)
		// The log holds the way from here on: logTail instructions by n.
		ex.SetLog(d.log)
		d.logFrom, d.logged = d.log.Total(), !done
		if done {
			return st
		}
	} else {
		// On from here, logged: the log holds the way to n when it held
		// the way here.
		ex.SetLog(d.log)
	}
	st, _ := d.run(n)
	return st
}

// ahead reports whether a snapshot lies between the current instruction
// and n, where restore would go: running from it is shorter.
func (d *Debugger) ahead(n uint64) bool {
	if d.tl == nil || d.tl.ex != d.ex || n <= logTail {
		return false
	}
	s, err := d.tl.before(n - logTail)
	return err == nil && s.count > d.ex.Executed()
}

// restore puts the attached execution back at the latest snapshot that
// leaves logTail instructions or more to run to n (so the log holds them:
// see Goto), with the host-call record where it stood there.
func (d *Debugger) restore(n uint64) error {
	if d.tl == nil || d.tl.ex != d.ex {
		return fmt.Errorf("cannot go back to instruction %d: no snapshots of this execution (Debugger.Record)", n)
	}
	at := uint64(0)
	if n > logTail {
		at = n - logTail
	}
	s, err := d.tl.before(at)
	if err != nil {
		return err
	}
	if err := d.tl.restore(s); err != nil {
		return err
	}
	d.rec.seek(s.call)
	// The log's records are of the way undone; the way from the snapshot
	// (logTail instructions or more, or from the first snapshot) is new.
	d.logFrom, d.logged = d.log.Total(), true
	return nil
}

// logTail is how many instructions before its target Goto records.
const logTail = 1 << 16

// run runs the attached execution to count n (see Goto); done: it ended or
// was interrupted first.
func (d *Debugger) run(n uint64) (Stop, bool) {
	ex := d.ex
	for ex.Executed() < n {
		fuel := int64(slice)
		if left := n - ex.Executed(); left < slice {
			fuel = int64(left)
		}
		status, err := ex.Run(fuel)
		d.tick()
		if status == vm.Done {
			return d.done(err), true
		}
		if d.stopReq.Swap(false) {
			return Stop{Reason: Interrupted}, true
		}
	}
	return Stop{Reason: Stepped}, false
}

// Back returns the instruction count a reverse step goes back to, read from
// the log: for a reverse step over (out false) the latest instruction
// before the current one in the current frame or a caller (a call's
// callee is stepped over backwards); for a reverse step out (out true) the
// call of the current function. Goto that count in a re-run (Recorder)
// arrives before that instruction. False when the log no longer holds it
// (it keeps the latest LogBytes of history) or there is none.
func (d *Debugger) Back(out bool) (n uint64, ok bool) {
	depth := len(d.Frames()) - 1
	if depth < 0 {
		return 0, false
	}
	d.History(func(ev *vm.Event) bool {
		switch {
		case out && ev.Kind == vm.EventCall && ev.Depth == depth && depth > 0:
			// (Depth 0's call is the execution's own: no instruction.)
			n, ok = ev.Seq, true
		case !out && ev.Kind == vm.EventInstr && ev.Depth <= depth:
			n, ok = ev.Seq, true
		}
		return !ok
	})
	return n, ok
}

// History calls visit with the events the log holds of the attached
// execution before its current instruction, latest first, until visit
// returns false. Event.Seq is the instruction count to Goto to stand
// before an event's instruction.
func (d *Debugger) History(visit func(ev *vm.Event) bool) {
	if d.ex == nil {
		return
	}
	d.relog()
	cur := d.ex.Executed()
	l := d.log
	var ev vm.Event
	last := cur
	for i := l.Total(); i > max(l.First(), d.logFrom); i-- {
		if !l.IsEvent(i-1) || !l.Event(i-1, &ev) {
			continue
		}
		if ev.Seq > last {
			return // an earlier execution's records
		}
		last = ev.Seq
		if ev.Seq < cur && !visit(&ev) {
			return
		}
	}
}
