//go:build js && wasm

package main

import (
	"fmt"
	"strconv"
	"strings"

	"honnef.co/go/js/dom/v2"

	"github.com/wasmscope/wasmscope/playground"
	"github.com/wasmscope/wasmscope/vm"
)

// traceView is the Trace pane's state: a virtualized list over the
// session's trace ring, optionally filtered by function.
type traceView struct {
	filter string // "" for all functions, else a function index
	idx    []int  // the kept entries the filter selects (filtered only)
	trace  *playground.Trace
	total  uint64 // the trace's Total when idx was computed
	follow bool   // keep the newest line in view
}

// traceRowHeight is the pixel height of one row; style.css agrees.
const traceRowHeight = 18

func (a *app) wireTrace() {
	a.traceView.follow = true
	a.on(a.traceFilter, "change", func(dom.Event) {
		a.traceView.filter = a.traceFilter.Value()
		a.traceView.trace = nil // recompute the selection
		a.changed()
	})
	a.on(a.traceBox, "scroll", func(dom.Event) {
		c := a.traceBox.Underlying()
		a.traceView.follow = c.Get("scrollTop").Float()+c.Get("clientHeight").Float() >= c.Get("scrollHeight").Float()-traceRowHeight
		a.renderTraceRows()
	})
	a.on(a.el("trace-download"), "click", func(dom.Event) {
		var b strings.Builder
		a.sess.Trace.WriteFiltered(&b, a.traceFilterFunc())
		download("trace.txt", []byte(b.String()), "text/plain;charset=utf-8")
	})
}

func (a *app) traceFilterFunc() playground.Filter {
	if a.traceView.filter == "" {
		return nil
	}
	fn, err := strconv.ParseUint(a.traceView.filter, 10, 32)
	if err != nil {
		return nil
	}
	return playground.FuncFilter(uint32(fn))
}

// traceCount is the number of rows the list has.
func (a *app) traceCount() int {
	if a.traceView.filter != "" {
		return len(a.traceView.idx)
	}
	return a.sess.Trace.Len()
}

func (a *app) renderTrace() {
	t := a.sess.Trace
	v := &a.traceView
	if v.trace != t || v.total != t.Total() {
		v.trace, v.total = t, t.Total()
		v.idx = nil
		if f := a.traceFilterFunc(); f != nil {
			v.idx = t.Select(f)
		}
	}
	n := a.traceCount()
	a.traceBox.QuerySelector(".vlist-spacer").(dom.HTMLElement).Style().SetProperty("height", fmt.Sprintf("%dpx", n*traceRowHeight), "")
	switch {
	case t.Total() == 0 && !a.traceOn.Checked():
		a.traceInfo.SetTextContent("tracing is off: tick “record the instruction trace” in the run configuration and run again")
	case t.Total() == 0:
		a.traceInfo.SetTextContent("no instructions traced yet: Run or Step")
	default:
		info := fmt.Sprintf("%s lines", countText(n))
		if dropped := t.Total() - uint64(t.Len()); dropped > 0 {
			info += fmt.Sprintf(" · the last %s of %s traced events are kept", countText(t.Len()), countText(int(t.Total())))
		}
		a.traceInfo.SetTextContent(info)
	}
	if v.follow {
		a.traceBox.Underlying().Set("scrollTop", n*traceRowHeight)
	}
	a.renderTraceRows()
}

// renderTraceRows formats only the rows in view.
func (a *app) renderTraceRows() {
	c := a.traceBox.Underlying()
	top := c.Get("scrollTop").Float()
	height := c.Get("clientHeight").Float()
	first := int(top / traceRowHeight)
	count := int(height/traceRowHeight) + 2
	n := a.traceCount()
	var b strings.Builder
	for i := first; i < first+count && i < n; i++ {
		j := i
		if a.traceView.filter != "" {
			j = a.traceView.idx[i]
		}
		line, kind, note := a.sess.Trace.Entry(j)
		class := ""
		switch {
		case note || kind == vm.EventTrap:
			class = ` class="trap"`
		case kind == vm.EventHostCall:
			class = ` class="host"`
		}
		fmt.Fprintf(&b, "<div%s>%s</div>", class, esc(line))
	}
	rows := a.traceBox.QuerySelector(".vlist-rows").(dom.HTMLElement)
	rows.Style().SetProperty("transform", fmt.Sprintf("translateY(%dpx)", first*traceRowHeight), "")
	rows.SetInnerHTML(b.String())
}
