package debug

import (
	"bytes"
	"fmt"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/runtime"
)

// pageSize is the unit snapshots share memory in: a page unchanged since
// the previous snapshot is the previous snapshot's page, not a copy.
const pageSize = 4096

type page = [pageSize]byte

// snapshot is the state of an execution and of its instance at one
// instruction count, and where the host-call record stood then.
type snapshot struct {
	count   uint64
	call    int // host calls recorded before it
	ex      *vm.Saved
	mems    []memImage
	globals [][2]uint64
	tables  [][]uint64
	elems   [][]uint64 // element segments (nil once dropped)
	datas   [][]byte   // data segments (nil once dropped)
	own     int        // bytes only this snapshot holds (its new pages, stack, tables)
}

// memImage is a memory's bytes as pages, shared with the snapshots before
// and after where unchanged.
type memImage struct {
	size  int
	pages []*page
}

// timeline keeps snapshots of one execution at intervals of its
// instruction count (see the package's RATIONALE).
type timeline struct {
	rec   *Recorder // its record counts in the bound (thin)
	ex    *vm.Execution
	inst  *runtime.Instance
	snaps []*snapshot
	every uint64 // instructions between snapshots
	fixed bool   // every was asked for (Recorder.Interval): not grown with memory
	next  uint64 // the count at or past which the next is taken
	bytes int    // what the snapshots hold together
}

// DefaultInterval is the least number of instructions between two
// snapshots when Recorder.Interval is 0.
const DefaultInterval = 1 << 22

func newTimeline(ex *vm.Execution, rec *Recorder) *timeline {
	t := &timeline{rec: rec, ex: ex, inst: ex.Instance(), every: rec.Interval, fixed: rec.Interval > 0}
	if !t.fixed {
		t.every = DefaultInterval
	}
	t.take(rec.next)
	return t
}

// guestBytes is the size of the instance's memories.
func (t *timeline) guestBytes() int {
	n := 0
	if t.inst != nil {
		for _, m := range t.inst.Mems {
			n += len(m.Data)
		}
	}
	return n
}

// take records a snapshot at the execution's current count, call host
// calls into the record; the interval grows with the memory compared, so
// that comparing stays a small part of running.
func (t *timeline) take(call int) {
	var prev *snapshot
	if len(t.snaps) > 0 {
		prev = t.snaps[len(t.snaps)-1]
	}
	s := &snapshot{count: t.ex.Executed(), call: call, ex: t.ex.Save()}
	s.own = s.ex.Bytes()
	if inst := t.inst; inst != nil {
		s.mems = make([]memImage, len(inst.Mems))
		for i, m := range inst.Mems {
			var old *memImage
			if prev != nil {
				old = &prev.mems[i]
			}
			s.mems[i] = image(m.Data, old)
			s.own += 8 * len(s.mems[i].pages)
		}
		s.globals = make([][2]uint64, len(inst.Globals))
		for i, g := range inst.Globals {
			s.globals[i] = [2]uint64{g.Lo, g.Hi}
		}
		s.tables = make([][]uint64, len(inst.Tables))
		for i, tb := range inst.Tables {
			s.tables[i] = append([]uint64(nil), tb.Elems...)
			s.own += 8 * len(tb.Elems)
		}
		s.elems = append([][]uint64(nil), inst.Elems...)
		s.datas = append([][]byte(nil), inst.Datas...)
	}
	s.own += newPages(prev, s) * pageSize
	t.snaps = append(t.snaps, s)
	t.bytes += s.own
	if !t.fixed {
		t.every = max(t.every, uint64(t.guestBytes()))
	}
	t.next = s.count + t.every
	t.thin()
}

// image returns data as pages, sharing old's where they are equal.
func image(data []byte, old *memImage) memImage {
	im := memImage{size: len(data), pages: make([]*page, (len(data)+pageSize-1)/pageSize)}
	for j := range im.pages {
		src := data[j*pageSize : min(len(data), (j+1)*pageSize)]
		if old != nil && j < len(old.pages) && bytes.Equal(old.pages[j][:len(src)], src) {
			im.pages[j] = old.pages[j]
			continue
		}
		p := new(page)
		copy(p[:], src)
		im.pages[j] = p
	}
	return im
}

// newPages counts the pages of s not shared with prev (all of them when
// prev is nil). A page once replaced is never shared again, so pages
// shared at all are shared with the neighbour.
func newPages(prev, s *snapshot) int {
	n := 0
	for i, m := range s.mems {
		for j, p := range m.pages {
			if prev == nil || i >= len(prev.mems) || j >= len(prev.mems[i].pages) || prev.mems[i].pages[j] != p {
				n++
			}
		}
	}
	return n
}

// thin keeps the snapshots and the host-call record within twice the
// guest's memory (the first snapshot, a whole copy, counted): past it
// every other snapshot goes (the first and the latest stay) and the
// interval doubles, so a run of any length keeps a bounded record.
func (t *timeline) thin() {
	limit := max(2*t.guestBytes(), 64<<10)
	for t.bytes+t.rec.Bytes() > limit && len(t.snaps) > 2 {
		kept := t.snaps[:1]
		for i := 1; i < len(t.snaps); i++ {
			if i%2 == 0 || i == len(t.snaps)-1 {
				kept = append(kept, t.snaps[i])
			}
		}
		t.snaps = kept
		t.bytes = 0
		for i, s := range t.snaps {
			var prev *snapshot
			if i > 0 {
				prev = t.snaps[i-1]
			}
			s.own = s.ex.Bytes() + newPages(prev, s)*pageSize
			for _, m := range s.mems {
				s.own += 8 * len(m.pages)
			}
			for _, tb := range s.tables {
				s.own += 8 * len(tb)
			}
			t.bytes += s.own
		}
		t.every *= 2
		last := t.snaps[len(t.snaps)-1]
		t.next = last.count + t.every
	}
}

// before returns the latest snapshot at count n or before.
func (t *timeline) before(n uint64) (*snapshot, error) {
	for i := len(t.snaps) - 1; i >= 0; i-- {
		if t.snaps[i].count <= n {
			return t.snaps[i], nil
		}
	}
	return nil, fmt.Errorf("instruction %d is before the execution's first snapshot (%d)", n, t.snaps[0].count)
}

// restore puts the execution and its instance back in the state of s.
func (t *timeline) restore(s *snapshot) error {
	if inst := t.inst; inst != nil {
		for i, m := range inst.Mems {
			im := &s.mems[i]
			// Going forward (to a snapshot ahead) the memory grows as it
			// did; back, the pages grown since are cut off, zeroed, as a
			// later memory.grow expects them.
			if len(m.Data) < im.size && m.Grow(uint64(im.size-len(m.Data))/runtime.PageSize) < 0 {
				return fmt.Errorf("memory %d cannot grow back to its %d bytes at instruction %d", i, im.size, s.count)
			}
			clear(m.Data[im.size:])
			m.Data = m.Data[:im.size]
			for j, p := range im.pages {
				copy(m.Data[j*pageSize:], p[:])
			}
		}
		for i, g := range inst.Globals {
			g.Lo, g.Hi = s.globals[i][0], s.globals[i][1]
		}
		for i, tb := range inst.Tables {
			if n := len(s.tables[i]); len(tb.Elems) < n && tb.Grow(uint64(n-len(tb.Elems)), 0) < 0 {
				return fmt.Errorf("table %d cannot grow back to its %d elements at instruction %d", i, n, s.count)
			}
			tb.Elems = append(tb.Elems[:0], s.tables[i]...)
		}
		copy(inst.Elems, s.elems)
		copy(inst.Datas, s.datas)
	}
	t.ex.Restore(s.ex)
	return nil
}
