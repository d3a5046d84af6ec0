package debug_test

import (
	"fmt"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debug"
)

func Example() {
	mod, err := vm.CompileText([]byte(`(module
  (memory 1)
  (func $sq (param i32) (result i32) local.get 0 local.get 0 i32.mul)
  (func (export "run") (param i32)
    i32.const 16
    local.get 0
    call $sq
    i32.store))`), "example.wat")
	if err != nil {
		panic(err)
	}
	inst, err := vm.NewStore(vm.Config{}).Instantiate(mod)
	if err != nil {
		panic(err)
	}
	d := debug.New(mod)
	if _, err := d.BreakFunc("$sq"); err != nil {
		panic(err)
	}
	if _, err := d.Watch(16, 4); err != nil {
		panic(err)
	}
	ex, err := inst.Call("run", vm.I32(7))
	if err != nil {
		panic(err)
	}
	d.Attach(ex)
	st := d.Continue()
	fmt.Println(st.Reason, d.Frames()[0].Name, "local 0 =", vm.FormatValue(d.Frames()[0].Locals[0]))
	st = d.StepOut()
	fmt.Println(st.Reason, "to", d.Frames()[0].Name, "stack", vm.FormatValue(d.Frames()[0].Stack[1]))
	st = d.Continue()
	fmt.Printf("%v: %s+0x%x wrote %d bytes at %d\n", st.Reason, st.Write.Name, st.Write.Offset, st.Write.Len, st.Write.Addr)
	fmt.Println(d.Continue().Reason)
	// Output:
	// breakpoint $sq local 0 = 7
	// step to $run stack 49
	// watchpoint: $run+0x3a wrote 4 bytes at 16
	// returned
}
