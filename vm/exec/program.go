package exec

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"

	rt "github.com/wasmscope/wasmscope/vm/runtime"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Program is the compiled code of a validated module: each defined
// function's Code, compiled when first called (Lazy) or all at once
// (Eager). A Program is shared by every instance of its module, in any
// store, from any goroutine.
type Program struct {
	src  *Source
	mi   *modInfo
	nimp uint32

	mu    sync.Mutex
	codes []*Code // by defined index; nil until compiled
	// bytes is the host memory the compiled code holds (see hostBytes).
	bytes atomic.Int64
}

// Compilation is when a Program compiles its functions.
type Compilation uint8

const (
	// Lazy compiles a function when it is first called, charging its code
	// to the budget of the store whose execution calls it.
	Lazy Compilation = iota
	// Eager compiles every function up front, in parallel where there
	// are several CPUs (see the RATIONALE).
	Eager
)

// NewProgram prepares the code of the validated module of src; with Eager
// it compiles every function now.
func NewProgram(src *Source, when Compilation) (*Program, error) {
	m := src.mod
	p := &Program{src: src, mi: newModInfo(m), nimp: uint32(m.NumImported(syntax.ExternFunc)), codes: make([]*Code, len(m.Funcs))}
	p.mi.src = src
	for i := range m.Funcs {
		if err := checkLocals(uint32(i)+p.nimp, &m.Funcs[i], len(p.mi.funcs[uint32(i)+p.nimp].Params)); err != nil {
			return nil, err
		}
	}
	if when == Eager {
		if err := p.compileAll(); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// HostBytes returns the host memory the code compiled so far holds.
func (p *Program) HostBytes() int64 { return p.bytes.Load() }

// Source returns where the program's instructions come from.
func (p *Program) Source() *Source { return p.src }

// compileAll compiles every function, on up to GOMAXPROCS goroutines each
// decoding into its own buffer.
func (p *Program) compileAll() error {
	n := len(p.codes)
	workers := min(runtime.GOMAXPROCS(0), max(1, n/64))
	var next atomic.Int64
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			var buf []syntax.Instr
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				c, err := p.compile(i, &buf)
				if err != nil {
					errs[w] = err
					next.Store(int64(n)) // the others stop too
					return
				}
				p.codes[i] = c
			}
		}(w)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	var total int64
	for _, c := range p.codes {
		total += c.hostBytes()
	}
	p.bytes.Store(total)
	return nil
}

// compile compiles defined function i, decoding its body into buf.
func (p *Program) compile(i int, buf *[]syntax.Instr) (c *Code, err error) {
	defer func() {
		// Only a module the validator should have rejected gets here.
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("compile: invalid module: func %d: %v", uint32(i)+p.nimp, r)
		}
	}()
	body, err := p.src.scratchBody(i, buf)
	if err != nil {
		return nil, err
	}
	plain, err := compileFunc(p.src.mod, p.mi, uint32(i)+p.nimp, &p.src.mod.Funcs[i], body, nil)
	if err != nil {
		return nil, err
	}
	f := fuse(plain)
	plain.fast = f
	weigh(f)
	dupTails(f)
	chargeRuns(f)
	return f, nil
}

// code returns defined function i's code, compiling it first if need be;
// the compilation is charged to b (nil: unbudgeted). Before compiling, b
// must hold what the function may cost at most (its body's syntax while
// compiling and both variants of its code); afterwards it keeps what the
// code holds. So a function too large for the store's budget fails with
// a *runtime.BudgetError naming it, not with Go running out of memory.
func (p *Program) code(i int, b *rt.Budget) (*Code, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if c := p.codes[i]; c != nil {
		return c, nil
	}
	f := &p.src.mod.Funcs[i]
	what := fmt.Sprintf("the compiled code of func %d", uint32(i)+p.nimp)
	// At most one instruction per body byte.
	est := int64(f.End-f.BodyOffset) * maxBytesPerInstr
	if err := b.Charge(est, what); err != nil {
		return nil, err
	}
	var buf []syntax.Instr
	c, err := p.compile(i, &buf)
	b.Release(est)
	if err != nil {
		return nil, err
	}
	n := c.hostBytes()
	if err := b.Charge(n, what); err != nil {
		return nil, err
	}
	p.bytes.Add(n)
	p.codes[i] = c
	return c, nil
}

// maxBytesPerInstr bounds the host memory compiling one Wasm instruction
// may take: its syntax.Instr while compiling, one plain and one fast
// internal instruction with their maps, and the compiler's type stack.
var maxBytesPerInstr = int64(unsafe.Sizeof(syntax.Instr{})) + 2*int64(unsafe.Sizeof(inst{})) + 4*4 + 3*int64(unsafe.Sizeof(syntax.ValType{}))

// setTable makes e.table the running instance's table, when it changed.
func (e *Execution) setTable() {
	if e.tableInst != e.inst {
		e.table, e.tableInst = tableOf(e.inst), e.inst
	}
}

// funcTable is an instance's typed function table: entry i is the code
// and defining instance of the instance's function i (imports first),
// filled when first called. The interpreter's calls read it without a
// type assertion (the instance's Exec field holds it: one assertion when
// the running instance changes).
type funcTable struct {
	prog  *Program
	funcs []tableEntry
}

type tableEntry struct {
	code *Code
	inst *rt.Instance
}

// NewTable returns an empty function table for an instance of p's module,
// for runtime.Instantiate to keep in the instance's Exec. (The instance
// needs it from its creation: a failed instantiation may leave its
// functions in an imported table, callable.)
func NewTable(p *Program) any {
	return &funcTable{prog: p, funcs: make([]tableEntry, int(p.nimp)+len(p.codes))}
}

// tableOf returns inst's function table (an empty one for an instance
// without code, such as a host module's).
func tableOf(inst *rt.Instance) *funcTable {
	if t, ok := inst.Exec.(*funcTable); ok {
		return t
	}
	t := &funcTable{funcs: make([]tableEntry, len(inst.Funcs))}
	inst.Exec = t
	return t
}

// codeOf returns the code of Wasm function f, compiling it on its first
// call (charged to the execution's store), and fills f's entry in its
// instance's table.
func (e *Execution) codeOf(f *rt.Func) (*Code, error) {
	if f.Host != nil || f.Inst == nil {
		return nil, fmt.Errorf("function %s has no compiled code", f.Name)
	}
	t := e.table
	if f.Inst != e.tableInst {
		t = tableOf(f.Inst)
	}
	if int(f.Index) < len(t.funcs) {
		if c := t.funcs[f.Index].code; c != nil {
			return c, nil
		}
	}
	if t.prog == nil || f.Index < t.prog.nimp || int(f.Index-t.prog.nimp) >= len(t.prog.codes) {
		return nil, fmt.Errorf("function %s has no compiled code", f.Name)
	}
	c, err := t.prog.code(int(f.Index-t.prog.nimp), e.store.Budget)
	if err != nil {
		return nil, err
	}
	t.funcs[f.Index] = tableEntry{code: c, inst: f.Inst}
	return c, nil
}
