package bench

import (
	"fmt"
	"strconv"

	"github.com/wasmscope/wasmscope/vm"
)

// Ours is wasmscope's engine, run as an embedder would: compile once, then
// a store, an instance and an execution run to completion without fuel.
type Ours struct{}

// Name implements Engine.
func (Ours) Name() string { return "ours" }

// Compile implements Engine.
func (Ours) Compile(wasm []byte) error {
	_, err := vm.CompileBinary(wasm)
	return err
}

// Load implements Engine.
func (Ours) Load(w Workload, wasm []byte) (Loaded, error) {
	m, err := vm.CompileBinary(wasm)
	if err != nil {
		return nil, fmt.Errorf("ours: compiling %s: %w", w.Name, err)
	}
	return &oursLoaded{w: w, m: m}, nil
}

type oursLoaded struct {
	w Workload
	m *vm.Module
}

func (l *oursLoaded) Run(size int32) (string, error) { return runOurs(l.w, l.m, size, nil) }

func (l *oursLoaded) Close() {}

// RunObserved compiles and runs w once on our engine with obs attached to
// the main execution (for tools that study what the workloads execute).
func RunObserved(w Workload, wasm []byte, size int32, obs vm.Observer) (string, error) {
	m, err := vm.CompileBinary(wasm)
	if err != nil {
		return "", fmt.Errorf("ours: compiling %s: %w", w.Name, err)
	}
	return runOurs(w, m, size, obs)
}

// runOurs instantiates m in a fresh store and runs w with size; obs, when
// not nil, observes the run.
func runOurs(w Workload, m *vm.Module, size int32, obs vm.Observer) (string, error) {
	if w.Kind == Go {
		return runWASI(w, m, size, obs)
	}
	s := vm.NewStore(vm.Config{})
	inst, err := s.Instantiate(m)
	if err != nil {
		return "", fmt.Errorf("ours: instantiating %s: %w", w.Name, err)
	}
	ex, err := inst.Call("run", vm.I32(size))
	if err != nil {
		return "", fmt.Errorf("ours: %s: %w", w.Name, err)
	}
	if obs != nil {
		ex.SetObserver(obs)
	}
	if _, err := ex.Run(-1); err != nil {
		return "", fmt.Errorf("ours: %s: %w", w.Name, err)
	}
	res := ex.Results()
	if len(res) != 1 {
		return "", fmt.Errorf("ours: %s: run returned %d results, want 1", w.Name, len(res))
	}
	return strconv.FormatUint(res[0].Lo, 10), nil
}
