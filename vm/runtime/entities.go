package runtime

import (
	"strconv"
	"strings"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// PageSize is the size of a Wasm memory page in bytes.
const PageSize = 65536

// Func is a function instance: a Wasm function of an instance (Code is its
// compiled form, set by the engine) or a host function (Host is set).
type Func struct {
	Type syntax.FuncType
	Host *HostFunc
	Inst *Instance // the defining instance of a Wasm function
	// Index is the function's index in its defining module.
	Index uint32
	// Name is the name stack traces show: the name section's, else
	// func[i]; module.name for host functions.
	Name string
	Code any
	Addr uint32 // index in Store.Funcs
	// TypeID identifies Type in the store: equal signatures, equal IDs
	// (call_indirect compares them).
	TypeID uint32
}

// Memory is a linear memory instance.
type Memory struct {
	Type syntax.MemType
	Data []byte
	Max  uint64 // pages: the type's maximum, capped by the store's limit
}

// NewMemory returns a memory of the given type, with at most limit pages.
func NewMemory(t syntax.MemType, limit uint64) *Memory {
	max := limit
	if t.Limits.HasMax && t.Limits.Max < max {
		max = t.Limits.Max
	}
	return &Memory{Type: t, Data: make([]byte, t.Limits.Min*PageSize), Max: max}
}

// Pages returns the memory's current size in pages.
func (m *Memory) Pages() uint64 { return uint64(len(m.Data)) / PageSize }

// Grow adds delta pages and returns the old size, or -1 (leaving the memory
// as it was) when the result would exceed the maximum.
func (m *Memory) Grow(delta uint64) int64 {
	old := m.Pages()
	if delta > m.Max || old+delta > m.Max {
		return -1
	}
	if delta > 0 {
		// append grows capacity geometrically, so repeated small grows
		// copy the memory only O(log n) times.
		m.Data = append(m.Data, make([]byte, delta*PageSize)...)
	}
	return int64(old)
}

// Table is a table instance: references as slot values (see the package
// documentation).
type Table struct {
	Type  syntax.TableType
	Elems []uint64
	Max   uint64
}

// NewTable returns a table of the given type whose elements are init, with
// at most limit elements.
func NewTable(t syntax.TableType, limit uint64, init uint64) *Table {
	max := limit
	if t.Limits.HasMax && t.Limits.Max < max {
		max = t.Limits.Max
	}
	tb := &Table{Type: t, Elems: make([]uint64, t.Limits.Min), Max: max}
	if init != 0 {
		for i := range tb.Elems {
			tb.Elems[i] = init
		}
	}
	return tb
}

// Grow adds delta elements set to init and returns the old size, or -1 when
// the result would exceed the maximum.
func (t *Table) Grow(delta uint64, init uint64) int64 {
	old := uint64(len(t.Elems))
	if delta > t.Max || old+delta > t.Max {
		return -1
	}
	for i := uint64(0); i < delta; i++ {
		t.Elems = append(t.Elems, init)
	}
	return int64(old)
}

// Global is a global instance; Hi holds the upper half of a v128.
type Global struct {
	Type   syntax.GlobalType
	Lo, Hi uint64
}

// Instance is a module instance: its index spaces resolved to entities.
type Instance struct {
	Module  *syntax.Module
	Store   *Store
	Types   []syntax.FuncType // by type index; zero for non-function types
	TypeIDs []uint32          // the store's ID of each type
	Funcs   []*Func
	Tables  []*Table
	Mems    []*Memory
	Globals []*Global
	// Elems holds each element segment's references, nil once dropped;
	// Datas each data segment's bytes, nil once dropped.
	Elems   [][]uint64
	Datas   [][]byte
	Exports map[string]Extern
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
