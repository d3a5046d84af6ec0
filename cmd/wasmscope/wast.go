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
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: wasmscope wast FILE...")
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
	return script.Main(stdout, stderr, fs.Args(), script.Options{})
}
