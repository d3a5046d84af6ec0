//go:build js && wasm

package main

import (
	"errors"
	"fmt"
	"syscall/js"

	"github.com/wasmscope/wasmscope/playground"
)

// This file holds what dom/v2 does not cover: reading files and fetched
// bodies (promises), drag-and-drop data, downloads and yielding to the
// event loop. Everything else goes through dom/v2.

// await blocks the calling goroutine until the promise settles. It must not
// run on the event loop's own callback (it would never return): callers are
// goroutines started by the handlers.
func await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	var ok, fail js.Func
	ok = js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	fail = js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := "rejected"
		if len(args) > 0 {
			msg = args[0].Call("toString").String()
		}
		ch <- result{err: errors.New(msg)}
		return nil
	})
	p.Call("then", ok, fail)
	r := <-ch
	ok.Release()
	fail.Release()
	return r.v, r.err
}

// bytesOf copies an ArrayBuffer into Go memory.
func bytesOf(buf js.Value) []byte {
	u8 := js.Global().Get("Uint8Array").New(buf)
	b := make([]byte, u8.Get("length").Int())
	js.CopyBytesToGo(b, u8)
	return b
}

// readFile reads a File (from an input or a drop) into memory.
func readFile(f js.Value) (name string, data []byte, err error) {
	name = f.Get("name").String()
	buf, err := await(f.Call("arrayBuffer"))
	if err != nil {
		return name, nil, fmt.Errorf("reading %s: %v", name, err)
	}
	return name, bytesOf(buf), nil
}

// fetchBytes GETs a URL relative to the page.
func fetchBytes(url string) ([]byte, error) {
	resp, err := await(js.Global().Call("fetch", url))
	if err != nil {
		return nil, fmt.Errorf("fetching %s: %v", url, err)
	}
	if !resp.Get("ok").Bool() {
		return nil, fmt.Errorf("fetching %s: HTTP %d", url, resp.Get("status").Int())
	}
	buf, err := await(resp.Call("arrayBuffer"))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", url, err)
	}
	return bytesOf(buf), nil
}

// droppedFile returns the first file of a drop event's dataTransfer.
func droppedFile(ev js.Value) (js.Value, bool) {
	dt := ev.Get("dataTransfer")
	if dt.IsUndefined() || dt.IsNull() {
		return js.Value{}, false
	}
	files := dt.Get("files")
	if files.Get("length").Int() == 0 {
		return js.Value{}, false
	}
	return files.Call("item", 0), true
}

// dragHasFiles reports whether a drag carries files (not text or links).
func dragHasFiles(ev js.Value) bool {
	dt := ev.Get("dataTransfer")
	if dt.IsUndefined() || dt.IsNull() {
		return false
	}
	types := dt.Get("types")
	for i := 0; i < types.Get("length").Int(); i++ {
		if types.Index(i).String() == "Files" {
			return true
		}
	}
	return false
}

// download offers data as a file named name.
func download(name string, data []byte, mime string) {
	u8 := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(u8, data)
	downloadParts(name, []any{u8}, mime)
}

// downloadParts offers a file made of parts (strings, byte arrays: what
// a Blob takes) for download.
func downloadParts(name string, parts []any, mime string) {
	blob := js.Global().Get("Blob").New(parts, map[string]any{"type": mime})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	a := js.Global().Get("document").Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Get("style").Set("display", "none")
	body := js.Global().Get("document").Get("body")
	body.Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	// The download has started from the click; the URL can go once the
	// event loop has moved on.
	js.Global().Call("setTimeout", js.FuncOf(func(this js.Value, args []js.Value) any {
		js.Global().Get("URL").Call("revokeObjectURL", url)
		return nil
	}), 1000)
}

// yielder hands control back to the browser between slices of a run: a
// MessageChannel message is a task of its own, so input events and
// painting get their turn, without setTimeout's 4 ms clamp.
type yielder struct {
	port js.Value
	ch   chan struct{}
}

func newYielder() *yielder {
	y := &yielder{ch: make(chan struct{}, 1)}
	mc := js.Global().Get("MessageChannel").New()
	mc.Get("port1").Set("onmessage", js.FuncOf(func(js.Value, []js.Value) any {
		select {
		case y.ch <- struct{}{}:
		default:
		}
		return nil
	}))
	y.port = mc.Get("port2")
	return y
}

// yield returns after the browser has handled what was waiting.
func (y *yielder) yield() {
	y.port.Call("postMessage", nil)
	<-y.ch
}

// paint returns after the browser has painted a frame: an animation
// frame callback runs just before the paint, a message task after it.
func (y *yielder) paint() {
	done := make(chan struct{})
	var f js.Func
	f = js.FuncOf(func(js.Value, []js.Value) any {
		f.Release()
		close(done)
		return nil
	})
	js.Global().Call("requestAnimationFrame", f)
	<-done
	y.yield()
}

// slicer runs a session's slices with a fuel that adapts so a slice takes
// about target milliseconds: long enough to amortize the turn of the
// event loop between slices, short enough that Stop, which is handled
// between them, answers well within 100 ms.
type slicer struct {
	fuel   int64
	target float64
}

func newSlicer(targetMillis float64) *slicer { return &slicer{fuel: 20_000, target: targetMillis} }

// run runs one slice of sess and returns its state afterwards.
func (f *slicer) run(sess *playground.Session) playground.State {
	t0 := now()
	st := sess.RunSlice(f.fuel)
	dt := now() - t0
	switch {
	case dt < f.target/2 && f.fuel < 1<<30:
		f.fuel *= 2
	case dt > f.target*2 && f.fuel > 1000:
		f.fuel /= 2
	}
	return st
}

// now returns the page's monotonic clock in milliseconds.
func now() float64 { return js.Global().Get("performance").Call("now").Float() }

// copyText puts text on the clipboard; it reports whether it could.
func copyText(text string) bool {
	clip := js.Global().Get("navigator").Get("clipboard")
	if clip.IsUndefined() {
		return false
	}
	_, err := await(clip.Call("writeText", text))
	return err == nil
}
