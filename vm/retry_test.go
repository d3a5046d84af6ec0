package vm_test

import (
	"fmt"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// retrySrc calls the host function "get" directly, through a table and
// as a tail call, adding what it returns.
const retrySrc = `(module
  (import "env" "get" (func $get (param i32) (result i32)))
  (type $t (func (param i32) (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) $get)
  (func $tail (param i32) (result i32)
    local.get 0
    return_call $get)
  (func (export "run") (result i32)
    i32.const 1
    call $get
    i32.const 2
    i32.const 0
    call_indirect (type $t)
    i32.add
    i32.const 3
    call $tail
    i32.add))`

// TestRetry: a host function returning ErrRetry pauses the execution
// before its call, uncounted, with its operands in place; the next Run
// calls it again, and the run ends as one without the pause would.
func TestRetry(t *testing.T) {
	mod, err := vm.CompileText([]byte(retrySrc), "retry.wat")
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"fast", "stepped", "logged"} {
		t.Run(mode, func(t *testing.T) {
			calls, refuse := 0, false
			store := vm.NewStore(vm.Config{})
			store.DefineHost("env", map[string]vm.HostFunc{"get": {
				Type: syntax.FuncType{Params: []syntax.ValType{syntax.I32}, Results: []syntax.ValType{syntax.I32}},
				Call: func(c *vm.Caller, args, res []uint64) error {
					calls++
					// Every call refuses once, then answers.
					if refuse = !refuse; refuse {
						return vm.ErrRetry
					}
					res[0] = args[0] * 10
					return nil
				},
			}})
			inst, err := store.Instantiate(mod)
			if err != nil {
				t.Fatal(err)
			}
			ex, err := inst.Call("run")
			if err != nil {
				t.Fatal(err)
			}
			var log *vm.Log
			if mode == "logged" {
				log = vm.NewLog(1 << 20)
				ex.SetLog(log)
			}
			fuel := int64(-1)
			if mode == "stepped" {
				fuel = 1
			}
			pauses := 0
			for {
				before := ex.Executed()
				st, err := ex.Run(fuel)
				if err != nil {
					t.Fatalf("after %d pauses: %v", pauses, err)
				}
				if st == vm.Done {
					break
				}
				if mode != "stepped" || ex.Executed() == before {
					// A refused call: nothing ran, the call is next.
					pauses++
					fr := ex.Frames()
					if len(fr) == 0 || len(fr[0].Stack) == 0 {
						t.Fatalf("pause %d: no operands on the stack: %+v", pauses, fr)
					}
				}
			}
			got := fmt.Sprint(ex.Results())
			if got != fmt.Sprint([]vm.Value{vm.I32(60)}) || calls != 6 || pauses != 3 {
				t.Fatalf("results %s after %d calls and %d pauses; want 60 after 6 and 3", got, calls, pauses)
			}
			if log != nil {
				// The log holds each instruction once, the calls refused
				// not at all.
				var ev vm.Event
				var seqs []uint64
				for i := log.First(); i < log.Total(); i++ {
					if log.IsEvent(i) && log.Event(i, &ev) && ev.Kind == vm.EventInstr {
						seqs = append(seqs, ev.Seq)
					}
				}
				for i, s := range seqs {
					if s != uint64(i) {
						t.Fatalf("the log's instructions are numbered %v", seqs)
					}
				}
				if len(seqs) != 12 {
					t.Errorf("the log holds %d instructions, want 12", len(seqs))
				}
			}
			if ex.Executed() != 12 {
				t.Errorf("%d instructions executed, want 12, the instructions and the final end (the refused calls uncounted)", ex.Executed())
			}
		})
	}
}
