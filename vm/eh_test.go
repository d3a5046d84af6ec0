package vm_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

const ehWAT = `(module
  (import "env" "host" (func $host (param i32)))
  (tag $e (export "e") (param i32))
  (tag $other (param i64))
  (func $thrower (export "thrower") (param i32)
    (throw $e (local.get 0)))
  (func $deep (param i32)
    (if (i32.eqz (local.get 0)) (then (throw $e (i32.const 42))))
    (call $deep (i32.sub (local.get 0) (i32.const 1))))
  (func (export "catch") (param i32) (result i32)
    (block $h (result i32)
      (drop (block $o (result i64)
        (try_table (catch $other $o) (catch $e $h)
          (call $deep (local.get 0)))
        (return (i32.const -1))))
      (i32.const -2)))
  (func (export "catch_ref") (result i32)
    (block $h (result i32 exnref)
      (try_table (catch_ref $e $h) (call $thrower (i32.const 5)))
      (unreachable))
    (drop))
  (func (export "rethrow") (result i32)
    (block $h (result i32)
      (try_table (catch $e $h)
        (block $r (result exnref)
          (try_table (catch_all_ref $r) (call $thrower (i32.const 6)))
          (unreachable))
        (throw_ref))
      (i32.const -1)))
  (func (export "via_host") (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $e $h) (call $host (local.get 0)))
      (i32.const -1)))
  (func (export "uncaught") (call $deep (i32.const 2)))
  (func (export "all") (result i32)
    (block $h
      (try_table (catch_all $h) (call $thrower (i32.const 1))))
    (i32.const 7))
)`

// newEHInstance instantiates ehWAT; its host function calls the module's
// export "thrower" in a nested execution when its argument is odd (the
// nested exception comes back as the host function's error), and throws a
// tag $e exception it makes itself when even.
func newEHInstance(t *testing.T) *vm.Instance {
	t.Helper()
	mod, err := vm.CompileText([]byte(ehWAT), "eh.wat")
	if err != nil {
		t.Fatal(err)
	}
	s := vm.NewStore(vm.Config{})
	var inst *vm.Instance
	s.DefineHost("env", map[string]vm.HostFunc{"host": {
		Type: syntax.FuncType{Params: []syntax.ValType{syntax.I32}},
		Call: func(c *vm.Caller, args, results []uint64) error {
			if args[0]%2 == 1 {
				_, err := inst.Invoke("thrower", vm.I32(int32(args[0])*10))
				return err
			}
			tag, _ := inst.Export("e")
			x := &vm.Exception{Tag: tag.Tag}
			x.Payload.Num = []uint64{args[0] * 100}
			return x
		},
	}})
	inst, err = s.Instantiate(mod)
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

func TestExceptions(t *testing.T) {
	tests := []struct {
		name   string
		export string
		args   []vm.Value
		want   []int32
		err    string
	}{
		{"caught three frames down", "catch", []vm.Value{vm.I32(3)}, []int32{42}, ""},
		{"catch_ref keeps the payload", "catch_ref", nil, []int32{5}, ""},
		{"throw_ref rethrows", "rethrow", nil, []int32{6}, ""},
		{"catch_all", "all", nil, []int32{7}, ""},
		{"through a nested execution in a host call", "via_host", []vm.Value{vm.I32(3)}, []int32{30}, ""},
		{"thrown by a host function", "via_host", []vm.Value{vm.I32(4)}, []int32{400}, ""},
		{"uncaught", "uncaught", nil, nil, "uncaught exception: tag $e\n  at $deep (wasm-function[2]:0x"},
	}
	// Each case runs straight, in slices of one instruction, and with an
	// observer, which must see the throw (and the catch when caught).
	modes := []struct {
		name  string
		fuel  int64
		watch bool
	}{{"plain", -1, false}, {"sliced", 1, false}, {"observed", 2, true}}
	for _, tc := range tests {
		for _, m := range modes {
			t.Run(tc.name+"/"+m.name, func(t *testing.T) {
				inst := newEHInstance(t)
				ex, err := inst.Call(tc.export, tc.args...)
				if err != nil {
					t.Fatal(err)
				}
				var kinds []vm.EventKind
				if m.watch {
					ex.SetObserver(func(ev *vm.Event) {
						if ev.Kind == vm.EventThrow || ev.Kind == vm.EventCatch {
							kinds = append(kinds, ev.Kind)
							if ev.Exn == nil || ev.Exn.Tag.Name != "$e" {
								t.Errorf("%s event with exception %v", ev.Kind, ev.Exn)
							}
						}
					})
				}
				for {
					st, err := ex.Run(m.fuel)
					if err != nil || st == vm.Done {
						break
					}
				}
				if tc.err != "" {
					var x *vm.Exception
					if !errors.As(ex.Err(), &x) {
						t.Fatalf("error %v, want an uncaught exception", ex.Err())
					}
					if !strings.HasPrefix(x.Trace(), tc.err) {
						t.Errorf("trace:\n%s\nwant the prefix:\n%s", x.Trace(), tc.err)
					}
					if got := len(x.Stack); got != 4 {
						t.Errorf("%d frames in the trace, want 4 ($deep x3, uncaught)", got)
					}
				} else {
					if ex.Err() != nil {
						t.Fatal(ex.Err())
					}
					res := ex.Results()
					if len(res) != len(tc.want) {
						t.Fatalf("results %v, want %v", res, tc.want)
					}
					for i, w := range tc.want {
						if int32(res[i].Lo) != w {
							t.Errorf("result %d = %d, want %d", i, int32(res[i].Lo), w)
						}
					}
				}
				if m.watch && (len(kinds) == 0 || kinds[0] != vm.EventThrow) {
					t.Errorf("events %v, want a throw first", kinds)
				}
				if m.watch && tc.err == "" && kinds[len(kinds)-1] != vm.EventCatch {
					t.Errorf("events %v, want a catch last", kinds)
				}
			})
		}
	}
}
