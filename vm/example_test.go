package vm_test

import (
	"errors"
	"fmt"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Compile a module, instantiate it and call an export to completion.
func Example() {
	mod, err := vm.CompileText([]byte(`(module
	  (func (export "add") (param i32 i32) (result i32)
	    (i32.add (local.get 0) (local.get 1))))`), "add.wat")
	if err != nil {
		panic(err)
	}
	inst, err := vm.NewStore(vm.Config{}).Instantiate(mod)
	if err != nil {
		panic(err)
	}
	results, err := inst.Invoke("add", vm.I32(2), vm.I32(-5))
	if err != nil {
		panic(err)
	}
	fmt.Println(vm.FormatValues(results))
	// Output: -3
}

// Host functions written in Go are imported like any other; arguments and
// results are raw bits.
func ExampleStore_DefineHost() {
	mod, err := vm.CompileText([]byte(`(module
	  (import "env" "twice" (func $twice (param i32) (result i32)))
	  (func (export "quad") (param i32) (result i32)
	    (call $twice (call $twice (local.get 0)))))`), "host.wat")
	if err != nil {
		panic(err)
	}
	store := vm.NewStore(vm.Config{})
	store.DefineHost("env", map[string]vm.HostFunc{
		"twice": {
			Type: syntax.FuncType{Params: []syntax.ValType{syntax.I32}, Results: []syntax.ValType{syntax.I32}},
			Call: func(_ *vm.Caller, args, results []uint64) error {
				results[0] = uint64(uint32(args[0]) * 2)
				return nil
			},
		},
	})
	inst, err := store.Instantiate(mod)
	if err != nil {
		panic(err)
	}
	results, _ := inst.Invoke("quad", vm.I32(5))
	fmt.Println(vm.FormatValue(results[0]))
	// Output: 20
}

// An execution runs in slices of fuel, counted in Wasm instructions (the
// loop body is 8, so 1000 fuel is 125 iterations): between slices it is
// paused, its frames inspectable, and Run resumes it.
func ExampleExecution_Run() {
	mod, err := vm.CompileText([]byte(`(module
	  (func $count (export "count") (param $n i32) (result i32) (local $i i32)
	    (loop $l
	      (local.set $i (i32.add (local.get $i) (i32.const 1)))
	      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
	    (local.get $i)))`), "count.wat")
	if err != nil {
		panic(err)
	}
	inst, _ := vm.NewStore(vm.Config{}).Instantiate(mod)
	ex, _ := inst.Call("count", vm.I32(1000))
	slices := 0
	for {
		st, err := ex.Run(1000)
		if err != nil {
			panic(err)
		}
		slices++
		if st == vm.Done {
			break
		}
		if slices == 1 {
			fr := ex.Frames()[0]
			fmt.Println("paused in", fr.Name, "with $i =", vm.FormatValue(fr.Locals[1]))
		}
	}
	fmt.Println(slices > 1, vm.FormatValues(ex.Results()))
	// Output:
	// paused in $count with $i = 125
	// true 1000
}

// A trap is a *vm.Trap with the Wasm stack, innermost first; functions
// are labelled as FuncLabel labels them (here by the name they are
// exported under, the module having no names).
func ExampleTrap() {
	mod, err := vm.CompileText([]byte(`(module
	  (func (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
	  (func (export "run") (result i32) (call 0 (i32.const 0))))`), "trap.wat")
	if err != nil {
		panic(err)
	}
	inst, _ := vm.NewStore(vm.Config{}).Instantiate(mod)
	_, err = inst.Invoke("run")
	var trap *vm.Trap
	if errors.As(err, &trap) {
		fmt.Println(trap.Msg)
		for _, f := range trap.Stack {
			fmt.Println(" at", f.Name, "=", vm.FuncLabel(mod.Syntax(), f.Func))
		}
	}
	// Output:
	// integer divide by zero
	//  at func[0] = func[0]
	//  at $run = $run
}

// ParseValue reads an argument typed by a parameter, as the command
// line's --invoke and the page's call box do; FormatValue writes it back.
func ExampleParseValue() {
	for _, arg := range []struct {
		t syntax.ValType
		s string
	}{{syntax.I32, "0xffffffff"}, {syntax.F32, "nan:0x200000"}, {syntax.F64, "-inf"}} {
		v, err := vm.ParseValue(arg.t, arg.s)
		if err != nil {
			panic(err)
		}
		fmt.Println(arg.s, "→", vm.FormatValue(v))
	}
	// Output:
	// 0xffffffff → -1
	// nan:0x200000 → nan:0x200000
	// -inf → -inf
}
