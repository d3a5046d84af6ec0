package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
)

// Wazero is the peer: wazero's interpreter (not its compiler, which needs
// native code generation and does not exist under GOOS=js).
type Wazero struct{}

// Name implements Engine.
func (Wazero) Name() string { return "wazero" }

func newWazero(ctx context.Context) wazero.Runtime {
	return wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigInterpreter())
}

// Compile implements Engine. Each call gets a new runtime, because a runtime
// caches compiled modules by their hash and would otherwise compile once.
func (Wazero) Compile(wasm []byte) error {
	ctx := context.Background()
	r := newWazero(ctx)
	defer r.Close(ctx)
	_, err := r.CompileModule(ctx, wasm)
	return err
}

// Load implements Engine.
func (Wazero) Load(w Workload, wasm []byte) (Loaded, error) {
	ctx := context.Background()
	r := newWazero(ctx)
	if w.Kind == Go {
		if _, err := wasi_snapshot_preview1.Instantiate(ctx, r); err != nil {
			r.Close(ctx)
			return nil, err
		}
	}
	cm, err := r.CompileModule(ctx, wasm)
	if err != nil {
		r.Close(ctx)
		return nil, fmt.Errorf("wazero: compiling %s: %w", w.Name, err)
	}
	return &wazeroLoaded{w: w, r: r, cm: cm}, nil
}

type wazeroLoaded struct {
	w  Workload
	r  wazero.Runtime
	cm wazero.CompiledModule
}

func (l *wazeroLoaded) Run(size int32) (string, error) {
	ctx := context.Background()
	if l.w.Kind == Go {
		var out, errOut bytes.Buffer
		if err := instantiateCommand(ctx, l.r, l.cm, []string{l.w.Name, strconv.Itoa(int(size))}, &out, &errOut); err != nil {
			return "", fmt.Errorf("wazero: %s: %w (stderr: %s)", l.w.Name, err, errOut.String())
		}
		return strings.TrimSpace(out.String()), nil
	}
	m, err := l.r.InstantiateModule(ctx, l.cm, wazero.NewModuleConfig().WithName(""))
	if err != nil {
		return "", fmt.Errorf("wazero: instantiating %s: %w", l.w.Name, err)
	}
	defer m.Close(ctx)
	f := m.ExportedFunction("run")
	if f == nil {
		return "", fmt.Errorf("wazero: %s exports no function run", l.w.Name)
	}
	res, err := f.Call(ctx, uint64(uint32(size)))
	if err != nil {
		return "", fmt.Errorf("wazero: %s: %w", l.w.Name, err)
	}
	return strconv.FormatUint(res[0], 10), nil
}

func (l *wazeroLoaded) Close() { l.r.Close(context.Background()) }

// instantiateCommand runs the WASI command cm in r (which has WASI) with
// args: wazero runs _start when it instantiates. Exit status 0 is success.
func instantiateCommand(ctx context.Context, r wazero.Runtime, cm wazero.CompiledModule, args []string, stdout, stderr io.Writer) error {
	cfg := wazero.NewModuleConfig().WithName("").WithStdout(stdout).WithStderr(stderr).WithArgs(args...)
	m, err := r.InstantiateModule(ctx, cm, cfg)
	if m != nil {
		m.Close(ctx)
	}
	return err
}

// startWazero compiles and runs wasm as a WASI command with args in a new
// runtime (see StartCommand).
func startWazero(wasm []byte, args []string, stdout, stderr io.Writer) error {
	ctx := context.Background()
	r := newWazero(ctx)
	defer r.Close(ctx)
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, r); err != nil {
		return err
	}
	cm, err := r.CompileModule(ctx, wasm)
	if err != nil {
		return fmt.Errorf("wazero: compiling: %w", err)
	}
	if err := instantiateCommand(ctx, r, cm, args, stdout, stderr); err != nil {
		return fmt.Errorf("wazero: %w", err)
	}
	return nil
}
