//go:build js && wasm

package main

// This file mounts the UI into a <wasm-scope> element (static/embed.js is
// the custom element's shell): WasmscopeUI.mount(shadowRoot, host,
// options) fills the shadow root with elementHTML, opens the element's
// own session in the engine's worker and answers a handle:
//
//	handle.load(name, text|Uint8Array)   loads the program (and shows it)
//	handle.configure({name, args, env, stdin, trace, invoke, readonly, panes})
//	                                     the element's attributes: args split like
//	                                     a shell, env "K=v; K2=v2", stdin given then
//	                                     EOF ("\n" escapes), trace false: not
//	                                     recorded, invoke "add 1 2": Run calls it
//	handle.run(), handle.stop()
//	handle.unmount()                     ends the session and empties the root
//
// The host element fires "wasmscope-output" ({stream, text}) for what the
// program writes and "wasmscope-done" (the result: {what, outcome,
// exitCode, trap, error, values}) when a run or call ends; both bubble
// out of the shadow root. Options: styleURL (style.css), playgroundURL
// (where "Open in playground" links point), panes.

import (
	"fmt"
	"strings"
	"syscall/js"

	"github.com/wasmscope/wasmscope/playground"
)

// mountElement is WasmscopeUI.mount.
func mountElement(_ js.Value, args []js.Value) any {
	root, host, o := arg(args, 0), arg(args, 1), arg(args, 2)
	root.Set("innerHTML", elementHTML(o.Get("styleURL").String()))
	a := newApp(root, host, o.Get("engine"))
	a.playgroundURL = o.Get("playgroundURL").String()
	a.eng.onOutput = a.emitOutput
	a.wire()
	a.stdinForm.SetAttribute("hidden", "")
	a.showPanes(panesOf(o.Get("panes").String()))
	a.setStatus("loading the program…", "")
	go a.control()
	a.startRendering()

	fn := func(f func(args []js.Value)) js.Func {
		return js.FuncOf(func(_ js.Value, args []js.Value) any {
			a.guard("the element", func() { f(args) })
			return nil
		})
	}
	return js.ValueOf(map[string]any{
		"load": fn(func(args []js.Value) {
			name := arg(args, 0).String()
			src, err := data(arg(args, 1))
			if err != nil {
				a.showError(fmt.Sprintf("%s: %v", name, err))
				return
			}
			a.send(command{kind: cmdLoad, name: name, data: src})
		}),
		"configure": fn(func(args []js.Value) { a.configure(arg(args, 0)) }),
		"run":       fn(func([]js.Value) { a.run() }),
		"stop":      fn(func([]js.Value) { a.stop() }),
		"unmount": fn(func([]js.Value) {
			close(a.done)
			a.eng.close()
			root.Set("innerHTML", "")
		}),
	})
}

// configure applies an element's attributes (see the file's header).
func (a *app) configure(o js.Value) {
	str := func(k string) (string, bool) {
		v := o.Get(k)
		if v.Type() != js.TypeString {
			return "", false
		}
		return v.String(), true
	}
	if name, ok := str("name"); ok {
		a.label(name)
	}
	args, _ := str("args")
	a.args.SetValue(args)
	env, _ := str("env")
	a.env.SetValue(strings.Join(strings.FieldsFunc(env, func(r rune) bool { return r == ';' || r == '\n' }), "\n"))
	stdin, given := str("stdin")
	a.stdinInitial.SetValue(strings.ReplaceAll(stdin, `\n`, "\n"))
	a.stdinEOF.SetChecked(given)
	a.traceOn.SetChecked(o.Get("trace").Type() != js.TypeBoolean || o.Get("trace").Bool())
	a.invoke, _ = str("invoke")
	a.readOnly = o.Get("readonly").Truthy()
	if a.prog != nil {
		a.source.SetReadOnly(a.readOnly || a.prog.Format != playground.Text)
	} else {
		a.source.SetReadOnly(a.readOnly)
	}
	if panes, ok := str("panes"); ok {
		a.showPanes(panesOf(panes))
	}
}

// label names the element's controls after its program, so a page with
// several elements has a name for each control (a screen reader lists
// "Run add.wat", "Run fib.wat").
func (a *app) label(name string) {
	a.progName.SetTextContent(name)
	a.editName = name
	for id, text := range map[string]string{
		"run":         "Run " + name,
		"stop":        "Stop " + name,
		"bar":         name + ": run controls",
		"tabs":        "Results of " + name,
		"stdin":       "Standard input of " + name,
		"mem-select":  "Memory of " + name + " to show",
		"mem-addr":    "Memory address in " + name,
		"hexdump":     "Memory of " + name,
		"trace":       "Instruction trace of " + name,
		"console":     "Output of " + name,
		"call-export": "Exported function of " + name,
		"call-args":   "Call arguments for " + name,
	} {
		a.el(id).SetAttribute("aria-label", text)
	}
	a.source.SetLabel("WAT source of " + name)
}

// elementLoaded shows, in an element, what kind of program it holds and
// the link that opens it in the playground.
func (a *app) elementLoaded(p *programView) {
	if p.Format == playground.Text {
		a.progInfo.SetAttribute("hidden", "")
	} else {
		a.progInfo.SetTextContent(fmt.Sprintf("%s: binary module, %d bytes, shown as text", p.Name, p.Size))
		a.progInfo.RemoveAttribute("hidden")
	}
	a.updateShareLink()
}

// updateShareLink points "Open in playground" at the program as it is
// (edited or loaded), or says it is too large for a link.
func (a *app) updateShareLink() {
	link := a.el("open")
	if a.prog == nil {
		link.SetAttribute("hidden", "")
		return
	}
	src, format := a.progSrc, a.prog.Format
	if a.sourceDirty {
		src, format = []byte(a.source.Text()), playground.Text
	}
	link.RemoveAttribute("hidden")
	frag, err := encodeShare(a.prog.Name, format, src)
	if err != nil {
		link.RemoveAttribute("href")
		link.SetTextContent("too large for a share link")
		link.SetAttribute("title", err.Error())
		link.Class().SetString("muted")
		return
	}
	link.SetAttribute("href", a.playgroundURL+"#"+frag)
	link.SetTextContent("Open in playground")
	link.SetAttribute("title", "Open this program in the wasmscope playground")
	link.Class().SetString("")
}

// emitOutput fires the host element's "wasmscope-output" event for each
// piece of output.
func (a *app) emitOutput(chunks []playground.Chunk) {
	for _, c := range chunks {
		a.dispatch("wasmscope-output", map[string]any{"stream": c.Stream.String(), "text": c.Text})
	}
}

// dispatch fires a bubbling, composed CustomEvent on the host element.
func (a *app) dispatch(typ string, detail map[string]any) {
	ev := js.Global().Get("CustomEvent").New(typ, map[string]any{"detail": detail, "bubbles": true, "composed": true})
	a.host.Call("dispatchEvent", ev)
}

// resultDetail is a result as "wasmscope-done" tells it.
func resultDetail(res *resultView) map[string]any {
	values := make([]any, len(res.Values))
	for i, v := range res.Values {
		values[i] = v
	}
	d := map[string]any{"what": res.What, "outcome": res.Outcome, "exitCode": res.ExitCode, "values": values}
	if res.Trap != "" {
		d["trap"] = res.Trap
	}
	if res.Error != "" {
		d["error"] = res.Error
	}
	return d
}
