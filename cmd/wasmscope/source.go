package main

import (
	"fmt"
	"io"
	"path"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debuginfo"
)

// maxSourceFrames bounds the source stack a trap prints (a stack overflow
// has thousands of frames; the innermost say where it went wrong).
const maxSourceFrames = 20

// printSourceStack prints a trap's stack as source positions, innermost
// first with inlined calls as frames of their own, when the module has
// DWARF; it prints nothing when it has none or it cannot be read (the
// Wasm stack above says where the trap was either way). Reading the DWARF
// waits for a trap, so runs that do not trap never pay for it.
func printSourceStack(w io.Writer, bin []byte, stack []vm.StackFrame) {
	if bin == nil {
		return
	}
	info, err := debuginfo.Read(bin)
	if err != nil {
		return
	}
	var lines []string
	for _, f := range stack {
		frames := info.Frames(f.Offset)
		if len(frames) == 0 {
			lines = append(lines, fmt.Sprintf("  %s (no source)", f.Name))
		}
		for _, fr := range frames {
			where := "inlined"
			if !fr.Func.Inlined {
				where = "in " + f.Name
			}
			lines = append(lines, fmt.Sprintf("  %s at %s:%d:%d (%s)", fr.Func.Name, path.Base(fr.File), fr.Line, fr.Column, where))
		}
	}
	fmt.Fprintln(w, "source:")
	for i, l := range lines {
		if i == maxSourceFrames {
			fmt.Fprintf(w, "  … %d more frames\n", len(lines)-i)
			break
		}
		fmt.Fprintln(w, l)
	}
}
