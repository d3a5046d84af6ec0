//go:build js && wasm

package main

import (
	"fmt"
	"strings"

	"github.com/wasmscope/wasmscope/playground"
)

// renderPaused fills the Debug pane with the paused state: where and why,
// the current function as text with the current instruction marked, the
// value stack, locals, globals and call stack. It switches to the pane so
// a step or a breakpoint shows where it stopped.
func (a *app) renderPaused() {
	p := a.eng.m.Paused
	if p == nil || len(p.Frames) == 0 {
		return
	}
	top := p.Frames[0]
	a.debugWhere.SetTextContent(fmt.Sprintf("Paused (%s) in %s at 0x%x, running %s. Step (F11), Step over (F10), Continue (F8), Stop (Shift+F5).",
		p.Reason, top.Name, top.Offset, p.What))
	a.setStatus(fmt.Sprintf("paused (%s) in %s at 0x%x", p.Reason, top.Name, top.Offset), "warn")

	src := p.Source
	cur := src.Line(top.Offset)
	var b strings.Builder
	for i, l := range src.Lines {
		off := "        "
		if src.Offsets[i] >= 0 {
			off = fmt.Sprintf("%06x  ", src.Offsets[i])
		}
		if i == cur {
			fmt.Fprintf(&b, `<span class="cur" id="debug-cur">%s%s</span>`+"\n", off, esc(l))
		} else {
			fmt.Fprintf(&b, "<span class=\"a\">%s</span>%s\n", off, esc(l))
		}
	}
	a.debugWat.SetInnerHTML(b.String())
	if el := a.find("debug-cur"); el != nil {
		el.Underlying().Call("scrollIntoView", map[string]any{"block": "nearest"})
	}
	a.dStack.SetInnerHTML(valueList(top.Stack, "empty", true))
	a.dLocals.SetInnerHTML(valueList(top.Locals, "none", false))
	a.dGlobals.SetInnerHTML(valueList(p.Globals, "none", false))
	var f strings.Builder
	for _, fr := range p.Frames {
		fmt.Fprintf(&f, "<li>%s</li>", esc(fr.Where()))
	}
	a.dFrames.SetInnerHTML(f.String())
	if a.rendered.tab != paneDebug && a.rendered.tab != paneMemory {
		a.selectTab(paneDebug)
	}
}

// valueList renders named values; the stack lists its top first.
func valueList(vs []playground.NamedValue, empty string, topFirst bool) string {
	if len(vs) == 0 {
		return `<li class="muted">` + empty + "</li>"
	}
	var b strings.Builder
	for k := range vs {
		i := k
		if topFirst {
			i = len(vs) - 1 - k
		}
		v := vs[i]
		fmt.Fprintf(&b, "<li>%-6s %s  %s</li>", esc(v.Name), v.Type, esc(v.Value))
	}
	return b.String()
}

func (a *app) renderNotPaused() {
	a.debugWhere.SetTextContent("Not paused. Step (F11) starts the program paused at its first instruction; a breakpoint (run configuration) pauses on entry to a function.")
	a.debugWat.SetInnerHTML("")
	a.dStack.SetInnerHTML("")
	a.dLocals.SetInnerHTML("")
	a.dFrames.SetInnerHTML("")
	a.dGlobals.SetInnerHTML(valueList(a.eng.m.Globals, "none", false))
}
