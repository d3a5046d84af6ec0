package script

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/binary"
	"github.com/wasmscope/wasmscope/vm/internal/valid"
	"github.com/wasmscope/wasmscope/vm/syntax"
	"github.com/wasmscope/wasmscope/vm/text"
)

// Options say how a script runs.
type Options struct {
	// Slice, when > 0, runs every invocation in slices of that many
	// instructions, resuming after each pause until it ends. Results must be
	// the same as with one uninterrupted run.
	Slice int64
	// Observe attaches an observer to every execution that checks each
	// event for sanity (see checker); a bad event fails the command that
	// caused it. With Slice, it also checks that no slice ran more
	// instructions than its fuel.
	Observe bool
	// Budget bounds the instructions one invocation may execute: 0 means
	// DefaultBudget, < 0 no bound. Going past it fails the command instead
	// of hanging the run.
	Budget int64
	// Config is the store's configuration (limits).
	Config vm.Config
	// Wasm2 reads, decodes and validates modules as Wasm 2.0 does, for the
	// 2.0 suite, which expects some of what 3.0 added (memory indices,
	// 64-bit limits, several memories, extended constant expressions, new
	// opcodes) to be malformed or invalid. By default the runner follows
	// 3.0, the current edition.
	Wasm2 bool
	// Print receives the output of the spectest print functions; nil
	// discards it.
	Print io.Writer
	// Drive, when set, is given each invocation's execution, and the
	// instance it calls, before the runner runs it to its end: it may run
	// it, step it, go back in it (vm/debug's differential test of stepping
	// backwards does, over the suites). The assertion then checks what the
	// execution ends with. An error fails the command.
	Drive func(inst *vm.Instance, e *vm.Execution) error
}

// DefaultBudget is the instruction bound of one invocation when
// Options.Budget is 0: twelve times the largest execution of the spec
// suites (8 million instructions, in 3.0's return_call_ref.wast; 1.2
// million in 2.0's memory_grow.wast), low enough that a construct the
// engine gets wrong cannot keep a run going for long.
const DefaultBudget = 100_000_000

// Result is the outcome of one script. Every command counts once: a module
// that must instantiate, a register, an action, or an assertion.
type Result struct {
	Name                    string
	Passed, Failed, Skipped int
	// Failures and Skips say, one line each, "file:line: what was expected,
	// what happened".
	Failures []string
	Skips    []string
	// Notes list module assertions that held but whose error message
	// differs from the reference interpreter's (see checkMessage).
	Notes []string
	// Panics counts the failures that were Go panics in the pipeline:
	// recovered by the runner, or turned by the engine into an "internal
	// error" trap. Each is a bug, whatever the script expected.
	Panics int
}

// runner holds the state of one script: the store, the instances by name,
// the module definitions (Wasm 3.0) and the latest instance.
type runner struct {
	opts      Options
	file      string
	store     *vm.Store
	current   *vm.Instance
	instances map[string]*vm.Instance
	defs      map[string]*vm.Module
	lastDef   *vm.Module
	// lost is the line of the latest module when it failed to instantiate
	// (0 otherwise); lostNames the same for named modules.
	lost      int
	lostNames map[string]int
	res       *Result
}

// errBudget ends an invocation that ran past Options.Budget.
var errBudget = errors.New("instruction budget exhausted")

// Run parses and runs one script. name is its file name, used in messages.
// Run never panics on bad input or on a panic inside the engine: such a
// command counts as failed, with the panic in its message.
func Run(name string, src []byte, opts Options) *Result {
	res := &Result{Name: name}
	if opts.Budget == 0 {
		opts.Budget = DefaultBudget
	}
	if opts.Print == nil {
		opts.Print = io.Discard
	}
	r := &runner{
		opts:      opts,
		file:      name,
		store:     vm.NewStore(opts.Config),
		instances: map[string]*vm.Instance{},
		defs:      map[string]*vm.Module{},
		lostNames: map[string]int{},
		res:       res,
	}
	sc, err := r.parseScript(src)
	if err != nil {
		res.Failed++
		res.Failures = append(res.Failures, fmt.Sprintf("%s: script does not parse: %v", name, err))
		return res
	}
	if err := installSpectest(r.store, opts.Print); err != nil {
		res.Failed++
		res.Failures = append(res.Failures, fmt.Sprintf("%s: %v", name, err))
		return res
	}
	for _, c := range sc.Commands {
		r.command(c)
	}
	return res
}

func (r *runner) parseScript(src []byte) (sc *text.Script, err error) {
	defer func() {
		if p := recover(); p != nil {
			r.res.Panics++
			err = fmt.Errorf("panic in the parser: %v\n%s", p, debug.Stack())
		}
	}()
	return text.ParseScriptWith(src, r.file, text.Options{Wasm2: r.opts.Wasm2})
}

// command runs one command and records its outcome.
func (r *runner) command(c text.Command) {
	pos := c.Position()
	var err error
	func() {
		defer func() {
			if p := recover(); p != nil {
				r.res.Panics++
				err = fmt.Errorf("panic: %v\n%s", p, debug.Stack())
			}
		}()
		err = r.exec(c)
	}()
	var skip *skipError
	switch {
	case err == nil:
		r.res.Passed++
	case errors.As(err, &skip):
		r.res.Skipped++
		r.res.Skips = append(r.res.Skips, fmt.Sprintf("%s:%d: %v", r.file, pos.Line, err))
	default:
		r.res.Failed++
		r.res.Failures = append(r.res.Failures, fmt.Sprintf("%s:%d: %v", r.file, pos.Line, err))
	}
}

// skipError marks a command the runner cannot carry out; it is counted and
// listed as skipped, never passed.
type skipError struct{ what string }

func (e *skipError) Error() string { return e.what }

func (r *runner) exec(c text.Command) error {
	switch c := c.(type) {
	case *text.ScriptModule:
		return r.module(c)
	case *text.Instance:
		return r.instance(c)
	case *text.Register:
		inst, err := r.lookup(c.Module)
		if err != nil {
			return err
		}
		r.store.Register(c.As, inst)
		return nil
	case *text.Action:
		_, err := r.act(c)
		if err != nil {
			return fmt.Errorf("%s: %v", describeAction(c), err)
		}
		return nil
	case *text.AssertReturn:
		return r.assertReturn(c)
	case *text.AssertTrap:
		if c.Module != nil {
			return r.assertModuleTrap(c)
		}
		return r.assertTrap(c.Action, c.Message, "trap")
	case *text.AssertExhaustion:
		return r.assertTrap(c.Action, c.Message, "exhaustion")
	case *text.AssertException:
		return r.assertException(c)
	case *text.AssertModule:
		return r.assertModule(c)
	}
	return &skipError{fmt.Sprintf("unknown command %T", c)}
}

// decode turns a script module into its structure: parsed already for
// text, decoded for binary, parsed now for quote.
func (r *runner) decode(m *text.ScriptModule) (*syntax.Module, error) {
	switch m.Source {
	case text.ModuleText:
		return m.Text, nil
	case text.ModuleBinary:
		return binary.DecodeConfig(m.Binary, binary.Config{Wasm2: r.opts.Wasm2})
	case text.ModuleQuote:
		name := fmt.Sprintf("%s:%d:quote", m.File, m.Line)
		return text.ParseModuleWith([]byte(m.Quote), name, text.Options{Wasm2: r.opts.Wasm2})
	}
	return nil, fmt.Errorf("unknown module form %d", m.Source)
}

// validate checks s by the rules of the edition the script follows.
func (r *runner) validate(s *syntax.Module) error {
	return valid.ValidateConfig(s, valid.Config{Wasm2: r.opts.Wasm2})
}

// compile decodes, validates and compiles a script module.
func (r *runner) compile(m *text.ScriptModule) (*vm.Module, error) {
	s, err := r.decode(m)
	if err != nil {
		return nil, err
	}
	if err := r.validate(s); err != nil {
		return nil, err
	}
	return vm.Compile(s)
}

func (r *runner) module(m *text.ScriptModule) error {
	mod, err := r.compile(m)
	if err != nil {
		err = fmt.Errorf("module should compile: %v", err)
		if m.Definition {
			r.lastDef = nil
			delete(r.defs, m.Name)
		} else {
			r.lose(m.Name, m.Line)
		}
		return err
	}
	if m.Definition {
		r.lastDef = mod
		if m.Name != "" {
			r.defs[m.Name] = mod
		}
		return nil
	}
	return r.instantiate(mod, m.Name, m.Line)
}

func (r *runner) instance(c *text.Instance) error {
	mod := r.lastDef
	if c.Module != "" {
		mod = r.defs[c.Module]
	}
	if mod == nil {
		r.lose(c.Name, c.Line)
		if c.Module == "" {
			return errors.New("no module definition to instantiate")
		}
		return fmt.Errorf("no module definition $%s", c.Module)
	}
	return r.instantiate(mod, c.Name, c.Line)
}

// instantiate links, initializes and starts mod, and names the instance.
func (r *runner) instantiate(mod *vm.Module, name string, line int) error {
	inst, err := r.store.Instantiate(mod)
	if err != nil {
		r.lose(name, line)
		return fmt.Errorf("module should instantiate: %v", err)
	}
	if start := inst.Start(); start != nil {
		if _, err := r.run(start); err != nil {
			r.lose(name, line)
			return fmt.Errorf("start function should return: %v", err)
		}
	}
	r.current = inst
	r.lost = 0
	if name != "" {
		r.instances[name] = inst
	}
	return nil
}

// lose records that the module at line did not come to be: commands that
// use it (the latest, or by name) fail saying so, rather than run against
// an earlier instance that could pass them by accident.
func (r *runner) lose(name string, line int) {
	r.current = nil
	r.lost = line
	if name != "" {
		r.instances[name] = nil
		r.lostNames[name] = line
	}
}

// lookup finds the instance a command names ("" for the latest).
func (r *runner) lookup(name string) (*vm.Instance, error) {
	if name == "" {
		if r.current != nil {
			return r.current, nil
		}
		if r.lost != 0 {
			return nil, fmt.Errorf("the module of line %d did not instantiate", r.lost)
		}
		return nil, errors.New("no module instantiated yet")
	}
	if inst := r.instances[name]; inst != nil {
		return inst, nil
	}
	if line, ok := r.lostNames[name]; ok {
		return nil, fmt.Errorf("the module $%s of line %d did not instantiate", name, line)
	}
	return nil, fmt.Errorf("no instance named $%s", name)
}

// act performs an invoke or get and returns its results; a trap comes back
// as the error.
func (r *runner) act(a *text.Action) ([]vm.Value, error) {
	inst, err := r.lookup(a.Module)
	if err != nil {
		return nil, err
	}
	switch a.Kind {
	case text.ActionInvoke:
		args := make([]vm.Value, len(a.Args))
		for i, v := range a.Args {
			args[i] = toEngine(v)
		}
		e, err := inst.Call(a.Name, args...)
		if err != nil {
			return nil, err
		}
		if r.opts.Drive != nil {
			if err := r.opts.Drive(inst, e); err != nil {
				return nil, fmt.Errorf("drive: %w", err)
			}
		}
		return r.run(e)
	case text.ActionGet:
		v, err := inst.Global(a.Name)
		if err != nil {
			return nil, err
		}
		return []vm.Value{v}, nil
	}
	return nil, fmt.Errorf("unknown action kind %d", a.Kind)
}

// run executes e to its end, in slices when asked, under the budget. With
// an observer it also checks that no slice ran more instructions than its
// fuel.
func (r *runner) run(e *vm.Execution) ([]vm.Value, error) {
	var chk *checker
	if r.opts.Observe {
		chk = newChecker()
		e.SetObserver(chk.observe)
	}
	left := r.opts.Budget
	for {
		fuel := left
		if r.opts.Slice > 0 && (fuel < 0 || fuel > r.opts.Slice) {
			fuel = r.opts.Slice
		}
		var before int64
		if chk != nil {
			before = chk.instrs
		}
		st, err := e.Run(fuel)
		var trap *vm.Trap
		if errors.As(err, &trap) && strings.HasPrefix(trap.Msg, "internal error") {
			r.res.Panics++
		}
		if chk != nil && fuel > 0 && chk.instrs-before > fuel {
			chk.setFailure(fmt.Errorf("%d instructions ran on a fuel of %d", chk.instrs-before, fuel))
		}
		if err != nil || st == vm.Done {
			var res []vm.Value
			if err == nil {
				res = e.Results()
			}
			if chk != nil {
				if cerr := chk.end(res, err); cerr != nil {
					return nil, fmt.Errorf("observer: %v", cerr)
				}
			}
			return res, err
		}
		if chk != nil {
			if chk.wantFrames() {
				chk.paused(e.Frames())
			}
			if cerr := chk.err(); cerr != nil {
				return nil, fmt.Errorf("observer: %v", cerr)
			}
		}
		if left > 0 {
			left -= fuel
			if left <= 0 {
				return nil, errBudget
			}
		}
	}
}

func describeAction(a *text.Action) string {
	var b strings.Builder
	if a.Kind == text.ActionGet {
		b.WriteString("get ")
	} else {
		b.WriteString("invoke ")
	}
	if a.Module != "" {
		b.WriteString("$" + a.Module + " ")
	}
	fmt.Fprintf(&b, "%q", a.Name)
	for _, v := range a.Args {
		b.WriteString(" " + formatScriptValue(v))
	}
	return b.String()
}

func (r *runner) assertReturn(c *text.AssertReturn) error {
	got, err := r.act(c.Action)
	if err != nil {
		return fmt.Errorf("%s: expected %s, got %s", describeAction(c.Action), formatResults(c.Results), describeError(err))
	}
	if len(got) != len(c.Results) {
		return fmt.Errorf("%s: expected %s, got %s", describeAction(c.Action), formatResults(c.Results), formatGot(got, c.Results))
	}
	for i := range got {
		if !match(c.Results[i], got[i]) {
			return fmt.Errorf("%s: expected %s, got %s", describeAction(c.Action), formatResults(c.Results), formatGot(got, c.Results))
		}
	}
	return nil
}

// assertTrap checks that the action traps with a message containing want.
func (r *runner) assertTrap(a *text.Action, want, what string) error {
	got, err := r.act(a)
	if err == nil {
		return fmt.Errorf("%s: expected %s %q, got %s", describeAction(a), what, want, formatValues(got))
	}
	if err := checkTrap(err, want, describeAction(a)+": expected "+what); err != nil {
		return err
	}
	return r.checkStack(a, err)
}

// checkStack checks the Wasm stack trace of a trap in an invoked Wasm
// function: its outermost frame is that function.
func (r *runner) checkStack(a *text.Action, err error) error {
	var trap *vm.Trap
	errors.As(err, &trap)
	inst, _ := r.lookup(a.Module)
	ext, _ := inst.Export(a.Name)
	if ext.Func == nil || ext.Func.Host != nil {
		return nil
	}
	if len(trap.Stack) == 0 {
		return fmt.Errorf("%s: the trap %q has no stack trace", describeAction(a), trap.Msg)
	}
	if out := trap.Stack[len(trap.Stack)-1]; out.Func != ext.Func.Index {
		return fmt.Errorf("%s: the trap's outermost frame is func %d (%s), the invoked function is func %d",
			describeAction(a), out.Func, out.Name, ext.Func.Index)
	}
	return nil
}

// describeError says what an action ended with instead of results.
func describeError(err error) string {
	var trap *vm.Trap
	if errors.As(err, &trap) {
		return fmt.Sprintf("the trap %q", trap.Msg)
	}
	return err.Error()
}

// checkTrap accepts err when it is a trap whose message contains want.
func checkTrap(err error, want, expected string) error {
	var trap *vm.Trap
	if !errors.As(err, &trap) {
		return fmt.Errorf("%s %q, got the error %v", expected, want, err)
	}
	if !strings.Contains(trap.Msg, want) {
		return fmt.Errorf("%s %q, got the trap %q", expected, want, trap.Msg)
	}
	return nil
}

// assertException is Wasm 3.0's assert_exception: the action ends with a
// Wasm exception that nothing caught.
func (r *runner) assertException(c *text.AssertException) error {
	got, err := r.act(c.Action)
	if err == nil {
		return fmt.Errorf("%s: expected an exception, got %s", describeAction(c.Action), formatValues(got))
	}
	var x *vm.Exception
	if !errors.As(err, &x) {
		return fmt.Errorf("%s: expected an exception, got %s", describeAction(c.Action), describeError(err))
	}
	return nil
}

// assertModuleTrap checks that a module compiles and links but traps while
// it is instantiated: in a segment's initialization or its start function.
func (r *runner) assertModuleTrap(c *text.AssertTrap) error {
	mod, err := r.compile(c.Module)
	if err != nil {
		return fmt.Errorf("module: expected trap %q, got a compile error: %v", c.Message, err)
	}
	inst, err := r.store.Instantiate(mod)
	if err == nil {
		start := inst.Start()
		if start == nil {
			return fmt.Errorf("module: expected trap %q, but it instantiated", c.Message)
		}
		if _, err = r.run(start); err == nil {
			return fmt.Errorf("module: expected trap %q, but its start function returned", c.Message)
		}
	}
	return checkTrap(err, c.Message, "module: expected trap")
}

func (r *runner) assertModule(c *text.AssertModule) error {
	want := fmt.Sprintf("%s %q", c.Kind, c.Message)
	s, err := r.decode(c.Module)
	if c.Kind == text.AssertMalformed {
		if err == nil {
			return fmt.Errorf("%s: the module decoded", want)
		}
		r.checkMessage(c, err)
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: the module should decode, got %v", want, err)
	}
	if c.Kind == text.AssertInvalid {
		err := r.validate(s)
		if err == nil {
			return fmt.Errorf("%s: the module validated", want)
		}
		r.checkMessage(c, err)
		return nil
	}
	if err := r.validate(s); err != nil {
		return fmt.Errorf("%s: the module should validate, got %v", want, err)
	}
	mod, err := vm.Compile(s)
	if err != nil {
		return fmt.Errorf("%s: the module should compile, got %v", want, err)
	}
	inst, err := r.store.Instantiate(mod)
	var trap *vm.Trap
	switch c.Kind {
	case text.AssertUnlinkable:
		if err == nil {
			return fmt.Errorf("%s: the module linked", want)
		}
		if errors.As(err, &trap) {
			return fmt.Errorf("%s: expected a link error, got the trap %q", want, trap.Msg)
		}
		// Link errors come in two kinds (unknown import, incompatible
		// import type) that engines name alike; the wrong kind means the
		// module failed for another reason than the script tests.
		if !strings.Contains(err.Error(), c.Message) {
			return fmt.Errorf("%s: got the link error %q", want, err.Error())
		}
		return nil
	case text.AssertUninstantiable:
		if err == nil {
			start := inst.Start()
			if start == nil {
				return fmt.Errorf("%s: the module instantiated", want)
			}
			if _, err = r.run(start); err == nil {
				return fmt.Errorf("%s: the module instantiated and its start function returned", want)
			}
		}
		r.checkMessage(c, err)
		return nil
	}
	return &skipError{fmt.Sprintf("unknown module assertion %v", c.Kind)}
}

// checkMessage notes a module assertion whose error does not contain the
// reference interpreter's message. The module failed at the right stage,
// so the assertion holds; the note helps bring the messages in line.
func (r *runner) checkMessage(c *text.AssertModule, err error) {
	if !strings.Contains(err.Error(), c.Message) {
		r.res.Notes = append(r.res.Notes, fmt.Sprintf("%s:%d: %s: expected the message %q, got %q", r.file, c.Line, c.Kind, c.Message, err.Error()))
	}
}
