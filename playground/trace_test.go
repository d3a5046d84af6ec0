package playground

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

// tracedRun runs program name to its end with the trace on, in slices of
// fuel instructions, its log keeping limit records.
func tracedRun(t *testing.T, name string, limit int, fuel int64) *Session {
	t.Helper()
	s := load(t, name, Options{TraceLimit: limit})
	s.Configure(RunConfig{Trace: true})
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	runToEnd(t, s, fuel)
	return s
}

func TestTraceOfARun(t *testing.T) {
	s := tracedRun(t, "hello.wat", 0, 3)
	var b strings.Builder
	if _, err := s.Trace.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, want := range []string{
		"fd_write(fd=1, iovs=0x10, iovs_len=1, nwritten=0x18) → 0",
		"call $fd_write", // names from the module, as the CLI's lines
		"mem[0x14]",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("trace lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "dropped") {
		t.Errorf("a short run's trace says something was dropped:\n%s", text)
	}
	if n := strings.Count(text, "\n"); n != s.Trace.Len() || uint64(n) != s.Trace.Total() {
		t.Errorf("%d lines, Len %d, Total %d", n, s.Trace.Len(), s.Trace.Total())
	}
}

func TestTraceRows(t *testing.T) {
	// fib(20) from _start: 21891 calls of $fib, hundreds of thousands of
	// events, in slices of 1000 instructions.
	s := tracedRun(t, "fib.wat", 0, 1000)
	tr := s.Trace
	all := tr.Count(-1)
	if all < 200_000 || all != tr.Len() {
		t.Fatalf("Count(-1) %d, Len %d", all, tr.Len())
	}
	t.Run("rows are the events in order", func(t *testing.T) {
		rows := tr.Rows(-1, 0, all)
		seq := uint64(0)
		for i, r := range rows {
			if r.Seq < seq {
				t.Fatalf("row %d: seq %d after %d", i, r.Seq, seq)
			}
			seq = r.Seq
		}
		if !strings.Contains(rows[0].Line, "call") || !strings.Contains(rows[len(rows)-1].Line, "$main") {
			t.Errorf("first %q, last %q", rows[0].Line, rows[len(rows)-1].Line)
		}
	})
	t.Run("filter by function", func(t *testing.T) {
		for _, tt := range []struct {
			name string
			fn   int64
			want string
		}{{"fib", 0, "$fib"}, {"main", 1, "$main"}} {
			t.Run(tt.name, func(t *testing.T) {
				n := tr.Count(tt.fn)
				if n == 0 || n >= all {
					t.Fatalf("%d rows of %d", n, all)
				}
				for _, r := range tr.Rows(tt.fn, 0, n) {
					if !strings.Contains(r.Line, tt.want) {
						t.Fatalf("row %q under the filter %s", r.Line, tt.want)
					}
				}
			})
		}
		if tr.Count(0)+tr.Count(1) != all {
			t.Errorf("rows of $fib %d + $main %d != %d", tr.Count(0), tr.Count(1), all)
		}
	})
	t.Run("find an instruction count", func(t *testing.T) {
		for _, seq := range []uint64{0, 1, 12345, 200_000} {
			r := tr.Find(-1, seq)
			row := tr.Rows(-1, r, r+1)
			if len(row) != 1 || row[0].Seq != seq {
				t.Errorf("Find(%d) = row %d: %+v", seq, r, row)
			}
			// Under a filter: the function's first row at seq or later.
			r = tr.Find(0, seq)
			if row := tr.Rows(0, r, r+1); len(row) != 1 || row[0].Seq < seq || !strings.Contains(row[0].Line, "$fib") {
				t.Errorf("Find(fib, %d) = row %d: %+v", seq, r, row)
			}
		}
		if r := tr.Find(-1, 1<<40); r != all {
			t.Errorf("Find past the end = %d, want %d", r, all)
		}
	})
}

func TestTraceRing(t *testing.T) {
	// A log of 4096 records: fib(20) fills it many times over, with slices
	// small enough that every record is read before the ring wraps.
	s := tracedRun(t, "fib.wat", 4096, 500)
	tr := s.Trace
	if tr.Len() > 4096 || tr.Total() < 100_000 {
		t.Fatalf("Len %d, Total %d", tr.Len(), tr.Total())
	}
	var b strings.Builder
	tr.WriteTo(&b)
	// Written in parts, as the page downloads it, the text is the same.
	var parts strings.Builder
	for from := 0; from < tr.Len(); from += 1000 {
		tr.WriteRows(&parts, -1, from, from+1000)
	}
	if parts.String() != b.String() {
		t.Errorf("the trace written in parts differs from the whole (%d bytes, %d)", parts.Len(), b.Len())
	}
	first, _, _ := strings.Cut(b.String(), "\n")
	if want := dropNotice(tr.Total() - uint64(tr.Len())); first != want {
		t.Errorf("first line %q, want %q", first, want)
	}
	// The last row is the end of $main; the store of fib(20) was written.
	rows := tr.Rows(-1, tr.Len()-3, tr.Len())
	if len(rows) != 3 || !strings.Contains(rows[2].Line, "$main") {
		t.Errorf("last rows %+v", rows)
	}
	if w := s.Written(0); w.Bytes() != 4 || w[0].Start != 0 {
		t.Errorf("written %v", w)
	}
	// The filters, over the wrapped ring, split its rows between the two
	// functions.
	for fn, name := range []string{"$fib", "$main"} {
		for _, r := range tr.Rows(int64(fn), 0, tr.Count(int64(fn))) {
			if !strings.Contains(r.Line, name) {
				t.Fatalf("row %q under the filter %s", r.Line, name)
			}
		}
	}
	if tr.Count(0)+tr.Count(1) != tr.Len() {
		t.Errorf("rows of $fib %d + $main %d != %d", tr.Count(0), tr.Count(1), tr.Len())
	}
}

func TestTraceNotes(t *testing.T) {
	s := tracedRun(t, "trap.wat", 0, 1)
	tr := s.Trace
	n := tr.Len()
	rows := tr.Rows(-1, 0, n)
	last := rows[n-1]
	if !last.Note || last.Line != "trap: unreachable" {
		t.Errorf("last row %+v", last)
	}
	// Every filter keeps notes, after the function's rows.
	for fn := int64(0); fn < 2; fn++ {
		c := tr.Count(fn)
		if got := tr.Rows(fn, c-1, c); len(got) != 1 || !got[0].Note {
			t.Errorf("filter %d: last row %+v", fn, got)
		}
	}
	if r := tr.Find(-1, 1<<40); r != n {
		t.Errorf("Find past the end %d, want %d (after the note)", r, n)
	}
}

func TestTraceWritten(t *testing.T) {
	// A store of the value already there is a write: the log's records
	// say so, where comparing memory would not.
	const prog = `(module (memory 1)
	  (func (export "_start")
	    (i32.store (i32.const 8) (i32.const 0))
	    (i64.store (i32.const 100) (i64.const 7))
	    (memory.fill (i32.const 200) (i32.const 1) (i32.const 10))))`
	for _, tt := range []struct {
		name  string
		trace bool
		want  string
	}{
		{"traced", true, "[{8 12} {100 108} {200 210}]"},
		{"untraced", false, "[{100 101} {200 210}]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := New(Options{})
			if err := s.Load("w.wat", []byte(prog)); err != nil {
				t.Fatal(err)
			}
			s.Configure(RunConfig{Trace: tt.trace})
			if err := s.Start(); err != nil {
				t.Fatal(err)
			}
			runToEnd(t, s, -1)
			if got := fmt.Sprint(s.Written(0)); got != tt.want {
				t.Errorf("written %s, want %s", got, tt.want)
			}
			if tt.trace {
				for _, c := range []struct {
					addr uint64
					ok   bool
				}{{8, true}, {11, true}, {12, false}, {107, true}, {209, true}, {210, false}} {
					seq, ok := s.Trace.LastWrite(0, c.addr)
					if ok != c.ok {
						t.Errorf("LastWrite(%d) = %d, %v", c.addr, seq, ok)
						continue
					}
					if ok {
						r := s.Trace.Find(-1, seq)
						if row := s.Trace.Rows(-1, r, r+1); len(row) != 1 || !regexp.MustCompile(`store|fill`).MatchString(row[0].Line) {
							t.Errorf("the writer of %d: %+v", c.addr, row)
						}
					}
				}
			}
		})
	}
}

// BenchmarkFibCall is fib(20) called as the Module pane calls it, in
// slices as the page runs them, untraced and traced: their ratio is what
// tracing costs a run in the page (apart from the worker's round trips).
func BenchmarkFibCall(b *testing.B) {
	for _, traced := range []bool{false, true} {
		b.Run(fmt.Sprintf("traced=%v", traced), func(b *testing.B) {
			s := New(Options{})
			if err := s.Load("fib.wat", mustRead(b, "../static/examples/fib.wat")); err != nil {
				b.Fatal(err)
			}
			s.Configure(RunConfig{Trace: traced})
			for b.Loop() {
				if err := s.Call("fib", "20"); err != nil {
					b.Fatal(err)
				}
				for s.RunSlice(20_000) == Running {
				}
				if res := s.Result(); res == nil || len(res.Values) != 1 || res.Values[0].Lo != 6765 {
					b.Fatalf("fib(20): %+v", res)
				}
			}
		})
	}
}

func mustRead(b *testing.B, name string) []byte {
	data, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// TestRowsAddAll checks that adding a batch of rows at once keeps the
// same rows, in the same order, as adding them one at a time: from empty,
// across the ring's end, once the ring is at its largest, and with a
// batch larger than the ring.
func TestRowsAddAll(t *testing.T) {
	for _, tc := range []struct {
		name        string
		max, before int // the ring's largest size, rows added first
		batch       int
	}{
		{"empty", 1024, 0, 100},
		{"grows", 4096, 1000, 3000},
		{"wraps at its largest", 1024, 1000, 100},
		{"batch larger than the ring", 1024, 10, 5000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			one, all := &rows{max: tc.max}, &rows{max: tc.max}
			next := uint64(0)
			for range tc.before {
				one.add(next)
				all.add(next)
				next += 3
			}
			batch := make([]uint64, tc.batch)
			for i := range batch {
				batch[i] = next
				one.add(next)
				next += 3
			}
			all.addAll(batch)
			if one.len() != all.len() || one.n != all.n || one.head != all.head {
				t.Fatalf("addAll kept %d rows of %d (%d dropped), add %d of %d (%d dropped)",
					all.len(), all.n, all.head, one.len(), one.n, one.head)
			}
			for i := range one.len() {
				if one.at(i) != all.at(i) {
					t.Fatalf("row %d: addAll %d, add %d", i, all.at(i), one.at(i))
				}
			}
		})
	}
}
