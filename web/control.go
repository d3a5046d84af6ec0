//go:build js && wasm

package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/wasmscope/wasmscope/playground"
)

// command is a request from the page to the controller goroutine.
type command struct {
	kind   cmdKind
	name   string // load: file name
	data   []byte // load: contents
	export string // call
	args   string // call
}

type cmdKind uint8

const (
	cmdLoad cmdKind = iota
	cmdRun          // run from the start, or continue when paused
	cmdStep
	cmdStepOver
	cmdCall
	cmdKill // end a paused run
)

// send queues a command without blocking the event loop; when the queue is
// full (the controller is far behind) the request is dropped and said so.
func (a *app) send(c command) {
	select {
	case a.cmds <- c:
	default:
		a.setStatus("busy: the request was dropped, try again", "warn")
	}
}

// control is the controller goroutine: it owns the session.
func (a *app) control() {
	for c := range a.cmds {
		a.guard("the controller", func() { a.handle(c) })
	}
}

func (a *app) handle(c command) {
	s := a.sess
	switch c.kind {
	case cmdLoad:
		a.load(c.name, c.data)
	case cmdRun:
		switch s.State() {
		case playground.Paused:
			s.Continue()
			a.drive()
		case playground.Idle, playground.Empty:
			if a.startRun() {
				a.drive()
			}
		}
	case cmdStep, cmdStepOver:
		if st := s.State(); st == playground.Idle || st == playground.Empty {
			if !a.startRun() {
				return
			}
			if s.State() != playground.Running {
				return // nothing to run
			}
		}
		if c.kind == cmdStep {
			s.Step()
		} else if s.StepOver() == playground.Running {
			a.drive()
			return
		}
		a.changed()
	case cmdCall:
		if s.State() != playground.Idle {
			a.showCallResult("a run is in progress: stop it first", "bad")
			return
		}
		if !a.reloadIfEdited() {
			return
		}
		a.applyConfig()
		if err := s.Call(c.export, c.args); err != nil {
			a.showCallResult(err.Error(), "bad")
			a.changed()
			return
		}
		a.showCallResult("running…", "")
		a.runStarted = now()
		a.drive()
	case cmdKill:
		s.Kill()
		a.changed()
	}
}

// load replaces the program; on error the old one stays and the message
// says why. WAT that does not compile goes into the editor anyway, with
// the line of the error selected, so it can be fixed and run.
func (a *app) load(name string, data []byte) {
	// Compiling a big module takes a while and keeps the event loop busy:
	// let the browser paint the status first. A small one is done sooner
	// than a frame would take.
	if len(data) > 64<<10 {
		a.setStatus(fmt.Sprintf("compiling %s (%s)…", name, sizeText(int64(len(data)))), "")
		a.yield.paint()
	}
	if err := a.sess.Load(name, data); err != nil {
		a.showError(err.Error())
		if f, derr := playground.Detect(name, data); derr == nil && f == playground.Text {
			a.source.SetValue(string(data))
			a.source.SetReadOnly(false)
			a.editName, a.sourceDirty = name, true
			a.progName.SetTextContent(name)
			a.progInfo.SetTextContent("does not compile: fix it here and Run")
			a.selectErrorLine(name, err.Error())
		}
		return
	}
	a.clearError()
	p := a.sess.Program()
	a.sourceDirty = false
	a.editName = p.Name
	a.lastFinished = nil
	a.showProgram(p)
	a.setStatus(fmt.Sprintf("loaded %s: %s", p.Name, p.Info.Summary()), "good")
	a.changed()
}

// selectErrorLine selects, in the editor, the line an error message
// "name:line:col: ..." points at.
func (a *app) selectErrorLine(name, msg string) {
	rest, ok := strings.CutPrefix(msg, name+":")
	if !ok {
		return
	}
	lineText, _, _ := strings.Cut(rest, ":")
	line, err := strconv.Atoi(lineText)
	if err != nil || line < 1 {
		return
	}
	text := a.source.Value()
	start := 0
	for i := 1; i < line; i++ {
		nl := strings.IndexByte(text[start:], '\n')
		if nl < 0 {
			return
		}
		start += nl + 1
	}
	end := start + len(text[start:])
	if nl := strings.IndexByte(text[start:], '\n'); nl >= 0 {
		end = start + nl
	}
	// The textarea counts UTF-16 code units; the text is mostly ASCII, and
	// a selection a little off on a line with other characters still
	// shows the line.
	a.source.Focus()
	a.source.Underlying().Call("setSelectionRange", len([]rune(text[:start])), len([]rune(text[:end])))
}

// reloadIfEdited compiles the WAT in the editor when it changed since the
// program was loaded (or when nothing is loaded but WAT was typed); it
// reports whether the program is ready to run.
func (a *app) reloadIfEdited() bool {
	if a.sess.Program() != nil && !a.sourceDirty {
		return true
	}
	text := a.source.Value()
	if strings.TrimSpace(text) == "" {
		a.showError("nothing to run: open a .wasm or .wat file, pick an example, or type WAT in the editor")
		return false
	}
	name := a.editName
	if name == "" {
		name = "untitled.wat"
	}
	a.load(name, []byte(text))
	return a.sess.Program() != nil && !a.sourceDirty
}

// applyConfig hands the run configuration fields to the session.
func (a *app) applyConfig() bool {
	args, err := playground.SplitArgs(a.args.Value())
	if err != nil {
		a.showError(err.Error())
		return false
	}
	env, err := playground.ParseEnv(a.env.Value())
	if err != nil {
		a.showError(err.Error())
		return false
	}
	var bps []string
	for _, b := range strings.Split(a.breakpoints.Value(), ",") {
		if b = strings.TrimSpace(b); b != "" {
			bps = append(bps, b)
		}
	}
	a.sess.Configure(playground.RunConfig{
		Args:        args,
		Env:         env,
		Stdin:       []byte(a.stdinInitial.Value()),
		StdinEOF:    a.stdinEOF.Checked(),
		Files:       a.inputFiles,
		Trace:       a.traceOn.Checked(),
		Breakpoints: bps,
	})
	return true
}

// startRun begins a fresh run; it reports whether one started.
func (a *app) startRun() bool {
	if !a.reloadIfEdited() || !a.applyConfig() {
		return false
	}
	a.clearError()
	a.lastFinished = nil
	a.runStarted = now()
	if err := a.sess.Start(); err != nil {
		a.showError(err.Error())
		a.changed()
		return false
	}
	a.selectTab(0)
	a.changed()
	return true
}

// drive runs the session in slices until it pauses or ends, giving the
// browser a turn between slices. The fuel of a slice adapts so that a
// slice takes about sliceMillis: long enough to amortize the hand-over
// (and the frame the browser may paint meanwhile), short enough that Stop
// and the page respond well within 100 ms.
func (a *app) drive() {
	const sliceMillis = 20
	fuel := int64(20_000)
	for a.sess.State() == playground.Running {
		t0 := now()
		st := a.sess.RunSlice(fuel)
		dt := now() - t0
		if st != playground.Running {
			break
		}
		switch {
		case dt < sliceMillis/2 && fuel < 1<<30:
			fuel *= 2
		case dt > sliceMillis*2 && fuel > 1000:
			fuel /= 2
		}
		a.changed()
		a.yield.yield()
		a.takeCommandsWhileRunning()
	}
	a.changed()
}

// takeCommandsWhileRunning handles what arrived during a slice: a new
// program replaces the running one; stepping or running again is already
// what is happening, so those requests are dropped.
func (a *app) takeCommandsWhileRunning() {
	for {
		select {
		case c := <-a.cmds:
			switch c.kind {
			case cmdLoad:
				a.load(c.name, c.data)
			case cmdKill:
				a.sess.Stop()
			}
		default:
			return
		}
	}
}

// changed tells the renderer that the session moved on.
func (a *app) changed() { a.rendered.version++ }
