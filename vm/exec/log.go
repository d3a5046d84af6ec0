package exec

import (
	"slices"

	"github.com/wasmscope/wasmscope/vm/runtime"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Log is the record of an observed execution: the most recent events
// (instructions with the values they consumed and produced, calls,
// returns, host calls, memory writes, the trap) as fixed-size binary
// records in a ring allocated once. Recording formats nothing and
// allocates nothing; Event decodes a record when something reads it (a
// trace file, the rows on screen, a test).
//
// A Log belongs to the goroutine that runs its execution: read it between
// Run calls, not during one.
type Log struct {
	recs  []rec
	mask  uint64
	total uint64 // records ever written; record i is recs[i&mask]

	// Decoding tables: the code, name and host function behind each id a
	// record names, and the traps (one per execution at most).
	codes   []*Code
	names   []string
	ids     map[*Code]uint32
	hosts   []*runtime.Func
	hostIDs map[*runtime.Func]uint32
	traps   []*runtime.Trap
	exns    []*runtime.Exception // a ring: see exnIndex
	exnN    uint64               // exceptions ever added
	store   *runtime.Store
	// cache maps plain code to its observed variant and id, by function
	// index, sparing calls a map lookup.
	cache [64]cacheEntry
	// The bodies of the functions decoded last, for Event and
	// InstrInfo: consecutive instructions are mostly in a few functions
	// (a loop and what it calls), and decoding a body takes a lock and
	// time. memoNext is the entry to replace next.
	memo     [8]bodyMemo
	memoNext int
	// gen changes when records are forgotten or taken back, which
	// invalidates fm and the executions' frame records (see ensureFrame).
	gen uint64
	fm  frameMemo
	// startAt is start's answer while First is startFirst, in generation
	// startGen.
	startAt, startFirst, startGen uint64
	startOK                       bool
}

type bodyMemo struct {
	code *Code
	body []syntax.Instr
}

// body returns the decoded body of c.
func (l *Log) body(c *Code) []syntax.Instr {
	for i := range l.memo {
		if l.memo[i].code == c {
			return l.memo[i].body
		}
	}
	m := &l.memo[l.memoNext]
	l.memoNext = (l.memoNext + 1) % len(l.memo)
	m.code, m.body = c, c.instrs()
	return m.body
}

type cacheEntry struct {
	plain, rec *Code
	id         uint32
}

// rec is one 16-byte record. Word 0, in every record: the plain pc, an
// offset or an id (32 bits) | kind (8) | depth (24). Word 1, the payload:
//
//   - an instruction: the top stack slot before it ran; recExt records
//     after it hold the slots below, as many as it consumes (and two
//     slots in all where a v128 or several values may be on top: see
//     recTwo). They hold what it consumes, and the next record in the same
//     frame holds what it produced, so the loop records an instruction
//     with two stores (four for two slots) and never looks at it (see
//     record.go).
//   - a snapshot (the stack where a slice ended, or where an instruction
//     did not complete): the same, with up to two slots.
//   - a call, return or host call (word 0's low bits: its host function's
//     id): its value counts (in | out<<16); the values follow in recExt
//     records, one slot each.
//   - a memory write: the address; a recExt record after it holds the
//     memory index (word 0's low bits), the writing host function's id
//     plus one (its depth bits; 0: the instruction's write) and the
//     length, the next one or two the first 16 bytes written.
//   - a trap, a throw or a catch: its index in Log.traps or Log.exns.
//   - a frame record: the id of the code whose instructions follow (20
//     bits) | the count of the next instruction recorded (44).
//
// Instructions carry no function and no count: a record's function and
// count are those of the last frame record before it plus the
// instructions since (frame). The loop writes none: calls, returns and the
// start of every slice, out of line, do, so the search back is short.
type rec [2]uint64

// Record kinds: an Event kind plus one (0 is an empty record); a
// continuation of a record's values; the state of the stack where a slice
// ended or an instruction trapped (so the instruction before it has its
// results), and a frame record, which are no events.
const (
	recExt   = 0xff
	recSnap  = 0xfe
	recFrame = 0xfd
	// RecordSize is the size of one record in bytes: a log of B bytes
	// holds B/RecordSize records (rounded down to a power of two).
	RecordSize = 16
	snapSlots  = 2
	seqBits    = 44
	seqMask    = 1<<seqBits - 1
)

// NewLog returns a log that keeps the most recent records within bytes
// (at least 64 records).
func NewLog(bytes int64) *Log {
	n := uint64(64)
	for n*2*RecordSize <= uint64(max(bytes, 0)) {
		n *= 2
	}
	return &Log{recs: make([]rec, n), mask: n - 1, ids: map[*Code]uint32{}, hostIDs: map[*runtime.Func]uint32{}}
}

// Cap returns how many records the log keeps.
func (l *Log) Cap() int { return len(l.recs) }

// Total returns how many records were ever written; the first
// Total()-Len() are gone.
func (l *Log) Total() uint64 { return l.total }

// Len returns how many records the log holds: Total()-First().
func (l *Log) Len() int { return int(l.total - l.First()) }

// First returns the number of the oldest record held (records are
// numbered from 0 as written). Once the ring has wrapped, that is the
// oldest frame record (see rec) still in it: the few records before it
// cannot be read without the one they lost.
func (l *Log) First() uint64 { return l.start() }

// oldest returns the number of the oldest record in the ring.
func (l *Log) oldest() uint64 { return l.total - min(l.total, uint64(len(l.recs))) }

// Reset forgets every record (the decoding tables stay).
func (l *Log) Reset() {
	l.total = 0
	l.gen++
	l.fm = frameMemo{}
}

// Clear forgets every record and the decoding tables, keeping the ring's
// memory: a log reused for the runs of another program (whose code the
// tables would otherwise keep alive). Executions recording into it must
// be done with.
func (l *Log) Clear() {
	l.Reset()
	l.codes, l.names, l.traps = nil, nil, nil
	l.ids = map[*Code]uint32{}
	l.hosts, l.hostIDs = nil, map[*runtime.Func]uint32{}
	l.exns, l.exnN = nil, 0
	l.store = nil
	l.cache = [len(l.cache)]cacheEntry{}
	l.memo = [len(l.memo)]bodyMemo{}
}

func (l *Log) at(i uint64) *rec { return &l.recs[i&l.mask] }

// add appends a record and returns it.
func (l *Log) add() *rec {
	r := &l.recs[l.total&l.mask]
	l.total++
	return r
}

// codeID returns the id of plain code c in this log.
func (l *Log) codeID(c *Code) uint32 {
	id, ok := l.ids[c]
	if !ok {
		id = uint32(len(l.codes))
		l.ids[c] = id
		l.codes = append(l.codes, c)
		l.names = append(l.names, runtime.FuncName(c.mod, c.index))
	}
	return id
}

func (l *Log) hostID(f *runtime.Func) uint32 {
	id, ok := l.hostIDs[f]
	if !ok {
		id = uint32(len(l.hosts))
		l.hostIDs[f] = id
		l.hosts = append(l.hosts, f)
	}
	return id
}

// head is word 0 of a record of kind (an EventKind plus one, or recExt,
// recSnap, recFrame) at depth, without its low 32 bits.
func head(kind uint64, depth int) uint64 {
	return kind<<32 | uint64(min(max(depth, 0), 1<<24-1))<<40
}

func kindOf(r *rec) uint64  { return r[0] >> 32 & 0xff }
func depthOf(r *rec) uint64 { return r[0] >> 40 }

// isEventKind reports whether records of kind k start an event.
func isEventKind(k uint64) bool { return k != 0 && k < recFrame }

// putExt stores vs as value slots from k on in the recExt records after
// record i.
func (l *Log) putExt(i uint64, k int, vs []uint64) {
	for j, v := range vs {
		l.at(i + 1 + uint64(k+j))[1] = v
	}
}

// ext returns value slot k of the recExt records after record i.
func (l *Log) ext(i uint64, k int) uint64 { return l.at(i + 1 + uint64(k))[1] }

// slot returns stack slot k from the top (0: topmost) of instruction or
// snapshot record i.
func (l *Log) slot(i uint64, k int) uint64 { return l.at(i + uint64(k))[1] }

// slots returns how many stack slots instruction or snapshot record i
// holds (at most n): itself and the recExt records after it.
func (l *Log) slots(i uint64, n int) int {
	k := 1
	for k < n && i+uint64(k) < l.total && kindOf(l.at(i+uint64(k))) == recExt {
		k++
	}
	return k
}

// start returns the first record held that can be decoded: the oldest
// frame record once the ring has wrapped (Total when none).
func (l *Log) start() uint64 {
	first := l.oldest()
	if first == 0 {
		return 0
	}
	i := first
	if l.startOK && l.startGen == l.gen && l.startFirst <= first && first <= l.startAt {
		if l.startAt < l.total {
			return l.startAt
		}
		i = l.startAt // none yet: on from there
	}
	for i < l.total && kindOf(l.at(i)) != recFrame {
		i++
	}
	l.startAt, l.startFirst, l.startGen, l.startOK = i, first, l.gen, true
	return i
}

// held reports whether record i is still in the ring.
func (l *Log) held(i uint64) bool { return i < l.total && l.total-i <= uint64(len(l.recs)) }

// frameMemo is the last record whose frame was looked up: the code id
// and the count of the next instruction there, so that reading records in
// order looks each up once.
type frameMemo struct {
	i, next uint64
	id      uint32
	gen     uint64
	ok      bool
}

// frame returns the code id of record i's frame and the count of the
// first instruction recorded from i on (an instruction record's own
// count); ok is false when the frame record it needs is gone from the
// ring.
func (l *Log) frame(i uint64) (id uint32, next uint64, ok bool) {
	if !l.held(i) {
		return 0, 0, false
	}
	if r := l.at(i); kindOf(r) == recFrame {
		return uint32(r[1] >> seqBits), r[1] & seqMask, true
	}
	m := &l.fm
	j, next, id := i, uint64(0), uint32(0)
	if m.ok && m.gen == l.gen && m.i <= i && l.held(m.i) && i-m.i <= 1<<16 {
		// On from the record looked up last.
		j, next, id = m.i, m.next, m.id
	} else {
		// Back to the frame record, counting the instructions since.
		n, found := uint64(0), false
		for k := i; k > l.oldest(); {
			k--
			r := l.at(k)
			if kind := kindOf(r); kind == recFrame {
				id, next, found = uint32(r[1]>>seqBits), r[1]&seqMask+n, true
				break
			} else if kind == uint64(EventInstr+1) {
				n++
			}
		}
		if !found {
			return 0, 0, false
		}
	}
	for ; j < i; j++ {
		r := l.at(j)
		switch kindOf(r) {
		case recFrame:
			id, next = uint32(r[1]>>seqBits), r[1]&seqMask
		case uint64(EventInstr + 1):
			next++
		}
	}
	*m = frameMemo{i: i, next: next, id: id, gen: l.gen, ok: true}
	return id, next, true
}

// seqAt returns the count an event of kind k (an EventKind plus one, or a
// record kind) whose record has next as frame's count reports: an
// instruction its own; events that follow an instruction (a call, a
// memory write) the count of that instruction; a trap or a snapshot the
// count of the instruction that did not complete or comes next.
func seqAt(k, next uint64) uint64 {
	switch k {
	case uint64(EventInstr + 1), uint64(EventTrap + 1), recSnap, recFrame:
		return next
	}
	return max(next, 1) - 1
}

// IsEvent reports whether record i (a number from First to Total-1) starts
// an event, rather than continuing the values of the one before it.
func (l *Log) IsEvent(i uint64) bool {
	return l.held(i) && isEventKind(kindOf(l.at(i))) && i >= l.start()
}

// Kind returns the kind of event i without decoding it; ok is false when
// record i does not start an event held.
func (l *Log) Kind(i uint64) (kind EventKind, ok bool) {
	if !l.IsEvent(i) {
		return 0, false
	}
	return EventKind(kindOf(l.at(i)) - 1), true
}

// Heads appends to dst the numbers of the events from record from (or the
// oldest held, when from is older) up to Total, at most n of them, with
// their kinds appended to kinds, and returns both and the record to go on
// from. It is the way to index a growing log: each record is read once, in
// a loop that calls nothing (a call per record costs more than recording
// it under GOOS=js).
func (l *Log) Heads(dst []uint64, kinds []EventKind, from uint64, n int) ([]uint64, []EventKind, uint64) {
	i := max(from, l.start())
	n = max(n, 0)
	d0, k0 := len(dst), len(kinds)
	dst, kinds = slices.Grow(dst, n)[:d0+n], slices.Grow(kinds, n)[:k0+n]
	ds, ks := dst[d0:], kinds[k0:]
	j := 0
	// The records from i on lie in at most two runs of the ring: each is
	// read as a slice, without the index's mask and bounds check per
	// record (the page indexes every record this way after each slice).
	for i < l.total && j < n {
		at := i & l.mask
		run := l.recs[at:min(uint64(len(l.recs)), at+(l.total-i))]
		m := 0
		for ; m < len(run) && j < n; m++ {
			k := run[m][0] >> 32 & 0xff
			if k == 0 || k >= recFrame {
				continue
			}
			ds[j] = i + uint64(m)
			ks[j] = EventKind(k - 1)
			j++
		}
		i += uint64(m)
	}
	return dst[:d0+j], kinds[:k0+j], i
}

// InFunc appends to dst the events of heads (event numbers, as Heads gives
// them) that are in function fn (Wasm code: host calls are in none), for
// filtering a log's events by function (in order, each record's frame is
// looked up once).
func (l *Log) InFunc(dst, heads []uint64, fn uint32) []uint64 {
	for _, i := range heads {
		if f, ok := l.Func(i); ok && f == fn {
			dst = append(dst, i)
		}
	}
	return dst
}

// Seq returns the instruction count recorded with record i (an event's
// Seq), for records held (0 when its frame is gone from the ring).
func (l *Log) Seq(i uint64) uint64 {
	_, next, _ := l.frame(i)
	return seqAt(kindOf(l.at(i)), next)
}

// Write returns memory write i's memory index, address and length without
// decoding its bytes; ok is false when i is not a memory write whose
// records are held.
func (l *Log) Write(i uint64) (mem uint32, addr, n uint64, ok bool) {
	if k, isEv := l.Kind(i); !isEv || k != EventMemWrite || !l.held(i+1) {
		return 0, 0, 0, false
	}
	r, x := l.at(i), l.at(i+1)
	return uint32(x[0]), r[1], x[1], true
}

// Event decodes the event whose head is record i into ev, reusing ev's
// slices; it reports false when i is not the head of an event held (or
// some of its values, or the frame record it needs, are gone from the
// ring). An instruction's results are known once the next instruction in
// its frame is recorded (or the slice ends): until then its Out is empty.
func (l *Log) Event(i uint64, ev *Event) bool {
	if !l.IsEvent(i) {
		return false
	}
	id, next, ok := l.frame(i)
	if !ok {
		return false
	}
	r := l.at(i)
	k := kindOf(r)
	kind := EventKind(k - 1)
	in, out, bytes := ev.In[:0], ev.Out[:0], ev.Bytes[:0]
	*ev = Event{Kind: kind, Depth: int(depthOf(r)), Seq: seqAt(k, next), In: in, Out: out, Bytes: bytes}
	low := uint32(r[0])
	switch kind {
	case EventHostCall:
		f := l.hosts[low]
		ev.Name, ev.Host = f.Name, f.Host
		return l.valueEvent(i, ev, f.Type.Params, f.Type.Results)
	case EventInstr:
		return l.instrEvent(i, ev, id, low)
	}
	c := l.codes[id]
	ev.Func, ev.Name, ev.Offset = c.index, l.names[id], low
	ft, _ := c.mod.FuncType(c.index)
	switch kind {
	case EventCall:
		return l.valueEvent(i, ev, ft.Params, nil)
	case EventReturn:
		return l.valueEvent(i, ev, nil, ft.Results)
	case EventMemWrite:
		if !l.held(i + 2) {
			return false
		}
		x := l.at(i + 1)
		ev.Mem, ev.Addr, ev.Len = uint32(x[0]), r[1], x[1]
		if h := depthOf(x); h != 0 {
			// A host function's write: named as its call is (Func
			// stays the caller's).
			f := l.hosts[h-1]
			ev.Name, ev.Host = f.Name, f.Host
		}
		for k := 0; k < int(min(ev.Len, 16)); k++ {
			if k == 8 && !l.held(i+3) {
				return false
			}
			ev.Bytes = append(ev.Bytes, byte(l.at(i + 2 + uint64(k/8))[1]>>(8*(k%8))))
		}
	case EventTrap:
		ev.Trap = l.traps[r[1]]
	case EventThrow, EventCatch:
		if l.exnN-r[1] > maxExns {
			return false // the exception is gone from the ring
		}
		ev.Exn = l.exns[r[1]%maxExns]
		if kind == EventThrow {
			ev.In = append(ev.In, ev.Exn.Values(l.store)...)
		}
	}
	return true
}

// maxExns bounds the exceptions a log keeps for its throw and catch
// records: a program that throws for ever must not grow the log, and a
// record older than that many throws is rarely still shown.
const maxExns = 4096

// exnIndex returns the number of x among the exceptions the log keeps,
// adding it unless it is the latest (a catch, or a rethrow, names the
// exception its throw added).
func (l *Log) exnIndex(x *runtime.Exception) uint64 {
	if l.exns == nil {
		l.exns = make([]*runtime.Exception, maxExns)
	}
	if l.exnN > 0 && l.exns[(l.exnN-1)%maxExns] == x {
		return l.exnN - 1
	}
	l.exns[l.exnN%maxExns] = x
	l.exnN++
	return l.exnN - 1
}

// valueEvent decodes the values of a call, return or host call.
func (l *Log) valueEvent(i uint64, ev *Event, inT, outT []syntax.ValType) bool {
	r := l.at(i)
	nin, nout := int(r[1]&0xffff), int(r[1]>>16&0xffff)
	if nin+nout > 0 && !l.held(i+uint64(nin+nout)) {
		return false
	}
	ev.In = l.values(ev.In, inT, nin, func(k int) uint64 { return l.ext(i, k) })
	ev.Out = l.values(ev.Out, outT, nout, func(k int) uint64 { return l.ext(i, nin+k) })
	return true
}

// instrEvent decodes instruction record i of plain code id at pc: its
// operands from its slots, its results from the slots of the next record
// in its frame.
func (l *Log) instrEvent(i uint64, ev *Event, id, pc uint32) bool {
	c := l.codes[id]
	ev.Func, ev.Name = c.index, l.names[id]
	if int(pc) >= len(c.src) {
		return false
	}
	body := l.body(c)
	if int(c.src[pc]) >= len(body) {
		return false
	}
	ev.Instr = &body[c.src[pc]]
	ev.Offset = ev.Instr.Offset
	d := c.debug()
	inT, outT := d.in[pc], d.out[pc]
	nin, nout := slotsOf(inT), slotsOf(outT)
	if nin > 0 {
		if !l.held(i+uint64(nin-1)) || l.slots(i, nin) < nin {
			return false
		}
		ev.In = l.slotValues(ev.In, inT, i, nin)
	}
	if nout == 0 {
		return true
	}
	// The next instruction or snapshot, past the events this one caused
	// (a host call, a memory write), recExt and frame records.
	if j, ok := l.after(i); ok && l.slots(j, nout) >= nout {
		ev.Out = l.slotValues(ev.Out, outT, j, nout)
	}
	return true
}

// after returns the record after instruction record i that holds the
// stack when the next instruction of its frame began (or where the slice
// ended): ok is false when there is none (yet), as after a call.
func (l *Log) after(i uint64) (uint64, bool) {
	depth := depthOf(l.at(i))
	for j := i + 1; j < l.total; j++ {
		r := l.at(j)
		switch kindOf(r) {
		case recExt, recFrame, uint64(EventHostCall + 1), uint64(EventMemWrite + 1):
			continue
		case recSnap, uint64(EventInstr + 1):
			return j, depthOf(r) == depth
		}
		break
	}
	return 0, false
}

// slotValues decodes the n topmost slots of instruction or snapshot
// record i as values of types ts, without a call per slot.
func (l *Log) slotValues(dst []runtime.Value, ts []syntax.ValType, i uint64, n int) []runtime.Value {
	if slotsOf(ts) != n {
		return dst
	}
	k := n - 1 // the slot of the next value, counted from the top
	for _, t := range ts {
		if t.Kind == syntax.KindV128 {
			dst = append(dst, l.store.ValueOf(t, l.slot(i, k), l.slot(i, k-1)))
			k -= 2
			continue
		}
		dst = append(dst, l.store.ValueOf(t, l.slot(i, k), 0))
		k--
	}
	return dst
}

// values decodes n slots, slot k given by get, as values of types ts.
func (l *Log) values(dst []runtime.Value, ts []syntax.ValType, n int, get func(k int) uint64) []runtime.Value {
	if n == 0 || slotsOf(ts) != n {
		return dst
	}
	k := 0
	for _, t := range ts {
		var hi uint64
		lo := get(k)
		if t.Kind == syntax.KindV128 {
			hi = get(k + 1)
		}
		k += slotCount(t)
		dst = append(dst, l.store.ValueOf(t, lo, hi))
	}
	return dst
}

// Seek returns the number of the record of the first instruction held
// whose count is seq or more (Total when none): instruction seq, when it
// is still held.
func (l *Log) Seek(seq uint64) uint64 {
	lo, hi := l.start(), l.total
	for lo < hi {
		mid := lo + (hi-lo)/2
		// Records whose frame is gone count as before every instruction.
		if _, next, ok := l.frame(mid); !ok || next < seq {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	for lo < l.total && kindOf(l.at(lo)) != uint64(EventInstr+1) {
		lo++
	}
	return lo
}

// Func returns the function index of event i and whether it is in a Wasm
// function (host calls are not), for filtering by function without
// decoding.
func (l *Log) Func(i uint64) (fn uint32, wasm bool) {
	if !l.IsEvent(i) || kindOf(l.at(i)) == uint64(EventHostCall+1) {
		return 0, false
	}
	id, _, ok := l.frame(i)
	if !ok || int(id) >= len(l.codes) {
		return 0, false
	}
	return l.codes[id].index, true
}

// Next returns the number of the first event from record i on (Total when
// none) that is in function fn (fn < 0: any event).
func (l *Log) Next(i uint64, fn int64) uint64 {
	i = max(i, l.start())
	for ; i < l.total; i++ {
		if !l.IsEvent(i) {
			continue
		}
		if fn < 0 {
			return i
		}
		if f, ok := l.Func(i); ok && int64(f) == fn {
			return i
		}
	}
	return l.total
}

// Raw is an event as the log's records hold it, undecoded: what a reader
// that formats many events (the CLI's text trace) needs, without an Event
// and its values built for each. Raws fills them; Event(Rec) decodes any
// of them in full. Which fields are set depends on Kind.
type Raw struct {
	Rec   uint64 // the event's head record
	Kind  EventKind
	Depth int
	// ID names the function: the log's id of its code (InstrInfo,
	// CodeInfo), or a host call's host function (only Event decodes those).
	ID uint32
	// At is an instruction's pc in its code (InstrInfo: a pc past the
	// code is no event, for Event), else the module offset of the call
	// site, the write or the trap.
	At uint32
	// An instruction: Before holds the top stack slots before it ran,
	// topmost first, and After (when HasAfter) the same before the next
	// instruction in its frame. They hold its operands and its results
	// when it consumes and produces at most len(Before) slots each
	// (InstrInfo's types say how many); the values of one that consumes
	// more only Event decodes, and one that produces more shows none.
	Before, After [snapSlots]uint64
	HasAfter      bool
	// A call's or a return's value slots, in order (a v128 takes two):
	// the NVals slots from ValAt in the slots Raws returns, NIn of them
	// the arguments, the rest the results.
	ValAt, NVals, NIn int
	// A memory write: its memory, address, length, and its first bytes
	// (min(Len, 16) of them, little-endian in Data's words). ByHost: a
	// host function wrote it (ID: the host function, as a host call's).
	Mem       uint32
	Addr, Len uint64
	Data      [2]uint64
	ByHost    bool
}

// Raws appends to dst the events whose head records are from record from
// (or the oldest held) up to to, until dst is full (it never grows dst),
// and returns dst and the record to go on from. Calls and returns have
// their values appended to slots, returned too (Raw is pointer-free, so
// filling one costs no write barrier). Events that Event could
// not decode for their values gone from the ring are left out. It reads records up to Total: an instruction's
// results are in the next record of its frame.
func (l *Log) Raws(dst []Raw, slots []uint64, from, to uint64) ([]Raw, []uint64, uint64) {
	i := max(from, l.First())
	// The frame (code id) of record i, kept up to date record by record.
	id, next, ok := l.frame(i)
	if !ok {
		return dst, slots, i
	}
	// pend is the index in dst of the last instruction whose results
	// are still to find (-1: none): the next instruction or snapshot
	// record has them when it is at the same depth, past the events the
	// instruction caused, its own recExt records and frame records (as
	// instrEvent finds them: after, here without a call); any other
	// record ends the search. One pass finds them as it goes, where a
	// search ahead per instruction read the records twice.
	pend := -1
	for ; i < to && len(dst) < cap(dst); i++ {
		r := &l.recs[i&l.mask]
		k := kindOf(r)
		switch k {
		case recExt, uint64(EventHostCall + 1), uint64(EventMemWrite + 1):
		case recFrame:
			id, next = uint32(r[1]>>seqBits), r[1]&seqMask
		case recSnap, uint64(EventInstr + 1):
			if pend >= 0 {
				if x := &dst[pend]; int(depthOf(r)) == x.Depth {
					x.After = [snapSlots]uint64{r[1], 0}
					if n := &l.recs[(i+1)&l.mask]; i+1 < l.total && kindOf(n) == recExt {
						x.After[1] = n[1]
					}
					x.HasAfter = true
				}
				pend = -1
			}
		default:
			pend = -1
		}
		if k == 0 || k >= recFrame {
			continue
		}
		kind := EventKind(k - 1)
		dst = dst[:len(dst)+1]
		x := &dst[len(dst)-1]
		// Field by field: a composite literal is built on the stack and
		// copied, and the copy stalls on the narrow stores just made.
		x.Rec, x.Kind, x.Depth, x.ID, x.At = i, kind, int(depthOf(r)), id, uint32(r[0])
		switch kind {
		case EventInstr:
			next++
			x.Before = [snapSlots]uint64{r[1], 0}
			if n := &l.recs[(i+1)&l.mask]; i+1 < l.total && kindOf(n) == recExt {
				x.Before[1] = n[1]
			}
			x.HasAfter = false
			pend = len(dst) - 1
		case EventHostCall:
			x.ID, x.At = uint32(r[0]), 0
		case EventCall, EventReturn:
			n := int(r[1]&0xffff) + int(r[1]>>16&0xffff)
			if n > 0 && !l.held(i+uint64(n)) {
				dst = dst[:len(dst)-1]
				continue
			}
			x.ValAt, x.NVals, x.NIn = len(slots), n, int(r[1]&0xffff)
			x.HasAfter = false
			for k := 0; k < n; k++ {
				slots = append(slots, l.ext(i, k))
			}
		case EventMemWrite:
			if !l.held(i + 2) {
				dst = dst[:len(dst)-1]
				continue
			}
			w := l.at(i + 1)
			x.Mem, x.Addr, x.Len, x.Data = uint32(w[0]), r[1], w[1], [2]uint64{l.at(i + 2)[1], 0}
			x.ByHost = false
			if h := depthOf(w); h != 0 {
				x.ID, x.ByHost = uint32(h-1), true
			}
			if x.Len > 8 {
				if !l.held(i + 3) {
					dst = dst[:len(dst)-1]
					continue
				}
				x.Data[1] = l.at(i + 3)[1]
			}
		}
	}
	if pend >= 0 {
		// The last instruction's results are past where it stops.
		x := &dst[pend]
	search:
		for j := i; j < l.total; j++ {
			n := &l.recs[j&l.mask]
			switch kindOf(n) {
			case recExt, recFrame, uint64(EventHostCall + 1), uint64(EventMemWrite + 1):
				continue
			case recSnap, uint64(EventInstr + 1):
				if int(depthOf(n)) == x.Depth {
					x.After = [snapSlots]uint64{n[1], 0}
					if m := &l.recs[(j+1)&l.mask]; j+1 < l.total && kindOf(m) == recExt {
						x.After[1] = m[1]
					}
					x.HasAfter = true
				}
			}
			break search
		}
	}
	// Where it stops is where the next call starts: the memo saves that
	// call's frame lookup reading these records again.
	l.fm = frameMemo{i: i, next: next, id: id, gen: l.gen, ok: true}
	return dst, slots, i
}

// InstrInfo is what the log knows of an instruction of its code:
// function, module offset, syntax and the types it consumes and produces.
type InstrInfo struct {
	Func    uint32
	Name    string
	Offset  uint32
	Instr   *syntax.Instr
	In, Out []syntax.ValType
}

// InstrInfo describes the instruction at pc of the code with id (a Raw's
// ID and At): ok is false when there is none.
func (l *Log) InstrInfo(id, pc uint32) (info InstrInfo, ok bool) {
	if int(id) >= len(l.codes) {
		return info, false
	}
	c := l.codes[id]
	if int(pc) >= len(c.src) {
		return info, false
	}
	body := l.body(c)
	if int(c.src[pc]) >= len(body) {
		return info, false
	}
	d := c.debug()
	in := &body[c.src[pc]]
	return InstrInfo{Func: c.index, Name: l.names[id], Offset: in.Offset, Instr: in, In: d.in[pc], Out: d.out[pc]}, true
}

// CodeInfo returns the function index, name and type of the code with id
// (a Raw's ID) and how many pcs it has; ok is false when there is none.
func (l *Log) CodeInfo(id uint32) (fn uint32, name string, typ syntax.FuncType, pcs int, ok bool) {
	if int(id) >= len(l.codes) {
		return 0, "", typ, 0, false
	}
	c := l.codes[id]
	typ, _ = c.mod.FuncType(c.index)
	return c.index, l.names[id], typ, len(c.src), true
}
