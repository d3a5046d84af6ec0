//go:build js && wasm

package main

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/wasmscope/wasmscope/playground"
)

// wire attaches the page's event handlers.
func (a *app) wire() {
	// Loading: the file chooser, a drop anywhere, the examples.
	a.on(a.fileInput, "change", func(dom.Event) {
		files := a.fileInput.Files()
		if len(files) == 0 {
			return
		}
		f := files[0].Value
		a.fileInput.SetValue("") // choosing the same file again is a change too
		a.loadFile(f)
	})
	if !a.embed {
		a.wireDrop()
	}
	a.on(a.examples, "change", func(dom.Event) {
		name := a.examples.Value()
		a.examples.SetValue("")
		if name != "" {
			a.loadExample(name, false)
		}
	})

	// Execution controls and their keys: the whole page's on the
	// playground, the element's own inside an element.
	a.on(a.runBtn, "click", func(dom.Event) { a.run() })
	a.on(a.pauseBtn, "click", func(dom.Event) { a.pause() })
	a.on(a.stepBtn, "click", func(dom.Event) { a.send(command{kind: cmdStep}) })
	a.on(a.overBtn, "click", func(dom.Event) { a.send(command{kind: cmdStepOver}) })
	a.on(a.stopBtn, "click", func(dom.Event) { a.stop() })
	var keys dom.EventTarget = a.win
	if a.embed {
		keys = a.el("box")
	}
	a.on(keys, "keydown", func(ev dom.Event) { a.key(ev.(*dom.KeyboardEvent)) })
	a.wireDebugger()
	a.wireSource()

	// Standard input while the program runs.
	a.on(a.stdinForm, "submit", func(ev dom.Event) {
		ev.PreventDefault()
		a.sendStdin(a.stdinLine.Value() + "\n")
		a.stdinLine.SetValue("")
	})
	a.on(a.eofBtn, "click", func(dom.Event) { a.endStdin() })
	a.on(a.stdinLine, "keydown", func(ev dom.Event) {
		k := ev.(*dom.KeyboardEvent)
		if k.CtrlKey() && (k.Key() == "d" || k.Key() == "D") {
			k.PreventDefault()
			if line := a.stdinLine.Value(); line != "" {
				a.sendStdin(line)
				a.stdinLine.SetValue("")
			}
			a.endStdin()
		}
	})

	// Files given to the run.
	a.on(a.addFile, "change", func(dom.Event) {
		files := a.addFile.Files()
		var vals []js.Value
		for _, f := range files {
			vals = append(vals, f.Value)
		}
		a.addFile.SetValue("")
		go a.guard("adding files", func() {
			for _, f := range vals {
				name, data, err := readFile(f)
				if err != nil {
					a.showError(err.Error())
					return
				}
				a.inputFiles = append(a.inputFiles, playground.File{Path: "/" + name, Data: data})
			}
			a.renderInputFiles()
		})
	})
	a.on(a.filesIn, "click", func(ev dom.Event) {
		if i, ok := dataInt(ev.Target(), "remove"); ok && i < len(a.inputFiles) {
			a.inputFiles = append(a.inputFiles[:i], a.inputFiles[i+1:]...)
			a.renderInputFiles()
		}
	})

	// Panes: a click or the arrow keys in the tab strip.
	for i, t := range a.tabs {
		a.on(t, "click", func(dom.Event) { a.selectTab(i) })
	}
	a.on(a.el("tabs"), "keydown", func(ev dom.Event) { a.tabKey(ev.(*dom.KeyboardEvent)) })
	a.wireMemory()
	a.wireTrace()
	a.wirePersist()
	a.on(a.filesList, "click", func(ev dom.Event) {
		if p := dataString(ev.Target(), "download"); p != "" {
			a.downloadFile(p)
		}
	})
	a.on(a.el("call-form"), "submit", func(ev dom.Event) {
		ev.PreventDefault()
		a.send(command{kind: cmdCall, export: a.callExport.Value(), args: a.callArgs.Value()})
	})
	a.on(a.share, "click", func(dom.Event) { a.shareLink() })
}

// edited is told that the program text changed: what is typed compiles
// when it runs (reloadIfEdited).
func (a *app) edited() {
	a.sourceDirty = true
	if a.editName == "" {
		a.editName = "untitled.wat"
		a.progName.SetTextContent(a.editName)
	}
	a.progInfo.SetTextContent("edited: runs as typed")
	a.runBtn.SetDisabled(false)
	a.stepBtn.SetDisabled(false)
	if a.embed {
		a.updateShareLink()
	}
}

// wireDrop loads a file dropped anywhere on the playground page.
func (a *app) wireDrop() {
	a.on(a.win, "dragenter", func(ev dom.Event) { a.dragOver(ev) })
	a.on(a.win, "dragover", func(ev dom.Event) { a.dragOver(ev) })
	a.on(a.win, "dragleave", func(ev dom.Event) {
		// Leaving the window has no related target; moving between the
		// page's own elements has one.
		if rt := ev.Underlying().Get("relatedTarget"); rt.IsNull() || rt.IsUndefined() {
			a.doc.(dom.HTMLDocument).Body().Class().Remove("dragging")
		}
	})
	a.on(a.win, "drop", func(ev dom.Event) {
		ev.PreventDefault()
		a.doc.(dom.HTMLDocument).Body().Class().Remove("dragging")
		f, ok := droppedFile(ev.Underlying())
		if !ok {
			a.showError("the drop held no file: drop a .wasm or .wat file")
			return
		}
		a.loadFile(f)
	})
}

func (a *app) dragOver(ev dom.Event) {
	if !dragHasFiles(ev.Underlying()) {
		return
	}
	ev.PreventDefault()
	ev.Underlying().Get("dataTransfer").Set("dropEffect", "copy")
	a.doc.(dom.HTMLDocument).Body().Class().Add("dragging")
}

// loadFile reads a File and loads it; reading is asynchronous, so it runs
// on a goroutine of its own.
func (a *app) loadFile(f js.Value) {
	a.setStatus("reading "+f.Get("name").String()+"…", "")
	go a.guard("reading the file", func() {
		name, data, err := readFile(f)
		if err != nil {
			a.showError(err.Error())
			return
		}
		a.send(command{kind: cmdLoad, name: name, data: data})
	})
}

// loadExample fetches one of static/examples and loads it, then runs it
// when run is set.
func (a *app) loadExample(name string, run bool) {
	a.setStatus("fetching "+name+"…", "")
	go a.guard("fetching the example", func() {
		data, err := fetchBytes("examples/" + url.PathEscape(name))
		if err != nil {
			a.showError(err.Error())
			return
		}
		a.send(command{kind: cmdLoad, name: name, data: data, example: true})
		if run {
			a.send(command{kind: cmdRun})
		}
	})
}

func (a *app) run() {
	if a.state() == playground.Running {
		return
	}
	if a.invoke != "" && a.state() != playground.Paused {
		// An element's invoke attribute: Run calls that export.
		export, args, _ := strings.Cut(strings.TrimSpace(a.invoke), " ")
		a.send(command{kind: cmdCall, export: export, args: args})
		return
	}
	a.send(command{kind: cmdRun})
}

// pause asks the running program to pause, at once (not behind queued
// requests).
func (a *app) pause() {
	go a.guard("pausing", func() { a.eng.call("pg.pause") })
}

// stop asks the engine to stop the run (engine.js restarts a worker that
// does not obey in time), then ends a paused run.
func (a *app) stop() {
	go a.guard("stopping", func() {
		a.eng.stop()
		a.send(command{kind: cmdKill})
	})
}

func (a *app) key(k *dom.KeyboardEvent) {
	if k.Underlying().Get("defaultPrevented").Bool() {
		return // handled already (Ctrl+Enter in the editor runs)
	}
	switch {
	case k.Key() == "F8":
		if a.state() == playground.Running {
			a.pause()
		} else {
			a.run()
		}
	case k.Key() == "Enter" && (k.CtrlKey() || k.MetaKey()):
		a.run()
	case k.Key() == "F10":
		a.send(command{kind: cmdStepOver})
	case k.Key() == "F11" && k.ShiftKey():
		a.send(command{kind: cmdStepOut})
	case k.Key() == "F11":
		a.send(command{kind: cmdStep})
	case k.Key() == "F5" && k.ShiftKey():
		a.stop()
	default:
		return
	}
	k.PreventDefault()
}

func (a *app) sendStdin(text string) {
	st := a.state()
	if st != playground.Running && st != playground.Paused {
		a.setStatus("no program is running: give input up front in the run configuration", "warn")
		return
	}
	go a.guard("sending stdin", func() {
		if _, err := a.eng.call("pg.stdin", text); err != nil {
			a.setStatus("stdin: "+err.Error(), "warn")
		}
	})
}

func (a *app) endStdin() {
	st := a.state()
	if st != playground.Running && st != playground.Paused {
		return
	}
	go a.guard("ending stdin", func() { a.eng.call("pg.eof") })
}

func (a *app) selectTab(i int) {
	for k, t := range a.tabs {
		sel := k == i
		t.SetAttribute("aria-selected", strconv.FormatBool(sel))
		if sel {
			t.SetAttribute("tabindex", "0")
			a.panes[k].RemoveAttribute("hidden")
		} else {
			t.SetAttribute("tabindex", "-1")
			a.panes[k].SetAttribute("hidden", "")
		}
	}
	a.rendered.tab = i
	a.changed()
}

// tabKey moves between the shown tabs with the arrow keys, Home and End,
// selecting the one it moves to (the ARIA tabs pattern).
func (a *app) tabKey(k *dom.KeyboardEvent) {
	at := 0
	for n, i := range a.order {
		if i == a.rendered.tab {
			at = n
		}
	}
	switch k.Key() {
	case "ArrowRight":
		at = (at + 1) % len(a.order)
	case "ArrowLeft":
		at = (at + len(a.order) - 1) % len(a.order)
	case "Home":
		at = 0
	case "End":
		at = len(a.order) - 1
	default:
		return
	}
	k.PreventDefault()
	a.selectTab(a.order[at])
	a.tabs[a.order[at]].Focus()
}

// showPanes shows the tabs of panes (indexes, in that order) and selects
// the first.
func (a *app) showPanes(panes []int) {
	a.order = panes
	for _, t := range a.tabs {
		t.SetAttribute("hidden", "")
		t.Style().SetProperty("order", "", "")
	}
	for n, i := range panes {
		a.tabs[i].RemoveAttribute("hidden")
		a.tabs[i].Style().SetProperty("order", strconv.Itoa(n), "")
	}
	if len(panes) < 2 {
		a.el("tabs").SetAttribute("hidden", "")
	} else {
		a.el("tabs").RemoveAttribute("hidden")
	}
	a.selectTab(panes[0])
}

func (a *app) downloadFile(p string) {
	go a.guard("downloading a file", func() {
		v, err := a.eng.call("pg.readFile", p)
		if err != nil {
			a.showError(err.Error())
			return
		}
		b := make([]byte, v.Length())
		js.CopyBytesToGo(b, v)
		download(p[strings.LastIndex(p, "/")+1:], b, "application/octet-stream")
	})
}

// dataInt reads a data-NAME attribute as a number from el or its parent.
func dataInt(el dom.Element, name string) (int, bool) {
	s := dataString(el, name)
	if s == "" {
		return 0, false
	}
	i, err := strconv.Atoi(s)
	return i, err == nil
}

func dataString(el dom.Element, name string) string {
	for k := 0; el != nil && k < 3; k++ {
		if v := el.GetAttribute("data-" + name); v != "" {
			return v
		}
		el = el.ParentElement()
	}
	return ""
}

// renderInputFiles lists the files the next run starts with.
func (a *app) renderInputFiles() {
	var b strings.Builder
	for i, f := range a.inputFiles {
		fmt.Fprintf(&b, `<li>%s <span class="muted">%s</span> <button type="button" class="small" data-remove="%d" aria-label="Remove %s">Remove</button></li>`,
			esc(f.Path), sizeText(int64(len(f.Data))), i, esc(f.Path))
	}
	a.filesIn.SetInnerHTML(b.String())
}
