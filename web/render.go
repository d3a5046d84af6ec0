//go:build js && wasm

package main

import (
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/wasmscope/wasmscope/playground"
)

// renderedState remembers what the page shows, so a frame redraws only
// what changed.
type renderedState struct {
	version     uint64 // bumped by the controller on every change
	seenVersion uint64
	out         *playground.Output
	outPos      int64 // output position shown up to
	spans       []int // byte sizes of the console's spans, oldest first
	shown       int   // bytes in the console's spans
	tab         int
	paneVersion [6]uint64 // version each pane was drawn at
	lastPanes   float64   // time of the last pane redraw while running
	lastConsole float64   // time of the last console redraw
	waiting     bool
	state       playground.State
	hasProgram  bool
}

// Pane indexes, in tab order.
const (
	paneOutput = iota
	paneDebug
	paneMemory
	paneTrace
	paneFiles
	paneModule
	paneSource
)

// startRendering draws once per animation frame.
func (a *app) startRendering() {
	var frame func(time.Duration)
	frame = func(time.Duration) {
		select {
		case <-a.done:
			return // unmounted
		default:
		}
		a.guard("rendering", a.render)
		a.win.RequestAnimationFrame(frame)
	}
	a.win.RequestAnimationFrame(frame)
}

func (a *app) render() {
	r := &a.rendered
	m := &a.eng.m
	st := m.State
	a.renderConsole() // first: it reads layout, cheap before any change
	if st != r.state || (a.prog != nil) != r.hasProgram {
		r.state, r.hasProgram = st, a.prog != nil
		a.renderButtons()
	}
	a.renderStdinWait()
	if st == playground.Running && !r.waiting && a.prog != nil {
		a.setStatus(fmt.Sprintf("running %s… %.1f s", a.prog.Name, (now()-a.runStarted)/1000), "")
	}
	if res := m.Result; res != nil && res.Seq != a.lastResult {
		a.lastResult = res.Seq
		a.showResult(res)
	}
	if r.version == r.seenVersion {
		return
	}
	// While a program runs, panes other than the console redraw a few
	// times a second: each redraw reads the session, which the next slice
	// changes again.
	if st == playground.Running && now()-r.lastPanes < 250 {
		return
	}
	r.lastPanes = now()
	r.seenVersion = r.version
	if st == playground.Paused {
		a.renderPaused()
	}
	a.renderDebugTools()
	switch r.tab {
	case paneDebug:
		if st != playground.Paused {
			a.renderNotPaused()
		}
	case paneMemory:
		a.renderMemory()
	case paneTrace:
		a.renderTrace()
	case paneFiles:
		a.renderFiles()
	case paneSource:
		a.renderSource()
	}
	a.updateTabBadges()
}

func (a *app) renderButtons() {
	st := a.state()
	loaded := a.prog != nil || a.sourceDirty
	running := st == playground.Running
	a.runBtn.SetDisabled(!loaded || running)
	if st == playground.Paused {
		a.runBtn.SetTextContent("Continue")
	} else {
		a.runBtn.SetTextContent("Run")
	}
	a.pauseBtn.SetDisabled(!running)
	a.stepBtn.SetDisabled(!loaded || running)
	a.overBtn.SetDisabled(!loaded || running)
	a.stopBtn.SetDisabled(st != playground.Running && st != playground.Paused)
}

// consoleLimit is how many bytes of output the console element holds;
// consoleTail how many one frame adds at most; while a program runs, the
// element holds at most consoleRunning.
//
// RATIONALE: laying out the console is what a flood of output costs the
// page (the engine runs in its worker): a screenful or two of lines while
// it scrolls by, the whole kept tail once it stops.
const (
	consoleLimit   = 64 << 10
	consoleTail    = 16 << 10
	consoleRunning = 2 << 10
)

func chunksLen(cs []playground.Chunk) int {
	n := 0
	for _, c := range cs {
		n += len(c.Text)
	}
	return n
}

// tail returns the last n bytes of cs.
func tail(cs []playground.Chunk, n int) []playground.Chunk {
	for len(cs) > 0 && chunksLen(cs[1:]) >= n {
		cs = cs[1:]
	}
	if extra := chunksLen(cs) - n; extra > 0 {
		first := cs[0]
		first.Text = first.Text[extra:]
		cs = append([]playground.Chunk{first}, cs[1:]...)
	}
	return cs
}

// renderConsole appends what the program wrote since the last frame, one
// span per chunk, and drops the oldest spans beyond consoleLimit; the
// first line says how much is not shown. The view stays at the bottom when
// it was there.
//
// RATIONALE: appending keeps a frame's cost to the new text; laying out
// the whole console again on every frame made a program that prints
// without pause spend most of its time waiting for the page.
func (a *app) renderConsole() {
	r := &a.rendered
	out := a.eng.out
	c := a.console.Underlying()
	if out != r.out {
		r.out, r.outPos, r.spans, r.shown = out, 0, nil, 0
		a.console.SetInnerHTML(`<span class="cut" hidden></span>`)
	}
	if out.End() == r.outPos {
		return
	}
	// Five times a second is as fast as anyone reads a flood of output, and
	// each time costs a layout of the console.
	if a.state() == playground.Running && now()-r.lastConsole < 200 {
		return
	}
	r.lastConsole = now()
	// Geometry is read before anything changes in this frame, so reading
	// it costs no extra layout.
	atBottom := c.Get("scrollTop").Float()+c.Get("clientHeight").Float() >= c.Get("scrollHeight").Float()-8
	chunks, end, complete := out.Since(r.outPos)
	// A flood of output is shown by its tail: laying out more than a
	// screenful per frame would keep the page from answering.
	limit, keep := consoleTail, consoleLimit
	if a.state() == playground.Running {
		limit, keep = consoleRunning, consoleRunning
	}
	if n := chunksLen(chunks); n > limit {
		chunks = tail(chunks, limit)
		complete = false
	}
	if !complete {
		a.console.SetInnerHTML(`<span class="cut" hidden></span>`)
		r.spans, r.shown = nil, 0
	}
	r.outPos = end
	var b strings.Builder
	for _, ch := range chunks {
		class := "out"
		switch ch.Stream {
		case playground.Stderr:
			class = "err"
		case playground.System:
			class = "sys"
			if strings.HasPrefix(strings.TrimSpace(ch.Text), "trap") || strings.Contains(ch.Text, "error:") {
				class = "sys bad"
			}
		case playground.Input:
			class = "in"
		}
		b.WriteString(`<span class="` + class + `">` + esc(ch.Text) + "</span>")
		r.spans = append(r.spans, len(ch.Text))
		r.shown += len(ch.Text)
	}
	c.Call("insertAdjacentHTML", "beforeend", b.String())
	for r.shown > keep && len(r.spans) > 1 {
		c.Get("children").Index(1).Call("remove")
		r.shown -= r.spans[0]
		r.spans = r.spans[1:]
	}
	if cut := end - int64(r.shown); cut > 0 {
		notice := c.Get("firstElementChild")
		notice.Set("textContent", playground.Snapshot{Cut: cut}.CutNotice()+"\n")
		notice.Call("removeAttribute", "hidden")
	}
	if atBottom {
		c.Set("scrollTop", 1<<30) // the end, whatever the height
	}
}

// renderStdinWait marks the input box while the program waits for it.
func (a *app) renderStdinWait() {
	w := a.eng.m.Waiting
	if w == a.rendered.waiting {
		return
	}
	a.rendered.waiting = w
	if a.embed {
		// An element shows its input line only while the program waits,
		// and never takes the focus from the host page.
		if w {
			a.stdinForm.RemoveAttribute("hidden")
			a.setStatus("waiting for input on stdin", "warn")
		} else {
			a.stdinForm.SetAttribute("hidden", "")
		}
		return
	}
	if w {
		a.stdinForm.Class().Add("waiting")
		a.stdinLine.SetAttribute("placeholder", "the program waits: type a line, Enter sends it, Ctrl+D ends input")
		a.setStatus("waiting for input on stdin", "warn")
		if a.rendered.tab == paneOutput {
			a.stdinLine.Focus()
		}
	} else {
		a.stdinForm.Class().Remove("waiting")
		a.stdinLine.SetAttribute("placeholder", "stdin: type a line, Enter sends it")
	}
}

// showResult says in the header how the run or call ended.
func (a *app) showResult(res *resultView) {
	if a.embed {
		defer a.dispatch("wasmscope-done", resultDetail(res))
	}
	took := fmt.Sprintf(" · %s", msText(now()-a.runStarted))
	switch res.Outcome {
	case "returned":
		if res.Call {
			text := strings.Join(res.Values, ", ")
			if text == "" {
				text = "(no results)"
			}
			a.showCallResult("→ "+text, "good")
			a.setStatus(res.What+" → "+text+took, "good")
		} else {
			a.setStatus("exit status 0"+took, "good")
		}
	case "exited":
		kind := "good"
		if res.ExitCode != 0 {
			kind = "warn"
		}
		a.setStatus(fmt.Sprintf("exit status %d%s", res.ExitCode, took), kind)
	case "ready":
		// A reactor: initialized, its exports left to call.
		a.setStatus("initialized: call an export"+took, "good")
	case "trapped":
		a.setStatus("trap: "+res.Trap, "bad")
		if res.Call {
			a.showCallResult("trap: "+res.Trap, "bad")
		}
	case "stopped":
		a.setStatus("stopped"+took, "warn")
	default: // "failed", "refused"
		a.setStatus("error: "+firstLines(res.Error, 1), "bad")
		if res.Call {
			a.showCallResult(res.Error, "bad")
		}
	}
	if res.Refused != "" {
		// The program saw only memory.grow = -1; say why, in the error box,
		// leaving the status its outcome.
		a.errBox.SetTextContent(res.Refused)
		a.errBox.RemoveAttribute("hidden")
	}
}

func (a *app) showCallResult(text, kind string) {
	a.callResult.SetTextContent(text)
	a.callResult.Class().SetString(kind)
}

func msText(ms float64) string {
	if ms < 1000 {
		return fmt.Sprintf("%.0f ms", ms)
	}
	return fmt.Sprintf("%.2f s", ms/1000)
}

// updateTabBadges shows counts on the tabs: trace lines, files.
func (a *app) updateTabBadges() {
	label := func(i int, name string, n int) {
		text := name
		if n > 0 {
			text += fmt.Sprintf(` <span class="badge">%s</span>`, countText(n))
		}
		a.tabs[i].SetInnerHTML(text)
	}
	label(paneTrace, "Trace", a.eng.m.TraceLen)
	label(paneFiles, "Files", a.eng.m.Files)
	if a.state() == playground.Paused {
		a.tabs[paneDebug].SetInnerHTML(`Debug <span class="badge">paused</span>`)
	} else {
		a.tabs[paneDebug].SetInnerHTML("Debug")
	}
}

func countText(n int) string {
	switch {
	case n >= 1_000_000:
		return fmt.Sprintf("%.1fM", float64(n)/1e6)
	case n >= 10_000:
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func esc(s string) string { return html.EscapeString(s) }

// renderFiles shows the run's filesystem as a tree, each file with its
// size and a download button.
func (a *app) renderFiles() {
	go a.guard("listing files", func() {
		var files []playground.FileInfo
		if err := a.eng.callJSON(&files, "pg.files"); err != nil {
			a.filesList.SetInnerHTML(`<li class="bad">` + esc(err.Error()) + `</li>`)
			return
		}
		a.drawFiles(files)
	})
}

func (a *app) drawFiles(files []playground.FileInfo) {
	if len(files) == 0 {
		a.filesList.SetInnerHTML(`<li class="muted">No files yet. Files a program writes appear here after (or during) its run.</li>`)
		return
	}
	var b strings.Builder
	var prev []string
	for _, f := range files {
		parts := strings.Split(strings.TrimPrefix(f.Path, "/"), "/")
		dirs := parts[:len(parts)-1]
		same := 0
		for same < len(dirs) && same < len(prev) && dirs[same] == prev[same] {
			same++
		}
		for i := same; i < len(dirs); i++ {
			fmt.Fprintf(&b, `<li class="dir" style="padding-left:%dem">%s/</li>`, i*2, esc(dirs[i]))
		}
		fmt.Fprintf(&b, `<li style="padding-left:%dem"><span>%s</span><span class="size">%s</span><button type="button" class="small" data-download="%s" aria-label="Download %s">Download</button></li>`,
			len(dirs)*2, esc(parts[len(parts)-1]), sizeText(f.Size), esc(f.Path), esc(f.Path))
		prev = dirs
	}
	a.filesList.SetInnerHTML(b.String())
}
