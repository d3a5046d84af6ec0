package vm

import (
	"fmt"
	"math"
	"strings"

	"github.com/wasmscope/wasmscope/vm/binary"
	"github.com/wasmscope/wasmscope/vm/exec"
	"github.com/wasmscope/wasmscope/vm/internal/valid"
	"github.com/wasmscope/wasmscope/vm/runtime"
	"github.com/wasmscope/wasmscope/vm/syntax"
	"github.com/wasmscope/wasmscope/vm/text"
)

// Config holds the limits of a store; zero fields take the defaults.
type Config struct {
	// MaxCallDepth is the deepest Wasm call nesting before the trap "call
	// stack exhausted" (default 10,000).
	MaxCallDepth int
	// MaxValueStack is the most value-stack slots (8 bytes each; a v128
	// takes two) an execution may use, locals included (default 4 Mi).
	MaxValueStack int
	// MaxMemoryPages caps every memory's size in 64 KiB pages (default and
	// most: 65536).
	MaxMemoryPages uint64
	// MaxTableSize caps every table's size in elements (default 10 M).
	MaxTableSize uint64
	// MemoryBudget bounds the host memory, in bytes, that the store's
	// memories, tables and the compiled code of the modules instantiated
	// in it may hold together (default runtime.DefaultBudget: 4 GiB on
	// 64-bit hosts, 1 GiB under GOOS=js and on 32-bit hosts). Past it,
	// Instantiate fails with a *BudgetError naming what was too big and
	// memory.grow and table.grow return -1.
	MemoryBudget int64
}

// Store holds instances, host modules and registered module names.
// A store and its instances must be used from one goroutine at a time
// (Execution.Stop excepted).
type Store struct {
	rt     *runtime.Store
	limits exec.Limits
	// charged marks the modules whose compiled code the store's budget
	// holds (charged once, at the first instantiation).
	charged map[*Module]bool
}

// NewStore returns an empty store with the given limits.
func NewStore(cfg Config) *Store {
	if cfg.MaxCallDepth <= 0 {
		cfg.MaxCallDepth = 10_000
	}
	if cfg.MaxValueStack <= 0 {
		cfg.MaxValueStack = 4 << 20
	}
	return &Store{
		rt:      runtime.NewStore(runtime.Limits{MaxMemoryPages: cfg.MaxMemoryPages, MaxTableSize: cfg.MaxTableSize, Budget: cfg.MemoryBudget}),
		limits:  exec.Limits{MaxCallDepth: cfg.MaxCallDepth, MaxValueStack: cfg.MaxValueStack},
		charged: map[*Module]bool{},
	}
}

// Runtime returns the store's run-time structures (for tools that inspect
// them).
func (s *Store) Runtime() *runtime.Store { return s.rt }

// Module is a validated and compiled module, ready to instantiate any number
// of times in any store. It keeps the module's binary encoding and the
// code execution needs; the instructions' syntax is decoded from the bytes
// when asked for (Body).
type Module struct {
	syn  *syntax.Module
	src  *exec.Source
	prog *exec.Program
}

// Compile validates and compiles a module structure. The module is
// encoded to binary, the form a Module keeps; its instructions' offsets
// are those of that encoding.
func Compile(m *syntax.Module) (*Module, error) {
	if err := validate(m); err != nil {
		return nil, err
	}
	return compileEncoded(binary.Encode(m), "")
}

// compileEncoded decodes and compiles b, the binary encoding of a valid
// module; filename, when not empty, names a text module b was assembled
// from.
func compileEncoded(b []byte, filename string) (*Module, error) {
	dm, err := binary.DecodeConfig(b, lazyBodies)
	if err != nil {
		if filename != "" {
			return nil, fmt.Errorf("%s: internal error: the binary encoding of the valid module does not decode: %w", filename, err)
		}
		return nil, fmt.Errorf("internal error: the binary encoding of the valid module does not decode: %w", err)
	}
	return compileValid(exec.NewSource(b, dm, lazyBodies))
}

// lazyBodies is how the engine decodes modules: a body is decoded when
// it is compiled or its syntax asked for, never kept whole (see
// binary.Config.LazyBodies).
var lazyBodies = binary.Config{LazyBodies: true}

// compileValid prepares the code of a module that has been validated:
// each function is compiled when first called (see exec.Lazy).
func compileValid(src *exec.Source) (*Module, error) {
	p, err := exec.NewProgram(src, compilation)
	if err != nil {
		return nil, err
	}
	return &Module{syn: src.Module(), src: src, prog: p}, nil
}

// compilation is when functions are compiled (see the RATIONALE in
// package exec).
var compilation = exec.Lazy

// CompileBinary decodes, validates and compiles a binary module. The
// module keeps b: do not modify it afterwards.
func CompileBinary(b []byte) (*Module, error) {
	m, err := binary.DecodeConfig(b, lazyBodies)
	if err != nil {
		return nil, err
	}
	src := exec.NewSource(b, m, lazyBodies)
	if err := valid.ValidateConfig(m, valid.Config{Body: src.Scratch()}); err != nil {
		return nil, err
	}
	return compileValid(src)
}

// CompileText parses (filename names it in error positions), validates and
// compiles a module in the text format. Instruction offsets are those of
// the module's binary encoding. Errors are *text.Error values, which print
// as file:line:col: message; a validation error also wraps the
// *ValidationError.
func CompileText(src []byte, filename string) (*Module, error) {
	b, err := Assemble(src, filename)
	if err != nil {
		return nil, err
	}
	// The text has no byte offsets; the module's binary encoding gives
	// every instruction the offset traces and breakpoints use, the same
	// as if the text had been assembled to a .wasm file first.
	return compileEncoded(b, filename)
}

// Assemble parses and validates a module in the text format and returns
// its binary encoding (what wat2wasm writes); errors, validation's
// included, are placed at file:line:col.
func Assemble(src []byte, filename string) ([]byte, error) {
	m, sm, err := text.ParseModuleWithPositions(src, filename, text.Options{})
	if err != nil {
		return nil, err
	}
	if err := validate(m); err != nil {
		return nil, textError(err, m, sm, filename)
	}
	return binary.Encode(m), nil
}

// fieldKinds maps the validator's places to the source map's.
var fieldKinds = map[valid.Field]text.FieldKind{
	valid.FieldType: text.FieldType, valid.FieldImport: text.FieldImport, valid.FieldFunc: text.FieldFunc,
	valid.FieldTable: text.FieldTable, valid.FieldMemory: text.FieldMemory, valid.FieldTag: text.FieldTag,
	valid.FieldGlobal: text.FieldGlobal, valid.FieldExport: text.FieldExport, valid.FieldStart: text.FieldStart,
	valid.FieldElem: text.FieldElem, valid.FieldData: text.FieldData,
}

// textError places a validation error of a text module in its source:
// at the instruction when the error is in code (naming it: "type
// mismatch in i32.add: expected i32, found i64"), else at the field, else
// (an error about the module as a whole) at the file's start.
func textError(err error, m *syntax.Module, sm *text.SourceMap, filename string) error {
	ve, ok := err.(*valid.Error)
	if !ok {
		return fmt.Errorf("%s: %w", filename, err)
	}
	kind, known := fieldKinds[ve.Field]
	pos, placed := text.Pos{}, false
	msg := ve.Msg
	switch {
	case !known:
	case ve.Instr < 0:
	case ve.Field != valid.FieldFunc && ve.Op == syntax.OpEnd:
		// A constant expression's implicit end has no token: the
		// expression's last instruction stands for it (the field, when
		// the expression is empty).
		pos, placed = sm.ExprInstr(kind, ve.Index, ve.Item, ve.Instr-1)
		msg = inPlace(msg, "at the end of the constant expression")
	default:
		pos, placed = sm.ExprInstr(kind, ve.Index, ve.Item, ve.Instr)
		msg = inInstr(msg, ve, m)
	}
	if known && !placed {
		pos, placed = sm.Field(kind, ve.Index)
	}
	if !placed {
		pos = text.Pos{File: filename, Line: 1, Col: 1}
	}
	return &text.Error{Pos: pos, Msg: msg, Err: ve}
}

// inInstr names the instruction of a validator error in its message. An
// end is named by what it ends: the function, or a block.
func inInstr(msg string, ve *valid.Error, m *syntax.Module) string {
	if ve.Op != syntax.OpEnd {
		return inPlace(msg, "in "+ve.Op.String())
	}
	if ve.Field == valid.FieldFunc {
		if i := ve.Index - m.NumImported(syntax.ExternFunc); i >= 0 && i < len(m.Funcs) && ve.Instr == len(m.Funcs[i].Body)-1 {
			return inPlace(msg, "at the end of the function")
		}
	}
	return inPlace(msg, "at the end of the block")
}

// inPlace adds where to a validator message after its first part: "type
// mismatch: expected i32, found i64" becomes "type mismatch in i32.add:
// expected i32, found i64".
func inPlace(msg, where string) string {
	if i := strings.Index(msg, ": "); i >= 0 {
		return msg[:i] + " " + where + msg[i:]
	}
	return msg + " " + where
}

// Syntax returns the module's structure (do not modify it). Its
// functions' bodies are nil: Body decodes one, FullSyntax the whole
// module.
func (m *Module) Syntax() *syntax.Module { return m.syn }

// Body returns the instructions of function fn (imports first in the
// index space), decoded from the module's bytes; the last few asked for
// stay decoded. The slice is shared: do not modify it. An imported
// function has none (an error says so).
func (m *Module) Body(fn uint32) ([]syntax.Instr, error) {
	nimp := uint32(m.syn.NumImported(syntax.ExternFunc))
	if fn < nimp {
		return nil, fmt.Errorf("func[%d] is imported: it has no code", fn)
	}
	if int(fn-nimp) >= len(m.syn.Funcs) {
		return nil, fmt.Errorf("no function func[%d] (the module has %d)", fn, int(nimp)+len(m.syn.Funcs))
	}
	return m.src.Body(int(fn - nimp))
}

// Binary returns the module's binary encoding (do not modify it).
func (m *Module) Binary() []byte { return m.src.Bytes() }

// FullSyntax decodes the whole module again, every body included: for
// printing it as text. It costs about 70 bytes per byte of code.
func (m *Module) FullSyntax() (*syntax.Module, error) { return binary.Decode(m.src.Bytes()) }

// DefineHost makes Go functions importable as module.name.
func (s *Store) DefineHost(module string, funcs map[string]HostFunc) {
	for name, h := range funcs {
		h := h
		f := s.rt.NewHostFunc(module+"."+name, &h)
		s.rt.Define(module, name, runtime.Extern{Kind: syntax.ExternFunc, Func: f})
	}
}

// Define makes an entity (for example another instance's export)
// importable as module.name.
func (s *Store) Define(module, name string, ext Extern) { s.rt.Define(module, name, ext) }

// Register makes every export of inst importable under the module name.
func (s *Store) Register(name string, inst *Instance) { s.rt.Register(name, inst.rt) }

// Instantiate links m's imports against the store's host modules and
// registered instances, allocates its entities and initializes its
// segments. It does not run the start function: see Instance.Start.
// Errors are *LinkError (imports), *Trap (segment out of bounds),
// *BudgetError (the store's MemoryBudget cannot hold the module's code,
// memories or tables) or a limit error.
func (s *Store) Instantiate(m *Module) (*Instance, error) {
	if !s.charged[m] {
		// Code compiled when the module was (exec.Eager); code compiled
		// later is charged to the store whose execution compiles it.
		if err := s.rt.Budget.Charge(m.prog.HostBytes(), "the module's compiled code"); err != nil {
			return nil, err
		}
		s.charged[m] = true
	}
	ri, err := runtime.Instantiate(s.rt, m.syn, exec.NewTable(m.prog))
	if err != nil {
		return nil, err
	}
	return &Instance{rt: ri, store: s, mod: m}, nil
}

// Instance is a module instance.
type Instance struct {
	rt    *runtime.Instance
	store *Store
	mod   *Module
}

// Module returns the module this is an instance of.
func (i *Instance) Module() *Module { return i.mod }

// Runtime returns the instance's run-time structures.
func (i *Instance) Runtime() *runtime.Instance { return i.rt }

// Store returns the store the instance lives in.
func (i *Instance) Store() *Store { return i.store }

// Start prepares the start function's execution, or returns nil when the
// module has none. Run it to completion before calling exports.
func (i *Instance) Start() *Execution {
	if i.mod.syn.Start == nil {
		return nil
	}
	f := i.rt.Funcs[*i.mod.syn.Start]
	return exec.NewExecution(i.store.rt, f, nil, i.store.limits)
}

// Call prepares a call of the exported function with args; it does not
// run (see Execution.Run). The arguments must match the function's
// parameter types.
func (i *Instance) Call(export string, args ...Value) (*Execution, error) {
	ext, ok := i.rt.Exports[export]
	if !ok || ext.Kind != syntax.ExternFunc {
		return nil, fmt.Errorf("no exported function %q", export)
	}
	return i.store.CallFunc(ext.Func, args...)
}

// CallFunc prepares a call of any function instance (for example a funcref
// value) with args.
func (s *Store) CallFunc(f *Function, args ...Value) (*Execution, error) {
	ps := f.Type.Params
	if len(args) != len(ps) {
		return nil, fmt.Errorf("%s: %d arguments given, %d expected", f.Name, len(args), len(ps))
	}
	slots := make([]uint64, 0, len(args))
	for k, a := range args {
		if a.Type != ps[k] && !(a.Type.IsRef() && ps[k].IsRef()) {
			return nil, fmt.Errorf("%s: argument %d is %s, expected %s", f.Name, k, a.Type, ps[k])
		}
		lo, hi := s.rt.Slots(a)
		slots = append(slots, lo)
		if ps[k].Kind == syntax.KindV128 {
			slots = append(slots, hi)
		}
	}
	return exec.NewExecution(s.rt, f, slots, s.limits), nil
}

// Invoke calls the exported function and runs it to completion.
func (i *Instance) Invoke(export string, args ...Value) ([]Value, error) {
	ex, err := i.Call(export, args...)
	if err != nil {
		return nil, err
	}
	if _, err := ex.Run(-1); err != nil {
		return nil, err
	}
	return ex.Results(), nil
}

// Export returns the entity exported under name.
func (i *Instance) Export(name string) (Extern, bool) {
	e, ok := i.rt.Exports[name]
	return e, ok
}

// Memory returns the bytes of memory idx (nil when there is none). The
// slice is valid until the memory next grows.
func (i *Instance) Memory(idx int) []byte {
	if idx < 0 || idx >= len(i.rt.Mems) {
		return nil
	}
	return i.rt.Mems[idx].Data
}

// Globals returns the current values of the instance's globals, by index.
func (i *Instance) Globals() []Value {
	vs := make([]Value, len(i.rt.Globals))
	for k, g := range i.rt.Globals {
		vs[k] = i.store.rt.ValueOf(g.Type.Type, g.Lo, g.Hi)
	}
	return vs
}

// Global returns the value of the global exported under name.
func (i *Instance) Global(name string) (Value, error) {
	ext, ok := i.rt.Exports[name]
	if !ok || ext.Kind != syntax.ExternGlobal {
		return Value{}, fmt.Errorf("no exported global %q", name)
	}
	g := ext.Global
	return i.store.rt.ValueOf(g.Type.Type, g.Lo, g.Hi), nil
}

// I32 returns an i32 value.
func I32(v int32) Value { return Value{Type: syntax.I32, Lo: uint64(uint32(v))} }

// I64 returns an i64 value.
func I64(v int64) Value { return Value{Type: syntax.I64, Lo: uint64(v)} }

// F32 returns an f32 value.
func F32(v float32) Value { return Value{Type: syntax.F32, Lo: uint64(math.Float32bits(v))} }

// F64 returns an f64 value.
func F64(v float64) Value { return Value{Type: syntax.F64, Lo: math.Float64bits(v)} }

// V128 returns a v128 value from its low and high 64 bits.
func V128(lo, hi uint64) Value { return Value{Type: syntax.V128, Lo: lo, Hi: hi} }

func validate(m *syntax.Module) error { return valid.Validate(m) }

// Budget returns the store's host-memory account (see Config.MemoryBudget).
func (s *Store) Budget() *Budget { return s.rt.Budget }
