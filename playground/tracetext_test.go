package playground

import (
	"io"
	"sort"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/trace"
)

// eventPath formats a trace's rows the way the page did before it
// formatted them from the log's records, for comparing with that: each
// event decoded into a vm.Event (vm.Log.Event) and formatted on its own
// (trace.Formatter.Line), with a Formatter of its own.
type eventPath struct {
	t  *Trace
	f  trace.Formatter
	ev vm.Event
}

func newEventPath(t *Trace) *eventPath {
	return &eventPath{t: t, f: trace.Formatter{Module: t.fmt.Module}}
}

func (p *eventPath) rows(fn int64, from, to int) []Row {
	t := p.t
	t.mu.Lock()
	defer t.mu.Unlock()
	v := t.view(fn)
	notes := t.heldNotes()
	noteRow := make([]int, len(notes))
	for j, n := range notes {
		noteRow[j] = v.search(n.at) + j
	}
	from, to = max(from, 0), min(to, v.len()+len(notes))
	var out []Row
	j := sort.SearchInts(noteRow, from)
	for r := from; r < to; r++ {
		if j < len(notes) && noteRow[j] == r {
			out = append(out, Row{Line: notes[j].text, Kind: vm.EventTrap, Note: true})
			j++
			continue
		}
		n := v.at(r - j)
		if !t.log.Event(n, &p.ev) {
			out = append(out, Row{Line: trace.LostEvent})
			continue
		}
		out = append(out, Row{Line: p.f.Line(&p.ev), Kind: p.ev.Kind, Seq: p.ev.Seq})
	}
	return out
}

func (p *eventPath) writeRows(w io.Writer, fn int64, from, to int) {
	if dropped := p.t.Total() - uint64(p.t.Len()); dropped > 0 && from == 0 {
		io.WriteString(w, dropNotice(dropped)+"\n")
	}
	to = min(to, p.t.Count(fn))
	var buf []byte
	for ; from < to; from += 4096 {
		buf = buf[:0]
		for _, r := range p.rows(fn, from, min(from+4096, to)) {
			buf = append(append(buf, r.Line...), '\n')
		}
		w.Write(buf)
	}
}

// traceReader is what a step of TestTraceText reads a trace through.
type traceReader interface {
	rows(fn int64, from, to int) []Row
	writeRows(w io.Writer, fn int64, from, to int)
}

// logPath is the Trace's own way, from the log's records.
type logPath struct{ t *Trace }

func (p logPath) rows(fn int64, from, to int) []Row { return p.t.Rows(fn, from, to) }
func (p logPath) writeRows(w io.Writer, fn int64, from, to int) {
	if _, err := p.t.WriteRows(w, fn, from, to); err != nil {
		panic(err)
	}
}

// TestTraceText checks that the rows and the downloaded text, formatted
// from the log's records, are those the events decoded one by one give,
// on a run whose log wrapped (the first line says what was dropped) and
// holds calls, memory writes, WASI host calls, throws and catches (some
// of whose exceptions the log no longer keeps), a late widening of the
// function column and a trap (an event and the page's note); read in the
// orders the page reads it (the last rows first, scrolling, filtered,
// downloaded whole or in parts).
func TestTraceText(t *testing.T) {
	s := tracedRun(t, "tracemix.wat", 1<<17, 1000)
	tr := s.Trace
	n := tr.Len()
	if dropped := tr.Total() - uint64(n); dropped == 0 {
		t.Fatalf("the log did not wrap: %d rows", n)
	}
	// Functions: 0 fd_write (imported), 1 $thrower, 2 $step, 3 the long
	// name, 4 $main.
	type read struct {
		fn       int64
		from, to int
		text     bool // WriteRows, else Rows
	}
	last := func(fn int64, k int) read { c := tr.Count(fn); return read{fn, c - k, c, false} }
	parts := func(fn int64, size int) []read {
		var rs []read
		for from := 0; from < tr.Count(fn); from += size {
			rs = append(rs, read{fn, from, from + size, true})
		}
		return rs
	}
	for _, tt := range []struct {
		name  string
		reads []read
	}{
		{"download", []read{{-1, 0, n, true}}},
		{"download in parts", parts(-1, 10_000)},
		{"download in odd parts", parts(-1, 4097)},
		{"download a function", []read{{2, 0, n, true}, {1, 0, n, true}}},
		{"download the long name first", []read{{3, 0, n, true}, {-1, 0, n, true}}},
		{"download a function in parts", parts(4, 1000)},
		{"rows all at once", []read{{-1, 0, n, false}}},
		{"rows as the page follows and scrolls", []read{
			last(-1, 40), {-1, 0, 40, false}, {-1, n / 2, n/2 + 40, false},
			{-1, 100, 140, false}, last(-1, 3), {-1, n - 100, n + 10, false}, {-1, 0, n, true}}},
		{"rows filtered", []read{last(2, 40), {1, 0, 40, false}, last(1, 40), {3, 0, 10, false}, {4, 50, 90, false}, {2, 0, n, false}}},
		{"rows and download mixed", []read{{-1, 0, 40, false}, {-1, 0, 20_000, true}, last(-1, 40), {-1, 20_000, n, true}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// Each way with a new Formatter: what it formats first sets
			// the function column's width for later lines.
			resetFormat(tr)
			want, got := traceReader(newEventPath(tr)), traceReader(logPath{tr})
			for i, r := range tt.reads {
				if r.text {
					var w, g strings.Builder
					want.writeRows(&w, r.fn, r.from, r.to)
					got.writeRows(&g, r.fn, r.from, r.to)
					if w.Len() == 0 {
						t.Fatalf("read %d (%+v): no text", i, r)
					}
					if g.String() != w.String() {
						wl, gl := strings.Split(w.String(), "\n"), strings.Split(g.String(), "\n")
						for k := range min(len(wl), len(gl)) {
							if wl[k] != gl[k] {
								t.Fatalf("read %d (%+v): line %d is\n%q, want\n%q", i, r, k+1, gl[k], wl[k])
							}
						}
						t.Fatalf("read %d (%+v): %d lines, want %d", i, r, len(gl), len(wl))
					}
					continue
				}
				w, g := want.rows(r.fn, r.from, r.to), got.rows(r.fn, r.from, r.to)
				if len(w) == 0 || len(g) != len(w) {
					t.Fatalf("read %d (%+v): %d rows, want %d", i, r, len(g), len(w))
				}
				for k := range w {
					if g[k] != w[k] {
						t.Fatalf("read %d (%+v): row %d is\n%+v, want\n%+v", i, r, k, g[k], w[k])
					}
				}
			}
		})
	}
	// What the run's text holds: what the comparisons above covered.
	var b strings.Builder
	tr.WriteTo(&b)
	text := b.String()
	for _, want := range []string{
		dropNotice(tr.Total()-uint64(n)) + "\n",
		"call $step(", "return $thrower", "call $fd_write", "mem[0x80]               ← ",
		"fd_write(fd=1, iovs=0x10, iovs_len=1, nwritten=0x18) → 0",
		"throw $oops(", "catch $oops", trace.LostEvent, "$a_function_with_a_rather_long_name",
		"  trap: unreachable\ntrap: unreachable\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the trace lacks %q", want)
		}
	}
}

// tracedFib23 returns the trace of fib(23) called as the Module pane calls
// it: 1.16 million rows.
func tracedFib23(b *testing.B) *Trace {
	s := New(Options{TraceLimit: 4 << 20})
	if err := s.Load("fib.wat", mustRead(b, "../static/examples/fib.wat")); err != nil {
		b.Fatal(err)
	}
	s.Configure(RunConfig{Trace: true})
	if err := s.Call("fib", "23"); err != nil {
		b.Fatal(err)
	}
	for s.RunSlice(20_000) == Running {
	}
	tr := s.Trace
	if rows := tr.Count(-1); tr.Total() != uint64(tr.Len()) || rows < 1_000_000 {
		b.Fatalf("%d rows of %d", rows, tr.Total())
	}
	return tr
}

// resetFormat gives tr a new Formatter, as after a new run.
func resetFormat(tr *Trace) {
	tr.mu.Lock()
	tr.fmt = trace.Formatter{Module: tr.fmt.Module}
	tr.mu.Unlock()
}

// BenchmarkTraceDownload measures the page's "download trace.txt" of a
// traced fib(23) (1.16 million rows) in parts of 100,000 rows, as the
// page asks for them: formatted from the log's records ("log", the way
// WriteRows formats) and, for comparison, event by event ("event", the way
// it formatted before), each with a new Formatter (a first download).
func BenchmarkTraceDownload(b *testing.B) {
	tr := tracedFib23(b)
	rows := tr.Count(-1)
	download := func(r traceReader) int {
		n := 0
		for from := 0; from < rows; from += 100_000 {
			var part strings.Builder
			r.writeRows(&part, -1, from, from+100_000)
			n += part.Len()
		}
		return n
	}
	for _, way := range []string{"log", "event"} {
		b.Run(way, func(b *testing.B) {
			size := 0
			for b.Loop() {
				resetFormat(tr)
				if way == "log" {
					size = download(logPath{tr})
				} else {
					size = download(newEventPath(tr))
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(float64(size)/float64(rows), "B/row")
			b.ReportMetric(0, "ns/op")
		})
	}
}

// BenchmarkTraceRows measures the Trace pane's reads: the rows in view
// (40 at a time), scrolling through the whole traced fib(23), formatted
// from the log's records ("log", Rows) and event by event ("event", the
// way Rows formatted before).
func BenchmarkTraceRows(b *testing.B) {
	tr := tracedFib23(b)
	rows := tr.Count(-1)
	for _, way := range []string{"log", "event"} {
		b.Run(way, func(b *testing.B) {
			for b.Loop() {
				resetFormat(tr)
				var r traceReader = logPath{tr}
				if way == "event" {
					r = newEventPath(tr)
				}
				for from := 0; from < rows; from += 40 {
					if len(r.rows(-1, from, from+40)) == 0 {
						b.Fatal("no rows")
					}
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			b.ReportMetric(0, "ns/op")
		})
	}
}
