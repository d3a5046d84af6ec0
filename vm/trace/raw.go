package trace

import (
	"encoding/binary"
	"slices"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Formatting straight from a log's records (vm.Log.Raws), the text
// trace's path: the lines are those Append writes for the events the
// records decode to, but an instruction's line is its cached constant part
// (by code and pc: no map) with the values appended from the record's
// slots by the instruction's types, decoded once per pc, or the whole
// line from the line cache when it was written before. Calls, returns
// and memory writes are formatted the same way; the rare rest (host calls,
// traps, exceptions, instructions with reference values or more than a
// snapshot's slots) is decoded into an Event and formatted by Append.

// rawBatch is how many events AppendLog decodes from the log at a time
// (a few pages: they stay in the first-level cache).
const rawBatch = 128

// rawCode is what the raw path caches of one code of a log.
type rawCode struct {
	name            string
	params, results []syntax.ValType
	// refs: the parameters or results hold references, which need the
	// store to print: calls and returns go through Event.
	refs  bool
	lines []*rawLine // by pc, built on first use
	// cols is the function column, padded to colsWidth, and " 0x": the
	// start of a call's, return's or write's line after the depth.
	cols      []byte
	colsWidth int
	// call and ret follow the offset column on a call's and a return's
	// line: "  call $f(", "  return $f".
	call, ret []byte
	// calls and rets name its calls' and returns' lines in the line cache.
	calls, rets struct {
		id    uint32
		stats cacheStats
	}
}

// rawLine is an instruction's cached line and what its values need.
type rawLine struct {
	nameWidth int // the function column's width it was built with
	// head is the line up to its values: the depth column (for depth),
	// the function, offset and instruction columns, and the spaces before
	// the values; head[:noVals] is the line of an instruction without
	// values.
	head   []byte
	depth  int
	noVals int
	source string // "  ; file:line", or ""
	in     []syntax.ValType
	out    []syntax.ValType
	nin    int // slots
	nout   int
	// event: the values are beyond what Raw holds (more slots than a
	// snapshot, references): the line goes through Event. vec: they
	// include a v128.
	event, vec bool
	// inKinds and outKinds are in's and out's kinds (without a v128,
	// one a slot).
	inKinds, outKinds [snapSlots]syntax.Kind
	// mIn and mOut mask the snapshots' slots to those its values use.
	mIn, mOut [snapSlots]uint64
	// fast: the line is formatted by appendInstr's fast path, from
	// fixed, the head padded with spaces, reserving room bytes in the
	// buffer first.
	fast  bool
	room  int
	fixed [headFixed]byte
	// id names it in the line cache (see appendInstr), whose answers
	// for it stats counts; runs counts its lines up to 2 (a line is
	// cached once it runs again).
	id    uint32
	runs  uint8
	stats cacheStats
}

// shown returns how many of its result slots instruction r's line shows
// (none before the next instruction's record has them) and how much of
// rl.head the line starts with: past noVals, the values follow.
func (rl *rawLine) shown(r *vm.Raw) (nout, head int) {
	if r.HasAfter {
		nout = rl.nout
	}
	head = rl.noVals
	if rl.nin > 0 || nout > 0 {
		head = len(rl.head)
	}
	return nout, head
}

// maxMisses is how many more misses than four times its hits an
// instruction may have in the line cache before it stops looking.
const maxMisses = 256

// maxLast is the longest line the line cache keeps.
const maxLast = 144

// rawState is a Formatter's cache for the log it formats from.
type rawState struct {
	log   *vm.Log
	codes []*rawCode // by the log's code id
	ev    vm.Event   // for the events formatted through Append
	raws  []vm.Raw   // the batch being formatted
	slots []uint64   // its values
	nums  numCache
	lines []lineEntry // the line cache
	// lineIDs counts the ids given out for the line cache.
	lineIDs uint32
	// Where rawLines and their heads are allocated, and where a head is
	// built.
	lineSlab []rawLine
	byteSlab []byte
	scratch  []byte
}

// code returns the cached description of code id of l (nil when l has
// none).
func (f *Formatter) code(l *vm.Log, id uint32) *rawCode {
	if int(id) < len(f.raw.codes) {
		if c := f.raw.codes[id]; c != nil {
			return c
		}
	}
	_, name, typ, pcs, ok := l.CodeInfo(id)
	if !ok {
		return nil
	}
	c := &rawCode{name: name, params: typ.Params, results: typ.Results,
		refs: hasRef(typ.Params) || hasRef(typ.Results), lines: make([]*rawLine, pcs),
		call: []byte("  call " + name + "("), ret: []byte("  return " + name)}
	for int(id) >= len(f.raw.codes) {
		f.raw.codes = append(f.raw.codes, nil)
	}
	f.raw.codes[id] = c
	f.raw.lineIDs += 2
	c.calls.id, c.rets.id = f.raw.lineIDs-1, f.raw.lineIDs
	// The first event of a function widens the column as Append's would.
	f.widen(name)
	return c
}

// codeColumns returns c's function column, padded to the current width,
// and " 0x".
func (f *Formatter) codeColumns(c *rawCode) []byte {
	if c.colsWidth != f.nameWidth || c.cols == nil {
		c.cols = append(pad([]byte(c.name), 0, f.nameWidth), " 0x"...)
		c.colsWidth = f.nameWidth
	}
	return c.cols
}

func hasRef(ts []syntax.ValType) bool {
	for _, t := range ts {
		if t.IsRef() {
			return true
		}
	}
	return false
}

func hasVec(ts []syntax.ValType) bool {
	for _, t := range ts {
		if t.Kind == syntax.KindV128 {
			return true
		}
	}
	return false
}

func slots(ts []syntax.ValType) int {
	n := 0
	for _, t := range ts {
		n++
		if t.Kind == syntax.KindV128 {
			n++
		}
	}
	return n
}

// snapSlots is how many slots a Raw's snapshot holds.
const snapSlots = len(vm.Raw{}.Before)

// rawLine builds the cached line of instruction pc of code c (id in l),
// or returns nil when there is no such instruction.
func (f *Formatter) rawLine(l *vm.Log, c *rawCode, id, pc uint32) *rawLine {
	if int(pc) >= len(c.lines) {
		return nil
	}
	info, ok := l.InstrInfo(id, pc)
	if !ok {
		return nil
	}
	f.sync()
	rl := f.newRawLine()
	f.raw.lineIDs++
	*rl = rawLine{id: f.raw.lineIDs, nameWidth: f.nameWidth, in: info.In, out: info.Out, nin: slots(info.In), nout: slots(info.Out)}
	b := appendDepth(f.raw.scratch[:0], 0)
	b, rl.noVals, rl.source = f.appendHead(b, info.Offset, info.Name, f.instr(info.Func, info.Instr))
	f.raw.scratch = b
	rl.head = f.keep(b, headCopy)
	rl.event = rl.nin > snapSlots || rl.nout > snapSlots || hasRef(info.In) || hasRef(info.Out)
	rl.vec = hasVec(info.In) || hasVec(info.Out)
	if len(b) <= headFixed && !rl.vec {
		rl.fast = true
		for k := copy(rl.fixed[:], b); k < len(rl.fixed); k++ {
			rl.fixed[k] = ' '
		}
		// The head's fixed copy, then each slot's separator and a
		// number's whole text (putText copies all of it), the arrow, the
		// source and the newline; at least a cached line's whole copy.
		rl.room = max(headFixed+2*snapSlots*(2+len(numText{}.text))+8+len(rl.source), maxLast)
	}
	for k := range snapSlots {
		if k < len(info.In) {
			rl.inKinds[k] = info.In[k].Kind
		}
		if k < len(info.Out) {
			rl.outKinds[k] = info.Out[k].Kind
		}
		if k < rl.nin {
			rl.mIn[k] = ^uint64(0)
		}
		if k < rl.nout {
			rl.mOut[k] = ^uint64(0)
		}
	}
	c.lines[pc] = rl
	return rl
}

// AppendLog appends the lines of the events of l whose head records are
// from record from up to to, each ending in a newline: the lines Append
// writes for the events l.Event decodes, formatted straight from the
// records, and LostEvent for those it no longer can. It reads records past to (an instruction's results are in the
// next record of its frame), so a log is formatted in any pieces.
func (f *Formatter) AppendLog(dst []byte, l *vm.Log, from, to uint64) []byte {
	if f.raw.log != l {
		f.raw = rawState{log: l, raws: make([]vm.Raw, 0, rawBatch), lines: make([]lineEntry, lineCacheSize)}
	}
	for from < to {
		f.raw.raws, f.raw.slots, from = l.Raws(f.raw.raws[:0], f.raw.slots[:0], from, to)
		if len(f.raw.raws) == 0 {
			break
		}
		dst = f.appendRaws(dst, l, f.raw.raws)
	}
	return dst
}

// newRawLine returns a new rawLine, allocated with many others: a
// program's start-up may run a hundred thousand instructions once each.
func (f *Formatter) newRawLine() *rawLine {
	if len(f.raw.lineSlab) == cap(f.raw.lineSlab) {
		f.raw.lineSlab = make([]rawLine, 0, 256)
	}
	f.raw.lineSlab = f.raw.lineSlab[:len(f.raw.lineSlab)+1]
	return &f.raw.lineSlab[len(f.raw.lineSlab)-1]
}

// keep returns a copy of b, allocated with many others, with room for at
// least size bytes (see appendHeadOf).
func (f *Formatter) keep(b []byte, size int) []byte {
	size = max(size, len(b))
	if size > cap(f.raw.byteSlab)-len(f.raw.byteSlab) {
		f.raw.byteSlab = make([]byte, 0, max(size, 32<<10))
	}
	n := len(f.raw.byteSlab)
	f.raw.byteSlab = append(f.raw.byteSlab, b...)
	f.raw.byteSlab = f.raw.byteSlab[:n+size]
	return f.raw.byteSlab[n : n+len(b) : n+size]
}

// headCopy is the room kept after a line's head for appendHeadOf.
const headCopy = 80

// appendHeadOf appends head, a line's head (keep gave it a capacity of
// headCopy when it is no longer), by copying headCopy bytes into dst's
// spare capacity: a fixed-size copy is a few moves, where append calls
// memmove.
func appendHeadOf(dst, head []byte) []byte {
	if len(head) > headCopy || cap(head) < headCopy {
		return append(dst, head...)
	}
	dst = slices.Grow(dst, headCopy)
	n := len(dst)
	*(*[headCopy]byte)(dst[n : n+headCopy]) = *(*[headCopy]byte)(head[:headCopy])
	return dst[:n+len(head)]
}

// appendRaws appends the lines of events rs of l, each ending in a
// newline.
func (f *Formatter) appendRaws(dst []byte, l *vm.Log, rs []vm.Raw) []byte {
	// Two calls in the loop, the rare events' work in appendEvent: under
	// GOOS=js a loop with more call sites ran slower (one with a second
	// appendInstr call for the commonest case took 60% longer a line
	// under Node; this split takes 3-5% less than the loop with all
	// events' work in it, natively too).
	for i := range rs {
		r := &rs[i]
		if rl := f.builtLine(r); rl != nil {
			dst = f.appendInstr(dst, r, rl)
		} else {
			dst = f.appendEvent(dst, l, r)
		}
	}
	return dst
}

// builtLine returns the cached part of instruction r's line when it is
// built, current and formatted by appendInstr, else nil.
func (f *Formatter) builtLine(r *vm.Raw) *rawLine {
	if r.Kind != vm.EventInstr || int(r.ID) >= len(f.raw.codes) {
		return nil
	}
	c := f.raw.codes[r.ID]
	if c == nil || int(r.At) >= len(c.lines) {
		return nil
	}
	if rl := c.lines[r.At]; rl != nil && rl.nameWidth == f.nameWidth && !rl.event {
		return rl
	}
	return nil
}

// appendEvent appends the line of event r of l, for which builtLine has
// no line, ending in a newline.
func (f *Formatter) appendEvent(dst []byte, l *vm.Log, r *vm.Raw) []byte {
	var c *rawCode
	switch {
	case r.Kind == vm.EventInstr, r.Kind == vm.EventCall, r.Kind == vm.EventReturn,
		r.Kind == vm.EventMemWrite && !r.ByHost: // a host's is named by Event
		if int(r.ID) < len(f.raw.codes) {
			c = f.raw.codes[r.ID]
		}
		if c == nil {
			c = f.code(l, r.ID)
		}
	}
	switch {
	case c == nil:
	case r.Kind == vm.EventInstr:
		var rl *rawLine
		if int(r.At) < len(c.lines) {
			rl = c.lines[r.At]
		}
		if rl == nil || rl.nameWidth != f.nameWidth {
			if rl = f.rawLine(l, c, r.ID, r.At); rl == nil {
				return dst // as Event, which decodes nothing for it
			}
		}
		if rl.event {
			break
		}
		return f.appendInstr(dst, r, rl)
	case c.refs:
	case r.Kind == vm.EventCall || r.Kind == vm.EventReturn:
		return f.appendCall(dst, r, c)
	case r.Kind == vm.EventMemWrite:
		dst = f.appendCallHead(dst, r, c, twoSpaces)
		var b [16]byte
		for k := range b {
			b[k] = byte(r.Data[k/8] >> (8 * (k % 8)))
		}
		dst = appendWrite(dst, r.Mem, r.Addr, r.Len, b[:min(r.Len, 16)])
		return append(dst, '\n')
	}
	if l.Event(r.Rec, &f.raw.ev) {
		dst = f.Append(dst, &f.raw.ev)
	} else {
		dst = append(dst, LostEvent...)
	}
	return append(dst, '\n')
}

// LostEvent is the line of an event the log holds but can no longer
// decode (a throw or catch whose exception left the log's table of
// them): a reader that maps lines to events still gets one line each.
const LostEvent = "[an event whose values left the ring]"

// appendInstr appends instruction r's line, whose cached part is rl:
// the same line again when the line cache has it (the same instruction
// with the same values; the depth column is written over the copy), else
// a new one.
//
// The fast path reserves the line's room once and writes into it by
// index: the head, a cached line or a number's cached text as a copy of
// a whole array (a struct's field), which the compiler makes a few vector
// moves natively and one memory.copy instruction under GOOS=js. A copy of
// a length known only at run time (a call to memmove), a copy between
// slices (memmove too: they may overlap), and every append's own capacity
// check, cost more, a call most under GOOS=js.
func (f *Formatter) appendInstr(dst []byte, r *vm.Raw, rl *rawLine) []byte {
	d := r.Depth
	if !rl.fast || uint(d) >= uint(len(depthCols)) {
		return f.formatInstr(dst, r, rl)
	}
	if cap(dst)-len(dst) < rl.room {
		dst = slices.Grow(dst, rl.room)
	}
	n := len(dst)
	b := dst[n:cap(dst)]
	var key lineKeys
	var e *lineEntry
	if !rl.stats.off {
		key.id, key.hasAfter = rl.id, r.HasAfter
		key.before[0], key.before[1] = r.Before[0]&rl.mIn[0], r.Before[1]&rl.mIn[1]
		if r.HasAfter {
			key.after[0], key.after[1] = r.After[0]&rl.mOut[0], r.After[1]&rl.mOut[1]
		}
		// The entry compared field by field: this is most lines' whole
		// path.
		e = &f.raw.lines[key.hash()]
		if e.n != 0 && e.id == key.id && e.hasAfter == key.hasAfter &&
			e.before == key.before && e.after == key.after {
			rl.stats.hits++
			m := e.put(b)
			binary.LittleEndian.PutUint32(b, depthCols[d])
			return dst[:n+m]
		}
		rl.stats.miss()
	}
	*(*[headFixed]byte)(b) = rl.fixed
	binary.LittleEndian.PutUint32(b, depthCols[d])
	nout, p := rl.shown(r)
	if p > rl.noVals {
		// A snapshot's slots are topmost first, the values bottom first.
		nc := &f.raw.nums
		switch rl.nin {
		case 1:
			p = nc.putText(b, p, rl.inKinds[0], r.Before[0])
			b[p] = ' '
			p++
		case 2:
			p = nc.putText(b, p, rl.inKinds[0], r.Before[1])
			b[p], b[p+1] = ',', ' '
			p = nc.putText(b, p+2, rl.inKinds[1], r.Before[0])
			b[p] = ' '
			p++
		}
		b[p], b[p+1], b[p+2] = 0xe2, 0x86, 0x92 // →
		p += 3
		switch nout {
		case 1:
			b[p] = ' '
			p = nc.putText(b, p+1, rl.outKinds[0], r.After[0])
		case 2:
			b[p] = ' '
			p = nc.putText(b, p+1, rl.outKinds[0], r.After[1])
			b[p], b[p+1] = ',', ' '
			p = nc.putText(b, p+2, rl.outKinds[1], r.After[0])
		}
	}
	if rl.source != "" {
		p += copy(b[p:], rl.source)
	}
	b[p] = '\n'
	p++
	if e != nil {
		// A line is cached once its instruction runs again: most run
		// once (a program's start-up).
		if rl.runs < 2 {
			rl.runs++
		}
		if rl.runs == 2 {
			store(e, &key, b[:p])
		}
	}
	return dst[:n+p]
}

// appendCall appends the line of call or return r of code c: a cached
// one when the line cache has it (the same function, depth, call site and
// values), else a new one.
func (f *Formatter) appendCall(dst []byte, r *vm.Raw, c *rawCode) []byte {
	vals := f.raw.slots[r.ValAt : r.ValAt+r.NVals]
	cs := &c.calls
	if r.Kind == vm.EventReturn {
		cs = &c.rets
	}
	if cs.stats.off || len(vals) > snapSlots || uint(r.Depth) >= uint(len(depthCols)) {
		return f.formatCall(dst, r, c)
	}
	var key lineKeys
	key.id, key.hasAfter = cs.id, true
	key.before[0] = uint64(r.At) | uint64(len(vals))<<32 | uint64(r.NIn)<<48
	copy(key.after[:], vals)
	e, hit := f.lookup(&key, &cs.stats)
	start := len(dst)
	if hit {
		dst = appendEntry(dst, e)
		binary.LittleEndian.PutUint32(dst[start:], depthCols[r.Depth])
		return dst
	}
	dst = f.formatCall(dst, r, c)
	store(e, &key, dst[start:])
	return dst
}

// formatCall appends the line of call or return r of code c.
func (f *Formatter) formatCall(dst []byte, r *vm.Raw, c *rawCode) []byte {
	if r.Kind == vm.EventCall {
		dst = f.appendCallHead(dst, r, c, c.call)
		dst = f.raw.nums.appendSlots(dst, c.params, f.raw.slots[r.ValAt:r.ValAt+r.NIn])
		return append(dst, ')', '\n')
	}
	dst = f.appendCallHead(dst, r, c, c.ret)
	if out := f.raw.slots[r.ValAt+r.NIn : r.ValAt+r.NVals]; len(out) > 0 && slots(c.results) == len(out) {
		dst = append(dst, " → "...)
		dst = f.raw.nums.appendSlots(dst, c.results, out)
	}
	return append(dst, '\n')
}

// lineKeys is what a cached line is found by: an id (an instruction's,
// or a function's calls' or returns') and the values (an instruction's
// slots before and after, masked to those its values use; a call's site
// and values). Not the depth: its column, the line's first four bytes, is
// written over the cached line's, so that an instruction's line at one
// depth serves every depth (lines at depths from 1000, whose column is
// wider, are not cached).
type lineKeys struct {
	id            uint32
	hasAfter      bool
	before, after [snapSlots]uint64
}

// cacheStats counts the line cache's answers for one id: one that
// misses far more than it hits (a loop's counter, addresses) stops
// looking, which costs a copy of each line.
type cacheStats struct {
	hits, misses int
	off          bool
}

// lookup returns the line cache's entry for key, and whether it holds
// key's line.
func (f *Formatter) lookup(key *lineKeys, st *cacheStats) (*lineEntry, bool) {
	if f.raw.lines == nil {
		f.raw.lines = make([]lineEntry, lineCacheSize)
	}
	e := &f.raw.lines[key.hash()]
	if e.n != 0 && e.lineKeys == *key {
		st.hits++
		return e, true
	}
	st.miss()
	return e, false
}

// miss counts a miss, and stops the lookups of one that misses far more
// than it hits.
func (st *cacheStats) miss() {
	if st.misses++; st.misses > 4*st.hits+maxMisses {
		st.off = true
	}
}

// store makes e hold line, the line of key.
func store(e *lineEntry, key *lineKeys, line []byte) {
	if len(line) <= maxLast {
		e.lineKeys = *key
		e.n = uint8(len(line))
		copy(e.more[:], line[copy(e.line[:], line):])
	}
}

// put copies e's line into b (of at least maxLast bytes) and returns its
// length.
func (e *lineEntry) put(b []byte) int {
	*(*[len(e.line)]byte)(b) = e.line
	if e.n > uint8(len(e.line)) {
		*(*[len(e.more)]byte)(b[len(e.line):]) = e.more
	}
	return int(e.n)
}

// hash returns the index in the line cache of key's entry: the words
// multiplied each by its own odd constant (independent multiplications,
// where a chain of them waits on each), the top bits of the sum.
func (key *lineKeys) hash() uint64 {
	h := uint64(key.id)*0x9e3779b97f4a7c15 +
		key.before[0]*0xc2b2ae3d27d4eb4f + key.before[1]*0x165667b19e3779f9 +
		key.after[0]*0xd6e8feb86659fd93 + key.after[1]*0xff51afd7ed558ccd
	return h >> (64 - lineCacheBits)
}

// appendEntry appends e's line: fixed-size copies into the spare
// capacity (see appendInstr).
func appendEntry(dst []byte, e *lineEntry) []byte {
	if cap(dst)-len(dst) < maxLast {
		dst = slices.Grow(dst, maxLast)
	}
	n := len(dst)
	return dst[:n+e.put(dst[n:cap(dst)])]
}

// lineEntry is a line of the line cache and its keys.
type lineEntry struct {
	lineKeys
	n uint8 // the line's length; 0: empty
	// The line: most fit in line, copied whole; longer ones go on in
	// more.
	line [96]byte
	more [maxLast - 96]byte
}

// lineCacheSize is the number of lines the line cache keeps (about 400
// KiB, of the second-level cache's size).
const (
	lineCacheBits = 11
	lineCacheSize = 1 << lineCacheBits
)

// headFixed is how many bytes of a line's head appendInstr's fast path
// copies: 72 bytes hold the head of a line whose function column is up to
// 32 wide and whose instruction fits its column.
const headFixed = 72

// depthCols holds the depth column (and the space after it) of depths 0
// to 999, little-endian.
var depthCols = func() (t [1000]uint32) {
	for d := range t {
		t[d] = binary.LittleEndian.Uint32(appendDepth(nil, d))
	}
	return t
}()

// smallText holds the texts of 0 to 99, little-endian, and their lengths
// above (one digit and a space below 10: putText writes both and counts
// one).
var smallText = func() (t [100]uint32) {
	for v := range t {
		t[v] = 2<<16 | uint32(digitPairs[2*v+1])<<8 | uint32(digitPairs[2*v])
		if v < 10 {
			t[v] = 1<<16 | ' '<<8 | uint32('0'+v)
		}
	}
	return t
}()

// putText writes number v of kind k (no v128) into b at p, and returns
// where it ends; b has room for its whole cached text (numText). The
// commonest values come from a table, the others through the number
// cache. One call a value: a call costs, under GOOS=js most of all.
func (nc *numCache) putText(b []byte, p int, k syntax.Kind, v uint64) int {
	if k == syntax.KindI32 && uint32(v) < 100 {
		t := smallText[uint32(v)]
		binary.LittleEndian.PutUint16(b[p:], uint16(t))
		return p + int(t>>16)
	}
	var e *numText
	if k == syntax.KindI32 || k == syntax.KindF32 {
		e = &nc.narrow[(uint32(v)^uint32(v)>>16)&255]
	} else {
		e = &nc.wide[(v^v>>16^v>>32^v>>48)&255]
	}
	if e.n == 0 || e.v != v || e.kind != k {
		nc.convert(e, k, v)
	}
	*(*[len(e.text)]byte)(b[p:]) = e.text
	return p + int(e.n)
}

// formatInstr appends instruction r's line, whose cached part is rl:
// appendInstr's way for the lines its fast path does not take (v128
// values, a long head, a depth from 1000), which the line cache does not
// keep.
func (f *Formatter) formatInstr(dst []byte, r *vm.Raw, rl *rawLine) []byte {
	nout, n := rl.shown(r)
	if d := r.Depth; d < 1000 {
		if d != rl.depth {
			// The depth column is the head's first four bytes.
			appendDepth(rl.head[:0], d)
			rl.depth = d
		}
		dst = appendHeadOf(dst, rl.head[:n])
	} else {
		dst = appendDepth(dst, d)
		dst = append(dst, rl.head[4:n]...)
	}
	if n == rl.noVals {
		if rl.source != "" {
			dst = append(dst, rl.source...)
		}
		return append(dst, '\n')
	}
	if rl.nin > 0 {
		dst = f.raw.nums.appendSnap(dst, rl.in, &rl.inKinds, &r.Before, rl.nin, rl.vec)
		dst = append(dst, ' ')
	}
	dst = append(dst, 0xe2, 0x86, 0x92) // →
	if nout > 0 {
		dst = append(dst, ' ')
		dst = f.raw.nums.appendSnap(dst, rl.out, &rl.outKinds, &r.After, nout, rl.vec)
	}
	if rl.source != "" {
		dst = append(dst, rl.source...)
	}
	return append(dst, '\n')
}

var twoSpaces = []byte("  ")

// appendCallHead appends the depth, function and offset columns of call,
// return or write r of code c, and text (which starts with the two spaces
// that end the offset column).
func (f *Formatter) appendCallHead(dst []byte, r *vm.Raw, c *rawCode, text []byte) []byte {
	dst = appendDepth(dst, r.Depth)
	if r.At >= 1<<24 {
		dst = f.columns(dst, c.name, r.At)
		return append(dst, text[2:]...)
	}
	dst = append(dst, f.codeColumns(c)...)
	dst = appendHex6(dst, r.At)
	return append(dst, text...)
}

// appendSnap appends the values of types ts held in the n topmost slots
// of snapshot s (topmost first); vec: ts has a v128; kinds are ts's kinds
// otherwise.
func (nc *numCache) appendSnap(dst []byte, ts []syntax.ValType, kinds *[snapSlots]syntax.Kind, s *[snapSlots]uint64, n int, vec bool) []byte {
	if vec {
		var b [snapSlots]uint64 // bottom first
		for k := 0; k < n; k++ {
			b[k] = s[n-1-k]
		}
		return nc.appendSlots(dst, ts, b[:n])
	}
	for j := 0; j < n; j++ {
		if j > 0 {
			dst = append(dst, ',', ' ')
		}
		dst = nc.appendScalar(dst, kinds[j], s[n-1-j])
	}
	return dst
}

// appendScalar appends a number of kind k (not a v128) held in slot v.
func (nc *numCache) appendScalar(dst []byte, k syntax.Kind, v uint64) []byte {
	dst = slices.Grow(dst, len(numText{}.text))
	n := len(dst)
	return dst[:n+nc.putText(dst[n:cap(dst)], 0, k, v)]
}

// numCache keeps the text of the numbers formatted last, by their low
// bits: a traced program's values come back line after line (a result,
// then the next instruction's operand; addresses and counters in a loop),
// and copying a cached text costs a fraction of converting it again (a
// float's shortest form most of all).
type numCache struct {
	narrow [256]numText // i32 and f32, by their 32 bits
	wide   [256]numText // i64 and f64
}

type numText struct {
	v    uint64
	kind syntax.Kind
	n    uint8 // 0: empty
	text [48]byte
}

// convert makes e hold the text of number v of kind k.
func (nc *numCache) convert(e *numText, k syntax.Kind, v uint64) {
	b := e.text[:0]
	switch k {
	case syntax.KindI32:
		b = appendInt(b, int64(int32(v)), uint64(uint32(v)))
	case syntax.KindI64:
		b = appendInt(b, int64(v), v)
	case syntax.KindF32:
		b = vm.AppendF32(b, uint32(v))
	default:
		b = vm.AppendF64(b, v)
	}
	e.v, e.kind, e.n = v, k, uint8(len(b))
}

// appendSlots appends the values of types ts held in slots (a v128 in two,
// low half first), joined as appendValues joins them; nothing when the
// slots do not fit the types.
func (nc *numCache) appendSlots(dst []byte, ts []syntax.ValType, s []uint64) []byte {
	if slots(ts) != len(s) {
		return dst
	}
	k := 0
	for i, t := range ts {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		if t.Kind == syntax.KindV128 {
			dst = AppendValue(dst, vm.Value{Type: t, Lo: s[k], Hi: s[k+1]})
			k += 2
			continue
		}
		dst = nc.appendScalar(dst, t.Kind, s[k])
		k++
	}
	return dst
}
