//go:build js && wasm

package main

import (
	"fmt"
	"strings"

	"github.com/wasmscope/wasmscope/playground"
)

// command is a request from the page to the controller goroutine.
type command struct {
	kind    cmdKind
	name    string // load: file name
	data    []byte // load: contents
	example bool   // load: a built-in example, shared by name
	export  string // call
	args    string // call
	offset  uint32 // run to
}

type cmdKind uint8

const (
	cmdLoad cmdKind = iota
	cmdRun          // run from the start, or continue when paused
	cmdStep
	cmdStepOver
	cmdCall
	cmdKill // end a paused run
	cmdStepOut
	cmdRunTo
	cmdStepLine
	cmdNextLine
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

// control is the controller goroutine: it sends the page's requests to
// the engine one after the other and waits for each answer (the engine's
// worker runs the program; its updates arrive on their own).
func (a *app) control() {
	for c := range a.cmds {
		a.guard("the controller", func() { a.handle(c) })
	}
}

func (a *app) state() playground.State { return a.eng.m.State }

func (a *app) handle(c command) {
	switch c.kind {
	case cmdLoad:
		if a.load(c.name, c.data) && c.example {
			a.example = c.name
		}
	case cmdRun:
		switch a.state() {
		case playground.Paused:
			a.engineCall("pg.run", pgRunArgs{})
		case playground.Idle, playground.Empty:
			if a.prepareRun() {
				a.runStarted = now()
				a.selectTab(paneOutput)
				a.engineCall("pg.run", a.runArgs())
			}
		}
	case cmdStep, cmdStepOver, cmdStepOut, cmdRunTo, cmdStepLine, cmdNextLine:
		op := map[cmdKind]string{cmdStep: "pg.step", cmdStepOver: "pg.stepOver", cmdStepOut: "pg.stepOut", cmdRunTo: "pg.runTo",
			cmdStepLine: "pg.stepLine", cmdNextLine: "pg.nextLine"}[c.kind]
		if c.kind == cmdRunTo && a.state() != playground.Paused {
			return
		}
		if st := a.state(); st == playground.Idle || st == playground.Empty {
			if !a.prepareRun() {
				return
			}
			a.runStarted = now()
		}
		a.dbg.frame = 0
		args := a.runArgs()
		args.Offset = int64(c.offset)
		a.engineCall(op, args)
	case cmdCall:
		if st := a.state(); st == playground.Running || st == playground.Paused {
			a.showCallResult("a run is in progress: stop it first", "bad")
			return
		}
		if !a.reloadIfEdited() {
			return
		}
		args, ok := a.runConfig()
		if !ok {
			return
		}
		args.Export, args.Args = c.export, c.args
		a.showCallResult("running…", "")
		a.runStarted = now()
		if _, err := a.eng.call("pg.call", jsonText(args)); err != nil {
			a.showCallResult(err.Error(), "bad")
		}
	case cmdKill:
		a.engineCall("pg.kill")
	}
}

// engineCall runs a playground operation and shows its error, if any.
func (a *app) engineCall(op string, args ...any) bool {
	for i, v := range args {
		if r, ok := v.(pgRunArgs); ok {
			args[i] = jsonText(r)
		}
	}
	if _, err := a.eng.call(op, args...); err != nil {
		a.showError(err.Error())
		return false
	}
	return true
}

// prepareRun compiles what was edited and checks the run configuration.
func (a *app) prepareRun() bool {
	if !a.reloadIfEdited() {
		return false
	}
	if _, ok := a.runConfig(); !ok {
		return false
	}
	a.clearError()
	return true
}

func (a *app) runArgs() pgRunArgs {
	r, _ := a.runConfig()
	return r
}

// load replaces the program and reports whether it loaded; on error the old one stays and the message
// says why. WAT that does not compile goes into the editor anyway, with
// the line of the error selected, so it can be fixed and run.
func (a *app) load(name string, data []byte) bool {
	if len(data) > 64<<10 {
		a.setStatus(fmt.Sprintf("compiling %s (%s)…", name, sizeText(int64(len(data)))), "")
	}
	var pv programView
	if err := a.eng.callJSON(&pv, "pg.load", name, jsBytes(data)); err != nil {
		a.showError(err.Error())
		if f, derr := playground.Detect(name, data); derr == nil && f == playground.Text {
			if a.source.Text() != string(data) {
				a.source.SetText(string(data), "wat")
			}
			a.source.SetReadOnly(false)
			a.editName, a.sourceDirty = name, true
			a.progName.SetTextContent(name)
			a.progInfo.SetTextContent("does not compile: fix it here and Run")
			a.selectErrorLine(name, err.Error())
		}
		return false
	}
	a.clearError()
	a.prog, a.progSrc, a.example = &pv, data, ""
	a.sourceDirty = false
	a.editName = pv.Name
	a.showProgram(&pv)
	a.setStatus(fmt.Sprintf("loaded %s: %s", pv.Name, pv.Summary), "good")
	a.changed()
	return true
}

// engineRestarted is told that the engine's worker was replaced: after a
// crash it says what happened, in red; either way the program goes into
// the new worker so the next run works.
func (a *app) engineRestarted(reason string, crash bool) {
	// The console keeps what the run printed, and says how it ended.
	if crash {
		a.eng.out.Systemf("error: %s; the engine was restarted", reason)
	} else {
		a.eng.out.Systemf("stopped (%s)", reason)
	}
	if crash {
		a.showError(reason + ". The engine was restarted: the next run starts afresh.")
	} else {
		a.setStatus("stopped ("+reason+")", "warn")
	}
	a.rendered.state = 255 // redraw the buttons
	a.changed()
	if a.prog != nil {
		name, data := a.prog.Name, a.progSrc
		go a.guard("reloading the program", func() {
			var pv programView
			if err := a.eng.callJSON(&pv, "pg.load", name, jsBytes(data)); err == nil {
				a.prog = &pv
				a.changed()
			}
		})
	}
}

// selectErrorLine underlines, in the editor, the place an error message
// "name:line:col: ..." points at, and moves the cursor there.
func (a *app) selectErrorLine(name, msg string) {
	d, ok := errorPlace(name, msg)
	if !ok {
		return
	}
	a.source.SetDiagnostics([]diagnostic{d})
	if !a.embed { // an element never takes the focus from its host page
		a.source.Focus()
	}
	a.source.Select(d.Line, d.Col)
}

// reloadIfEdited compiles the WAT in the editor when it changed since the
// program was loaded (or when nothing is loaded but WAT was typed); it
// reports whether the program is ready to run.
func (a *app) reloadIfEdited() bool {
	if a.prog != nil && !a.sourceDirty {
		return true
	}
	text := a.source.Text()
	if strings.TrimSpace(text) == "" {
		a.showError("nothing to run: open a .wasm or .wat file, pick an example, or type WAT in the editor")
		return false
	}
	name := a.editName
	if name == "" {
		name = "untitled.wat"
	}
	a.load(name, []byte(text))
	return a.prog != nil && !a.sourceDirty
}

// runConfig reads the run configuration fields.
func (a *app) runConfig() (pgRunArgs, bool) {
	args, err := playground.SplitArgs(a.args.Value())
	if err != nil {
		a.showError(err.Error())
		return pgRunArgs{}, false
	}
	env, err := playground.ParseEnv(a.env.Value())
	if err != nil {
		a.showError(err.Error())
		return pgRunArgs{}, false
	}
	return pgRunArgs{Config: playground.RunConfig{
		Args:        args,
		Env:         env,
		Stdin:       []byte(a.stdinInitial.Value()),
		StdinEOF:    a.stdinEOF.Checked(),
		Files:       a.inputFiles,
		Trace:       a.traceOn.Checked(),
		Breakpoints: a.breakpointList(),
		PauseOnTrap: true,
	}, Persist: a.persistOn.Checked()}, true
}

func (a *app) breakpointList() []string {
	var bps []string
	for _, b := range strings.Split(a.breakpoints.Value(), ",") {
		if b = strings.TrimSpace(b); b != "" {
			bps = append(bps, b)
		}
	}
	return bps
}

// updated is told of each update from the engine: a run that ended or
// paused is shown at once, not at the next animation frame (which a busy
// machine delays), so Stop answers as fast as the engine does.
func (a *app) updated(stateChanged bool) {
	a.changed()
	if stateChanged {
		a.guard("rendering", a.render)
	}
}

// changed tells the renderer that the session moved on.
func (a *app) changed() { a.rendered.version++ }
