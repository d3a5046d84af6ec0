// Package trace formats the engine's observation events as trace lines:
// one line per executed instruction in aligned columns (call depth,
// function, module offset, instruction with immediates, values consumed →
// values produced), plus lines for calls, returns, host calls, memory
// writes and traps. The CLI's --trace and the page's trace pane both use it.
//
// # RATIONALE
//
// Integers print in decimal, with their hex added when it says more than
// the decimal does: negative values (the bit pattern) and values from 1024
// up (addresses, masks, sizes). Floats print in Go's shortest form that
// reads back to the same bits; NaNs show their payload when it is not the
// canonical one. Host-call arguments use the host function's parameter
// names; those named like preview1's pointer parameters print in hex, as
// addresses do everywhere else (fd_write(fd=1, iovs=0x10, iovs_len=1,
// nwritten=0x18) → 0).
//
// The function column widens to the longest Wasm function name seen so far
// (up to a cap), so a long name breaks the alignment once, not on every
// line; host functions' qualified names overflow their own line only.
//
// A text trace formats millions of lines a second, so the Writer's way
// (Attach, Formatter.AppendLog: raw.go) formats straight from the log's
// records, in batches after each slice of the run, into one reused
// buffer written out in large pieces. Decoding each record into an Event
// first (its values as a []Value) had cost a third of the time, and an
// observer called every 256 instructions more. Each instruction's line
// head (depth, function, offset, instruction text, padding) is built once
// per pc; integers are converted by hand (strconv's general conversions
// cost twice as much); the texts of the last numbers converted are cached
// by their low bits, since most values come back a line later (a result,
// then the next instruction's operand); and whole lines are cached by
// instruction and values, since a constant, a loop bound or a
// recursion's lines come back too; the key leaves out the depth, whose
// column is written over the copy, so one entry serves a line at every
// depth. An instruction whose lines keep missing that cache (a counter,
// addresses) stops using it. A line is written into room reserved once,
// by index, its head, a cached line and cached texts as copies of whole
// arrays (a few vector moves natively, one memory.copy under GOOS=js):
// every append's capacity check, and a copy of a length known only at run
// time (a call to memmove, under GOOS=js most of all), cost more. Events the
// raw path does not format itself (host calls, exceptions, traps,
// reference values, values beyond a record's snapshot) go through Event
// and Append, and TestTraceFromLog (package vm) checks that both ways
// write the same lines. Measured with go test -bench AppendLog ./vm (CPU
// time a line, loaded machine, the fastest of runs taking turns): fib 40
// → 30 ns, a byte loop 43 → 37 ns with the copies by index and the
// depth-free keys; under Node 127 → 97 ns and 178 → 140 ns.
package trace

import (
	"io"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
	"github.com/wasmscope/wasmscope/vm/text"
)

// Formatter turns events into lines. Its zero value is ready to use;
// with Module set, instructions print with the module's names ("call
// $fib", "local.get $n") as the text format's printer spells them.
type Formatter struct {
	Module *syntax.Module
	// Source, when set, gives the source position ("main.c:12") of the
	// instruction at a module offset, or ""; instruction lines end with it.
	Source func(offset uint32) string

	nameWidth int
	text      *text.Formatter
	textOf    *syntax.Module
	// lines caches, per instruction met, its line from the function
	// column to the end of the instruction's text, and its source suffix:
	// a traced run executes the same few thousand instructions millions of
	// times, and only the depth and the values differ from one to the next.
	lines map[lineKey]*cachedLine
	raw   rawState // formatting from a log (raw.go)
}

// lineKey names an instruction: its function and module offset.
type lineKey struct{ fn, off uint32 }

// cachedLine is the constant part of an instruction's line.
type cachedLine struct {
	instr     *syntax.Instr // the syntax it was built from
	text      string        // and that syntax's text
	name      string        // the function column's name
	nameWidth int           // the column width mid was built with
	mid       []byte        // function, offset and instruction columns, unpadded
	pad       []byte        // the spaces after mid that start the values column
	source    string        // "  ; file:line", or ""
}

// instr returns the mnemonic and immediates of an instruction of function
// fn.
func (f *Formatter) instr(fn uint32, in *syntax.Instr) string {
	if in == nil {
		return "?"
	}
	f.sync()
	return f.text.Instr(fn, in)
}

// sync makes the text formatter and the line cache those of f.Module.
func (f *Formatter) sync() {
	if f.text == nil || f.textOf != f.Module {
		m := f.Module
		if m == nil {
			m = &syntax.Module{}
		}
		f.text, f.textOf = text.NewFormatter(m), f.Module
		f.lines = map[lineKey]*cachedLine{}
	}
}

// line returns the cached constant part of instruction event e's line,
// building it on first use (or when the function column widened).
func (f *Formatter) line(e *vm.Event) *cachedLine {
	f.sync()
	k := lineKey{e.Func, e.Offset}
	c := f.lines[k]
	if c != nil && c.nameWidth == f.nameWidth && c.name == e.Name {
		if c.instr == e.Instr {
			return c
		}
		// The engine decodes a body again when asked after a while: the
		// instruction at the same module offset is the same. An event
		// made by hand (no offset) has the same line when its
		// instruction reads the same.
		if e.Instr != nil && e.Instr.Offset != 0 && e.Instr.Offset == e.Offset {
			c.instr = e.Instr
			return c
		}
		if t := f.instr(e.Func, e.Instr); t == c.text {
			c.instr = e.Instr
			return c
		}
	}
	c = f.newLine(e.Func, e.Offset, e.Name, e.Instr)
	if len(f.lines) >= maxLines {
		clear(f.lines)
	}
	f.lines[k] = c
	return c
}

// newLine builds the constant part of the line of instruction in at
// module offset off of function fn, named name.
func (f *Formatter) newLine(fn, off uint32, name string, in *syntax.Instr) *cachedLine {
	c := &cachedLine{name: name, nameWidth: f.nameWidth, instr: in, text: f.instr(fn, in)}
	var mid int
	c.mid, mid, c.source = f.appendHead(nil, off, name, c.text)
	c.mid, c.pad = c.mid[:mid:mid], c.mid[mid:]
	return c
}

// appendHead appends the function, offset and instruction columns of
// the line of instruction text at module offset off of function name,
// then the spaces that start the values column; mid is where those
// spaces start. source is the line's end, "  ; file:line" (or "").
func (f *Formatter) appendHead(dst []byte, off uint32, name, text string) (_ []byte, mid int, source string) {
	dst = f.columns(dst, name, off)
	start := len(dst)
	dst = append(dst, text...)
	mid = len(dst)
	dst = column(dst, start, instrWidth)
	if f.Source != nil {
		if where := f.Source(off); where != "" {
			source = "  ; " + where
		}
	}
	return dst, mid, source
}

// maxLines bounds the line cache (a trace of a huge program starts over
// rather than growing without end).
const maxLines = 1 << 16

const (
	minNameWidth = 10
	maxNameWidth = 32
	instrWidth   = 24
)

// Line returns the trace line of e, without a newline.
func (f *Formatter) Line(e *vm.Event) string { return string(f.Append(nil, e)) }

// Append appends the trace line of e, without a newline, to dst.
func (f *Formatter) Append(dst []byte, e *vm.Event) []byte {
	dst = f.prefix(dst, e)
	switch e.Kind {
	case vm.EventInstr:
		c := f.line(e)
		dst = append(dst, c.mid...)
		if len(e.In) > 0 || len(e.Out) > 0 {
			dst = append(dst, c.pad...)
			dst = appendValues(dst, e.In)
			if len(e.In) > 0 {
				dst = append(dst, ' ')
			}
			dst = append(dst, "→"...)
			if len(e.Out) > 0 {
				dst = append(dst, ' ')
				dst = appendValues(dst, e.Out)
			}
		}
		dst = append(dst, c.source...)
	case vm.EventMemWrite:
		dst = appendWrite(dst, e.Mem, e.Addr, e.Len, e.Bytes)
	case vm.EventCall:
		dst = append(dst, "call "...)
		dst = append(dst, e.Name...)
		dst = append(dst, '(')
		dst = appendValues(dst, e.In)
		dst = append(dst, ')')
	case vm.EventReturn:
		dst = append(dst, "return "...)
		dst = append(dst, e.Name...)
		if len(e.Out) > 0 {
			dst = append(dst, " → "...)
			dst = appendValues(dst, e.Out)
		}
	case vm.EventHostCall:
		dst = appendHostCall(dst, e)
	case vm.EventThrow:
		dst = append(dst, "throw "...)
		dst = append(dst, e.Exn.Tag.Name...)
		dst = append(dst, '(')
		dst = appendValues(dst, e.In)
		dst = append(dst, ')')
	case vm.EventCatch:
		dst = append(dst, "catch "...)
		dst = append(dst, e.Exn.Tag.Name...)
	case vm.EventTrap:
		dst = append(dst, "trap: "...)
		if e.Trap != nil {
			dst = append(dst, e.Trap.Msg...)
		}
	}
	return dst
}

// prefix writes the depth column, and the function and offset columns
// except for instructions (whose cached line has them).
func (f *Formatter) prefix(dst []byte, e *vm.Event) []byte {
	// A host function's qualified name would widen the column for every
	// later line; it overflows its own lines instead (its call's, and the
	// writes it reports, which Host marks).
	if e.Kind != vm.EventHostCall && e.Host == nil {
		f.widen(e.Name)
	} else {
		f.widen("")
	}
	dst = appendDepth(dst, e.Depth)
	if e.Kind == vm.EventInstr {
		return dst
	}
	return f.columns(dst, e.Name, e.Offset)
}

// widen makes the function column wide enough for name (up to a cap).
func (f *Formatter) widen(name string) {
	if f.nameWidth < minNameWidth {
		f.nameWidth = minNameWidth
	}
	// (Once at the cap, a longer name changes nothing: the lines cached
	// stay.)
	if n := min(len(name), maxNameWidth); n > f.nameWidth {
		f.nameWidth = n
		// The cached lines have the narrower column.
		clear(f.raw.lines)
	}
}

// appendDepth writes the depth column and the space after it.
func appendDepth(dst []byte, d int) []byte {
	if d >= 0 && d < 1000 {
		// The commonest case without strconv: three columns, right-aligned.
		switch {
		case d < 10:
			return append(dst, ' ', ' ', byte('0'+d), ' ')
		case d < 100:
			return append(dst, ' ', byte('0'+d/10), byte('0'+d%10), ' ')
		default:
			return append(dst, byte('0'+d/100), byte('0'+d/10%10), byte('0'+d%10), ' ')
		}
	}
	start := len(dst)
	dst = strconv.AppendInt(dst, int64(d), 10)
	dst = padLeft(dst, start, 3)
	return append(dst, ' ')
}

// columns writes the function and offset columns.
func (f *Formatter) columns(dst []byte, name string, off uint32) []byte {
	start := len(dst)
	dst = append(dst, name...)
	dst = pad(dst, start, f.nameWidth)
	dst = append(dst, " 0x"...)
	dst = appendHex6(dst, off)
	return append(dst, "  "...)
}

// appendHex6 appends off in hexadecimal, at least six digits.
func appendHex6(dst []byte, off uint32) []byte {
	if off >= 1<<24 {
		return appendHex(dst, uint64(off))
	}
	return append(dst, hexDigits[off>>20&15], hexDigits[off>>16&15], hexDigits[off>>12&15],
		hexDigits[off>>8&15], hexDigits[off>>4&15], hexDigits[off&15])
}

// appendWrite writes a memory write's line after its columns: memory,
// address, the bytes written (the first of them and the length, for a
// bulk or host write).
func appendWrite(dst []byte, mem uint32, addr, n uint64, bytes []byte) []byte {
	start := len(dst)
	dst = append(dst, 'm', 'e', 'm')
	if mem != 0 {
		dst = appendDecimal(dst, uint64(mem))
	}
	dst = append(dst, '[', '0', 'x')
	dst = appendHex(dst, addr)
	dst = append(dst, ']')
	// The column is ASCII: its width is its length.
	for len(dst)-start < instrWidth-1 {
		dst = append(dst, ' ')
	}
	dst = append(dst, ' ', 0xe2, 0x86, 0x90) // ←
	for _, b := range bytes {
		dst = append(dst, ' ', hexDigits[b>>4], hexDigits[b&15])
	}
	if n > uint64(len(bytes)) {
		dst = append(dst, " … ("...)
		dst = appendDecimal(dst, n)
		dst = append(dst, " bytes)"...)
	}
	return dst
}

// pad adds spaces after dst[start:] until it is width runes wide.
func pad(dst []byte, start, width int) []byte {
	for n := width - runeCount(dst[start:]); n > 0; n-- {
		dst = append(dst, ' ')
	}
	return dst
}

// column ends a column of at least width runes with at least one space.
func column(dst []byte, start, width int) []byte {
	return append(pad(dst, start, width-1), ' ')
}

func runeCount(b []byte) int { return utf8.RuneCount(b) }

func padLeft(dst []byte, start, width int) []byte {
	for len(dst)-start < width {
		dst = append(dst[:start+1], dst[start:]...)
		dst[start] = ' '
	}
	return dst
}

const hexDigits = "0123456789abcdef"

func appendValues(dst []byte, vs []vm.Value) []byte {
	for i, v := range vs {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		dst = AppendValue(dst, v)
	}
	return dst
}

// AppendValue appends v as traces show it: vm.AppendValue's form (42,
// 1.5, nan:0x200000, i64x2 1 -1, ref.func $f), with an integer that is
// negative or 1024 or more followed by its bits in hex, as addresses and
// masks read best: -1 (0xffffffff), 65536 (0x10000).
func AppendValue(dst []byte, v vm.Value) []byte {
	switch v.Type.Kind {
	case syntax.KindI32:
		return appendInt(dst, int64(int32(v.Lo)), uint64(uint32(v.Lo)))
	case syntax.KindI64:
		return appendInt(dst, int64(v.Lo), v.Lo)
	}
	return vm.AppendValue(dst, v)
}

// appendInt appends an integer as AppendValue does, s its value, u its
// bits (a trace formats millions: strconv's general conversions cost
// twice these).
func appendInt(dst []byte, s int64, u uint64) []byte {
	if uint64(s) < 1000 {
		// Most values traced are small.
		switch {
		case s < 10:
			return append(dst, byte('0'+s))
		case s < 100:
			return append(dst, byte('0'+s/10), byte('0'+s%10))
		}
		return append(dst, byte('0'+s/100), byte('0'+s/10%10), byte('0'+s%10))
	}
	if s < 0 {
		dst = append(dst, '-')
		dst = appendDecimal(dst, uint64(-s))
	} else {
		dst = appendDecimal(dst, uint64(s))
	}
	if s < 0 || s >= 1024 {
		dst = append(dst, " (0x"...)
		dst = appendHex(dst, u)
		dst = append(dst, ')')
	}
	return dst
}

// digitPairs holds "00" to "99".
const digitPairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879" +
	"8081828384858687888990919293949596979899"

// appendDecimal appends u in decimal, two digits a step, straight into
// dst's spare capacity (a copy through a buffer costs a call to memmove).
func appendDecimal(dst []byte, u uint64) []byte {
	// The digits from the bit length: log10(2) is about 1233/4096, then
	// one comparison (where a loop of comparisons took one a digit).
	t := bits.Len64(u) * 1233 >> 12
	n := t
	if u >= pow10[t] {
		n++
	}
	n = max(n, 1)
	dst = slices.Grow(dst, n)
	start := len(dst)
	dst = dst[:start+n]
	b := dst[start:]
	i := n
	for u >= 100 {
		q := u / 100
		r := (u - q*100) * 2
		i -= 2
		b[i], b[i+1] = digitPairs[r], digitPairs[r+1]
		u = q
	}
	if u >= 10 {
		b[0], b[1] = digitPairs[u*2], digitPairs[u*2+1]
	} else {
		b[0] = byte('0' + u)
	}
	return dst
}

// pow10 holds 10⁰ to 10¹⁹.
var pow10 = func() (t [20]uint64) {
	t[0] = 1
	for i := 1; i < len(t); i++ {
		t[i] = t[i-1] * 10
	}
	return t
}()

// appendHex appends u in hexadecimal, without leading zeros, two digits a
// step.
func appendHex(dst []byte, u uint64) []byte {
	n := max((bits.Len64(u)+3)/4, 1)
	dst = slices.Grow(dst, n)
	start := len(dst)
	dst = dst[:start+n]
	b := dst[start:]
	i := n
	for ; i >= 2; i -= 2 {
		b[i-2], b[i-1] = hexPairs[2*(u&0xff)], hexPairs[2*(u&0xff)+1]
		u >>= 8
	}
	if i == 1 {
		b[0] = hexDigits[u&15]
	}
	return dst
}

// hexPairs holds "00" to "ff".
var hexPairs = func() string {
	b := make([]byte, 0, 512)
	for v := range 256 {
		b = append(b, hexDigits[v>>4], hexDigits[v&15])
	}
	return string(b)
}()

// pointerParams are preview1's parameter names whose values are addresses
// in linear memory; host-call lines print them in hex.
var pointerParams = map[string]bool{
	"argv": true, "argv_buf": true, "argc": true, "argv_buf_size": true,
	"environ": true, "environ_buf": true, "environc": true, "environ_buf_size": true,
	"resolution": true, "time": true, "stat": true, "buf": true, "iovs": true,
	"nread": true, "nwritten": true, "path": true, "bufused": true,
	"newoffset": true, "offset_out": true, "old_path": true, "new_path": true,
	"opened_fd": true, "in": true, "out": true, "nevents": true, "fd_out": true,
	"ri_data": true, "ro_datalen": true, "ro_flags": true, "si_data": true,
	"so_datalen": true,
}

func appendHostCall(dst []byte, e *vm.Event) []byte {
	name := e.Name
	if i := strings.IndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	dst = append(dst, name...)
	dst = append(dst, '(')
	var names []string
	if e.Host != nil {
		names = e.Host.ParamNames
	}
	for i, v := range e.In {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		if i < len(names) {
			dst = append(dst, names[i]...)
			dst = append(dst, '=')
			if pointerParams[names[i]] && v.Type.Kind == syntax.KindI32 {
				dst = append(dst, "0x"...)
				dst = strconv.AppendUint(dst, uint64(uint32(v.Lo)), 16)
				continue
			}
		}
		dst = AppendValue(dst, v)
	}
	dst = append(dst, ')')
	if len(e.Out) > 0 {
		dst = append(dst, " → "...)
		dst = appendValues(dst, e.Out)
	}
	return dst
}

// Writer writes one line per event to an io.Writer, buffered: lines are
// appended to one reused buffer, written out in large pieces.
type Writer struct {
	f   Formatter
	w   io.Writer
	buf []byte
	err error
	// The log Attach records into.
	log     *vm.Log
	logSize int64
}

// writeAt is the size of the pieces a Writer writes: large writes, and a
// buffer that stays in the processor's caches.
const writeAt = 64 << 10

// LogBytes is the size of the log a Writer records executions into
// (Attach): the execution runs slices of an eighth of its records (8,192
// instructions with 16-byte records) between two batches of lines, whose
// records are still in the processor's caches when they are formatted
// (measured on fib and a byte loop, with 32-byte records: 256 KiB to 1
// MiB did as well, 4 to 16 MiB 5-20% worse).
const LogBytes = 1 << 20

// logPiece is how many records a Writer formats between two checks of
// its buffer (about 80 KiB of text).
const logPiece = 1024

// NewWriter returns a Writer to w for executions of module m (nil: print
// indices instead of names); Attach it to each execution to trace (or
// give its Observe method to Execution.SetObserver) and call Flush when
// the run ends.
func NewWriter(w io.Writer, m *syntax.Module) *Writer {
	return &Writer{f: Formatter{Module: m}, w: w, buf: make([]byte, 0, writeAt+4096), logSize: LogBytes}
}

// SetSource makes instruction lines end with the source position source
// gives for their offset (see Formatter.Source).
func (t *Writer) SetSource(source func(offset uint32) string) { t.f.Source = source }

// SetLogBytes sets the size of the log Attach records into (before the
// first Attach).
func (t *Writer) SetLogBytes(n int64) { t.logSize = n }

// Attach makes ex record into the Writer's log and the Writer write the
// lines of its events, formatted straight from the log's records, after
// each slice of the run: the fast way to trace an execution. Executions
// attached one after another (a WASI program's start function, then
// _start) share the log.
func (t *Writer) Attach(ex *vm.Execution) {
	if t.log == nil {
		t.log = vm.NewLog(t.logSize)
	}
	ex.SetLog(t.log)
	ex.SetBatchObserver(t.observeLog)
}

// observeLog writes the lines of records from to to of l.
func (t *Writer) observeLog(l *vm.Log, from, to uint64) {
	for from < to && t.err == nil {
		end := min(to, from+logPiece)
		t.buf = t.f.AppendLog(t.buf, l, from, end)
		from = end
		if len(t.buf) >= writeAt {
			t.write()
		}
	}
}

// Observe writes e's line. The first write error stops further output and
// is reported by Flush.
func (t *Writer) Observe(e *vm.Event) {
	if t.err != nil {
		return
	}
	t.buf = t.f.Append(t.buf, e)
	t.buf = append(t.buf, '\n')
	if len(t.buf) >= writeAt {
		t.write()
	}
}

// write writes out the lines buffered (nothing once a write failed).
func (t *Writer) write() {
	if t.err == nil {
		_, t.err = t.w.Write(t.buf)
	}
	t.buf = t.buf[:0]
}

// Flush writes out buffered lines and returns the first error met.
func (t *Writer) Flush() error {
	t.write()
	return t.err
}
