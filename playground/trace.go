package playground

import (
	"io"
	"sync"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
	"github.com/wasmscope/wasmscope/vm/trace"
)

// Trace is a ring buffer of the engine's events: the most recent Cap are
// kept, the count of the older ones is remembered. Lines are formatted
// only when shown or downloaded.
//
// RATIONALE: a traced run executes millions of instructions; copying an
// event into a ring slot whose slices are reused costs no allocation,
// while formatting every event to text would cost more than running it.
// Only the rows on screen are ever formatted in the page.
type Trace struct {
	mu    sync.Mutex
	limit int // entries kept at most; the ring grows to it as events come
	ring  []entry
	next  int    // slot of the next entry
	total uint64 // entries ever added
	fmt   trace.Formatter
}

type entry struct {
	ev   vm.Event
	note string // a playground note instead of an event when not ""
}

// NewTrace returns a ring that keeps limit entries (at least 1), whose
// lines name functions and locals from module m (nil: by index). The ring
// grows as events come, so a session that traces little costs little.
func NewTrace(limit int, m *syntax.Module) *Trace {
	if limit < 1 {
		limit = 1
	}
	return &Trace{limit: limit, fmt: trace.Formatter{Module: m}}
}

// Observe records an event; it is the engine's observer.
func (t *Trace) Observe(ev *vm.Event) {
	t.mu.Lock()
	e := t.slot()
	in, out, b := e.ev.In[:0], e.ev.Out[:0], e.ev.Bytes[:0]
	e.ev = *ev
	e.ev.In = append(in, ev.In...)
	e.ev.Out = append(out, ev.Out...)
	e.ev.Bytes = append(b, ev.Bytes...)
	e.note = ""
	t.mu.Unlock()
}

// Note records a line of the playground's own ("trap: ...").
func (t *Trace) Note(text string) {
	t.mu.Lock()
	e := t.slot()
	e.ev = vm.Event{In: e.ev.In[:0], Out: e.ev.Out[:0], Bytes: e.ev.Bytes[:0]}
	e.note = text
	t.mu.Unlock()
}

// slot returns the entry to overwrite; t.mu is held.
func (t *Trace) slot() *entry {
	t.total++
	if len(t.ring) < t.limit {
		t.ring = append(t.ring, entry{})
		return &t.ring[len(t.ring)-1]
	}
	e := &t.ring[t.next]
	t.next = (t.next + 1) % len(t.ring)
	return e
}

// Len returns the number of entries kept.
func (t *Trace) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.ring)
}

// Total returns the number of entries ever recorded; Total()-Len() were
// dropped from the front.
func (t *Trace) Total() uint64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.total
}

// at returns kept entry i (0 is the oldest kept); t.mu is held.
func (t *Trace) at(i int) *entry {
	if len(t.ring) < t.limit {
		return &t.ring[i]
	}
	return &t.ring[(t.next+i)%len(t.ring)]
}

// Filter selects entries; nil keeps all.
type Filter func(ev *vm.Event) bool

// FuncFilter keeps the entries of function index fn (the instructions
// executed in it, calls into it and its returns).
func FuncFilter(fn uint32) Filter {
	return func(ev *vm.Event) bool { return ev.Func == fn && ev.Kind != vm.EventHostCall }
}

// Select returns the indexes of the kept entries that f keeps, in order.
// Notes pass every filter.
func (t *Trace) Select(f Filter) []int {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []int
	for i := range t.ring {
		e := t.at(i)
		if f == nil || e.note != "" || f(&e.ev) {
			out = append(out, i)
		}
	}
	return out
}

// Lines formats the kept entries from..to-1 (indexes as Len counts them).
func (t *Trace) Lines(from, to int) []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	from, to = max(from, 0), min(to, len(t.ring))
	var out []string
	for i := from; i < to; i++ {
		out = append(out, t.line(t.at(i)))
	}
	return out
}

// Line formats kept entry i.
func (t *Trace) Line(i int) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if i < 0 || i >= len(t.ring) {
		return ""
	}
	return t.line(t.at(i))
}

// Entry formats kept entry i and says what it is: the event's kind, or a
// note of the playground's own.
func (t *Trace) Entry(i int) (line string, kind vm.EventKind, note bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if i < 0 || i >= len(t.ring) {
		return "", 0, false
	}
	e := t.at(i)
	return t.line(e), e.ev.Kind, e.note != ""
}

func (t *Trace) line(e *entry) string {
	if e.note != "" {
		return e.note
	}
	return t.fmt.Line(&e.ev)
}

// WriteTo writes the kept entries f selects as text, one line each, with
// a first line saying how many older entries were dropped.
func (t *Trace) WriteTo(w io.Writer) (int64, error) {
	return t.WriteFiltered(w, nil)
}

// WriteFiltered is WriteTo restricted to the entries f keeps.
func (t *Trace) WriteFiltered(w io.Writer, f Filter) (int64, error) {
	idx := t.Select(f)
	var n int64
	t.mu.Lock()
	dropped := t.total - uint64(len(t.ring))
	t.mu.Unlock()
	if dropped > 0 {
		k, err := io.WriteString(w, dropNotice(dropped)+"\n")
		n += int64(k)
		if err != nil {
			return n, err
		}
	}
	for _, i := range idx {
		k, err := io.WriteString(w, t.Line(i)+"\n")
		n += int64(k)
		if err != nil {
			return n, err
		}
	}
	return n, nil
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
