package bench

import (
	"fmt"
	"io"
	"strconv"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debuginfo"
	"github.com/wasmscope/wasmscope/vm/trace"
)

// Ours is wasmscope's engine, run as an embedder would: compile once, then
// a store, an instance and an execution run to completion without fuel;
// with Watch set, the execution (_start's, for WASI programs) is observed.
type Ours struct {
	Watch Watch
	// LogBytes is the size of a Logged run's log; 0 means LogBytes.
	LogBytes int64
}

// Watch is how a run of our engine is observed.
type Watch int

// Ways of observing a run.
const (
	// Unwatched runs with no observer attached.
	Unwatched Watch = iota
	// Logged records every instruction into the engine's log
	// (Execution.SetLog) of LogBytes, a ring that keeps the newest
	// records: what the page and the debugger read.
	Logged
	// Text writes every instruction's trace line into io.Discard through
	// the CLI's trace writer, as wasmscope run --trace=FILE does (with
	// source positions when the module has DWARF).
	Text
)

// LogBytes is the default size of the log a Logged run records into:
// millions of records (vm/exec's RecordSize each), the order of what the
// page keeps.
const LogBytes = 64 << 20

// Name implements Engine.
func (o Ours) Name() string {
	switch o.Watch {
	case Logged:
		return "ours+log"
	case Text:
		return "ours+text"
	}
	return "ours"
}

// Compile implements Engine.
func (Ours) Compile(wasm []byte) error {
	_, err := vm.CompileBinary(wasm)
	return err
}

// Load implements Engine.
func (o Ours) Load(w Workload, wasm []byte) (Loaded, error) {
	m, err := vm.CompileBinary(wasm)
	if err != nil {
		return nil, fmt.Errorf("ours: compiling %s: %w", w.Name, err)
	}
	l := &oursLoaded{w: w, m: m, watch: o.Watch}
	if o.Watch == Text {
		// As the CLI's --trace does: instruction lines end in their
		// source position when the module has DWARF (the Go workload).
		if info, err := debuginfo.Read(wasm); err == nil {
			l.where = info.Where
		}
	}
	if o.Watch == Logged {
		// Allocated once, as an embedder would keep one log per session.
		n := o.LogBytes
		if n == 0 {
			n = LogBytes
		}
		l.log = vm.NewLog(n)
	}
	return l, nil
}

type oursLoaded struct {
	w     Workload
	m     *vm.Module
	watch Watch
	log   *vm.Log
	where func(offset uint32) string // source positions for Text, or nil
}

func (l *oursLoaded) Run(size int32) (string, error) {
	switch l.watch {
	case Logged:
		return runOurs(l.w, l.m, size, func(ex *vm.Execution) {
			l.log.Reset()
			ex.SetLog(l.log)
		})
	case Text:
		tw := trace.NewWriter(io.Discard, l.m.Syntax())
		if l.where != nil {
			tw.SetSource(l.where)
		}
		sum, err := runOurs(l.w, l.m, size, tw.Attach)
		if ferr := tw.Flush(); err == nil && ferr != nil {
			err = fmt.Errorf("ours: %s: trace: %w", l.w.Name, ferr)
		}
		return sum, err
	}
	return runOurs(l.w, l.m, size, nil)
}

func (l *oursLoaded) Close() {}

// RunObserved compiles and runs w once on our engine with obs attached to
// the main execution (for tools that study what the workloads execute).
func RunObserved(w Workload, wasm []byte, size int32, obs vm.Observer) (string, error) {
	m, err := vm.CompileBinary(wasm)
	if err != nil {
		return "", fmt.Errorf("ours: compiling %s: %w", w.Name, err)
	}
	return runOurs(w, m, size, func(ex *vm.Execution) { ex.SetObserver(obs) })
}

// runOurs instantiates m in a fresh store and runs w with size; watch, when
// not nil, is given the execution to observe before it runs.
func runOurs(w Workload, m *vm.Module, size int32, watch func(*vm.Execution)) (string, error) {
	if w.Kind == Go {
		return runWASI(w, m, size, watch)
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
	if watch != nil {
		watch(ex)
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
