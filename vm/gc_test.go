package vm_test

import (
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
)

const gcWAT = `(module
  (type $node (struct (field $v i32) (field $next (ref null $node))))
  (type $bytes (array (mut i8)))
  (global $keep (mut (ref null $node)) (ref.null $node))
  ;; Allocates n arrays of size bytes, keeping none.
  (func (export "churn") (param $n i32) (param $size i32)
    (loop $l
      (drop (array.new_default $bytes (local.get $size)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n))))
  ;; Builds a list of n nodes kept in a global, with garbage between them
  ;; (so collections run meanwhile), and sums the values back.
  (func (export "list") (param $n i32) (result i32)
    (local $sum i32) (local $p (ref null $node))
    (loop $l
      (global.set $keep (struct.new $node (local.get $n) (global.get $keep)))
      (drop (array.new_default $bytes (i32.const 1000)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (local.set $p (global.get $keep))
    (block $done
      (loop $walk
        (br_if $done (ref.is_null (local.get $p)))
        (local.set $sum (i32.add (local.get $sum) (struct.get $node $v (local.get $p))))
        (local.set $p (struct.get $node $next (local.get $p)))
        (br $walk)))
    (local.get $sum))
  (func (export "big") (param $size i32) (result i32)
    (array.len (array.new_default $bytes (local.get $size))))
)`

// TestGCBudget checks that unreachable objects are collected (a loop
// allocating far more than the budget runs), that reachable ones survive
// collections, and that what does not fit traps with a clear message.
func TestGCBudget(t *testing.T) {
	mod, err := vm.CompileText([]byte(gcWAT), "gc.wat")
	if err != nil {
		t.Fatal(err)
	}
	// The store's host-memory budget, which GC objects share with the
	// compiled code.
	const budget = 8 << 20
	tests := []struct {
		name   string
		export string
		args   []vm.Value
		want   int32
		err    string
	}{
		// 500 arrays of 64 Ki elements: 256 MiB as charged, 32 times the budget.
		{"garbage is collected", "churn", []vm.Value{vm.I32(500), vm.I32(65536)}, 0, ""},
		// 20,000 nodes survive the collections that 160 MB of garbage
		// between them triggers.
		{"live objects survive", "list", []vm.Value{vm.I32(20000)}, 20000 * 20001 / 2, ""},
		{"too big for the budget", "big", []vm.Value{vm.I32(4 << 20)}, 0,
			"out of memory: an array of 4194304 elements needs 32 MiB of host memory, more than the store's budget allows"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := vm.NewStore(vm.Config{MemoryBudget: budget})
			inst, err := s.Instantiate(mod)
			if err != nil {
				t.Fatal(err)
			}
			res, err := inst.Invoke(tc.export, tc.args...)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(res) > 0 && int32(res[0].Lo) != tc.want {
				t.Errorf("result %d, want %d", int32(res[0].Lo), tc.want)
			}
			rt := s.Runtime()
			if used := rt.Budget.Used(); used > budget {
				t.Errorf("%d bytes charged, over the budget of %d", used, budget)
			}
			if gc, used := rt.GCUsed(), rt.Budget.Used(); gc <= 0 || gc > used {
				t.Errorf("%d bytes charged for objects, %d in all: objects must be part of the budget", gc, used)
			}
		})
	}
}

// TestFieldValues opens a struct and an array as a debugger does.
func TestFieldValues(t *testing.T) {
	const src = `(module
  (type $p (struct (field i32) (field (mut i8)) (field f64) (field anyref)))
  (type $a (array i16))
  (func (export "p") (result anyref)
    (struct.new $p (i32.const -5) (i32.const 300) (f64.const 1.5) (ref.i31 (i32.const 9))))
  (func (export "a") (result anyref)
    (array.new_fixed $a 4 (i32.const 1) (i32.const 2) (i32.const 65535) (i32.const 4))))`
	mod, err := vm.CompileText([]byte(src), "fields.wat")
	if err != nil {
		t.Fatal(err)
	}
	s := vm.NewStore(vm.Config{})
	inst, err := s.Instantiate(mod)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, export string
		first, n     int
		want         string
	}{
		{"struct", "p", 0, 10, "-5 44 1.5 ref.i31 9"},
		{"array", "a", 0, 10, "1 2 65535 4"},
		{"array window", "a", 1, 2, "2 65535"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := inst.Invoke(tc.export)
			if err != nil {
				t.Fatal(err)
			}
			obj, ok := res[0].Ref.(vm.Object)
			if !ok {
				t.Fatalf("result %v is no object", res[0])
			}
			var parts []string
			for _, v := range s.Runtime().FieldValues(obj, tc.first, tc.n) {
				parts = append(parts, vm.FormatValue(v))
			}
			if got := strings.Join(parts, " "); got != tc.want {
				t.Errorf("fields %q, want %q", got, tc.want)
			}
		})
	}
}
