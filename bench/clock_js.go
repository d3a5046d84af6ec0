//go:build js

package bench

import (
	"syscall/js"
	"time"
)

// cpuUsage is Node's process.cpuUsage, or undefined in a browser.
var cpuUsage = func() js.Value {
	p := js.Global().Get("process")
	if p.Type() != js.TypeObject {
		return js.Undefined()
	}
	f := p.Get("cpuUsage")
	if f.Type() != js.TypeFunction {
		return js.Undefined()
	}
	return f.Call("bind", p)
}()

// Clock names what Now measures, for table headers.
var Clock = func() string {
	if cpuUsage.IsUndefined() {
		return "wall time"
	}
	return "CPU time"
}()

var origin = time.Now()

// Now returns the CPU time (user plus system, all of Node's threads) the
// Node process has used so far, from process.cpuUsage(); where there is no
// such clock (a browser), the wall time since the program started.
func Now() time.Duration {
	if cpuUsage.IsUndefined() {
		return time.Since(origin)
	}
	u := cpuUsage.Invoke()
	return time.Duration(u.Get("user").Float()+u.Get("system").Float()) * time.Microsecond
}
