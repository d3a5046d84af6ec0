//go:build js && wasm

package main

import (
	"fmt"
	"strings"

	"github.com/wasmscope/wasmscope/playground"
)

// renderPaused fills the Debug pane with the paused state: where and why,
// the selected frame's function as text with its instruction marked and
// a dot on each line with a breakpoint, its value stack and locals, the
// globals and the call stack (a click selects a frame). It switches to
// the pane so a step or a breakpoint shows where it stopped.
func (a *app) renderPaused() {
	p := a.eng.m.Paused
	if p == nil {
		return
	}
	if len(p.Frames) == 0 {
		// Gone back to before the job's first instruction.
		a.renderNotPaused()
		a.debugWhere.SetTextContent(fmt.Sprintf("Paused before the first instruction of %s. Step (F11) runs it.", p.What))
		a.setStatus("paused before the first instruction of "+p.What, "warn")
		return
	}
	sel := min(a.dbg.frame, len(p.Frames)-1)
	if sel == 0 && p.Frames[0].Host && len(p.Frames) > 1 {
		sel = 1 // a host function has no code: show its caller's
	}
	top, fr := p.Frames[0], p.Frames[sel]
	why := p.Reason
	switch {
	case p.Trap != "":
		why = "trap: " + p.Trap
	case p.Write != nil:
		why = fmt.Sprintf("watchpoint: %s wrote %d bytes at 0x%x", p.Write.Text, p.Write.Len, p.Write.Addr)
	}
	a.debugWhere.SetTextContent(fmt.Sprintf("Paused (%s) in %s, running %s. Step (F11), Step over (F10), Step out (Shift+F11), Continue (F8), Stop (Shift+F5).",
		why, top.Where(), p.What))
	a.setStatus(fmt.Sprintf("paused (%s) in %s", p.Reason, top.Where()), "warn")

	src := p.Source
	if sel != 0 && a.dbg.frameSrc != nil && a.dbg.frameFn == int64(fr.Func) {
		src = *a.dbg.frameSrc
	}
	cur := -1
	if !fr.Host {
		cur = src.Line(fr.Offset)
	}
	bps := a.codeBreakpoints()
	var b strings.Builder
	for i, l := range src.Lines {
		off, data := "        ", ""
		class := "ln"
		if o := src.Offsets[i]; o >= 0 {
			off = fmt.Sprintf("%06x  ", o)
			data = fmt.Sprintf(` data-off="%x"`, o)
			if bps[uint32(o)] {
				class += " bp"
			}
		}
		if i == cur {
			class += " cur"
			fmt.Fprintf(&b, `<span class="%s" id="debug-cur"%s>%s%s</span>`+"\n", class, data, off, esc(l))
		} else {
			fmt.Fprintf(&b, `<span class="%s"%s><span class="a">%s</span>%s</span>`+"\n", class, data, off, esc(l))
		}
	}
	if fr.Host {
		b.Reset()
		fmt.Fprintf(&b, "%s: a host function, no code to show. Continue (F8) goes on waiting; the run pauses after the call once input comes.", esc(fr.Name))
	}
	a.debugWat.SetInnerHTML(b.String())
	if el := a.find("debug-cur"); el != nil {
		el.Underlying().Call("scrollIntoView", map[string]any{"block": "nearest"})
	}
	a.dStack.SetInnerHTML(valueList(fr.Stack, "empty", true))
	a.dLocals.SetInnerHTML(valueList(fr.Locals, "none", false))
	a.dGlobals.SetInnerHTML(valueList(p.Globals, "none", false))
	var f strings.Builder
	for i, fv := range p.Frames {
		class := ""
		if i == sel {
			class = ` class="sel"`
		}
		fmt.Fprintf(&f, `<li data-frame="%d"%s>%s</li>`, i, class, esc(fv.Where()))
	}
	a.dFrames.SetInnerHTML(f.String())
	// A new stop shows the pane; the same one drawn again (an update
	// while it lasts) leaves the pane the user chose.
	if key := fmt.Sprint(p.Reason, p.Executed, len(p.Frames), top.Where()); key != a.dbg.shown {
		a.dbg.shown = key
		if a.rendered.tab != paneDebug && a.rendered.tab != paneMemory && a.rendered.tab != paneTrace && a.rendered.tab != paneSource {
			a.selectTab(paneDebug)
		}
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
	a.dbg.frame = 0
	a.debugWhere.SetTextContent("Not paused. Step (F11) starts the program paused at its first instruction; a breakpoint (run configuration, or a click on a line of this listing while paused) pauses there.")
	a.debugWat.SetInnerHTML("")
	a.dStack.SetInnerHTML("")
	a.dLocals.SetInnerHTML("")
	a.dFrames.SetInnerHTML("")
	a.dGlobals.SetInnerHTML(valueList(a.eng.m.Globals, "none", false))
}
