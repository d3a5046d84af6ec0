//go:build js && wasm

package main

import (
	"fmt"

	"honnef.co/go/js/dom/v2"
)

// traceView is the Trace pane's state: a virtualized list over the
// engine's trace ring, optionally filtered by function; the engine
// formats only the rows in view.
type traceView struct {
	filter string // "" for all functions, else a function index
	follow bool   // keep the newest line in view
	count  int    // rows under the filter, as last told
}

// traceRowHeight is the pixel height of one row; style.css agrees.
const traceRowHeight = 18

func (a *app) wireTrace() {
	a.traceView.follow = true
	a.on(a.traceFilter, "change", func(dom.Event) {
		a.traceView.filter = a.traceFilter.Value()
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
			v, err := a.eng.call("pg.traceText", filter)
			if err != nil {
				a.showError(err.Error())
				return
			}
			download("trace.txt", []byte(v.String()), "text/plain;charset=utf-8")
		})
	})
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
	first := int(c.Get("scrollTop").Float() / traceRowHeight)
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
	a.traceBox.QuerySelector(".vlist-spacer").(dom.HTMLElement).Style().SetProperty("height", fmt.Sprintf("%dpx", tr.Count*traceRowHeight), "")
	switch {
	case tr.Total == 0 && !a.traceOn.Checked():
		a.traceInfo.SetTextContent("tracing is off: tick “record the instruction trace” in the run configuration and run again")
	case tr.Total == 0:
		a.traceInfo.SetTextContent("no instructions traced yet: Run or Step")
	default:
		info := fmt.Sprintf("%s lines", countText(tr.Count))
		if dropped := tr.Total - uint64(tr.Kept); dropped > 0 {
			info += fmt.Sprintf(" · the last %s of %s traced events are kept", countText(tr.Kept), countText(int(tr.Total)))
		}
		a.traceInfo.SetTextContent(info)
	}
	if a.traceView.follow {
		a.traceBox.Underlying().Set("scrollTop", tr.Count*traceRowHeight)
	}
	var b []byte
	for _, r := range tr.Rows {
		class := ""
		if r.Class != "" {
			class = ` class="` + r.Class + `"`
		}
		b = fmt.Appendf(b, "<div%s>%s</div>", class, esc(r.Line))
	}
	rows := a.traceBox.QuerySelector(".vlist-rows").(dom.HTMLElement)
	rows.Style().SetProperty("transform", fmt.Sprintf("translateY(%dpx)", tr.From*traceRowHeight), "")
	rows.SetInnerHTML(string(b))
}
