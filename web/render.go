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
	restart     bool  // the console starts afresh at the next write
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

// consoleLimit is how many bytes of output the page keeps of a run (the
// console's text once the run has ended); consoleTail how many one frame
// writes at most (the rest follows in the next frames), consoleRunning
// while the program runs (the newest; what a flood skips scrolls past
// unseen).
//
// RATIONALE: the console is a terminal, which lays out only the rows in
// view: what a flood of output costs the page is parsing what is written
// into it and scrolling its buffer, so each frame writes a bounded
// amount. Measured with the 200,000-line flood: writing 8 KiB per frame
// while running, and the 64 KiB tail in one frame at the end, made tasks
// of 100–480 ms; 2 KiB while running and 8 KiB a frame after keep them
// short.
const (
	consoleLimit   = 64 << 10
	consoleTail    = 8 << 10
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

// head returns the first n bytes of cs.
func head(cs []playground.Chunk, n int) []playground.Chunk {
	var out []playground.Chunk
	for _, c := range cs {
		if n <= 0 {
			break
		}
		if len(c.Text) > n {
			c.Text = c.Text[:n]
		}
		out = append(out, c)
		n -= len(c.Text)
	}
	return out
}

// renderConsole writes what the program wrote since the last frame into
// the terminal.
func (a *app) renderConsole() {
	r := &a.rendered
	out := a.eng.out
	if out != r.out { // a new run, or the whole tail sent again
		r.out, r.outPos, r.restart = out, 0, true
	}
	if out.End() == r.outPos {
		if r.restart {
			a.term.Clear()
			r.restart = false
		}
		return
	}
	// Ten times a second is as fast as anyone reads a flood of output.
	if a.state() == playground.Running && now()-r.lastConsole < 100 {
		return
	}
	r.lastConsole = now()
	chunks, end, _ := out.Since(r.outPos)
	limit := consoleTail
	if a.state() == playground.Running {
		limit = consoleRunning
	}
	cut := end - int64(chunksLen(chunks)) // on a restart: what is not kept
	if n := chunksLen(chunks); n > limit {
		if a.state() == playground.Running {
			chunks = tail(chunks, limit)
		} else {
			// All of it, in order: this frame the oldest part.
			chunks = head(chunks, limit)
			end -= int64(n - limit)
		}
	}
	r.outPos = end
	// A new run's console, or the whole kept tail sent again once a run
	// ends, starts afresh and says how much is not shown; while the
	// program runs, the terminal shows the newest text as it arrives
	// (what a frame skips scrolls past unseen) and keeps its scrollback.
	if r.restart {
		r.restart = false
		a.term.Clear()
		if cut > 0 {
			a.term.Write(playground.Snapshot{Cut: cut}.CutNotice()+"\n", "sys")
		}
	}
	for _, ch := range chunks {
		kind := "out"
		switch ch.Stream {
		case playground.Stderr:
			kind = "err"
		case playground.System:
			kind = "sys"
			if strings.HasPrefix(strings.TrimSpace(ch.Text), "trap") || strings.Contains(ch.Text, "error:") {
				kind = "bad"
			}
		case playground.Input:
			kind = "in"
		}
		a.term.Write(ch.Text, kind)
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
