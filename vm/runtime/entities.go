package runtime

import (
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// PageSize is the size of a Wasm memory page in bytes.
const PageSize = 65536

// Func is a function instance: a Wasm function of an instance (its code is
// the engine's: see Instance.Exec) or a host function (Host is set).
type Func struct {
	Type syntax.FuncType
	Host *HostFunc
	Inst *Instance // the defining instance of a Wasm function
	// Index is the function's index in its defining module.
	Index uint32
	// Name is the name stack traces show: the name section's, else
	// func[i]; module.name for host functions.
	Name string
	Addr uint32 // index in Store.Funcs
	// TypeID is Type's canonical ID in the store (call_indirect, call_ref
	// casts and imports compare it; see types.go).
	TypeID uint32
}

// Memory is a linear memory instance.
type Memory struct {
	Type syntax.MemType
	Data []byte
	Max  uint64 // pages: the type's maximum, capped by the store's limit
	// budget is charged for Data's capacity (nil: unbudgeted); what names
	// the memory in budget errors.
	budget *Budget
	what   string
}

// NewMemory returns a memory of the given type, with at most limit pages,
// outside any budget (host modules and tests make their own memories; see
// Store.NewMemory for a budgeted one).
func NewMemory(t syntax.MemType, limit uint64) *Memory {
	m, _ := newMemory(t, limit, nil, "")
	return m
}

func newMemory(t syntax.MemType, limit uint64, b *Budget, what string) (*Memory, error) {
	max := limit
	if t.Limits.HasMax && t.Limits.Max < max {
		max = t.Limits.Max
	}
	n := t.Limits.Min * PageSize
	if err := b.Charge(int64(n), what); err != nil {
		return nil, err
	}
	return &Memory{Type: t, Data: make([]byte, n), Max: max, budget: b, what: what}, nil
}

// Pages returns the memory's current size in pages.
func (m *Memory) Pages() uint64 { return uint64(len(m.Data)) / PageSize }

// Grow adds delta pages and returns the old size, or -1 (leaving the memory
// as it was) when the result would exceed the maximum or the store's
// budget. Capacity grows geometrically (see grow), so growing page by page
// copies the memory O(log n) times and holds at most about 2.25 times its
// size while it copies.
func (m *Memory) Grow(delta uint64) int64 {
	old := m.Pages()
	if delta > m.Max || old+delta > m.Max {
		return -1
	}
	if delta == 0 {
		return int64(old)
	}
	if !grow(&m.Data, (old+delta)*PageSize, m.Max*PageSize, 1, m.budget, m.what) {
		return -1
	}
	return int64(old)
}

// Table is a table instance: references as slot values (see the package
// documentation).
type Table struct {
	Type  syntax.TableType
	Elem  syntax.ValType // Type.Elem with a type index made canonical
	Elems []uint64
	Max   uint64
	// budget is charged for Elems' capacity (nil: unbudgeted); what names
	// the table in budget errors.
	budget *Budget
	what   string
}

// NewTable returns a table of the given type whose elements are init, with
// at most limit elements, outside any budget (see Store.NewTable for a
// budgeted one).
func NewTable(t syntax.TableType, limit uint64, init uint64) *Table {
	tb, _ := newTable(t, limit, init, nil, "")
	return tb
}

func newTable(t syntax.TableType, limit uint64, init uint64, b *Budget, what string) (*Table, error) {
	max := limit
	if t.Limits.HasMax && t.Limits.Max < max {
		max = t.Limits.Max
	}
	if err := b.Charge(int64(t.Limits.Min)*8, what); err != nil {
		return nil, err
	}
	tb := &Table{Type: t, Elem: t.Elem, Elems: make([]uint64, t.Limits.Min), Max: max, budget: b, what: what}
	if init != 0 {
		for i := range tb.Elems {
			tb.Elems[i] = init
		}
	}
	return tb, nil
}

// Grow adds delta elements set to init and returns the old size, or -1 when
// the result would exceed the maximum or the store's budget.
func (t *Table) Grow(delta uint64, init uint64) int64 {
	old := uint64(len(t.Elems))
	if delta > t.Max || old+delta > t.Max {
		return -1
	}
	if !grow(&t.Elems, old+delta, t.Max, 8, t.budget, t.what) {
		return -1
	}
	for i := old; i < old+delta; i++ {
		t.Elems[i] = init
	}
	return int64(old)
}

// collectAbove is the size of a discarded array (bytes) above which grow
// has Go collect it and return it to the system at once: left to the
// collector's pacing, the old arrays of a memory grown page by page pile up
// to 3-4 times its size before a collection (GOGC=100 lets the heap
// double); under GOOS=js that is Wasm memory the tab never gets back.
// Measured growing a memory page by page to 1 GiB (each page written)
// natively: peak RSS 3.8 GB with append; 2.2 GB collecting (runtime.GC);
// 2.0 GB collecting and returning (1.2 GB once grown).
const collectAbove = 32 << 20

// grow lengthens *p to n elements of elemSize bytes (new elements zero),
// charging b for any new capacity. Capacity grows by a quarter at least,
// up to max: enough to copy O(log n) times when grown one page at a time,
// while holding at most 2.25 times the size during the copy and wasting at
// most a quarter after it. When the budget cannot cover the quarter it
// takes what is left; it reports false when n does not fit (*p is
// unchanged and nothing is charged).
//
// Capacity past the length is zero and stays zero (a memory or table never
// shrinks and nothing writes past its length), so lengthening within it
// needs no clearing.
func grow[T any](p *[]T, n, max uint64, elemSize int64, b *Budget, what string) bool {
	c := uint64(cap(*p))
	if n <= c {
		*p = (*p)[:n]
		return true
	}
	nc := c + c/4
	if nc > max {
		nc = max
	}
	if nc < n {
		nc = n
	}
	if !b.fits(int64(nc-c) * elemSize) {
		// Take what the budget has left: later grows then fit the
		// capacity instead of copying the whole array each time.
		nc = min(max, c+uint64(b.limit-b.used)/uint64(elemSize))
		if nc < n {
			b.refuse(what, int64(n-c)*elemSize, int64(n)*elemSize)
			return false
		}
	}
	if b.Charge(int64(nc-c)*elemSize, what) != nil {
		b.refuse(what, int64(nc-c)*elemSize, int64(n)*elemSize)
		return false
	}
	ns := make([]T, n, nc)
	copy(ns, *p)
	*p = ns
	if int64(c)*elemSize >= collectAbove {
		debug.FreeOSMemory()
	}
	return true
}

// Global is a global instance; Hi holds the upper half of a v128.
type Global struct {
	Type   syntax.GlobalType
	Canon  syntax.ValType // Type.Type with a type index made canonical
	Lo, Hi uint64
}

// Instance is a module instance: its index spaces resolved to entities.
type Instance struct {
	Module  *syntax.Module
	Store   *Store
	Types   []syntax.FuncType // by type index; zero for non-function types
	TypeIDs []uint32          // the canonical ID of each type
	Funcs   []*Func
	Tables  []*Table
	Mems    []*Memory
	Globals []*Global
	Tags    []*Tag
	// Elems holds each element segment's references, nil once dropped;
	// Datas each data segment's bytes, nil once dropped.
	Elems   [][]uint64
	Datas   [][]byte
	Exports map[string]Extern
	// Exec is the engine's state for the instance: its functions' code
	// (package exec's typed function table).
	Exec any
}

// StackFrame is one frame of a trap's stack trace.
type StackFrame struct {
	Func   uint32 // function index in its module
	Name   string // name section's name, else func[i]
	Offset uint32 // module byte offset of the instruction
}

// Trap is a Wasm trap: the specification's message and the Wasm stack
// trace, innermost frame first.
type Trap struct {
	Msg   string
	Stack []StackFrame
}

func (t *Trap) Error() string { return t.Msg }

// Trace returns the message followed by one line per frame, like
// "  at $fib (wasm-function[3]:0x1a3)", innermost first. A run of identical
// frames (unbounded recursion) prints once with a count, and a trace longer
// than traceHead+traceTail lines keeps its two ends: a trap after 10,000
// calls must not bury its own message in a console or a terminal.
func (t *Trap) Trace() string {
	type line struct {
		frame  StackFrame
		repeat int // further identical frames folded into this line
	}
	var lines []line
	for _, f := range t.Stack {
		if n := len(lines); n > 0 && lines[n-1].frame == f {
			lines[n-1].repeat++
			continue
		}
		lines = append(lines, line{frame: f})
	}
	var b strings.Builder
	b.WriteString(t.Msg)
	write := func(l line) {
		f := l.frame
		b.WriteString("\n  at ")
		b.WriteString(f.Name)
		b.WriteString(" (wasm-function[")
		b.WriteString(strconv.FormatUint(uint64(f.Func), 10))
		b.WriteString("]:0x")
		b.WriteString(strconv.FormatUint(uint64(f.Offset), 16))
		b.WriteString(")")
		if l.repeat > 0 {
			b.WriteString(" ×")
			b.WriteString(strconv.Itoa(l.repeat + 1))
		}
	}
	if len(lines) <= traceHead+traceTail {
		for _, l := range lines {
			write(l)
		}
		return b.String()
	}
	for _, l := range lines[:traceHead] {
		write(l)
	}
	omitted := 0
	for _, l := range lines[traceHead : len(lines)-traceTail] {
		omitted += 1 + l.repeat
	}
	b.WriteString("\n  ... ")
	b.WriteString(strconv.Itoa(omitted))
	b.WriteString(" more frames ...")
	for _, l := range lines[len(lines)-traceTail:] {
		write(l)
	}
	return b.String()
}

// The frames a long trace keeps at its innermost and outermost ends.
const (
	traceHead = 20
	traceTail = 10
)

// LinkError reports an import that cannot be resolved or does not match.
type LinkError struct {
	Module, Name string
	Msg          string // "unknown import" or "incompatible import type"
}

func (e *LinkError) Error() string {
	return e.Msg + " " + strconv.Quote(e.Module) + " " + strconv.Quote(e.Name)
}
