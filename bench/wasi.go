package bench

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/wasi"
)

// runWASI runs a WASI command on our engine as the CLI does: a fresh store
// with wasi_snapshot_preview1 defined, the start function, then _start, with
// the size as argv[1]. proc_exit(0) is success; stdout is the checksum.
// obs, when not nil, observes _start.
func runWASI(w Workload, m *vm.Module, size int32, obs vm.Observer) (string, error) {
	var out, errOut bytes.Buffer
	sys, err := wasi.New(wasi.Config{
		Args:   []string{w.Name, strconv.Itoa(int(size))},
		Stdout: &out,
		Stderr: &errOut,
	})
	if err != nil {
		return "", fmt.Errorf("ours: %s: %w", w.Name, err)
	}
	defer sys.Close()
	s := vm.NewStore(vm.Config{})
	s.DefineHost(wasi.ModuleName, sys.Funcs())
	inst, err := s.Instantiate(m)
	if err != nil {
		return "", fmt.Errorf("ours: instantiating %s: %w", w.Name, err)
	}
	if ex := inst.Start(); ex != nil {
		if _, err := ex.Run(-1); err != nil {
			return "", fmt.Errorf("ours: %s: start: %w", w.Name, err)
		}
	}
	ex, err := inst.Call("_start")
	if err != nil {
		return "", fmt.Errorf("ours: %s: %w", w.Name, err)
	}
	if obs != nil {
		ex.SetObserver(obs)
	}
	_, err = ex.Run(-1)
	var exit *vm.ExitError
	if errors.As(err, &exit) && exit.Code == 0 {
		err = nil
	}
	if err != nil {
		return "", fmt.Errorf("ours: %s: %w (stderr: %s)", w.Name, err, errOut.String())
	}
	return strings.TrimSpace(out.String()), nil
}
