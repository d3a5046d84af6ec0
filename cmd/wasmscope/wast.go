package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/wasmscope/wasmscope/vm/script"
)

func wastCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("wast", flag.ContinueOnError)
	fs.SetOutput(stderr)
	wasm2 := fs.Bool("wasm2", false, "follow Wasm 2.0's rules (for the 2.0 suite) instead of 3.0's")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: wasmscope wast [--wasm2] FILE...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return exitUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	return script.Main(stdout, stderr, fs.Args(), script.Options{Wasm2: *wasm2})
}
