package playground

import (
	"io"
	"slices"
	"sort"
	"sync"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
	"github.com/wasmscope/wasmscope/vm/trace"
)

// Trace is a traced run as the engine recorded it: the engine's event log
// (vm.Log, fixed-size binary records in a ring) and, over it, the index
// of its rows (one per event, plus the playground's own notes), the rows
// of one function for the filter, and the memory writes of the current
// action. Lines are formatted only when shown or downloaded, straight
// from the log's records (trace.Formatter.AppendLog), as the CLI's text
// trace is.
//
// Read it between the execution's slices (Session.RunSlice returns), not
// during one: the page's worker does, its Go runtime answering the page
// only between slices.
//
// RATIONALE: the engine records an instruction with a few stores into a
// ring allocated once (see vm/exec's Log), which costs a small multiple of
// running it; decoding each event into a copy (an observer) or formatting
// it cost 8× and more. So the trace keeps the log itself, and after each
// slice one pass over the new records finds the event heads (the rows)
// and the memory writes: reading a record's kind is much cheaper than
// recording it. The log is allocated at the first traced run and kept
// (cleared) for the next ones, since allocating tens of MiB per run costs
// more than a short traced run. The Memory pane marks the bytes the
// memory-write records name, exactly, instead of comparing copies of
// memory: a write of the value already there is marked too, and no copy
// of a large memory is made per step.
//
// The text of a run of consecutive events (a download, in parts of
// thousands of rows) is formatted by AppendLog in one piece, several
// times as fast as decoding each event (vm.Log.Event) and formatting it
// (Formatter.Line); BenchmarkTraceDownload measures both.
// The rows in view (Rows) are formatted from the records too, but one
// AppendLog call per row: a row is one line, and the lines of a run
// cannot be told apart by their newlines (a function's name may hold
// one); a few dozen rows cost microseconds either way. A Trace has one
// Formatter, whose function column widens with the longest name it has
// formatted, as the CLI's does: a line's text depends on what was
// formatted before it, downloaded or shown, as it did when each event was
// formatted on its own; TestTraceText compares the two ways.
type Trace struct {
	mu     sync.Mutex
	limit  int // records the log keeps (rounded down to a power of two)
	log    *vm.Log
	fmt    trace.Formatter
	notes  []note
	all    rows // every event held
	sel    rows // the events of function selFn
	selFn  int64
	events uint64
	buf    []byte // a row's line (row)

	// scanned is the number of records indexed so far; lost is set when
	// the ring dropped records before they were (their writes are not
	// known).
	scanned uint64
	lost    bool
	heads   []uint64 // sync's buffers (vm.Log.Heads)
	kinds   []vm.EventKind
	// writes holds the spans each memory's writes covered since Mark.
	writes [][]Range
	merged []int // per memory: the prefix of writes already sorted and merged
}

// note is a line of the playground's own, shown after the events recorded
// before it.
type note struct {
	at   uint64 // the log's Total when it was noted
	text string
}

// rows is an index of event records: their numbers, in order, in a ring
// that grows (doubling) up to the log's capacity and then drops its
// oldest, as the log does; the log cannot hold more events than records.
//
// RATIONALE: the index is written after every traced slice, for every
// event: a ring never moves what it holds, where a slice that appends and
// drops from its front copies it again and again.
type rows struct {
	ring []uint64
	max  int    // the most rows kept (a power of two)
	head uint64 // rows dropped from the front
	n    uint64 // rows ever added
	next uint64 // for a filtered index: the record to examine next
}

func (r *rows) len() int        { return int(r.n - r.head) }
func (r *rows) at(i int) uint64 { return r.ring[(r.head+uint64(i))&uint64(len(r.ring)-1)] }
func (r *rows) reset()          { r.head, r.n, r.next = 0, 0, 0 }

func (r *rows) add(x uint64) {
	if r.len() == len(r.ring) {
		if len(r.ring) < r.max {
			r.grow()
		} else {
			r.head++ // the oldest goes, as in the log
		}
	}
	r.ring[r.n&uint64(len(r.ring)-1)] = x
	r.n++
}

// from returns rows k.. as at most two runs of the ring, in order.
func (r *rows) from(k int) [][]uint64 {
	if k >= r.len() {
		return nil
	}
	mask := uint64(len(r.ring) - 1)
	start, end := (r.head+uint64(k))&mask, r.n&mask
	if start < end {
		return [][]uint64{r.ring[start:end]}
	}
	return [][]uint64{r.ring[start:], r.ring[:end]}
}

// addAll adds xs, in order, as add does one at a time, in one loop.
func (r *rows) addAll(xs []uint64) {
	for len(r.ring) == 0 || r.len()+len(xs) > len(r.ring) && len(r.ring) < r.max {
		r.grow()
	}
	size := uint64(len(r.ring))
	if uint64(len(xs)) > size {
		// Only the newest fit.
		r.n += uint64(len(xs)) - size
		xs = xs[uint64(len(xs))-size:]
	}
	// Two copies (the ring may wrap): a loop storing one row at a time
	// was a fifth of the page's indexing.
	k := copy(r.ring[r.n&(size-1):], xs)
	copy(r.ring, xs[k:])
	r.n += uint64(len(xs))
	if r.len() > len(r.ring) {
		r.head = r.n - size // the oldest went, as in the log
	}
}

// grow doubles the ring, keeping the rows where at finds them.
func (r *rows) grow() {
	ring := make([]uint64, max(2*len(r.ring), 1024))
	for i := 0; i < r.len(); i++ {
		ring[(r.head+uint64(i))&uint64(len(ring)-1)] = r.at(i)
	}
	r.ring = ring
}

// search returns the first row whose record is n or later.
func (r *rows) search(n uint64) int {
	return sort.Search(r.len(), func(i int) bool { return r.at(i) >= n })
}

// drop forgets the rows of records older than first.
func (r *rows) drop(first uint64) {
	r.head += uint64(r.search(first))
}

// NewTrace returns a trace whose log keeps about limit records (at least
// 64; the engine rounds down to a power of two), whose lines name
// functions and locals from module m (nil: by index). The log is
// allocated at the first traced run.
func NewTrace(limit int, m *syntax.Module) *Trace {
	return &Trace{limit: max(limit, 64), fmt: trace.Formatter{Module: m}, selFn: -1}
}

// Reset forgets what was traced, for a new run of module m; the log's
// memory is kept for it.
func (t *Trace) Reset(m *syntax.Module) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.log != nil {
		t.log.Clear()
	}
	t.fmt = trace.Formatter{Module: m}
	t.notes = nil
	t.all.reset()
	t.sel.reset()
	t.events, t.scanned, t.lost = 0, 0, false
	t.writes, t.merged = nil, nil
}

// Log returns the log a traced execution records into (Execution.SetLog),
// allocating it at the first call.
func (t *Trace) Log() *vm.Log {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.log == nil {
		t.log = vm.NewLog(int64(t.limit) * vm.RecordSize)
		t.all.max, t.sel.max = t.log.Cap(), t.log.Cap()
	}
	return t.log
}

// Note records a line of the playground's own ("trap: ...") after what
// was traced so far.
func (t *Trace) Note(text string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.sync()
	t.notes = append(t.notes, note{at: t.total(), text: text})
}

func (t *Trace) total() uint64 {
	if t.log == nil {
		return 0
	}
	return t.log.Total()
}

// Sync indexes the records written since the last call: the session calls
// it after each slice, so that no record leaves the ring unread.
func (t *Trace) Sync() {
	t.mu.Lock()
	t.sync()
	t.mu.Unlock()
}

// sync indexes the new records; t.mu is held.
func (t *Trace) sync() {
	l := t.log
	if l == nil || t.scanned == l.Total() {
		return
	}
	first := l.First()
	if t.scanned < first {
		t.lost = true
		t.scanned = first
	}
	t.all.drop(first)
	for t.scanned < l.Total() {
		t.heads, t.kinds, t.scanned = l.Heads(t.heads[:0], t.kinds[:0], t.scanned, 4096)
		t.all.addAll(t.heads)
		t.events += uint64(len(t.heads))
		for j, k := range t.kinds {
			if k == vm.EventMemWrite {
				if mem, addr, n, ok := l.Write(t.heads[j]); ok && n > 0 {
					t.addWrite(int(mem), addr, addr+n)
				}
			}
		}
	}
}

// addWrite records that [start, end) of memory mem was written, merging
// the spans now and then so a loop that writes for ever keeps few.
func (t *Trace) addWrite(mem int, start, end uint64) {
	for len(t.writes) <= mem {
		t.writes = append(t.writes, nil)
		t.merged = append(t.merged, 0)
	}
	w := append(t.writes[mem], Range{start, end})
	if n := len(w); n > 1 && w[n-2].End >= start && w[n-2].Start <= start {
		// The commonest case, a write next to the one before.
		w[n-2].End = max(w[n-2].End, end)
		w = w[:n-1]
	}
	if len(w) > 2*t.merged[mem]+1024 {
		w = mergeRanges(w)
		t.merged[mem] = len(w)
	}
	t.writes[mem] = w
}

// mergeRanges sorts spans and merges those that overlap or touch.
func mergeRanges(w []Range) Ranges {
	slices.SortFunc(w, func(a, b Range) int {
		switch {
		case a.Start < b.Start:
			return -1
		case a.Start > b.Start:
			return 1
		}
		return 0
	})
	var out Ranges
	for _, r := range w {
		out = out.add(r.Start, r.End)
	}
	return out
}

// Mark begins an action (a run until it pauses or ends, a step): Written
// then reports what the action wrote.
func (t *Trace) Mark() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.sync()
	t.writes, t.merged = nil, nil
	t.lost = false
}

// Written returns the spans of memory mem that the memory-write records
// since Mark name, and whether records were dropped from the ring before
// they were read (their writes are missing).
func (t *Trace) Written(mem int) (Ranges, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.sync()
	if mem < 0 || mem >= len(t.writes) {
		return nil, t.lost
	}
	w := mergeRanges(t.writes[mem])
	t.writes[mem], t.merged[mem] = w, len(w)
	return slices.Clone(w), t.lost
}

// Len returns the number of rows kept: events held and notes.
func (t *Trace) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.sync()
	return t.all.len() + len(t.heldNotes())
}

// Total returns the number of events ever recorded and notes; Total()-Len()
// were dropped from the front of the ring.
func (t *Trace) Total() uint64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.sync()
	return t.events + uint64(len(t.notes))
}

// Records returns how many records the engine wrote into the log, without
// indexing them: a cheap measure of progress while a run goes on.
func (t *Trace) Records() uint64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.total()
}

// heldNotes returns the notes not older than the ring's oldest record;
// t.mu is held.
func (t *Trace) heldNotes() []note {
	first := uint64(0)
	if t.log != nil {
		first = t.log.First()
	}
	i := sort.Search(len(t.notes), func(i int) bool { return t.notes[i].at >= first })
	return t.notes[i:]
}

// view returns the rows under function fn (fn < 0: all), synced; t.mu is
// held.
func (t *Trace) view(fn int64) *rows {
	t.sync()
	if fn < 0 {
		return &t.all
	}
	if t.selFn != fn {
		t.sel.reset()
		t.selFn = fn
	}
	if t.all.len() == 0 {
		t.sel.reset()
		return &t.sel
	}
	t.sel.drop(t.all.at(0))
	for _, seg := range t.all.from(t.all.search(t.sel.next)) {
		for len(seg) > 0 {
			part := seg[:min(len(seg), 4096)]
			seg = seg[len(part):]
			t.heads = t.log.InFunc(t.heads[:0], part, uint32(fn))
			t.sel.addAll(t.heads)
		}
	}
	t.sel.next = t.scanned
	return &t.sel
}

// Row is one row of the trace as shown.
type Row struct {
	Line string
	Kind vm.EventKind
	Note bool   // a line of the playground's own
	Seq  uint64 // the instruction count (events); 0 for notes
}

// Count returns the number of rows under function fn (fn < 0: all):
// events held, and notes, which every filter keeps.
func (t *Trace) Count(fn int64) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.view(fn).len() + len(t.heldNotes())
}

// Rows formats rows from..to-1 of the rows under function fn.
func (t *Trace) Rows(fn int64, from, to int) []Row {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []Row
	t.each(t.view(fn), from, to, func(text string) {
		out = append(out, Row{Line: text, Kind: vm.EventTrap, Note: true})
	}, func(v *rows, k, n int) {
		for ; n > 0; k, n = k+1, n-1 {
			out = append(out, t.row(v.at(k)))
		}
	})
	return out
}

// each calls note for each note among rows from..to-1 of view v and
// events for each run of its event rows (k..k+n-1 of v) between them, in
// order; t.mu is held.
func (t *Trace) each(v *rows, from, to int, note func(text string), events func(v *rows, k, n int)) {
	notes := t.heldNotes()
	from, to = max(from, 0), min(to, v.len()+len(notes))
	// Each note's row: after the events recorded before it.
	j := 0 // notes before row from
	for j < len(notes) && v.search(notes[j].at)+j < from {
		j++
	}
	for r := from; r < to; {
		if j < len(notes) && v.search(notes[j].at)+j == r {
			note(notes[j].text)
			j, r = j+1, r+1
			continue
		}
		end := to
		if j < len(notes) {
			end = min(end, v.search(notes[j].at)+j)
		}
		events(v, r-j, end-r)
		r = end
	}
}

// row formats event record n; t.mu is held.
func (t *Trace) row(n uint64) Row {
	t.buf = t.appendEvent(t.buf[:0], n)
	line := string(t.buf[:len(t.buf)-1])
	k, ok := t.log.Kind(n)
	if !ok || line == trace.LostEvent {
		return Row{Line: line}
	}
	return Row{Line: line, Kind: k, Seq: t.log.Seq(n)}
}

// appendEvent appends the line of event record n and a newline, formatted
// straight from the log's records; t.mu is held.
func (t *Trace) appendEvent(dst []byte, n uint64) []byte {
	k := len(dst)
	if dst = t.fmt.AppendLog(dst, t.log, n, n+1); len(dst) == k {
		// Not an event AppendLog formats at all: a row still has a line.
		dst = append(append(dst, trace.LostEvent...), '\n')
	}
	return dst
}

// appendEvents appends the lines of event rows k..k+n-1 of view v, each
// ending in a newline: each run of them that is a run of the log's events
// (every event row, when v is t.all; a function's events between its
// calls, when filtered) formatted from the log in one piece; t.mu is held.
//
// RATIONALE: formatting a run in one piece (Formatter.AppendLog) costs a
// third of formatting its events one by one, each decoded into a
// vm.Event; the lines are the same.
func (t *Trace) appendEvents(dst []byte, v *rows, k, n int) []byte {
	end := k + n
	i := t.all.search(v.at(k)) // v's row k among all rows
	for k < end {
		m := 1
		for k+m < end && i+m < t.all.len() && t.all.at(i+m) == v.at(k+m) {
			m++
		}
		dst = t.fmt.AppendLog(dst, t.log, v.at(k), v.at(k+m-1)+1)
		k += m
		if k < end {
			if i += m; v != &t.all {
				i = t.all.search(v.at(k))
			}
		}
	}
	return dst
}

// Find returns the row, under function fn (fn < 0: all), of the first
// event at instruction count seq or later (the count of rows when there
// is none), for jumping to an instruction.
func (t *Trace) Find(fn int64, seq uint64) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	v := t.view(fn)
	r := v.len()
	if t.log != nil {
		r = v.search(t.log.Seek(seq))
	}
	for _, n := range t.heldNotes() {
		if v.search(n.at) <= r {
			r++
		}
	}
	return r
}

// LastWrite returns the instruction count of the last event held that
// wrote byte addr of memory mem, and whether there is one: what the
// debugger jumps to the trace with.
func (t *Trace) LastWrite(mem int, addr uint64) (seq uint64, ok bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.sync()
	for k := t.all.len() - 1; k >= 0; k-- {
		n := t.all.at(k)
		if m, a, size, isW := t.log.Write(n); isW && int(m) == mem && a <= addr && addr-a < size {
			return t.log.Seq(n), true
		}
	}
	return 0, false
}

// Lines formats rows from..to-1 of the unfiltered trace.
func (t *Trace) Lines(from, to int) []string {
	var out []string
	for _, r := range t.Rows(-1, from, to) {
		out = append(out, r.Line)
	}
	return out
}

// WriteTo writes every row as text, one line each, with a first line
// saying when older events were dropped.
func (t *Trace) WriteTo(w io.Writer) (int64, error) {
	return t.WriteFiltered(w, -1)
}

// WriteFiltered is WriteTo restricted to the rows of function fn (fn < 0:
// all).
func (t *Trace) WriteFiltered(w io.Writer, fn int64) (int64, error) {
	return t.WriteRows(w, fn, 0, t.Count(fn))
}

// WriteRows writes rows from..to-1 of the rows of function fn (fn < 0:
// all) as text, one line each; from 0, a first line says when older
// events were dropped. A large trace is written in parts this way, none
// of which holds the whole text.
func (t *Trace) WriteRows(w io.Writer, fn int64, from, to int) (int64, error) {
	var n int64
	if dropped := t.Total() - uint64(t.Len()); dropped > 0 && from == 0 {
		k, err := io.WriteString(w, dropNotice(dropped)+"\n")
		n += int64(k)
		if err != nil {
			return n, err
		}
	}
	to = min(to, t.Count(fn))
	var buf []byte
	for first := true; from < to; from, first = from+textRows, false {
		buf = t.appendText(buf[:0], fn, from, min(from+textRows, to))
		if g, ok := w.(interface{ Grow(int) }); ok && first && to-from > textRows {
			// A strings.Builder or bytes.Buffer (the page's worker writes
			// a part into one): room for the rest at the first piece's
			// bytes a row, where growing by doubling copies it all again
			// and again (half the time of a part of 100,000 rows).
			g.Grow(len(buf) + len(buf)/textRows*(to-from-textRows)*9/8)
		}
		k, err := w.Write(buf)
		n += int64(k)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// textRows is how many rows WriteRows formats into its buffer at a time
// (a few hundred KiB of text).
const textRows = 4096

// appendText appends rows from..to-1 of the rows of function fn, one line
// each, as Rows formats them.
func (t *Trace) appendText(dst []byte, fn int64, from, to int) []byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.each(t.view(fn), from, to, func(text string) {
		dst = append(append(dst, text...), '\n')
	}, func(v *rows, k, n int) {
		dst = t.appendEvents(dst, v, k, n)
	})
	return dst
}

func dropNotice(n uint64) string {
	return "[" + formatCount(n) + " earlier entries dropped: the trace keeps the most recent ones]"
}

func formatCount(n uint64) string {
	s := []byte{}
	d := 0
	for {
		s = append([]byte{byte('0' + n%10)}, s...)
		n /= 10
		d++
		if n == 0 {
			break
		}
		if d%3 == 0 {
			s = append([]byte{','}, s...)
		}
	}
	return string(s)
}
