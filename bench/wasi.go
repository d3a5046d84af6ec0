package bench

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/wasi"
	"github.com/wasmscope/wasmscope/wasi/runner"
)

// runWASI runs a WASI command on our engine with the size as argv[1]; its
// stdout is the checksum. watch, when not nil, observes _start.
func runWASI(w Workload, m *vm.Module, size int32, watch func(*vm.Execution)) (string, error) {
	var out, errOut bytes.Buffer
	if err := startWASI(m, []string{w.Name, strconv.Itoa(int(size))}, &out, &errOut, watch); err != nil {
		return "", fmt.Errorf("ours: %s: %w (stderr: %s)", w.Name, err, errOut.String())
	}
	return strings.TrimSpace(out.String()), nil
}

// startWASI runs m as a WASI command as the CLI does (runner.Start: the
// start function, then _start); returning or proc_exit(0) is success.
// watch, when not nil, observes _start.
func startWASI(m *vm.Module, args []string, stdout, stderr io.Writer, watch func(*vm.Execution)) error {
	sys, err := wasi.New(wasi.Config{Args: args, Stdout: stdout, Stderr: stderr})
	if err != nil {
		return err
	}
	defer sys.Close()
	res := runner.Start(m, runner.Config{System: sys, Prepare: func(st runner.Step, ex *vm.Execution) {
		if watch != nil && st.Kind == runner.Command {
			watch(ex)
		}
	}}).Finish()
	if code, ok := res.Exit(); ok && code == 0 {
		return nil
	}
	switch res.Kind {
	case runner.Exited:
		return fmt.Errorf("%s: exit status %d", res.Step, res.ExitCode)
	case runner.Trapped:
		return fmt.Errorf("%s: %w", res.Step, res.Trap)
	case runner.Ready:
		return errors.New("no _start export: not a WASI command")
	}
	return fmt.Errorf("%s: %s: %w", res.Step, res.Kind, res.Err)
}

// StartCommand decodes, validates, compiles and runs wasm as a WASI command
// with args on engine e ("ours" or "wazero"), with the given stdout and
// stderr: what starting a program costs, for the large-module measurement.
func StartCommand(e string, wasm []byte, args []string, stdout, stderr io.Writer) error {
	switch e {
	case "ours":
		m, err := vm.CompileBinary(wasm)
		if err != nil {
			return fmt.Errorf("ours: compiling: %w", err)
		}
		if err := startWASI(m, args, stdout, stderr, nil); err != nil {
			return fmt.Errorf("ours: %w", err)
		}
		return nil
	case "wazero":
		return startWazero(wasm, args, stdout, stderr)
	}
	return fmt.Errorf("StartCommand: unknown engine %q (ours or wazero)", e)
}
