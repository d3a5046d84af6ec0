package vm_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
)

// TestLazyCompile: functions compile at their first call, from any store
// and goroutine sharing the module (go test -race checks the sharing), an
// imported Wasm function's calls go through the importer's table, and a
// module whose body is never called still traps and reports offsets.
func TestLazyCompile(t *testing.T) {
	mod, err := vm.CompileText([]byte(`(module
  (func $sq (export "sq") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func $sum (export "sum") (param i32) (result i32) (local i32)
    (block (loop
      (br_if 1 (i32.eqz (local.get 0)))
      (local.set 1 (i32.add (local.get 1) (call $sq (local.get 0))))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br 0)))
    (local.get 1))
  (func (export "boom") unreachable))`), "lazy.wat")
	if err != nil {
		t.Fatal(err)
	}
	user, err := vm.CompileText([]byte(`(module
  (import "m" "sq" (func $sq (param i32) (result i32)))
  (func (export "quad") (param i32) (result i32) (call $sq (call $sq (local.get 0)))))`), "user.wat")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			s := vm.NewStore(vm.Config{})
			inst, err := s.Instantiate(mod)
			if err != nil {
				errs <- err
				return
			}
			n := int32(10 + g)
			r, err := inst.Invoke("sum", vm.I32(n))
			want := n * (n + 1) * (2*n + 1) / 6
			if err != nil || int32(r[0].Lo) != want {
				errs <- fmt.Errorf("store %d: sum(%d) = %v, %v; want %d", g, n, r, err, want)
				return
			}
			s.Register("m", inst)
			u, err := s.Instantiate(user)
			if err != nil {
				errs <- err
				return
			}
			for k := 0; k < 3; k++ {
				if r, err := u.Invoke("quad", vm.I32(3)); err != nil || r[0].Lo != 81 {
					errs <- fmt.Errorf("store %d: quad(3) = %v, %v", g, r, err)
					return
				}
			}
			_, err = inst.Invoke("boom")
			trap, ok := err.(*vm.Trap)
			if !ok || len(trap.Stack) == 0 || trap.Stack[0].Offset == 0 {
				errs <- fmt.Errorf("store %d: boom: %v, want a trap with its offset", g, err)
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
