package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/wasmscope/wasmscope/vm"
)

func wat2wasmCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("wat2wasm", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write the binary to `OUT.wasm` (required)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: wasmscope wat2wasm IN.wat -o OUT.wasm")
		fs.PrintDefaults()
	}
	// The input may come before -o, as in wabt's wat2wasm.
	var in []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return exitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		in = append(in, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(in) != 1 || *out == "" {
		fs.Usage()
		return exitUsage
	}
	src, err := os.ReadFile(in[0])
	if err != nil {
		fmt.Fprintf(stderr, "wasmscope: %v\n", err)
		return 1
	}
	// Like wabt's wat2wasm, an invalid module is reported, not written.
	b, err := vm.Assemble(src, in[0])
	if err != nil {
		fmt.Fprintf(stderr, "wasmscope: %v\n", err)
		return 1
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		fmt.Fprintf(stderr, "wasmscope: %v\n", err)
		return 1
	}
	return 0
}
