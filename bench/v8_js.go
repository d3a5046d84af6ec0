//go:build js

package bench

import (
	"fmt"
	"sync"
	"syscall/js"
)

// v8API is v8.js evaluated in this Node process.
var v8API = sync.OnceValue(func() js.Value { return js.Global().Call("eval", v8Source) })

// V8Available reports why V8 cannot be measured here (no WebAssembly or no
// process.cpuUsage: not Node), or nil.
func V8Available() error {
	if js.Global().Get("WebAssembly").IsUndefined() || cpuUsage.IsUndefined() {
		return fmt.Errorf("V8: not running in Node")
	}
	return nil
}

// jsCall calls f, turning a JavaScript exception into an error.
func jsCall(f func() js.Value) (v js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return f(), nil
}

func jsBytes(b []byte) js.Value {
	a := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(a, b)
	return a
}

// Compile implements Engine.
func (V8) Compile(wasm []byte) error {
	a := jsBytes(wasm)
	_, err := jsCall(func() js.Value { return v8API().Call("compile", a) })
	if err != nil {
		return fmt.Errorf("V8: compiling: %w", err)
	}
	return nil
}

// Load implements Engine.
func (V8) Load(w Workload, wasm []byte) (Loaded, error) {
	a := jsBytes(wasm)
	l, err := jsCall(func() js.Value { return v8API().Call("load", a, w.Kind.String(), w.Name) })
	if err != nil {
		return nil, fmt.Errorf("V8: compiling %s: %w", w.Name, err)
	}
	return &v8Loaded{w: w, l: l}, nil
}

type v8Loaded struct {
	w Workload
	l js.Value
}

// Run implements Loaded.
func (l *v8Loaded) Run(size int32) (string, error) {
	sum, err := jsCall(func() js.Value { return l.l.Call("run", size) })
	if err != nil {
		return "", fmt.Errorf("V8: %s: %w", l.w.Name, err)
	}
	return sum.String(), nil
}

// Close implements Loaded.
func (l *v8Loaded) Close() {}
