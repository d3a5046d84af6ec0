package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path"
	"strconv"
	"strings"

	"github.com/wasmscope/wasmscope/playground"
	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debug"
	"github.com/wasmscope/wasmscope/vm/debuginfo"
	"github.com/wasmscope/wasmscope/wasi"
	"github.com/wasmscope/wasmscope/wasi/runner"
)

const debugHelp = `commands:
  break LOC        set a breakpoint: a function (main, $fib, func[3]), a module
                   offset (0x1a2, func[3]:0x1a2), FILE:LINE (with DWARF) or
                   @N (after N instructions)
  delete N         remove breakpoint or watchpoint N
  watch ADDR LEN   stop after a write touching LEN bytes at ADDR of memory 0
  watch VARIABLE   the same for a C variable of the selected frame (DWARF)
  step, next       step into / over calls: by source line with DWARF, else
                   by instruction
  stepi, nexti     step into / over calls by one instruction
  finish           run until the current function returns
  continue         run until a breakpoint, a watchpoint, a trap or the end
  reverse-stepi    go back one instruction (the program re-runs, its host
                   calls replayed)
  reverse-continue go back to the latest breakpoint or watchpoint stop
  reverse-step, reverse-next
                   go back to the start of the previous source line (into /
                   over calls); without DWARF, reverse-stepi / reverse-nexti
  reverse-nexti    go back one instruction of this function (over calls)
  reverse-finish   go back to the call of this function
  print stack|locals|globals|memory ADDR LEN|NAME
                   the selected frame's operand stack, locals (C variables by
                   name with DWARF), the globals, memory, or one variable
  lastwrite ADDR   which instruction last wrote the byte at ADDR
  backtrace        the call stack (source positions with DWARF)
  frame N          select frame N of the backtrace
  quit`

// debugCmd runs `wasmscope debug`: the module starts paused at its first
// instruction and the commands come from stdin, one a line, so a session
// can be scripted; the program's own standard input is --stdin FILE.
// Ctrl-C pauses a running program.
func debugCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var mounts listFlag
	var stdinFile, invoke string
	fs := flag.NewFlagSet("debug", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Var(&mounts, "mount", "`HOST:GUEST[:ro]` as for run (repeatable)")
	fs.StringVar(&invoke, "invoke", "", "debug a call of export `NAME` with ARGS (typed by its parameters), after _initialize, instead of _start")
	fs.StringVar(&stdinFile, "stdin", "", "the program's standard input is `FILE` (the debugger's commands are read from stdin)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: wasmscope debug [flags] MODULE [ARGS...]")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, debugHelp)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return exitUsage
	}
	if fs.NArg() < 1 {
		fs.Usage()
		return exitUsage
	}
	file := fs.Arg(0)
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "wasmscope: "+format+"\n", a...)
		return exitLoad
	}
	mod, bin, err := loadModule(file)
	if err != nil {
		return fail("%v", err)
	}
	preopens, err := parseMounts(mounts)
	if err != nil {
		fmt.Fprintf(stderr, "wasmscope: %v\n", err)
		return exitUsage
	}
	var progIn io.Reader = strings.NewReader("")
	if stdinFile != "" {
		f, err := os.Open(stdinFile)
		if err != nil {
			return fail("--stdin: %v", err)
		}
		defer f.Close()
		progIn = f
	}
	argv, progArgs := append([]string{file}, fs.Args()[1:]...), fs.Args()[1:]
	if invoke != "" {
		argv = []string{file}
	}
	sys, err := wasi.New(wasi.Config{Args: argv, Stdin: progIn, Stdout: stdout, Stderr: stderr, Preopens: preopens})
	if err != nil {
		return fail("%v", err)
	}
	defer sys.Close()
	// Host calls are recorded so that a re-run of the program can step
	// back to any earlier instruction (see debug.Recorder).
	s := &debugSession{d: debug.New(mod), mod: mod, rec: &debug.Recorder{}, out: stdout}
	if invoke != "" {
		ft, ok := exportedFunc(mod, invoke)
		if !ok {
			return fail("%s: no exported function %q", file, invoke)
		}
		args, err := invokeArgs(invoke, ft.Params, progArgs)
		if err != nil {
			fmt.Fprintf(stderr, "wasmscope: %v\n", err)
			return exitUsage
		}
		s.entry = runner.Entry{Invoke: invoke, Args: args}
	}
	s.host = s.rec.WrapReported(wasi.ModuleName, sys.Funcs())
	s.d.Record(s.rec)
	if err := s.instantiate(); err != nil {
		return fail("%s: %v", file, err)
	}
	if res := s.prog.Result(); res != nil {
		// Nothing to debug: the run is over before its first instruction.
		return fail("%s: nothing to debug: no start function, _start or _initialize (use --invoke NAME to call an export)", file)
	}
	if bin != nil {
		info, err := debuginfo.Read(bin)
		switch {
		case err == nil:
			s.info = info
		case !errors.Is(err, debuginfo.ErrNoDWARF):
			fmt.Fprintf(stdout, "debug information not used: %v\n", err)
		}
	}
	// Ctrl-C pauses the program where it is (a loop that never ends)
	// rather than ending the debugger.
	intr := make(chan os.Signal, 1)
	signal.Notify(intr, os.Interrupt)
	go func() {
		for range intr {
			s.d.Pause()
		}
	}()
	defer close(intr)
	defer signal.Stop(intr) // first, so no signal is sent on the closed channel
	s.printf("paused before %s", s.prog.Step())
	sc := bufio.NewScanner(stdin)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !s.command(line) {
			break
		}
	}
	return 0
}

// debugSession is the state of `wasmscope debug` between commands.
type debugSession struct {
	d    *debug.Debugger
	info *debuginfo.Info // nil without DWARF
	mod  *vm.Module
	rec  *debug.Recorder
	host map[string]vm.HostFunc // WASI, recorded by rec
	// entry is what the run calls (runner.Entry); prog is the current run,
	// whose steps (the start function, _initialize, _start or the
	// invoked export) the debugger is attached to in turn.
	entry runner.Entry
	prog  *runner.Run
	out   io.Writer
	ended bool
	frame int // the selected frame, 0: innermost
}

// instantiate starts a new run of the module, on a new instance, with the
// debugger attached to its first step.
func (s *debugSession) instantiate() error {
	s.ended = false
	s.prog = runner.Start(s.mod, runner.Config{Host: s.host, Entry: s.entry, Prepare: func(_ runner.Step, ex *vm.Execution) {
		s.d.Attach(ex)
	}})
	if res := s.prog.Result(); res != nil && (res.Kind == runner.Failed || res.Kind == runner.Refused) {
		return res.Err
	}
	return nil
}

// advance runs a debugger command in the current step and moves the run
// on as it says: the step returned (Next), the run ended, or it paused.
func (s *debugSession) advance(resume func() debug.Stop) (debug.Stop, runner.State) {
	var st debug.Stop
	state := s.prog.Advance(func(*vm.Execution) (vm.Status, error) {
		st = resume()
		switch st.Reason {
		case debug.Returned:
			return vm.Done, nil
		case debug.Exited, debug.Trapped:
			return vm.Done, st.Err
		}
		return vm.Paused, nil
	})
	return st, state
}

// goBack goes to instruction n of job k: in the attached job, from the
// latest snapshot before it; in an earlier one, by re-running the program
// from a new instance. Either way the recorded host calls are replayed.
func (s *debugSession) goBack(k int, n uint64) error {
	if k == s.prog.StepIndex() {
		ex := s.d.Execution()
		if st := s.d.Goto(n); st.Reason != debug.Stepped || s.d.Executed() != n {
			return fmt.Errorf("going back went otherwise: %v %v", st.Reason, st.Err)
		}
		// The step's execution goes on from there, ended or not before.
		s.prog.Reopen(ex)
		s.ended = false
		return nil
	}
	s.rec.Rewind()
	if err := s.instantiate(); err != nil {
		return err
	}
	if s.prog.Result() != nil {
		return errors.New("the re-run could not start")
	}
	for i := 0; i < k; i++ {
		if st, state := s.advance(func() debug.Stop { return s.d.Goto(debug.ToEnd) }); state != runner.Next {
			return fmt.Errorf("the re-run went otherwise: %v %v", st.Reason, st.Err)
		}
	}
	if st := s.d.Goto(n); st.Reason != debug.Stepped {
		return fmt.Errorf("the re-run went otherwise: %v %v", st.Reason, st.Err)
	}
	return nil
}

// reverse steps back one instruction (count) or to the latest stop of a
// breakpoint or watchpoint before the current instruction.
func (s *debugSession) reverse(toBreak bool) error {
	k, cur := s.prog.StepIndex(), s.d.Executed()
	if cur == 0 {
		return errors.New("at the first instruction: nothing to go back to")
	}
	target := cur - 1
	if toBreak {
		t, found, err := s.d.PreviousStop(func() error { return s.goBack(k, 0) })
		if err != nil {
			return err
		}
		target = 0
		if found {
			target = t
		}
	}
	if err := s.goBack(k, target); err != nil {
		return err
	}
	if target == 0 && toBreak {
		s.printf("no earlier breakpoint")
	}
	s.where()
	return nil
}

// reverseTo steps back over calls (out false) or out of the current
// function (out true), to where the log says (debug.Debugger.Back).
func (s *debugSession) reverseTo(out bool) error {
	n, ok := s.d.Back(out)
	if !ok {
		if out {
			return errors.New("no call of this function in the log: it is the outermost, or the call is older than the log holds")
		}
		return errors.New("no earlier instruction in the log")
	}
	if err := s.goBack(s.prog.StepIndex(), n); err != nil {
		return err
	}
	s.where()
	return nil
}

// reverseLine goes back to the first instruction of the source line before
// the current one, as the log shows the way here: over calls (over: lines
// of deeper frames are passed) or into them; without DWARF one instruction.
func (s *debugSession) reverseLine(over bool) error {
	fr := s.d.Frames()
	if s.info == nil || len(fr) == 0 {
		if over {
			return s.reverseTo(false)
		}
		return s.reverse(false)
	}
	depth := len(fr) - 1
	start, _ := s.info.LineAt(fr[0].Offset)
	var prev debuginfo.Line
	var target uint64
	found, entered := false, false
	pdepth := depth // the frame depth of prev
	s.d.History(func(ev *vm.Event) bool {
		if ev.Kind != vm.EventInstr || over && ev.Depth > depth {
			return true
		}
		l, ok := s.info.LineAt(ev.Offset)
		if !ok || l.Line == 0 {
			return true // no source: stepped through
		}
		same := func(a debuginfo.Line) bool { return a.Line == l.Line && a.File == l.File }
		switch {
		case !found && same(start) && ev.Depth == depth:
			return true // still the line we are on
		case !found:
			prev, target, found, pdepth = l, ev.Seq, true, ev.Depth
			return true
		case ev.Depth > pdepth && !entered && !over:
			// The previous line called a function: as gdb's
			// reverse-step, go to the last line that function ran.
			prev, target, pdepth, entered = l, ev.Seq, ev.Depth, true
			return true
		case ev.Depth > pdepth:
			return true // a call made on the line
		case ev.Depth == pdepth && same(prev):
			target = ev.Seq // earlier on the same line
			return true
		}
		return false
	})
	if !found {
		return errors.New("no earlier source line in the log")
	}
	if err := s.goBack(s.prog.StepIndex(), target); err != nil {
		return err
	}
	s.where()
	return nil
}

func (s *debugSession) printf(format string, a ...any) { fmt.Fprintf(s.out, format+"\n", a...) }

// command runs one command line; false ends the session.
func (s *debugSession) command(line string) bool {
	f := strings.Fields(line)
	cmd, args := f[0], f[1:]
	var err error
	switch cmd {
	case "quit", "q":
		return false
	case "help", "h":
		s.printf("%s", debugHelp)
	case "break", "b":
		err = s.breakCmd(args)
	case "delete", "d":
		err = s.deleteCmd(args)
	case "watch":
		err = s.watchCmd(args)
	case "step", "s":
		s.run(func() debug.Stop { return s.lineStep(false) }, false)
	case "next", "n":
		s.run(func() debug.Stop { return s.lineStep(true) }, false)
	case "stepi", "si":
		s.run(s.d.StepInto, false)
	case "nexti", "ni":
		s.run(s.d.StepOver, false)
	case "finish":
		s.run(s.d.StepOut, false)
	case "continue", "c":
		s.run(s.d.Continue, true)
	case "reverse-stepi", "rsi":
		err = s.reverse(false)
	case "reverse-continue", "rc":
		err = s.reverse(true)
	case "reverse-step", "rs":
		err = s.reverseLine(false)
	case "reverse-next", "rn":
		err = s.reverseLine(true)
	case "reverse-nexti", "rni":
		err = s.reverseTo(false)
	case "reverse-finish":
		err = s.reverseTo(true)
	case "print", "p":
		err = s.printCmd(args)
	case "lastwrite":
		err = s.lastWriteCmd(args)
	case "backtrace", "bt", "where":
		s.backtrace()
	case "frame", "f":
		err = s.frameCmd(args)
	default:
		err = fmt.Errorf("unknown command %q (help lists them)", cmd)
	}
	if err != nil {
		s.printf("error: %v", err)
	}
	return true
}

// run runs a resuming command and reports where it stopped; at the end of
// one step the next (_start after the start function) is attached and
// a continue (cont) goes on in it, a step pauses before it.
func (s *debugSession) run(resume func() debug.Stop, cont bool) {
	if s.ended {
		s.printf("error: the program has ended")
		return
	}
	s.frame = 0
	for {
		st, state := s.advance(resume)
		switch state {
		case runner.Next:
			if !cont {
				s.printf("returned; paused before %s", s.prog.Step())
				return
			}
			continue
		case runner.Ended:
			s.ended = true
			s.report(s.prog.Result())
			return
		}
		switch st.Reason {
		case debug.AtBreak:
			if st.Breakpoint != nil {
				s.printf("breakpoint %d", st.Breakpoint.ID)
			}
			s.where()
		case debug.AtCount:
			s.printf("breakpoint %d: %d instructions", st.Breakpoint.ID, s.d.Executed())
			s.where()
		case debug.AtWatch:
			w := st.Write
			s.printf("watchpoint %d: %s wrote %d bytes at %d", st.Breakpoint.ID, s.writer(w), w.Len, w.Addr)
			s.where()
		case debug.Interrupted:
			s.printf("interrupted")
			s.where()
		default:
			s.where()
		}
		return
	}
}

// report says how the run ended.
func (s *debugSession) report(res *runner.Result) {
	if code, ok := res.Exit(); ok {
		s.printf("exited with status %d", code)
		return
	}
	switch res.Kind {
	case runner.Returned:
		s.printf("%s returned %s", res.Step, vm.FormatValues(res.Values))
	case runner.Ready:
		s.printf("initialized; nothing invoked (use --invoke NAME to call an export)")
	case runner.Trapped:
		s.printf("trap: %s", res.Trap.Msg)
		s.where()
	default:
		s.printf("error: %v", res.Err)
	}
}

// writer describes the instruction that made write w.
func (s *debugSession) writer(w debug.Write) string {
	if w.Host {
		host := "a host function"
		if w.HostFn != "" {
			host = w.HostFn
		}
		return fmt.Sprintf("%s called from %s (instruction %d)", host, w.Name, w.Seq)
	}
	return fmt.Sprintf("%s (instruction %d)", s.place(w.Func, w.Offset), w.Seq)
}

// place renders an instruction: "$fib at 0x2a", with " (main.c:12)" when
// DWARF knows its line.
func (s *debugSession) place(fn, off uint32) string {
	p := fmt.Sprintf("%s at 0x%x", vm.FuncLabel(s.d.Module(), fn), off)
	if s.info != nil {
		if w := s.info.Where(off); w != "" {
			p += " (" + w + ")"
		}
	}
	return p
}

// where prints the selected frame's position.
func (s *debugSession) where() {
	fr := s.d.Frames()
	if len(fr) == 0 {
		if !s.ended && s.d.Executed() == 0 {
			s.printf("paused before %s", s.prog.Step())
		}
		return
	}
	k := min(s.frame, len(fr)-1)
	s.printf("%s", s.place(fr[k].Func, fr[k].Offset))
}

// lineStep steps by source line (debuginfo.StepLine), over calls when
// over; without DWARF by one instruction.
func (s *debugSession) lineStep(over bool) debug.Stop {
	return debuginfo.StepLine(s.d, s.info, over)
}

func parseUint(s string) (uint64, error) {
	v, err := strconv.ParseUint(s, 0, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number (decimal or 0x hex)", s)
	}
	return v, nil
}

func (s *debugSession) breakCmd(args []string) error {
	if len(args) != 1 {
		return errors.New("break LOC: one location")
	}
	bps, err := debuginfo.Break(s.d, s.info, args[0])
	if err != nil {
		return err
	}
	for _, b := range bps {
		if b.Count > 0 {
			s.printf("breakpoint %d after %d instructions", b.ID, b.Count)
			continue
		}
		s.printf("breakpoint %d at %s", b.ID, s.place(b.Site.Func, b.Site.Offset))
	}
	return nil
}

func (s *debugSession) deleteCmd(args []string) error {
	if len(args) != 1 {
		return errors.New("delete N: one breakpoint number")
	}
	id, err := strconv.Atoi(args[0])
	if err != nil {
		return fmt.Errorf("%q is not a breakpoint number", args[0])
	}
	return s.d.Delete(id)
}

func (s *debugSession) watchCmd(args []string) error {
	var addr, n uint64
	var err error
	switch len(args) {
	case 1:
		if _, numErr := parseUint(args[0]); numErr == nil {
			return errors.New("watch ADDR LEN: the length is missing")
		}
		addr, n, err = s.varRange(args[0])
	case 2:
		if addr, err = parseUint(args[0]); err == nil {
			n, err = parseUint(args[1])
		}
	default:
		return errors.New("watch ADDR LEN, or watch VARIABLE with DWARF")
	}
	if err != nil {
		return err
	}
	b, err := s.d.Watch(addr, n)
	if err != nil {
		return err
	}
	s.printf("watchpoint %d on %d bytes at %d", b.ID, n, addr)
	return nil
}

// varRange returns where in memory the source variable name of the
// selected frame lives, and its size.
func (s *debugSession) varRange(name string) (addr, n uint64, err error) {
	fr, err := s.selected()
	if err != nil {
		return 0, 0, err
	}
	var sf []debuginfo.Frame
	if s.info != nil {
		sf = s.info.Frames(fr.Offset)
	}
	if len(sf) == 0 {
		return 0, 0, fmt.Errorf("watch %s: no source variables here (without DWARF: watch ADDR LEN)", name)
	}
	vars, err := s.info.Vars(sf[0].Func, fr.Offset)
	if err != nil {
		return 0, 0, err
	}
	for _, v := range vars {
		if v.Name != name {
			continue
		}
		loc, err := s.info.Locate(v, fr.Offset, debuginfo.EngineFrame(fr))
		if err != nil {
			return 0, 0, err
		}
		if len(loc.Pieces) != 1 || loc.Pieces[0].Kind != debuginfo.InMemory || v.Type == nil || v.Type.Size() <= 0 {
			return 0, 0, fmt.Errorf("watch %s: the variable is not in memory here (a Wasm local or optimized out)", name)
		}
		return loc.Pieces[0].Addr, uint64(v.Type.Size()), nil
	}
	return 0, 0, fmt.Errorf("no variable %q in %s", name, sf[0].Func.Name)
}

func (s *debugSession) lastWriteCmd(args []string) error {
	if len(args) != 1 {
		return errors.New("lastwrite ADDR")
	}
	addr, err := parseUint(args[0])
	if err != nil {
		return err
	}
	w, ok := s.d.LastWrite(addr)
	if !ok {
		s.printf("no write of %d in the log", addr)
		return nil
	}
	s.printf("%d was last written by %s: %d bytes at %d", addr, s.writer(w), w.Len, w.Addr)
	return nil
}

func (s *debugSession) frameCmd(args []string) error {
	if len(args) != 1 {
		return errors.New("frame N")
	}
	n, err := strconv.Atoi(args[0])
	fr := s.d.Frames()
	if err != nil || n < 0 || n >= len(fr) {
		return fmt.Errorf("no frame %q (there are %d)", args[0], len(fr))
	}
	s.frame = n
	s.printf("#%d %s", n, s.place(fr[n].Func, fr[n].Offset))
	return nil
}

func (s *debugSession) backtrace() {
	for i, fr := range s.d.Frames() {
		line := fmt.Sprintf("#%d %s", i, s.place(fr.Func, fr.Offset))
		if s.info != nil {
			// Source frames, inlined calls included.
			var src []string
			for _, sf := range s.info.Frames(fr.Offset) {
				src = append(src, fmt.Sprintf("%s at %s:%d", sf.Func.Name, path.Base(sf.File), sf.Line))
			}
			if len(src) > 0 {
				line += ": " + strings.Join(src, " <- ")
			}
		}
		s.printf("%s", line)
	}
}

// selected returns the selected frame.
func (s *debugSession) selected() (vm.FrameInfo, error) {
	fr := s.d.Frames()
	if len(fr) == 0 {
		return vm.FrameInfo{}, errors.New("no frame: the program is not paused in one")
	}
	return fr[min(s.frame, len(fr)-1)], nil
}

func (s *debugSession) printCmd(args []string) error {
	if len(args) == 0 {
		return errors.New("print stack|locals|globals|memory ADDR LEN|NAME")
	}
	switch args[0] {
	case "memory":
		if len(args) != 3 {
			return errors.New("print memory ADDR LEN")
		}
		addr, err := parseUint(args[1])
		if err != nil {
			return err
		}
		n, err := parseUint(args[2])
		if err != nil {
			return err
		}
		mem := s.prog.Instance().Memory(0)
		if addr >= uint64(len(mem)) || n > uint64(len(mem))-addr {
			return fmt.Errorf("memory %d..%d is outside memory 0 (%d bytes)", addr, addr+n, len(mem))
		}
		rows := int((addr+n+15)/16 - addr/16)
		for _, r := range playground.HexRows(mem, addr, rows, nil) {
			s.printf("%s", r.String())
		}
		return nil
	case "globals":
		m := s.d.Module()
		for i, g := range s.prog.Instance().Globals() {
			s.printf("  %s: %s %s", vm.SlotLabel(m.Names.Globals[uint32(i)], i), g.Type, vm.FormatValue(g))
		}
		return nil
	}
	fr, err := s.selected()
	if err != nil {
		return err
	}
	switch args[0] {
	case "stack":
		for i, v := range fr.Stack {
			s.printf("  %d: %s %s", i, v.Type, vm.FormatValue(v))
		}
		return nil
	case "locals":
		if s.info != nil {
			if sf := s.info.Frames(fr.Offset); len(sf) > 0 {
				return s.printVars(fr, sf[0].Func, "")
			}
		}
		names := s.d.Module().Names.Locals[fr.Func]
		for i, v := range fr.Locals {
			s.printf("  %s: %s %s", vm.SlotLabel(names[uint32(i)], i), v.Type, vm.FormatValue(v))
		}
		return nil
	}
	if s.info != nil {
		if sf := s.info.Frames(fr.Offset); len(sf) > 0 {
			return s.printVars(fr, sf[0].Func, args[0])
		}
	}
	return fmt.Errorf("print %s: no such variable (without DWARF: print stack, locals, globals or memory)", args[0])
}

// printVars prints the source variables of frame f at fr (only the one
// named name, when name is not "").
func (s *debugSession) printVars(fr vm.FrameInfo, f *debuginfo.Func, name string) error {
	vars, err := s.info.Vars(f, fr.Offset)
	if err != nil {
		return err
	}
	st := debuginfo.EngineFrame(fr)
	found := false
	for _, v := range vars {
		if name != "" && v.Name != name {
			continue
		}
		found = true
		val, err := s.info.Value(v, fr.Offset, st)
		if err != nil {
			val = "<" + err.Error() + ">"
		}
		s.printf("  %s %s = %s", v.TypeName(), v.Name, val)
	}
	if name != "" && !found {
		return fmt.Errorf("no variable %q in %s", name, f.Name)
	}
	return nil
}
