//go:build js && wasm

// Command web is main.wasm, the playground's Go side, compiled to
// GOOS=js. The same binary runs in two places: in the engine's Web Worker
// (static/worker.js) it serves the engine's API (api.go for wasmscope.run,
// engine.go for the UI sessions); on the page's thread it is the UI. One
// UI, mounted into a root: the playground page (static/index.html, the
// document) and every <wasm-scope> element (its shadow root, through
// WasmscopeUI.mount, mount.go; static/embed.js is only the custom
// element's shell). Each mounted UI looks its elements up within its root
// (layout.go has the panes' markup, the same for both), has its own
// session in the worker (remote.go) and renders what the worker reports:
// output, trace, memory, files and the paused state.
//
// RATIONALE: the engine runs in a worker so the page's thread only
// renders: a runaway loop, a flood of output or a traced run cannot make
// the page late, and a Go fatal error (out of memory) kills the worker,
// which engine.js replaces, not the page. The playground's header and
// configuration are static HTML and CSS, so they paint before main.wasm
// has loaded; the panes are mounted when it has. The page's requests go
// through one controller goroutine per UI fed by a command channel, so
// they reach the engine in the order they were made; Stop, Pause and
// stdin go at once. Rendering happens once per animation frame from the
// mirror of the session, so a program that prints or traces millions of
// lines costs one repaint per frame, not one per line.
//
// The UI layer stays Go with honnef.co/go/js/dom/v2, as the design card
// says, for the page and the element alike. The page's side is the same
// main.wasm the worker runs: an element page compiles it once and
// instantiates it twice (worker and page), no second download and no
// second toolchain. What the issue measured against the page (timers late
// by 75–170 ms at p95, a dead tab) came from the engine sharing the
// page's thread, which the worker removed; measured since, during a
// flood of output the page's time goes to laying out the console, not to
// Go. So the element lost its own 1023 lines of JavaScript (hexdump,
// trace list, module pane, address parsing, now 495 lines of loader,
// scripting API and shell) instead of the page gaining a second UI
// language. Where users expect a well-known widget the UI uses one from
// npm (bundled into static/ui.js, web/js): CodeMirror for the program
// text (editor.go wraps it) and xterm.js for the console (console.go).
package main

import (
	"fmt"
	"runtime/debug"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/wasmscope/wasmscope/playground"
)

func main() {
	if js.Global().Get("wasmscopeWorker").Truthy() {
		serveWorker()
	}
	ui := js.Global().Get("WasmscopeUI")
	ui.Set("mount", js.FuncOf(mountElement))
	if js.Global().Get("wasmscopeEmbed").Truthy() {
		// embed.js mounts each <wasm-scope> element (mount.go).
		if ready := js.Global().Get("wasmscopeMountReady"); ready.Type() == js.TypeFunction {
			ready.Invoke()
		}
		select {}
	}
	doc := js.Global().Get("document")
	doc.Call("getElementById", "results").Set("innerHTML", panesHTML)
	a := newApp(doc, js.Null(), js.Global().Get("wasmscopeEngine"))
	a.wire()
	a.setStatus("ready: open a .wasm or .wat file, or pick an example", "")
	go a.control()
	a.startRendering()
	a.openFromURL()
	select {}
}

// app is one mounted UI: the playground page, or a <wasm-scope> element;
// its elements, its session and the controller's state.
type app struct {
	win dom.Window
	doc dom.Document
	// root is where its elements are looked up: the document, or the
	// element's shadow root; host is the <wasm-scope> element (null on
	// the playground page), which makes it an embed.
	root, host js.Value
	embed      bool
	// invoke is what the element's Run calls ("add 1 2"), "" for _start;
	// readOnly keeps its program text from being edited; playgroundURL
	// is where its "Open in playground" link points.
	invoke        string
	readOnly      bool
	playgroundURL string
	// done is closed by the render loop's end (an unmounted element).
	done chan struct{}
	eng  *remote
	cmds chan command
	// prog is the program loaded into the engine; progSrc what was sent.
	prog    *programView
	progSrc []byte
	example string // the built-in example loaded, "" for any other program

	// Elements, by id.
	status, errBox, progName, progInfo                 dom.HTMLElement
	source                                             *editor
	term                                               *terminal
	fileInput, addFile                                 *dom.HTMLInputElement
	examples                                           *dom.HTMLSelectElement
	runBtn, pauseBtn, stepBtn, overBtn, stopBtn, share *dom.HTMLButtonElement
	args, breakpoints, stdinLine                       *dom.HTMLInputElement
	env, stdinInitial                                  *dom.HTMLTextAreaElement
	stdinEOF, traceOn, persistOn                       *dom.HTMLInputElement
	filesIn, console, stdinForm                        dom.HTMLElement
	eofBtn                                             *dom.HTMLButtonElement
	debugWhere, debugWat, dStack, dLocals, dGlobals    dom.HTMLElement
	dFrames                                            dom.HTMLElement
	memSelect, traceFilter, callExport                 *dom.HTMLSelectElement
	memAddr, callArgs                                  *dom.HTMLInputElement
	hexdump, inspector, memInfo, traceBox, traceInfo   dom.HTMLElement
	filesList, moduleInfo, callResult                  dom.HTMLElement
	tabs                                               []dom.HTMLElement
	order                                              []int // the shown panes, in tab order
	panes                                              []dom.HTMLElement
	sourceDirty                                        bool
	editName                                           string // name of the program in the editor
	inputFiles                                         []playground.File
	yield                                              *yielder
	memView                                            memView
	traceView                                          traceView
	rendered                                           renderedState
	runStarted                                         float64
	lastResult                                         int // Seq of the result shown
	memSize                                            int
	memFirstWritten                                    int64
	memFetch, traceFetch                               fetch
	statusText, statusKind                             string
	dbg                                                *dbgUI
	src                                                *srcUI
}

// newApp mounts a UI on the elements under root (a document or a shadow
// root: panesHTML and, for an element, elementHTML are in it already)
// with a session of its own in engine (a WasmscopeEngine); host is the
// <wasm-scope> element, or null for the playground page.
func newApp(root, host, engine js.Value) *app {
	win := dom.GetWindow()
	a := &app{
		win:   win,
		doc:   win.Document(),
		root:  root,
		host:  host,
		embed: host.Truthy(),
		cmds:  make(chan command, 16),
		done:  make(chan struct{}),
	}
	a.eng = newRemote(engine, a.updated, a.engineRestarted)
	a.yield = newYielder()
	a.status = a.el("status")
	a.errBox = a.el("error")
	a.progName = a.el("progname")
	a.progInfo = a.el("proginfo")
	a.source = newEditor(a.el("source"), editorOptions{
		Label:       "Program text (WAT)",
		Placeholder: "(module …): WAT typed here runs as it is",
		OnChange: func(string) {
			a.guard("editing", a.edited)
		},
		OnRun: func() { a.guard("running", a.run) },
	})
	a.fileInput = a.el("file").(*dom.HTMLInputElement)
	a.addFile = a.el("add-file").(*dom.HTMLInputElement)
	a.examples = a.el("examples").(*dom.HTMLSelectElement)
	a.runBtn = a.el("run").(*dom.HTMLButtonElement)
	a.pauseBtn = a.el("pause").(*dom.HTMLButtonElement)
	a.stepBtn = a.el("step").(*dom.HTMLButtonElement)
	a.overBtn = a.el("stepover").(*dom.HTMLButtonElement)
	a.stopBtn = a.el("stop").(*dom.HTMLButtonElement)
	a.share = a.el("share").(*dom.HTMLButtonElement)
	a.args = a.el("args").(*dom.HTMLInputElement)
	a.env = a.el("env").(*dom.HTMLTextAreaElement)
	a.stdinInitial = a.el("stdin-initial").(*dom.HTMLTextAreaElement)
	a.stdinEOF = a.el("stdin-eof").(*dom.HTMLInputElement)
	a.traceOn = a.el("trace-on").(*dom.HTMLInputElement)
	a.breakpoints = a.el("breakpoints").(*dom.HTMLInputElement)
	a.filesIn = a.el("files-in")
	a.console = a.el("console")
	a.term = newTerminal(a.console, "Program output")
	a.stdinForm = a.el("stdin-form")
	a.stdinLine = a.el("stdin").(*dom.HTMLInputElement)
	a.eofBtn = a.el("eof").(*dom.HTMLButtonElement)
	a.debugWhere = a.el("debug-where")
	a.debugWat = a.el("debug-wat")
	a.dStack = a.el("debug-stack")
	a.dLocals = a.el("debug-locals")
	a.dGlobals = a.el("debug-globals")
	a.dFrames = a.el("debug-frames")
	a.memSelect = a.el("mem-select").(*dom.HTMLSelectElement)
	a.memAddr = a.el("mem-addr").(*dom.HTMLInputElement)
	a.hexdump = a.el("hexdump")
	a.inspector = a.el("inspector")
	a.memInfo = a.el("mem-info")
	a.traceBox = a.el("trace")
	a.traceInfo = a.el("trace-info")
	a.traceFilter = a.el("trace-filter").(*dom.HTMLSelectElement)
	a.filesList = a.el("files")
	a.moduleInfo = a.el("module-info")
	a.callExport = a.el("call-export").(*dom.HTMLSelectElement)
	a.callArgs = a.el("call-args").(*dom.HTMLInputElement)
	a.callResult = a.el("call-result")
	for _, name := range paneNames {
		a.tabs = append(a.tabs, a.el("tab-"+name))
		a.panes = append(a.panes, a.el("pane-"+name))
		a.order = append(a.order, len(a.order))
	}
	return a
}

// el returns the element with the given id under the app's root; the
// markup and this program are built together, so a missing id is a bug
// worth stopping for.
func (a *app) el(id string) dom.HTMLElement {
	e := a.find(id)
	if e == nil {
		panic("the page has no element #" + id)
	}
	return e
}

// find returns the element with the given id under the app's root, or
// nil.
func (a *app) find(id string) dom.HTMLElement {
	v := a.root.Call("getElementById", id)
	if v.IsNull() || v.IsUndefined() {
		return nil
	}
	return dom.WrapElement(v).(dom.HTMLElement)
}

// guard runs f and turns a Go panic into a message in the page, so no
// panic escapes to the console and leaves the page dead.
func (a *app) guard(what string, f func()) {
	defer func() {
		if r := recover(); r != nil {
			a.showError(fmt.Sprintf("internal error in %s: %v\n%s", what, r, firstLines(string(debug.Stack()), 12)))
		}
	}()
	f()
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

// on adds an event listener that runs guarded.
func (a *app) on(el dom.EventTarget, typ string, f func(dom.Event)) {
	el.AddEventListener(typ, false, func(ev dom.Event) {
		a.guard(typ+" handler", func() { f(ev) })
	})
}

// setStatus shows a line in the header; kind is "", "good", "bad" or "warn".
func (a *app) setStatus(text, kind string) {
	// Setting the same text again would still make the browser lay the
	// page out again: the running clock asks every frame.
	if text == a.statusText && kind == a.statusKind {
		return
	}
	a.statusText, a.statusKind = text, kind
	a.status.SetTextContent(text)
	a.status.SetTitle(text)
	a.status.Class().SetString(strings.TrimSpace("status " + kind))
}

func (a *app) showError(msg string) {
	a.errBox.SetTextContent(msg)
	a.errBox.RemoveAttribute("hidden")
	a.setStatus(firstLines(msg, 1), "bad")
}

func (a *app) clearError() {
	a.errBox.SetAttribute("hidden", "")
	a.errBox.SetTextContent("")
}
