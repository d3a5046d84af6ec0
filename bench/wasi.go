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

// startWASI runs m as a WASI command as the CLI does: a fresh store with
// wasi_snapshot_preview1 defined, the start function, then _start.
// proc_exit(0) is success. watch, when not nil, observes _start.
func startWASI(m *vm.Module, args []string, stdout, stderr io.Writer, watch func(*vm.Execution)) error {
	sys, err := wasi.New(wasi.Config{Args: args, Stdout: stdout, Stderr: stderr})
	if err != nil {
		return err
	}
	defer sys.Close()
	s := vm.NewStore(vm.Config{})
	s.DefineHost(wasi.ModuleName, sys.Funcs())
	inst, err := s.Instantiate(m)
	if err != nil {
		return fmt.Errorf("instantiating: %w", err)
	}
	if ex := inst.Start(); ex != nil {
		if _, err := ex.Run(-1); err != nil {
			return fmt.Errorf("start: %w", err)
		}
	}
	ex, err := inst.Call("_start")
	if err != nil {
		return err
	}
	if watch != nil {
		watch(ex)
	}
	_, err = ex.Run(-1)
	var exit *vm.ExitError
	if errors.As(err, &exit) && exit.Code == 0 {
		err = nil
	}
	return err
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
