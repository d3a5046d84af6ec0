//go:build js && wasm

package main

import (
	"fmt"
	"math"
	"strconv"

	"honnef.co/go/js/dom/v2"
)

// traceView is the Trace pane's state: a virtualized list over the
// engine's event log in the worker, optionally filtered by function; the
// worker formats only the rows in view.
//
// RATIONALE: a traced run holds millions of rows, more than a browser lays
// out in one element (Chromium stops at about 33 million pixels, 1.8
// million rows of traceRowHeight): past traceMaxPx the spacer stays at
// that height and the scroll position maps to a row in proportion, so the
// scrollbar still spans the whole trace and a row is a fraction of a
// pixel of it.
type traceView struct {
	filter string // "" for all functions, else a function index
	follow bool   // keep the newest line in view
	count  int    // rows under the filter, as last told
	first  int    // the first row in view, as last drawn
	// mark is the row to highlight (a jump's target) under the filter, -1
	// for none, in run markRun (a new run forgets it).
	mark, markRun int
}

// traceRowHeight is the pixel height of one row; style.css agrees.
const traceRowHeight = 18

// traceTextRows is how many rows one part of a downloaded trace holds.
const traceTextRows = 100_000

// traceMaxPx is the tallest the list's spacer gets.
const traceMaxPx = 15_000_000

func (a *app) wireTrace() {
	a.traceView.follow = true
	a.traceView.mark = -1
	a.on(a.traceFilter, "change", func(dom.Event) {
		a.traceView.filter = a.traceFilter.Value()
		a.traceView.mark = -1
		a.changed()
	})
	a.on(a.traceBox, "scroll", func(dom.Event) {
		c := a.traceBox.Underlying()
		a.traceView.follow = c.Get("scrollTop").Float()+c.Get("clientHeight").Float() >= c.Get("scrollHeight").Float()-traceRowHeight
		a.renderTrace()
	})
	a.on(a.el("trace-download"), "click", func(dom.Event) {
		filter := a.traceView.filter
		go a.guard("downloading the trace", func() {
			// In parts of traceTextRows: the worker never holds the text of
			// millions of rows at once, nor sends it in one message.
			var parts []any
			for from := 0; ; {
				v, err := a.eng.call("pg.traceText", filter, from, traceTextRows)
				if err != nil {
					a.showError(err.Error())
					return
				}
				parts = append(parts, v.Get("text"))
				from = v.Get("next").Int()
				rows := v.Get("rows").Int()
				if from >= rows {
					break
				}
				a.traceInfo.SetTextContent(fmt.Sprintf("preparing trace.txt: %d%% of %s lines", from*100/rows, countText(rows)))
			}
			downloadParts("trace.txt", parts, "text/plain;charset=utf-8")
		})
	})
	// The Memory pane's "Writer in trace": the instruction that last wrote
	// the selected byte.
	a.on(a.el("mem-writer"), "click", func(dom.Event) {
		mem, addr := a.memView.mem, a.memView.sel
		go a.guard("finding the writer of a byte", func() {
			if !a.traceJumpToWriter(mem, addr) {
				a.memInfo.SetTextContent(fmt.Sprintf("the trace holds no write of 0x%x: trace the run (or step) that writes it", addr))
			}
		})
	})
	// The Trace pane's own switch, shown while tracing is off: the run
	// configuration's checkbox, where it is, may be folded away.
	a.on(a.el("trace-enable"), "click", func(dom.Event) {
		a.traceOn.SetChecked(true)
		a.el("trace-enable").SetAttribute("hidden", "")
		a.traceInfo.SetTextContent("tracing is on for the next run: Run, Step or call an export")
	})
	gotoBox := a.el("trace-goto").(*dom.HTMLInputElement)
	a.on(a.el("trace-goto-form"), "submit", func(ev dom.Event) {
		ev.PreventDefault()
		seq, err := strconv.ParseUint(gotoBox.Value(), 10, 64)
		if err != nil {
			a.traceInfo.SetTextContent("go to: give an instruction count (0, 1, 2, …)")
			return
		}
		a.traceJump(seq)
	})
}

// traceJump shows the row of instruction seq (the first event at that
// count or later, under the filter), highlighted: the Trace pane's "go to"
// and the way other panes (the debugger's "who wrote this byte") point
// into the trace.
func (a *app) traceJump(seq uint64) {
	filter := a.traceView.filter
	go a.guard("finding an instruction in the trace", func() {
		v, err := a.eng.call("pg.traceFind", filter, float64(seq))
		if err != nil {
			a.traceInfo.SetTextContent(err.Error())
			return
		}
		row := v.Int()
		a.selectTab(paneTrace)
		a.traceView.follow = false
		a.traceView.mark, a.traceView.markRun = row, a.eng.m.Run
		a.scrollTraceTo(row)
		a.renderTrace()
	})
}

// traceJumpToWriter shows the row of the instruction that last wrote byte
// addr of memory mem, and reports whether the trace holds one. It waits
// for the engine: call it from a goroutine, not from an event handler.
func (a *app) traceJumpToWriter(mem int, addr uint64) bool {
	v, err := a.eng.call("pg.traceWriter", mem, float64(addr))
	if err != nil || v.Float() < 0 {
		return false
	}
	a.traceJump(uint64(v.Float()))
	return true
}

// traceScale returns the spacer's height and how many rows a pixel of
// scrolling moves (1/traceRowHeight unless the trace is taller than
// traceMaxPx).
func (a *app) traceScale(count int) (spacer float64, rowsPerPx float64) {
	c := a.traceBox.Underlying()
	view := c.Get("clientHeight").Float()
	full := float64(count) * traceRowHeight
	if full <= traceMaxPx {
		return full, 1.0 / traceRowHeight
	}
	visible := view / traceRowHeight
	return traceMaxPx, (float64(count) - visible) / math.Max(traceMaxPx-view, 1)
}

// scrollTraceTo scrolls so that row is the third in view.
func (a *app) scrollTraceTo(row int) {
	_, perPx := a.traceScale(a.traceView.count)
	a.traceBox.Underlying().Set("scrollTop", float64(max(row-2, 0))/perPx)
}

// renderTrace asks the engine for the rows in view (the last ones while
// following) and draws them; one request at a time.
func (a *app) renderTrace() {
	if a.traceFetch.busy {
		a.traceFetch.again = true
		return
	}
	c := a.traceBox.Underlying()
	height := c.Get("clientHeight").Float()
	count := int(height/traceRowHeight) + 2
	_, perPx := a.traceScale(a.traceView.count)
	first := int(c.Get("scrollTop").Float() * perPx)
	if a.traceView.follow {
		first = -1 // the engine counts back from the end
	}
	filter := a.traceView.filter
	a.traceFetch.do(a, "reading the trace", a.renderTrace, func() {
		var tr traceRows
		if err := a.eng.callJSON(&tr, "pg.trace", filter, first, count); err != nil {
			a.traceInfo.SetTextContent(err.Error())
			return
		}
		a.drawTrace(tr)
	})
}

func (a *app) drawTrace(tr traceRows) {
	a.traceView.count = tr.Count
	spacer, perPx := a.traceScale(tr.Count)
	a.traceBox.QuerySelector(".vlist-spacer").(dom.HTMLElement).Style().SetProperty("height", fmt.Sprintf("%.0fpx", spacer), "")
	enable := a.el("trace-enable")
	if tr.Total == 0 && !a.traceOn.Checked() {
		enable.RemoveAttribute("hidden")
	} else {
		enable.SetAttribute("hidden", "")
	}
	switch {
	case tr.Total == 0 && !a.traceOn.Checked():
		a.traceInfo.SetTextContent("tracing is off (a traced run is several times slower): Record the trace, then run again")
	case tr.Total == 0:
		a.traceInfo.SetTextContent("no instructions traced yet: Run or Step")
	default:
		info := fmt.Sprintf("%s lines", countText(tr.Count))
		if dropped := tr.Total - uint64(tr.Kept); dropped > 0 {
			info += fmt.Sprintf(" · the last %s of %s traced events are kept", countText(tr.Kept), countText(int(tr.Total)))
		}
		a.traceInfo.SetTextContent(info)
		a.traceInfo.SetAttribute("title", fmt.Sprintf("%d lines", tr.Count)) // the exact count
	}
	c := a.traceBox.Underlying()
	if a.traceView.follow {
		c.Set("scrollTop", spacer)
	}
	var b []byte
	for i, r := range tr.Rows {
		class := r.Class
		if tr.From+i == a.traceView.mark && a.eng.m.Run == a.traceView.markRun {
			class = "mark"
		}
		if class != "" {
			class = ` class="` + class + `"`
		}
		b = fmt.Appendf(b, `<div%s title="instruction %d">%s</div>`, class, r.Seq, esc(r.Line))
	}
	// Unscaled, the rows sit where their rows are; scaled, they sit where
	// the viewport is.
	top := float64(tr.From) * traceRowHeight
	if perPx != 1.0/traceRowHeight {
		top = c.Get("scrollTop").Float()
	}
	a.traceView.first = tr.From
	rows := a.traceBox.QuerySelector(".vlist-rows").(dom.HTMLElement)
	rows.Style().SetProperty("transform", fmt.Sprintf("translateY(%.0fpx)", top), "")
	rows.SetInnerHTML(string(b))
}
