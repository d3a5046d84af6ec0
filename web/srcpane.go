//go:build js && wasm

package main

// The Source pane: a program with DWARF (clang or rustc -g) shown as its
// source — the selected frame's file with its current line marked, a dot
// on each line with a breakpoint (a click on a line sets or clears one),
// stepping by line, the call stack in source terms (inlined frames too)
// and the selected frame's variables by name and type. The text comes
// from the module (-gembed-source) or a file placed for the run; else the
// pane says which file to drop. The text is the editor component
// (editor.go) read-only, its breakpoint gutter and current line.

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"honnef.co/go/js/dom/v2"

	"github.com/wasmscope/wasmscope/playground"
)

// srcUI is the Source pane's state.
type srcUI struct {
	ed                 *editor
	info, frames, vars dom.HTMLElement
	// file is the file shown, lines its text ("" and nil while it is
	// fetched or not available: msg says why).
	file, origin, msg string
	lines             []string
	fetching          bool
}

func (a *app) wireSource() {
	u := &srcUI{info: a.el("src-info"), frames: a.el("src-frames"), vars: a.el("src-vars")}
	u.ed = newEditor(a.el("src-view"), editorOptions{
		Language: "c", ReadOnly: true, Label: "Source", Breakpoints: true,
		OnToggleBreakpoint: func(line int) {
			if u.file != "" && u.lines != nil {
				a.toggleLine(path.Base(u.file), line)
			}
		},
	})
	a.src = u
	a.on(a.el("src-into"), "click", func(dom.Event) { a.send(command{kind: cmdStepLine}) })
	a.on(a.el("src-next"), "click", func(dom.Event) { a.send(command{kind: cmdNextLine}) })
	a.on(u.frames, "click", func(ev dom.Event) {
		if i, err := strconv.Atoi(dataString(ev.Target(), "frame")); err == nil {
			a.dbg.frame = i
			a.changed()
		}
	})
}

// toggleLine removes the breakpoints at file:line, or sets one there.
func (a *app) toggleLine(file string, line int) {
	where := file + ":" + strconv.Itoa(line)
	var ids []int
	for _, b := range a.eng.m.Breakpoints {
		if b.Line == where {
			ids = append(ids, b.ID)
		}
	}
	if len(ids) == 0 {
		a.debugOp(pgDebugReq{Op: "break", Name: where})
		return
	}
	for _, id := range ids {
		a.debugOp(pgDebugReq{Op: "delete", ID: id})
	}
}

// srcFrame returns the selected Wasm frame when the run is paused in
// code with source, and its innermost source frame.
func (a *app) srcFrame() (*playground.FrameView, *playground.SrcFrame) {
	p := a.eng.m.Paused
	if a.eng.m.State != playground.Paused || p == nil || len(p.Frames) == 0 {
		return nil, nil
	}
	sel := min(a.dbg.frame, len(p.Frames)-1)
	if p.Frames[sel].Host && sel+1 < len(p.Frames) {
		sel++
	}
	fr := &p.Frames[sel]
	if len(fr.Src) == 0 {
		return fr, nil
	}
	return fr, &fr.Src[0]
}

// renderSource draws the Source pane from the latest update, asking the
// engine for a file's text the first time it is shown.
func (a *app) renderSource() {
	u := a.src
	if a.prog == nil {
		u.info.SetTextContent("No program loaded.")
		return
	}
	d := a.prog.Debug
	fr, sf := a.srcFrame()
	file := d.Main
	if sf != nil {
		file = sf.File
	}
	switch {
	case d.Error != "":
		u.info.SetTextContent(d.Error + " (the program runs all the same; the Debug pane shows it as WAT)")
	case file == "":
		u.info.SetTextContent("No source-level debug information: build the program with -g (clang, rustc) to debug it as its source here.")
	}
	if file == "" {
		if u.file != "" {
			u.file, u.lines = "", nil
			u.ed.SetText("", "text")
		}
		u.frames.SetInnerHTML("")
		u.vars.SetInnerHTML("")
		return
	}
	if file != u.file && !u.fetching {
		u.fetching = true
		go a.guard("reading the source", func() {
			defer func() { u.fetching = false; a.changed() }()
			var t struct{ Text, Origin string }
			err := a.eng.callJSON(&t, "pg.source", file)
			u.file, u.lines, u.origin, u.msg = file, nil, "", ""
			if err != nil {
				u.msg = err.Error()
				u.ed.SetText(u.msg, "text")
				return
			}
			u.lines, u.origin = strings.Split(strings.TrimSuffix(t.Text, "\n"), "\n"), t.Origin
			u.ed.SetText(t.Text, "c")
		})
		return
	}
	cur := 0
	if sf != nil && sf.File == u.file {
		cur = sf.Line
	}
	info := fmt.Sprintf("%s (%s). A click on a line sets or clears a breakpoint there.", path.Base(u.file), u.origin)
	if u.msg != "" {
		info = u.msg
	}
	if fr != nil && sf == nil {
		info += fmt.Sprintf(" Paused in %s, which has no source line.", fr.Where())
	}
	u.info.SetTextContent(info)
	var bps []int
	for _, b := range a.eng.m.Breakpoints {
		if f, l, ok := strings.Cut(b.Line, ":"); ok && f == path.Base(u.file) {
			if n, err := strconv.Atoi(l); err == nil {
				bps = append(bps, n)
			}
		}
	}
	if u.lines != nil {
		u.ed.SetBreakpoints(bps, nil)
		u.ed.SetCurrentLine(cur)
	}
	a.renderSourceFrames()
}

// renderSourceFrames lists the call stack in source terms and the
// selected frame's variables.
func (a *app) renderSourceFrames() {
	u := a.src
	p := a.eng.m.Paused
	fr, _ := a.srcFrame()
	if p == nil || fr == nil {
		u.frames.SetInnerHTML(`<li class="muted">not paused</li>`)
		u.vars.SetInnerHTML("")
		return
	}
	var b strings.Builder
	for i, f := range p.Frames {
		if len(f.Src) == 0 {
			fmt.Fprintf(&b, `<li data-frame="%d">%s (no source)</li>`, i, esc(f.Where()))
			continue
		}
		for _, s := range f.Src {
			how := ""
			if s.Inlined {
				how = " (inlined)"
			}
			fmt.Fprintf(&b, `<li data-frame="%d">%s at %s:%d%s</li>`, i, esc(s.Func), esc(path.Base(s.File)), s.Line, how)
		}
	}
	u.frames.SetInnerHTML(b.String())
	u.vars.SetInnerHTML(valueList(fr.Vars, "none", false))
}
