package debuginfo_test

import (
	"fmt"
	"os"
	"path"

	"github.com/wasmscope/wasmscope/vm/debuginfo"
)

// A debugger's round: resolve a breakpoint by file:line, and once the
// engine pauses there, show the source frames and the variables of the
// innermost one. frame stands for the paused engine frame (a State).
func Example() {
	b, err := os.ReadFile("testdata/tiny4.wasm")
	if err != nil {
		panic(err)
	}
	info, err := debuginfo.Read(b)
	if err != nil {
		panic(err)
	}
	sites, err := info.LineSites("tiny.c", 19) // s += twice(table[i]);
	if err != nil {
		panic(err)
	}
	off := sites.Offsets[0] // the engine's SetBreakpoint(function, off)
	fmt.Println("break at", info.Where(off))

	for _, f := range info.Frames(off) {
		fmt.Printf("frame %s at %s:%d\n", f.Func.Name, path.Base(f.File), f.Line)
	}
	// sum's frame base is local 3; its variables are at DW_OP_fbreg
	// offsets from it: i +0, s +4, p +8 (a, then b at +8 more), n +28.
	frame := &fakeFrame{locals: map[uint32]uint64{3: 0x100}, mem: make([]byte, 0x200)}
	frame.mem[0x100+0] = 1                                           // i
	frame.mem[0x100+4] = 2                                           // s
	frame.mem[0x100+8] = 3                                           // p.a
	copy(frame.mem[0x100+16:], []byte{0, 0, 0, 0, 0, 0, 0xe0, 0x3f}) // p.b = 0.5
	frame.mem[0x100+28] = 3                                          // n
	vars, err := info.Vars(info.FuncAt(off), off)
	if err != nil {
		panic(err)
	}
	for _, v := range vars {
		value, err := info.Value(v, off, frame)
		if err != nil {
			value = "<" + err.Error() + ">"
		}
		fmt.Printf("%s %s = %s\n", v.TypeName(), v.Name, value)
	}
	// Output:
	// break at tiny.c:19
	// frame sum at tiny.c:19
	// int n = 3
	// struct pair p = {a = 3, b = 0.5}
	// int s = 2
	// int i = 1
}
