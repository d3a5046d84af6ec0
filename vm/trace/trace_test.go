package trace

import (
	"math"
	"os"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

func i32(v int32) vm.Value   { return vm.I32(v) }
func f64(v float64) vm.Value { return vm.F64(v) }

var fdWrite = &vm.HostFunc{ParamNames: []string{"fd", "iovs", "iovs_len", "nwritten"}}

func TestLines(t *testing.T) {
	tests := []struct {
		name string
		ev   vm.Event
		want string
	}{
		{"const", vm.Event{Kind: vm.EventInstr, Name: "main", Offset: 0x2a,
			Instr: &syntax.Instr{Op: syntax.OpI32Const, Const: 42}, Out: []vm.Value{i32(42)}},
			"  0 main       0x00002a  i32.const 42            → 42"},
		{"add", vm.Event{Kind: vm.EventInstr, Depth: 1, Name: "$add", Offset: 0x31,
			Instr: &syntax.Instr{Op: syntax.OpI32Add}, In: []vm.Value{i32(1), i32(2)}, Out: []vm.Value{i32(3)}},
			"  1 $add       0x000031  i32.add                 1, 2 → 3"},
		{"hex for negatives and large", vm.Event{Kind: vm.EventInstr, Name: "f",
			Instr: &syntax.Instr{Op: syntax.OpI32Sub}, In: []vm.Value{i32(0), i32(1)}, Out: []vm.Value{i32(-1)}},
			"  0 f          0x000000  i32.sub                 0, 1 → -1 (0xffffffff)"},
		{"load with offset", vm.Event{Kind: vm.EventInstr, Name: "f", Offset: 0x100,
			Instr: &syntax.Instr{Op: syntax.OpI64Load, X: 3, MemOffset: 8}, In: []vm.Value{i32(65536)}, Out: []vm.Value{vm.I64(7)}},
			"  0 f          0x000100  i64.load offset=8       65536 (0x10000) → 7"},
		{"consumes only", vm.Event{Kind: vm.EventInstr, Name: "f",
			Instr: &syntax.Instr{Op: syntax.OpLocalSet, X: 2}, In: []vm.Value{f64(0.1)}},
			"  0 f          0x000000  local.set 2             0.1 →"},
		{"no values", vm.Event{Kind: vm.EventInstr, Name: "f",
			Instr: &syntax.Instr{Op: syntax.OpBlock, Block: syntax.BlockType{Kind: syntax.BlockValue, Type: syntax.I32}}},
			"  0 f          0x000000  block (result i32)"},
		{"br_table", vm.Event{Kind: vm.EventInstr, Name: "f",
			Instr: &syntax.Instr{Op: syntax.OpBrTable, Labels: []uint32{0, 1, 2}}, In: []vm.Value{i32(1)}},
			"  0 f          0x000000  br_table 0 1 2          1 →"},
		{"floats", vm.Event{Kind: vm.EventInstr, Name: "f",
			Instr: &syntax.Instr{Op: syntax.OpF32Const, Const: uint64(math.Float32bits(1.1))}, Out: []vm.Value{vm.F32(1.1)}},
			"  0 f          0x000000  f32.const 1.1           → 1.1"},
		{"nan payload", vm.Event{Kind: vm.EventInstr, Name: "f",
			Instr: &syntax.Instr{Op: syntax.OpF64Const, Const: 0x7ff0000000000001}, Out: []vm.Value{{Type: syntax.F64, Lo: 0xfff8000000000000}}},
			"  0 f          0x000000  f64.const nan:0x1       → -nan"},
		{"store", vm.Event{Kind: vm.EventMemWrite, Name: "f", Offset: 0x44, Addr: 0x1000, Bytes: []byte{0x2a, 0, 0, 0}},
			"  0 f          0x000044  mem[0x1000]             ← 2a 00 00 00"},
		{"call", vm.Event{Kind: vm.EventCall, Depth: 1, Name: "$fib", In: []vm.Value{i32(10)}},
			"  1 $fib       0x000000  call $fib(10)"},
		{"return", vm.Event{Kind: vm.EventReturn, Depth: 1, Name: "$fib", Out: []vm.Value{i32(55)}},
			"  1 $fib       0x000000  return $fib → 55"},
		{"host call", vm.Event{Kind: vm.EventHostCall, Name: "wasi_snapshot_preview1.fd_write", Offset: 0x5b, Host: fdWrite,
			In: []vm.Value{i32(1), i32(0x10), i32(1), i32(0x18)}, Out: []vm.Value{i32(0)}},
			"  0 wasi_snapshot_preview1.fd_write 0x00005b  fd_write(fd=1, iovs=0x10, iovs_len=1, nwritten=0x18) → 0"},
		{"trap", vm.Event{Kind: vm.EventTrap, Name: "f", Offset: 0x9, Trap: &vm.Trap{Msg: "integer divide by zero"}},
			"  0 f          0x000009  trap: integer divide by zero"},
	}
	for _, tt := range tests {
		var f Formatter
		if got := f.Line(&tt.ev); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestModuleNames(t *testing.T) {
	m := &syntax.Module{Names: syntax.Names{
		Funcs:  map[uint32]string{0: "fib"},
		Locals: map[uint32]map[uint32]string{0: {0: "n"}},
	}}
	f := Formatter{Module: m}
	tests := []struct {
		in   syntax.Instr
		want string
	}{
		{syntax.Instr{Op: syntax.OpCall, X: 0}, "call $fib"},
		{syntax.Instr{Op: syntax.OpLocalGet, X: 0}, "local.get $n"},
		{syntax.Instr{Op: syntax.OpLocalGet, X: 1}, "local.get 1"},
	}
	for _, tt := range tests {
		ev := vm.Event{Kind: vm.EventInstr, Func: 0, Name: "$fib", Instr: &tt.in}
		if got := f.Line(&ev); !strings.HasSuffix(got, "  "+tt.want) {
			t.Errorf("%q does not end in %q", got, tt.want)
		}
	}
}

func TestColumnWidensOnce(t *testing.T) {
	var f Formatter
	long := vm.Event{Kind: vm.EventInstr, Name: "a_rather_long_name", Instr: &syntax.Instr{Op: syntax.OpNop}}
	short := vm.Event{Kind: vm.EventInstr, Name: "f", Instr: &syntax.Instr{Op: syntax.OpNop}}
	a, b := f.Line(&long), f.Line(&short)
	if strings.Index(a, "nop") != strings.Index(b, "nop") {
		t.Errorf("columns differ after a long name:\n%s\n%s", a, b)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestWriterReportsErrors(t *testing.T) {
	w := NewWriter(failWriter{}, nil)
	ev := vm.Event{Kind: vm.EventInstr, Name: "f", Instr: &syntax.Instr{Op: syntax.OpNop}}
	for i := 0; i < 10000; i++ {
		w.Observe(&ev)
	}
	if err := w.Flush(); err == nil {
		t.Error("Flush reported no error from a failing writer")
	}
}

func Example() {
	w := NewWriter(os.Stdout, nil)
	events := []vm.Event{
		{Kind: vm.EventInstr, Name: "_start", Offset: 0x3c, Instr: &syntax.Instr{Op: syntax.OpI32Const, Const: 1}, Out: []vm.Value{vm.I32(1)}},
		{Kind: vm.EventInstr, Name: "_start", Offset: 0x3e, Instr: &syntax.Instr{Op: syntax.OpI32Const, Const: 16}, Out: []vm.Value{vm.I32(16)}},
		{Kind: vm.EventInstr, Name: "_start", Offset: 0x46, Instr: &syntax.Instr{Op: syntax.OpCall, X: 0}},
		{Kind: vm.EventHostCall, Depth: 1, Name: "wasi_snapshot_preview1.fd_write", Offset: 0x46, Host: fdWrite,
			In: []vm.Value{vm.I32(1), vm.I32(16), vm.I32(1), vm.I32(24)}, Out: []vm.Value{vm.I32(0)}},
		{Kind: vm.EventInstr, Name: "_start", Offset: 0x48, Instr: &syntax.Instr{Op: syntax.OpI32Store, X: 2, MemOffset: 4}, In: []vm.Value{vm.I32(1024), vm.I32(-2)}},
		{Kind: vm.EventMemWrite, Name: "_start", Offset: 0x48, Addr: 1028, Bytes: []byte{0xfe, 0xff, 0xff, 0xff}},
	}
	for i := range events {
		w.Observe(&events[i])
	}
	w.Flush()
	// Output:
	//   0 _start     0x00003c  i32.const 1             → 1
	//   0 _start     0x00003e  i32.const 16            → 16
	//   0 _start     0x000046  call 0
	//   1 wasi_snapshot_preview1.fd_write 0x000046  fd_write(fd=1, iovs=0x10, iovs_len=1, nwritten=0x18) → 0
	//   0 _start     0x000048  i32.store offset=4      1024 (0x400), -2 (0xfffffffe) →
	//   0 _start     0x000048  mem[0x404]              ← fe ff ff ff
}

// TestObjectsAndExceptions traces a run that makes a struct and an array
// and throws and catches an exception: the references show their type and
// serial number, the throw its payload, the catch its tag.
func TestObjectsAndExceptions(t *testing.T) {
	const src = `(module
  (type $point (struct (field i32) (field i32)))
  (type $bytes (array (mut i8)))
  (tag $oops (param i32))
  (func (export "main") (result i32)
    (local $p (ref null $point))
    (local.set $p (struct.new $point (i32.const 3) (i32.const 4)))
    (drop (array.new_default $bytes (i32.const 16)))
    (block $h (result i32)
      (try_table (catch $oops $h)
        (throw $oops (struct.get $point 1 (local.get $p))))
      (i32.const 0))))`
	mod, err := vm.CompileText([]byte(src), "objects.wat")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := vm.NewStore(vm.Config{}).Instantiate(mod)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := inst.Call("main")
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	w := NewWriter(&out, mod.Syntax())
	ex.SetObserver(w.Observe)
	if _, err := ex.Run(-1); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"struct.new $point       3, 4 → ref.struct $point#1",
		"array.new_default $bytes 16 → ref.array $bytes#2[16]",
		"struct.get $point 1     ref.struct $point#1 → 4",
		"throw $oops(4)",
		"catch $oops",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no line with %q in the trace:\n%s", want, out.String())
		}
	}
}
