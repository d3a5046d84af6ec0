package playground

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/wasmscope/wasmscope/wasi/runner"
)

// settle runs slices until the session is not Running.
func settle(t *testing.T, s *Session, st State) State {
	t.Helper()
	for i := 0; st == Running; i++ {
		if i > 1_000_000 {
			t.Fatal("the run did not settle")
		}
		st = s.RunSlice(1000)
	}
	return st
}

// pausedAt checks the session is paused for reason in function fn, and
// returns the paused view.
func pausedAt(t *testing.T, s *Session, st State, reason, fn string) *PausedView {
	t.Helper()
	p := s.Paused()
	if st != Paused || p == nil {
		t.Fatalf("state %v (result %+v), want paused (%s)", st, s.Result(), reason)
	}
	if p.Reason != reason || p.Frames[0].Name != fn {
		t.Fatalf("paused (%s) in %s, want (%s) in %s", p.Reason, p.Frames[0].Where(), reason, fn)
	}
	return p
}

// instrOffset returns the module offset of the skip-th instruction op of
// function fn of the loaded program.
func instrOffset(t *testing.T, s *Session, fn uint32, op string, skip int) uint32 {
	t.Helper()
	src := s.FuncSource(fn)
	for i, l := range src.Lines {
		if strings.HasPrefix(strings.TrimSpace(l), op) && src.Offsets[i] >= 0 {
			if skip == 0 {
				return uint32(src.Offsets[i])
			}
			skip--
		}
	}
	t.Fatalf("func[%d] has no %s", fn, op)
	return 0
}

// The session's breakpoints: by function, module offset and instruction
// count, set before a run or while paused, removed while paused, and
// honoured in calls of exports; step out and run to an offset.
func TestDebugBreakpoints(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, s *Session)
	}{
		{"function, then removed while paused", func(t *testing.T, s *Session) {
			b, err := s.Break("fib")
			if err != nil {
				t.Fatal(err)
			}
			_ = s.Start()
			p := pausedAt(t, s, settle(t, s, Running), "breakpoint", "$fib")
			if p.Frames[0].Locals[0].Value != "20" {
				t.Fatalf("n = %s", p.Frames[0].Locals[0].Value)
			}
			if err := s.Delete(b.ID); err != nil {
				t.Fatal(err)
			}
			s.Continue()
			if st := settle(t, s, Running); st != Idle || s.Result().Kind != runner.Returned {
				t.Fatalf("after removing the breakpoint: %v %+v", st, s.Result())
			}
		}},
		{"offset set while paused", func(t *testing.T, s *Session) {
			_ = s.Start()
			s.Step()
			off := instrOffset(t, s, 0, "i32.sub", 1) // fib's n-2
			if _, err := s.Break(fmt.Sprintf("0x%x", off)); err != nil {
				t.Fatal(err)
			}
			s.Continue()
			p := pausedAt(t, s, settle(t, s, Running), "breakpoint", "$fib")
			if p.Frames[0].Offset != off {
				t.Fatalf("at 0x%x, want 0x%x", p.Frames[0].Offset, off)
			}
		}},
		{"instruction count", func(t *testing.T, s *Session) {
			if _, err := s.Break("@100"); err != nil {
				t.Fatal(err)
			}
			_ = s.Start()
			p := pausedAt(t, s, settle(t, s, Running), "instruction count", "$fib")
			if p.Executed != 100 {
				t.Fatalf("paused after %d instructions", p.Executed)
			}
		}},
		{"toggle an offset", func(t *testing.T, s *Session) {
			off := instrOffset(t, s, 1, "i32.store", 0)
			if set, err := s.ToggleOffset(off); !set || err != nil {
				t.Fatalf("toggle on: %v %v", set, err)
			}
			if set, err := s.ToggleOffset(off); set || err != nil || len(s.Breakpoints()) != 0 {
				t.Fatalf("toggle off: %v %v %+v", set, err, s.Breakpoints())
			}
		}},
		{"a call of an export", func(t *testing.T, s *Session) {
			_, _ = s.Break("fib")
			if err := s.Call("fib", "3"); err != nil {
				t.Fatal(err)
			}
			pausedAt(t, s, settle(t, s, Running), "breakpoint", "$fib")
		}},
		{"step out", func(t *testing.T, s *Session) {
			b, _ := s.Break("fib")
			_ = s.Start()
			settle(t, s, Running)
			_ = s.Delete(b.ID) // else the recursive calls stop there
			p := pausedAt(t, s, settle(t, s, s.StepOut()), "stepped out", "$main")
			if stk := p.Frames[0].Stack; len(stk) != 2 || stk[1].Value != "6765" {
				t.Fatalf("stack after stepping out of fib(20): %+v", stk)
			}
		}},
		{"run to an offset", func(t *testing.T, s *Session) {
			_ = s.Start()
			s.Step()
			off := instrOffset(t, s, 1, "i32.store", 0)
			st, err := s.RunTo(off)
			if err != nil {
				t.Fatal(err)
			}
			p := pausedAt(t, s, settle(t, s, st), "ran to the offset", "$main")
			if p.Frames[0].Offset != off {
				t.Fatalf("at 0x%x, want 0x%x", p.Frames[0].Offset, off)
			}
		}},
		{"config breakpoints are replaced by the next run's", func(t *testing.T, s *Session) {
			s.Configure(RunConfig{Breakpoints: []string{"fib"}})
			_ = s.Start()
			pausedAt(t, s, settle(t, s, Running), "breakpoint", "$fib")
			s.Configure(RunConfig{})
			_ = s.Start()
			if st := settle(t, s, Running); st != Idle || len(s.Breakpoints()) != 0 {
				t.Fatalf("%v, breakpoints %+v", st, s.Breakpoints())
			}
		}},
		{"bad names and offsets", func(t *testing.T, s *Session) {
			if _, err := s.Break("nope"); err == nil || !strings.Contains(err.Error(), "nope") {
				t.Errorf("Break(nope): %v", err)
			}
			if _, err := s.Break("0xffff"); err == nil || !strings.Contains(err.Error(), "0xffff") {
				t.Errorf("Break(0xffff): %v", err)
			}
			if _, err := s.Watch(1<<20, 4); err == nil || !strings.Contains(err.Error(), "outside memory 0") {
				t.Errorf("Watch outside: %v", err)
			}
			for _, spec := range []string{"@x", "@0", "0xzz", "func[9]:0x10", ""} {
				if _, err := s.Break(spec); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%q", spec)) {
					t.Errorf("Break(%q): %v", spec, err)
				}
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, load(t, "fib.wat", Options{})) })
	}
}

// A trap pauses the run at the trapping instruction with its frames, when
// the configuration says so; whatever comes next ends the run as trapped.
func TestPauseOnTrap(t *testing.T) {
	tests := []struct {
		name string
		end  func(s *Session) State
	}{
		{"continue", func(s *Session) State { s.Continue(); return s.State() }},
		{"step", func(s *Session) State { return s.Step() }},
		{"kill", func(s *Session) State { s.Kill(); return s.State() }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := load(t, "trap.wat", Options{})
			s.Configure(RunConfig{PauseOnTrap: true})
			_ = s.Start()
			p := pausedAt(t, s, settle(t, s, Running), "trap", "$inner")
			if p.Trap != "unreachable" || len(p.Frames) != 2 || p.Frames[1].Name != "$main" {
				t.Fatalf("paused view %+v", p)
			}
			if !strings.Contains(s.Out.Text(System), "trap: unreachable") {
				t.Errorf("console %q", s.Out.Text(System))
			}
			if st := tc.end(s); st != Idle || s.Result().Kind != runner.Trapped {
				t.Fatalf("after %s: %v %+v", tc.name, st, s.Result())
			}
			if n := strings.Count(s.Out.Text(System), "trap:"); n != 1 {
				t.Errorf("the trap said %d times", n)
			}
		})
	}
}

// A watchpoint stops after the instruction that wrote the watched bytes;
// LastWrite names it.
func TestWatchpoint(t *testing.T) {
	tests := []struct {
		addr, n uint64
		store   int // which i32.store of $main wrote, -1: fd_write
	}{
		{16, 4, 0},  // the iovec's buf: the address of "Hello"
		{20, 1, 1},  // its length
		{24, 4, -1}, // nwritten, written by fd_write
	}
	for _, tc := range tests {
		for _, traced := range []bool{true, false} {
			t.Run(fmt.Sprintf("%d+%d traced=%v", tc.addr, tc.n, traced), func(t *testing.T) {
				s := load(t, "hello.wat", Options{})
				s.Configure(RunConfig{Trace: traced})
				if _, err := s.Watch(tc.addr, tc.n); err != nil {
					t.Fatal(err)
				}
				_ = s.Start()
				p := pausedAt(t, s, settle(t, s, Running), "watchpoint", "$main")
				w := p.Write
				if w == nil || w.Addr > tc.addr || w.Addr+w.Len <= tc.addr {
					t.Fatalf("write %+v", w)
				}
				last, err := s.LastWrite(tc.addr)
				if err != nil || last != *w {
					t.Fatalf("LastWrite %+v %v, want %+v", last, err, *w)
				}
				if traced {
					// On to the end, then back to this stop.
					s.Continue()
					if st := settle(t, s, Running); st != Idle {
						t.Fatalf("after the watchpoint: %v", st)
					}
					if err := s.Back(BackContinue); err != nil {
						t.Fatal(err)
					}
					// (A replayed host call reports the bytes it changed,
					// which may be fewer than it wrote.)
					if p := s.Paused(); p == nil || p.Write == nil || p.Write.Seq != w.Seq || p.Write.Offset != w.Offset || p.Write.Text != w.Text {
						t.Fatalf("reverse continue: %+v (write %+v), want the write %+v", p, p.Write, *w)
					}
				}
				if tc.store < 0 {
					if !strings.Contains(w.Text, "fd_write") {
						t.Fatalf("written by %q, want fd_write", w.Text)
					}
					return
				}
				if off := instrOffset(t, s, 1, "i32.store", tc.store); w.Offset != off || !strings.Contains(w.Text, "i32.store") {
					t.Fatalf("written by %q at 0x%x, want the i32.store at 0x%x", w.Text, w.Offset, off)
				}
			})
		}
	}
}

// state is what a paused session shows, for comparing a state reached by
// going back with the one a forward run had.
func state(s *Session) string {
	p := s.Paused()
	if p == nil {
		return fmt.Sprintf("not paused: %v", s.State())
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%d %s", p.Executed, p.What)
	for _, f := range p.Frames {
		fmt.Fprintf(&b, " %s %v %v", f.Where(), f.Locals, f.Stack)
	}
	fmt.Fprintf(&b, " %v %x", p.Globals, s.Memory(0)[:64])
	return b.String()
}

// Going back — a step back, back over, back out, a reverse continue, the
// scrubber — reaches the state a forward run had at that instruction.
func TestBack(t *testing.T) {
	// The forward run's states, one per instruction.
	fwd := load(t, "fib.wat", Options{})
	fwd.Configure(RunConfig{Trace: true})
	_ = fwd.Start()
	var states []string
	for fwd.Step() == Paused && len(states) < 400 {
		states = append(states, state(fwd))
	}
	at := func(t *testing.T, s *Session, n uint64) {
		t.Helper()
		if got := state(s); got != states[n-1] {
			t.Fatalf("at %d:\n got %s\nwant %s", n, got, states[n-1])
		}
	}
	tests := []struct {
		name string
		run  func(t *testing.T, s *Session)
	}{
		{"step back", func(t *testing.T, s *Session) {
			s.Configure(RunConfig{Trace: true, Breakpoints: []string{"@300"}})
			_ = s.Start()
			settle(t, s, Running)
			for n := uint64(299); n > 250; n-- {
				if err := s.Back(BackStep); err != nil {
					t.Fatal(err)
				}
				at(t, s, n)
			}
		}},
		{"scrubber", func(t *testing.T, s *Session) {
			s.Configure(RunConfig{Trace: true, Breakpoints: []string{"@390"}})
			_ = s.Start()
			settle(t, s, Running)
			for _, n := range []uint64{5, 389, 1, 200, 390, 17} {
				if err := s.Goto(n); err != nil {
					t.Fatal(err)
				}
				at(t, s, n)
				if p := s.Paused(); p.Max != 390 {
					t.Fatalf("scrubber end %d", p.Max)
				}
			}
		}},
		{"reverse continue", func(t *testing.T, s *Session) {
			s.Configure(RunConfig{Trace: true, Breakpoints: []string{"@100", "@250"}})
			_ = s.Start()
			settle(t, s, Running) // 100
			s.Continue()
			settle(t, s, Running) // 250
			if settle(t, s, s.StepOver()); s.Paused().Executed <= 250 {
				t.Fatal("the step over did not go on")
			}
			if err := s.Back(BackContinue); err != nil {
				t.Fatal(err)
			}
			at(t, s, 250)
			if err := s.Back(BackContinue); err != nil {
				t.Fatal(err)
			}
			at(t, s, 100)
		}},
		{"back out and over", func(t *testing.T, s *Session) {
			s.Configure(RunConfig{Trace: true, Breakpoints: []string{"@150"}})
			_ = s.Start()
			settle(t, s, Running)
			depth := len(s.Paused().Frames)
			if err := s.Back(BackOut); err != nil {
				t.Fatal(err)
			}
			if p := s.Paused(); len(p.Frames) != depth-1 {
				t.Fatalf("back out: %d frames, want %d", len(p.Frames), depth-1)
			}
			at(t, s, s.Paused().Executed)
			before := s.Paused().Executed
			if err := s.Back(BackOver); err != nil {
				t.Fatal(err)
			}
			if p := s.Paused(); p.Executed >= before || len(p.Frames) > depth-1 {
				t.Fatalf("back over: at %d with %d frames", p.Executed, len(p.Frames))
			}
		}},
		{"from the end of the run", func(t *testing.T, s *Session) {
			s.Configure(RunConfig{Trace: true})
			_ = s.Start()
			if st := settle(t, s, Running); st != Idle || !s.CanGoBack() {
				t.Fatalf("%v, can go back %v", st, s.CanGoBack())
			}
			if err := s.Back(BackStep); err != nil {
				t.Fatal(err)
			}
			p := s.Paused()
			if p == nil || p.Frames[0].Name != "$main" {
				t.Fatalf("back from the end: %+v", p)
			}
			// Forward again: the run ends as it did, its output not
			// repeated.
			s.Continue()
			if st := settle(t, s, Running); st != Idle || s.Result().Kind != runner.Returned {
				t.Fatalf("forward again: %v %+v", st, s.Result())
			}
		}},
		{"untraced too", func(t *testing.T, s *Session) {
			s.Configure(RunConfig{Breakpoints: []string{"@300"}})
			_ = s.Start()
			settle(t, s, Running)
			for _, n := range []uint64{299, 7, 150} {
				if err := s.Goto(n); err != nil {
					t.Fatal(err)
				}
				at(t, s, n)
			}
			if err := s.Back(BackOut); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, load(t, "fib.wat", Options{})) })
	}
}

// Going back over host calls replays them: stdout is not written twice.
func TestBackReplaysHostCalls(t *testing.T) {
	s := load(t, "hello.wat", Options{})
	s.Configure(RunConfig{Trace: true})
	_ = s.Start()
	settle(t, s, Running)
	for i := 0; i < 3; i++ {
		if err := s.Back(BackStep); err != nil {
			t.Fatal(err)
		}
	}
	s.Continue()
	settle(t, s, Running)
	if out := s.Out.Text(Stdout); out != "Hello, World!\n" {
		t.Fatalf("stdout %q", out)
	}
}

// Pause while the program waits for stdin pauses it before the read
// (shown as the host function's frame over the caller's); the read is
// made again when it goes on.
func TestPauseWhileWaiting(t *testing.T) {
	tests := []struct {
		name  string
		input bool // input comes while paused
	}{
		{"resumed, it waits again", false},
		{"input while paused is read once resumed", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := load(t, "echo.wat", Options{})
			_ = s.Start()
			done := make(chan State)
			go func() { done <- settle(t, s, Running) }()
			waitFor(t, s.Stdin.Waiting)
			s.Pause()
			st := <-done
			p := pausedAt(t, s, st, "paused", s.Paused().Frames[0].Name)
			if !p.Frames[0].Host || !strings.Contains(p.Frames[0].Name, "fd_read") || len(p.Frames) != 2 || p.Frames[1].Name != "$main" {
				t.Fatalf("paused view %+v", p.Frames)
			}
			if tc.input {
				_, _ = s.Stdin.Write([]byte("x\n"))
				time.Sleep(10 * time.Millisecond)
				if strings.Contains(s.Out.Text(Stdout), "x") {
					t.Fatalf("read while paused: stdout %q", s.Out.Text(Stdout))
				}
			}
			s.Continue()
			go func() { done <- settle(t, s, Running) }()
			if tc.input {
				waitFor(t, func() bool { return s.Out.Text(Stdout) == "x\n" })
			}
			waitFor(t, s.Stdin.Waiting)
			_ = s.Stdin.Close()
			if st := <-done; st != Idle || s.Result().Kind != runner.Returned {
				t.Fatalf("%v %+v", st, s.Result())
			}
		})
	}
}
