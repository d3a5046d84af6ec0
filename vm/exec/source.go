package exec

import (
	"sync"

	"github.com/wasmscope/wasmscope/vm/binary"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Source is where compiled code finds the syntax of its instructions: the
// module's bytes, decoded one function body at a time when something asks
// (a trap's offset, a trace's event, a debugger's listing), with the few
// bodies asked for last kept decoded. A module decoded with its bodies
// (syntax.Func.Body set) serves those instead. Compiled code keeps only
// what execution needs (see the package's RATIONALE).
//
// A Source may be used by several goroutines at once (a compiled module
// is shared by the stores that instantiate it).
type Source struct {
	bin []byte
	mod *syntax.Module
	cfg binary.Config

	mu    sync.Mutex
	cache [bodyCache]cachedBody
	next  int // the cache entry replaced next
}

// bodyCache is how many decoded bodies a Source keeps: enough for a call
// chain being stepped through or a trace's visible rows, few enough that a
// huge function costs its syntax only while it is looked at.
const bodyCache = 8

type cachedBody struct {
	def  int // the defined function's index plus one; 0: empty
	body []syntax.Instr
}

// NewSource returns the source of module m decoded from bin under cfg.
// Functions whose Body is nil are decoded from bin when needed; bin must
// not change while the source is in use.
func NewSource(bin []byte, m *syntax.Module, cfg binary.Config) *Source {
	return &Source{bin: bin, mod: m, cfg: cfg}
}

// Module returns the module's structure (its bodies possibly nil).
func (s *Source) Module() *syntax.Module { return s.mod }

// Bytes returns the module's binary encoding (nil when it was given as
// syntax with its bodies).
func (s *Source) Bytes() []byte { return s.bin }

// Body returns the instructions of defined function def (m.Funcs[def]).
// The slice is shared: do not modify it.
func (s *Source) Body(def int) ([]syntax.Instr, error) {
	f := &s.mod.Funcs[def]
	if f.Body != nil {
		return f.Body, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.cache {
		if c.def == def+1 {
			return c.body, nil
		}
	}
	b, err := binary.DecodeBody(s.bin, s.mod, def, s.cfg, nil)
	if err != nil {
		return nil, err
	}
	s.cache[s.next] = cachedBody{def: def + 1, body: b}
	s.next = (s.next + 1) % bodyCache
	return b, nil
}

// scratchBody returns the instructions of defined function def decoded
// into buf (reused: valid until the next call with the same buf), without
// touching the cache: compiling and validating read every body once.
func (s *Source) scratchBody(def int, buf *[]syntax.Instr) ([]syntax.Instr, error) {
	f := &s.mod.Funcs[def]
	if f.Body != nil {
		return f.Body, nil
	}
	b, err := binary.DecodeBody(s.bin, s.mod, def, s.cfg, *buf)
	if err == nil {
		*buf = b
	}
	return b, err
}

// Scratch returns a function that decodes defined function i's body into
// one reused buffer, for a validator that reads every body once
// (valid.Config.Body).
func (s *Source) Scratch() func(i int) ([]syntax.Instr, error) {
	var buf []syntax.Instr
	return func(i int) ([]syntax.Instr, error) { return s.scratchBody(i, &buf) }
}
