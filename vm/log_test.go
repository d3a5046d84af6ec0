package vm_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

const logWAT = `(module
  (import "env" "put" (func $put (param i32 i32) (result i32)))
  (memory 1)
  (func $g (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func (export "f") (param i32) (result i32)
    (i32.store (i32.const 16) (i32.add (local.get 0) (i32.const 1)))
    (memory.fill (i32.const 32) (i32.const 7) (i32.const 40))
    (drop (call $put (i32.const 100) (i32.const 3)))
    (call $g (local.get 0)))
  (func (export "spin") (param i32) (result i32)
    (local $i i32)
    (loop $l
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get 0))))
    (local.get $i)))`

// logInstance instantiates logWAT; env.put(addr, n) writes n bytes 0xee at
// addr and says so through Caller.Wrote.
func logInstance(t *testing.T) *vm.Instance {
	t.Helper()
	mod, err := vm.CompileText([]byte(logWAT), "log.wat")
	if err != nil {
		t.Fatal(err)
	}
	s := vm.NewStore(vm.Config{})
	i32 := syntax.I32
	s.DefineHost("env", map[string]vm.HostFunc{"put": {
		Type: syntax.FuncType{Params: []syntax.ValType{i32, i32}, Results: []syntax.ValType{i32}},
		Call: func(c *vm.Caller, args, results []uint64) error {
			m := c.Memory()
			for k := uint64(0); k < args[1]; k++ {
				m[args[0]+k] = 0xee
			}
			c.Wrote(args[0], args[1])
			return nil
		},
	}})
	inst, err := s.Instantiate(mod)
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// describe renders an event compactly for comparisons.
func describe(ev *vm.Event) string {
	vals := func(vs []vm.Value) string {
		var b []string
		for _, v := range vs {
			b = append(b, fmt.Sprint(v.Lo))
		}
		return strings.Join(b, ",")
	}
	switch ev.Kind {
	case vm.EventInstr:
		info, _ := syntax.Info(ev.Instr.Op)
		return fmt.Sprintf("%d %s %s>%s", ev.Depth, info.Name, vals(ev.In), vals(ev.Out))
	case vm.EventMemWrite:
		return fmt.Sprintf("%d write %#x+%d % x", ev.Depth, ev.Addr, ev.Len, ev.Bytes)
	case vm.EventHostCall:
		return fmt.Sprintf("%d host %s %s>%s", ev.Depth, ev.Name, vals(ev.In), vals(ev.Out))
	default:
		return fmt.Sprintf("%d %s %s %s>%s", ev.Depth, ev.Kind, ev.Name, vals(ev.In), vals(ev.Out))
	}
}

func logged(l *vm.Log) []string {
	var out []string
	var ev vm.Event
	for i := l.Next(0, -1); i < l.Total(); i = l.Next(i+1, -1) {
		if l.Event(i, &ev) {
			out = append(out, describe(&ev))
		}
	}
	return out
}

func TestLog(t *testing.T) {
	inst := logInstance(t)
	t.Run("events", func(t *testing.T) {
		ex, err := inst.Call("f", vm.I32(5))
		if err != nil {
			t.Fatal(err)
		}
		l := vm.NewLog(1 << 20)
		ex.SetLog(l)
		if _, err := ex.Run(-1); err != nil {
			t.Fatal(err)
		}
		want := []string{
			"0 call $f 5>",
			"0 i32.const >16", "0 local.get >5", "0 i32.const >1", "0 i32.add 5,1>6",
			"0 i32.store 16,6>", "0 write 0x10+4 06 00 00 00",
			"0 i32.const >32", "0 i32.const >7", "0 i32.const >40", "0 memory.fill 32,7,40>",
			"0 write 0x20+40 07 07 07 07 07 07 07 07 07 07 07 07 07 07 07 07",
			"0 i32.const >100", "0 i32.const >3", "0 call 100,3>0",
			"1 host env.put 100,3>0", "1 write 0x64+3 ee ee ee",
			"0 drop 0>", "0 local.get >5", "0 call 5>",
			"1 call $g 5>", "1 local.get >5", "1 i32.const >2", "1 i32.mul 5,2>10", "1 end 10>",
			"1 return $g >10",
			"0 end 10>", "0 return $f >10",
		}
		if got := logged(l); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("seek and filter", func(t *testing.T) {
		ex, _ := inst.Call("f", vm.I32(5))
		l := vm.NewLog(1 << 20)
		ex.SetLog(l)
		if _, err := ex.Run(-1); err != nil {
			t.Fatal(err)
		}
		var ev vm.Event
		for _, seq := range []uint64{0, 3, 10, 17} {
			if i := l.Seek(seq); !l.Event(i, &ev) || ev.Seq != seq || ev.Kind != vm.EventInstr {
				t.Errorf("Seek(%d): %s (seq %d)", seq, describe(&ev), ev.Seq)
			}
		}
		var all, inG []uint64
		for i := l.Next(0, -1); i < l.Total(); i = l.Next(i+1, -1) {
			all = append(all, i)
			if fn, ok := l.Func(i); ok && fn == 1 {
				inG = append(inG, i)
			}
		}
		if got := l.InFunc(nil, all, 1); fmt.Sprint(got) != fmt.Sprint(inG) {
			t.Errorf("InFunc(1) = %v, want %v", got, inG)
		}
		n := 0
		for i := l.Next(0, 1); i < l.Total(); i = l.Next(i+1, 1) {
			if fn, ok := l.Func(i); !ok || fn != 1 {
				t.Errorf("Next in func 1 gave an event of func %d", fn)
			}
			n++
		}
		if n != 6 { // call, 4 instructions, return
			t.Errorf("%d events in $g, want 6", n)
		}
	})
	t.Run("heads in a ring that wrapped", func(t *testing.T) {
		// The smallest log, written over several times by five runs:
		// Heads reads the ring in two runs of records.
		l := vm.NewLog(0)
		for range 5 {
			ex, _ := inst.Call("f", vm.I32(5))
			ex.SetLog(l)
			if _, err := ex.Run(-1); err != nil {
				t.Fatal(err)
			}
		}
		if l.Total() < 3*uint64(l.Cap()) {
			t.Fatalf("%d records in a ring of %d: it did not wrap", l.Total(), l.Cap())
		}
		checkHeads(t, l)
	})
	t.Run("kinds, writes and clear", func(t *testing.T) {
		ex, _ := inst.Call("f", vm.I32(5))
		l := vm.NewLog(1 << 20)
		ex.SetLog(l)
		if _, err := ex.Run(-1); err != nil {
			t.Fatal(err)
		}
		var ev vm.Event
		var writes []string
		for i := l.Next(0, -1); i < l.Total(); i = l.Next(i+1, -1) {
			l.Event(i, &ev)
			if k, ok := l.Kind(i); !ok || k != ev.Kind || l.Seq(i) != ev.Seq {
				t.Errorf("record %d: Kind %v %v, Seq %d; the event is %s, seq %d", i, k, ok, l.Seq(i), describe(&ev), ev.Seq)
			}
			mem, addr, n, ok := l.Write(i)
			if ok != (ev.Kind == vm.EventMemWrite) || ok && (mem != ev.Mem || addr != ev.Addr || n != ev.Len) {
				t.Errorf("record %d (%s): Write %d %#x %d %v", i, describe(&ev), mem, addr, n, ok)
			}
			if ok {
				writes = append(writes, fmt.Sprintf("%#x+%d", addr, n))
			}
		}
		if got := strings.Join(writes, " "); got != "0x10+4 0x20+40 0x64+3" {
			t.Errorf("writes %s", got)
		}
		if _, ok := l.Kind(l.Total()); ok {
			t.Error("Kind past the end reports an event")
		}
		checkHeads(t, l)
		l.Clear()
		if l.Total() != 0 || len(logged(l)) != 0 {
			t.Errorf("cleared log holds %d records", l.Total())
		}
		// A cleared log records a new execution as a fresh one does.
		ex, _ = inst.Call("f", vm.I32(5))
		ex.SetLog(l)
		if _, err := ex.Run(-1); err != nil {
			t.Fatal(err)
		}
		if got := logged(l); len(got) == 0 || got[0] != "0 call $f 5>" {
			t.Errorf("after Clear: %q", got)
		}
	})
	t.Run("ring and pauses", func(t *testing.T) {
		ex, _ := inst.Call("spin", vm.I32(1000))
		l := vm.NewLog(64 * vm.RecordSize)
		ex.SetLog(l)
		var ev vm.Event
		for st := vm.Paused; st == vm.Paused; {
			var err error
			if st, err = ex.Run(7); err != nil {
				t.Fatal(err)
			}
			// The slice's last instruction already shows its results.
			last := uint64(0)
			for i := l.Next(0, -1); i < l.Total(); i = l.Next(i+1, -1) {
				if l.Event(i, &ev) && ev.Kind == vm.EventInstr {
					last = i
				}
			}
			l.Event(last, &ev)
			if info, _ := syntax.Info(ev.Instr.Op); (info.Name == "local.get" || info.Name == "i32.add") && len(ev.Out) != 1 {
				t.Fatalf("paused after %s with no result", describe(&ev))
			}
		}
		if l.Total() <= uint64(l.Cap()) || l.Len() > l.Cap() || l.Len() < l.Cap()/2 || l.First() != l.Total()-uint64(l.Len()) {
			t.Errorf("total %d, len %d, cap %d, first %d", l.Total(), l.Len(), l.Cap(), l.First())
		}
		// 64 records in slices of 7 instructions: each slice also has its
		// frame record and a snapshot (two records), binary instructions
		// take two, and the records before the oldest frame record kept
		// cannot be decoded; about 30 events.
		got := logged(l)
		if len(got) < 25 || got[len(got)-1] != "0 return $spin >1000" {
			t.Errorf("%d events kept, last %q", len(got), got[len(got)-1])
		}
	})
	t.Run("attach and detach while paused", func(t *testing.T) {
		ex, _ := inst.Call("spin", vm.I32(100))
		l := vm.NewLog(1 << 20)
		if _, err := ex.Run(37); err != nil {
			t.Fatal(err)
		}
		ex.SetLog(l)
		if _, err := ex.Run(50); err != nil {
			t.Fatal(err)
		}
		ex.SetLog(nil)
		if _, err := ex.Run(-1); err != nil || ex.Results()[0].Lo != 100 {
			t.Fatalf("spin(100) = %v, %v", ex.Results(), err)
		}
		got := logged(l)
		if len(got) != 50 {
			t.Errorf("%d events recorded in a slice of 50 instructions:\n%s", len(got), strings.Join(got, "\n"))
		}
	})
	t.Run("trap", func(t *testing.T) {
		mod, err := vm.CompileText([]byte(`(module (func (export "d") (param i32) (result i32)
		  (i32.div_u (i32.const 7) (local.get 0))))`), "d.wat")
		if err != nil {
			t.Fatal(err)
		}
		di, _ := vm.NewStore(vm.Config{}).Instantiate(mod)
		ex, _ := di.Call("d", vm.I32(0))
		l := vm.NewLog(1 << 16)
		ex.SetLog(l)
		if _, err := ex.Run(-1); err == nil {
			t.Fatal("no trap")
		}
		want := "0 call $d 0>|0 i32.const >7|0 local.get >0|0 trap $d >"
		if got := strings.Join(logged(l), "|"); got != want {
			t.Errorf("got %s\nwant %s", got, want)
		}
	})
}

// checkHeads checks that Heads lists the events that Next and Kind find,
// in batches of at most n, from the oldest record held.
func checkHeads(t *testing.T, l *vm.Log) {
	t.Helper()
	var want []string
	for i := l.Next(l.First(), -1); i < l.Total(); i = l.Next(i+1, -1) {
		k, _ := l.Kind(i)
		want = append(want, fmt.Sprint(i, k))
	}
	for _, n := range []int{1, 3, 1000} {
		var got []string
		var heads []uint64
		var kinds []vm.EventKind
		for from := uint64(0); from < l.Total(); {
			heads, kinds, from = l.Heads(heads[:0], kinds[:0], from, n)
			if len(heads) > n || len(heads) != len(kinds) {
				t.Fatalf("Heads(n=%d) gave %d heads, %d kinds", n, len(heads), len(kinds))
			}
			for j := range heads {
				got = append(got, fmt.Sprint(heads[j], kinds[j]))
			}
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("Heads(n=%d): %v\nwant %v", n, got, want)
		}
	}
}
