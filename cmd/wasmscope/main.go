// Command wasmscope runs and inspects WebAssembly modules: `run` executes a
// .wasm or .wat module with WASI preview1 (or calls one export), `debug` is a
// line-oriented debugger scriptable from stdin, `inspect`
// lists a module's sections, imports, exports and functions (or prints it
// as text, or its DWARF line table), `wat2wasm` converts text to binary and `wast` runs spec test
// scripts.
//
// What `run` and `debug` call is package runner's sequence (the WASI
// application ABI): the start function, then a command's _start or
// --invoke's export instead; a reactor's _initialize, then --invoke's
// export (without --invoke a reactor is only initialized, status 0).
//
// Exit status of `run`: the program's proc_exit code (0 when _start
// returns); 134 when the module traps (as a process killed by SIGABRT
// reports, the same status wasmtime uses); 124 when --fuel runs out (as
// timeout(1) reports); 130 when interrupted; 1 when the module cannot be
// read, compiled or instantiated, or exports both _start and
// _initialize; 2 for a usage error. The other commands
// exit 0 on success, 1 on failure, 2 for a usage error.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `usage: wasmscope <command> [arguments]

commands:
  run [flags] MODULE [ARGS...]   run a .wasm or .wat module with WASI
  debug [flags] MODULE [ARGS...] debug a WASI module, commands from stdin
  inspect [--wat|--lines] MODULE show a module's structure (or print it as text,
                                 or its DWARF line table)
  wat2wasm IN.wat -o OUT.wasm    convert the text format to binary
  wast [--wasm2] FILE...         run .wast spec test scripts (Wasm 3.0; --wasm2 for 2.0)

Run 'wasmscope <command> -h' for a command's flags.
`

func main() {
	os.Exit(mainWith(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// mainWith runs the command line args and returns the exit status; tests
// call it directly.
func mainWith(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "run":
		return runCmd(args[1:], stdin, stdout, stderr)
	case "debug":
		return debugCmd(args[1:], stdin, stdout, stderr)
	case "inspect":
		return inspectCmd(args[1:], stdout, stderr)
	case "wat2wasm":
		return wat2wasmCmd(args[1:], stdout, stderr)
	case "wast":
		return wastCmd(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "wasmscope: unknown command %q\n\n%s", args[0], usage)
	return 2
}
