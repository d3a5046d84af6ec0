package bench

import (
	"bytes"
	"context"
	"fmt"
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
		cfg := wazero.NewModuleConfig().WithName("").WithStdout(&out).WithStderr(&errOut).
			WithArgs(l.w.Name, strconv.Itoa(int(size)))
		m, err := l.r.InstantiateModule(ctx, l.cm, cfg)
		if m != nil {
			m.Close(ctx)
		}
		if err != nil {
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
