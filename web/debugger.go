//go:build js && wasm

package main

// The page's side of the debugger beyond Run, Step and Step over: Step
// out, breakpoints set by clicking a line of the Debug listing (Alt+click
// runs to it) or typed (a function, a module offset, @count), the list of
// breakpoints and watchpoints, the call stack's frames selectable, going
// back in time (step back, back over, back out, reverse continue, the
// scrubber over the run's instruction count), and in the Memory pane a
// watchpoint on the selected bytes and which instruction last wrote the
// selected byte. Each operation is a pg.* call (web/engine.go); what it
// changes comes back in the session's updates.

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"honnef.co/go/js/dom/v2"

	"github.com/wasmscope/wasmscope/playground"
)

// dbgUI is the debugger's part of the page.
type dbgUI struct {
	outBtn                                *dom.HTMLButtonElement
	backStep, backOver, backOut, backCont *dom.HTMLButtonElement
	scrub                                 *dom.HTMLInputElement
	scrubInfo, bps, lastWrite             dom.HTMLElement
	bpAdd, watchLen                       *dom.HTMLInputElement
	// frame is the selected frame of the call stack (0: innermost);
	// frameSrc the listing of its function when it is not the
	// innermost's, fetched from the worker.
	frame    int
	frameFn  int64
	frameSrc *playground.FuncSource
	// shown identifies the stop the Debug pane last showed.
	shown string
}

func (a *app) wireDebugger() {
	u := &dbgUI{
		outBtn:    a.el("stepout").(*dom.HTMLButtonElement),
		backStep:  a.el("back-step").(*dom.HTMLButtonElement),
		backOver:  a.el("back-over").(*dom.HTMLButtonElement),
		backOut:   a.el("back-out").(*dom.HTMLButtonElement),
		backCont:  a.el("back-continue").(*dom.HTMLButtonElement),
		scrub:     a.el("scrub").(*dom.HTMLInputElement),
		scrubInfo: a.el("scrub-info"),
		bps:       a.el("debug-bps"),
		lastWrite: a.el("last-write"),
		bpAdd:     a.el("bp-add").(*dom.HTMLInputElement),
		watchLen:  a.el("watch-len").(*dom.HTMLInputElement),
		frameFn:   -1,
	}
	a.dbg = u
	a.on(u.outBtn, "click", func(dom.Event) { a.send(command{kind: cmdStepOut}) })
	back := func(how string) func(dom.Event) {
		return func(dom.Event) { a.debugOp(pgDebugReq{Op: "back", How: how}) }
	}
	a.on(u.backStep, "click", back(playground.BackStep))
	a.on(u.backOver, "click", back(playground.BackOver))
	a.on(u.backOut, "click", back(playground.BackOut))
	a.on(u.backCont, "click", back(playground.BackContinue))
	a.on(u.scrub, "change", func(dom.Event) {
		if n, err := strconv.ParseUint(u.scrub.Value(), 10, 64); err == nil {
			a.debugOp(pgDebugReq{Op: "goto", Count: n})
		}
	})
	a.on(u.scrub, "input", func(dom.Event) {
		u.scrubInfo.SetTextContent("go to instruction " + u.scrub.Value())
	})
	// A click on a line of the listing sets or clears a breakpoint at its
	// instruction; Alt+click runs to it.
	a.on(a.debugWat, "click", func(ev dom.Event) {
		s := dataString(ev.Target(), "off")
		off, err := strconv.ParseUint(s, 16, 32)
		if s == "" || err != nil {
			return
		}
		// (Chromium's clicks are PointerEvents: read the key off the event.)
		if ev.Underlying().Get("altKey").Bool() {
			a.send(command{kind: cmdRunTo, offset: uint32(off)})
			return
		}
		a.debugOp(pgDebugReq{Op: "toggle", Offset: uint32(off)})
	})
	a.on(a.dFrames, "click", func(ev dom.Event) {
		if i, err := strconv.Atoi(dataString(ev.Target(), "frame")); err == nil {
			a.selectFrame(i)
		}
	})
	a.on(u.bps, "click", func(ev dom.Event) {
		if id, err := strconv.Atoi(dataString(ev.Target(), "del")); err == nil {
			a.debugOp(pgDebugReq{Op: "delete", ID: id})
		}
	})
	a.on(a.el("bp-form"), "submit", func(ev dom.Event) {
		ev.PreventDefault()
		spec := u.bpAdd.Value()
		u.bpAdd.SetValue("")
		a.debugOp(pgDebugReq{Op: "break", Name: spec})
	})
	a.on(a.el("watch-form"), "submit", func(ev dom.Event) {
		ev.PreventDefault()
		n, err := strconv.ParseUint(u.watchLen.Value(), 10, 64)
		if err != nil || n == 0 {
			a.showError("watch: give a number of bytes above 0")
			return
		}
		a.debugOp(pgDebugReq{Op: "watch", Addr: a.memView.sel, Len: n})
	})
}

// debugOp sends a pg.debug request; its error is shown, its effect comes
// with the next update.
func (a *app) debugOp(r pgDebugReq) {
	go a.guard("the debugger", func() {
		v, err := a.eng.call("pg.debug", jsonText(r))
		if err != nil && r.Op == "lastWrite" {
			a.dbg.lastWrite.SetTextContent(err.Error())
			return
		}
		if err != nil {
			a.showError(err.Error())
			return
		}
		a.clearError()
		if r.Op == "lastWrite" {
			var w playground.WriteView
			if json.Unmarshal([]byte(v.String()), &w) == nil {
				a.showLastWrite(r.Addr, w)
			}
		}
		a.dbg.frame = 0
		a.changed()
	})
}

// selectFrame shows frame i of the call stack: its function, position and
// values.
func (a *app) selectFrame(i int) {
	a.dbg.frame = i
	p := a.eng.m.Paused
	if p == nil || i >= len(p.Frames) {
		return
	}
	fr := p.Frames[i]
	if i == 0 || fr.Host {
		a.renderPaused()
		return
	}
	fn := int64(fr.Func)
	if a.dbg.frameFn == fn && a.dbg.frameSrc != nil {
		a.renderPaused()
		return
	}
	go a.guard("reading the function", func() {
		var src playground.FuncSource
		if err := a.eng.callJSON(&src, "pg.funcSource", fr.Func); err != nil {
			a.showError(err.Error())
			return
		}
		a.dbg.frameFn, a.dbg.frameSrc = fn, &src
		a.renderPaused()
	})
}

// renderDebugTools draws the controls of time travel and the list of
// breakpoints from the latest update.
func (a *app) renderDebugTools() {
	u, m := a.dbg, &a.eng.m
	p := m.Paused
	paused := m.State == playground.Paused && p != nil && !isHostWait(p)
	canBack := paused && p.Recorded || m.CanGoBack
	for _, b := range []*dom.HTMLButtonElement{u.backStep, u.backCont} {
		b.SetDisabled(!canBack)
	}
	u.backOver.SetDisabled(!canBack || !paused)
	u.backOut.SetDisabled(!canBack || !paused)
	u.outBtn.SetDisabled(a.prog == nil || m.State == playground.Running)
	if paused && p.Recorded {
		u.scrub.SetDisabled(false)
		u.scrub.SetAttribute("max", strconv.FormatUint(p.Max, 10))
		u.scrub.SetValue(strconv.FormatUint(p.Executed, 10))
		u.scrubInfo.SetTextContent(fmt.Sprintf("instruction %d of %d", p.Executed, p.Max))
	} else {
		u.scrub.SetDisabled(true)
		switch {
		case m.CanGoBack:
			u.scrubInfo.SetTextContent("the run ended: step back to look at it again")
		case paused:
			u.scrubInfo.SetTextContent("going back needs a traced run (record the instruction trace)")
		default:
			u.scrubInfo.SetTextContent("")
		}
	}
	var b strings.Builder
	for _, bp := range m.Breakpoints {
		fmt.Fprintf(&b, `<li data-bp="%d">%d: %s<button type="button" data-del="%d" title="Remove it" aria-label="Remove breakpoint %d">×</button></li>`,
			bp.ID, bp.ID, esc(bp.Text), bp.ID, bp.ID)
	}
	if b.Len() == 0 {
		b.WriteString(`<li class="muted">none: click a line of the listing</li>`)
	}
	u.bps.SetInnerHTML(b.String())
}

func isHostWait(p *pausedView) bool { return len(p.Frames) > 0 && p.Frames[0].Host }

// codeBreakpoints returns the module offsets with a code breakpoint.
func (a *app) codeBreakpoints() map[uint32]bool {
	out := map[uint32]bool{}
	for _, b := range a.eng.m.Breakpoints {
		if b.Kind == "code" {
			out[b.Offset] = true
		}
	}
	return out
}

// askLastWrite asks which instruction last wrote the selected byte.
func (a *app) askLastWrite() {
	a.debugOp(pgDebugReq{Op: "lastWrite", Addr: a.memView.sel})
}

// showLastWrite says, under the inspector, which instruction last wrote
// the selected byte ("Writer in trace" shows its row).
func (a *app) showLastWrite(addr uint64, w playground.WriteView) {
	a.dbg.lastWrite.SetTextContent(fmt.Sprintf("0x%x last written by %s, instruction %d (%d bytes at 0x%x)",
		addr, w.Text, w.Seq, w.Len, w.Addr))
}
