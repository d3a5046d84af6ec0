package script

import (
	"fmt"
	"io"
	"math"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// spectestHost is the name under which the print functions are defined as
// Go host functions; the spectest module re-exports them (see below).
const spectestHost = "wasmscope:spectest-host"

// spectestText is the spec suite's host module "spectest". Its globals,
// table and memory are ordinary Wasm definitions and its print functions are
// imports re-exported, so the whole module goes through the same linking
// path as any other registered instance.
const spectestText = `(module
  (func (export "print") (import "` + spectestHost + `" "print"))
  (func (export "print_i32") (import "` + spectestHost + `" "print_i32") (param i32))
  (func (export "print_i64") (import "` + spectestHost + `" "print_i64") (param i64))
  (func (export "print_f32") (import "` + spectestHost + `" "print_f32") (param f32))
  (func (export "print_f64") (import "` + spectestHost + `" "print_f64") (param f64))
  (func (export "print_i32_f32") (import "` + spectestHost + `" "print_i32_f32") (param i32 f32))
  (func (export "print_f64_f64") (import "` + spectestHost + `" "print_f64_f64") (param f64 f64))
  (global (export "global_i32") i32 (i32.const 666))
  (global (export "global_i64") i64 (i64.const 666))
  (global (export "global_f32") f32 (f32.const 666.6))
  (global (export "global_f64") f64 (f64.const 666.6))
  (table (export "table") 10 20 funcref)
  (memory (export "memory") 1 2)
`

// spectestTable64 is the 3.0 suite's extra export; it is added only when the
// engine accepts 64-bit tables, so a 2.0 engine still gets the rest.
const spectestTable64 = `  (table (export "table64") i64 10 20 funcref)
`

// spectestFuncs returns the print functions, writing to w in the reference
// interpreter's format ("42 : i32").
func spectestFuncs(w io.Writer) map[string]vm.HostFunc {
	i32, i64, f32, f64 := syntax.I32, syntax.I64, syntax.F32, syntax.F64
	printer := func(params ...syntax.ValType) vm.HostFunc {
		return vm.HostFunc{
			Type: syntax.FuncType{Params: params},
			Call: func(_ *vm.Caller, args, _ []uint64) error {
				for i, t := range params {
					fmt.Fprintf(w, "%s : %s\n", formatBits(t, args[i]), t)
				}
				return nil
			},
		}
	}
	return map[string]vm.HostFunc{
		"print":         printer(),
		"print_i32":     printer(i32),
		"print_i64":     printer(i64),
		"print_f32":     printer(f32),
		"print_f64":     printer(f64),
		"print_i32_f32": printer(i32, f32),
		"print_f64_f64": printer(f64, f64),
	}
}

// formatBits renders a host function argument (raw bits) of type t.
func formatBits(t syntax.ValType, bits uint64) string {
	switch t.Kind {
	case syntax.KindI32:
		return fmt.Sprint(int32(bits))
	case syntax.KindI64:
		return fmt.Sprint(int64(bits))
	case syntax.KindF32:
		return fmt.Sprint(math.Float32frombits(uint32(bits)))
	case syntax.KindF64:
		return fmt.Sprint(math.Float64frombits(bits))
	}
	return fmt.Sprintf("%#x", bits)
}

// installSpectest defines the print functions in store and registers the
// spectest instance under the name "spectest".
func installSpectest(store *vm.Store, w io.Writer) error {
	store.DefineHost(spectestHost, spectestFuncs(w))
	inst, err := instantiateText(store, spectestText+spectestTable64+")")
	if err != nil {
		// An engine without 64-bit tables still runs the 2.0 suite.
		inst, err = instantiateText(store, spectestText+")")
	}
	if err != nil {
		return fmt.Errorf("spectest module: %w", err)
	}
	store.Register("spectest", inst)
	return nil
}

func instantiateText(store *vm.Store, src string) (*vm.Instance, error) {
	m, err := vm.CompileText([]byte(src), "spectest.wat")
	if err != nil {
		return nil, err
	}
	return store.Instantiate(m)
}
