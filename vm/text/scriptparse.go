package text

import (
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// ParseScript parses a .wast script. Text modules are parsed here; binary
// and quoted modules are kept as given, for the runner to decode or parse
// (and, in assert_malformed, to see fail).
func ParseScript(src []byte, filename string) (*Script, error) {
	return ParseScriptWith(src, filename, Options{})
}

// moduleFields are the keywords of module fields: a script made of bare
// fields is one module.
var moduleFields = map[string]bool{
	"type": true, "rec": true, "func": true, "table": true, "memory": true, "global": true,
	"tag": true, "import": true, "export": true, "start": true, "elem": true, "data": true,
}

// ParseScriptWith is ParseScript with options, which apply to the text
// modules of the script.
func ParseScriptWith(src []byte, filename string, opt Options) (*Script, error) {
	p, err := newParser(src, filename, opt)
	if err != nil {
		return nil, err
	}
	s := &Script{Filename: filename}
	if t := p.peekAt(1); p.peek().kind == tLParen && t.kind == tAtom && moduleFields[p.text(t)] {
		pos := p.posOf(p.peek())
		m, err := parseFields(p, nil)
		if err != nil {
			return nil, err
		}
		if t := p.peek(); t.kind != tEOF {
			return nil, p.unexpected(t, "end of input")
		}
		s.Commands = append(s.Commands, &ScriptModule{Pos: pos, Source: ModuleText, Text: m})
		return s, nil
	}
	for p.peek().kind != tEOF {
		c, err := p.command()
		if err != nil {
			return nil, err
		}
		s.Commands = append(s.Commands, c)
	}
	return s, nil
}

func (p *parser) posOf(t token) Pos { return p.lx.pos(int(t.start)) }

// command parses one top-level form.
func (p *parser) command() (Command, error) {
	at := p.peek()
	if at.kind != tLParen {
		return nil, p.unexpected(at, "'('")
	}
	kw := p.peekAt(1)
	pos := p.posOf(at)
	switch p.text(kw) {
	case "module":
		if p.is(p.peekAt(2), "instance") {
			p.i += 3
			inst := &Instance{Pos: pos}
			var err error
			if inst.Name, _, _, err = p.optID(); err != nil {
				return nil, err
			}
			if inst.Module, _, _, err = p.optID(); err != nil {
				return nil, err
			}
			return inst, p.expectR()
		}
		return p.scriptModule()
	case "register":
		p.i += 2
		r := &Register{Pos: pos}
		var err error
		if r.As, err = p.name(); err != nil {
			return nil, err
		}
		if r.Module, _, _, err = p.optID(); err != nil {
			return nil, err
		}
		return r, p.expectR()
	case "invoke", "get":
		return p.action()
	case "assert_return":
		p.i += 2
		a, err := p.action()
		if err != nil {
			return nil, err
		}
		c := &AssertReturn{Pos: pos, Action: a}
		for p.peek().kind == tLParen {
			r, err := p.result()
			if err != nil {
				return nil, err
			}
			c.Results = append(c.Results, r)
		}
		return c, p.expectR()
	case "assert_trap":
		p.i += 2
		c := &AssertTrap{Pos: pos}
		var err error
		if p.peekForm("module") {
			c.Module, err = p.scriptModule()
		} else {
			c.Action, err = p.action()
		}
		if err != nil {
			return nil, err
		}
		if c.Message, err = p.str(); err != nil {
			return nil, err
		}
		return c, p.expectR()
	case "assert_exhaustion":
		p.i += 2
		a, err := p.action()
		if err != nil {
			return nil, err
		}
		c := &AssertExhaustion{Pos: pos, Action: a}
		if c.Message, err = p.str(); err != nil {
			return nil, err
		}
		return c, p.expectR()
	case "assert_exception":
		p.i += 2
		a, err := p.action()
		if err != nil {
			return nil, err
		}
		return &AssertException{Pos: pos, Action: a}, p.expectR()
	case "assert_malformed", "assert_invalid", "assert_unlinkable", "assert_uninstantiable":
		p.i += 2
		kind := map[string]AssertKind{
			"assert_malformed": AssertMalformed, "assert_invalid": AssertInvalid,
			"assert_unlinkable": AssertUnlinkable, "assert_uninstantiable": AssertUninstantiable,
		}[p.text(kw)]
		m, err := p.scriptModule()
		if err != nil {
			return nil, err
		}
		c := &AssertModule{Pos: pos, Kind: kind, Module: m}
		if c.Message, err = p.str(); err != nil {
			return nil, err
		}
		return c, p.expectR()
	}
	return nil, p.unexpected(kw, "a script command")
}

// scriptModule parses (module definition? $id? (binary|quote)? ...).
func (p *parser) scriptModule() (*ScriptModule, error) {
	at := p.peek()
	if !p.peekForm("module") {
		return nil, p.unexpected(at, "'(module'")
	}
	p.i += 2
	sm := &ScriptModule{Pos: p.posOf(at)}
	if p.is(p.peek(), "definition") {
		sm.Definition = true
		p.i++
	}
	var err error
	if sm.Name, _, _, err = p.optID(); err != nil {
		return nil, err
	}
	switch t := p.peek(); {
	case p.is(t, "binary"), p.is(t, "quote"):
		p.i++
		var b []byte
		for p.peek().kind == tString {
			s, err := p.str()
			if err != nil {
				return nil, err
			}
			b = append(b, s...)
		}
		if p.is(t, "binary") {
			sm.Source, sm.Binary = ModuleBinary, b
		} else {
			sm.Source, sm.Quote = ModuleQuote, string(b)
		}
	default:
		m, err := parseFields(p, nil)
		if err != nil {
			return nil, err
		}
		m.Names.Module = sm.Name
		sm.Source, sm.Text = ModuleText, m
	}
	return sm, p.expectR()
}

// action parses (invoke $mod? "name" const*) or (get $mod? "name").
func (p *parser) action() (*Action, error) {
	at := p.peek()
	if err := p.expectL(); err != nil {
		return nil, err
	}
	kw := p.next()
	a := &Action{Pos: p.posOf(at)}
	switch {
	case p.is(kw, "invoke"):
		a.Kind = ActionInvoke
	case p.is(kw, "get"):
		a.Kind = ActionGet
	default:
		return nil, p.unexpected(kw, "'invoke' or 'get'")
	}
	var err error
	if a.Module, _, _, err = p.optID(); err != nil {
		return nil, err
	}
	if a.Name, err = p.name(); err != nil {
		return nil, err
	}
	if a.Kind == ActionInvoke {
		for p.peek().kind == tLParen {
			r, err := p.constant(false)
			if err != nil {
				return nil, err
			}
			a.Args = append(a.Args, r.Value)
		}
	}
	return a, p.expectR()
}

// result parses an expected result.
func (p *parser) result() (Result, error) {
	if p.peekForm("either") {
		p.i += 2
		r := Result{Kind: ResultEither}
		for p.peek().kind == tLParen {
			alt, err := p.result()
			if err != nil {
				return r, err
			}
			r.Either = append(r.Either, alt)
		}
		return r, p.expectR()
	}
	return p.constant(true)
}

var refPatterns = map[string]RefKind{
	"ref.func": RefFunc, "ref.any": RefAny, "ref.eq": RefEq, "ref.struct": RefStruct,
	"ref.array": RefArray, "ref.i31": RefI31, "ref.exn": RefExn,
}

// constant parses a constant form; patterns (NaN kinds, lane patterns,
// reference classes) are allowed only in results.
func (p *parser) constant(pattern bool) (Result, error) {
	if err := p.expectL(); err != nil {
		return Result{}, err
	}
	kw := p.next()
	name := p.text(kw)
	var r Result
	var err error
	mp := &modParser{parser: p}
	switch name {
	case "i32.const":
		r.Value.Type = syntax.I32
		r.Value.Lo, err = mp.intConst(32)
	case "i64.const":
		r.Value.Type = syntax.I64
		r.Value.Lo, err = mp.intConst(64)
	case "f32.const", "f64.const":
		n := 32
		r.Value.Type = syntax.F32
		if name == "f64.const" {
			n, r.Value.Type = 64, syntax.F64
		}
		if k, ok := p.nanPattern(pattern); ok {
			r.Kind = k
		} else {
			r.Value.Lo, err = mp.floatConst(n)
		}
	case "v128.const":
		r.Value.Type = syntax.V128
		r, err = p.v128Pattern(mp, pattern)
	case "ref.null":
		r.Value = Value{Type: syntax.RefType(true, syntax.HeapAny), Ref: RefNull}
		if p.peek().kind == tRParen && pattern {
			r.Kind = ResultRef
			break
		}
		var h syntax.HeapType
		if h, err = p.scriptHeapType(); err == nil {
			r.Value.Type = syntax.RefType(true, h)
		}
	case "ref.extern", "ref.host":
		r.Value = Value{Type: syntax.RefType(false, syntax.HeapExtern), Ref: RefExtern}
		if name == "ref.host" {
			r.Value = Value{Type: syntax.RefType(false, syntax.HeapAny), Ref: RefHost}
		}
		if p.peek().kind == tRParen && pattern {
			r.Kind = ResultRef
			break
		}
		r.Value.Lo, err = p.nat(32)
	default:
		k, ok := refPatterns[name]
		if !pattern || !ok {
			return r, p.unexpected(kw, "a constant")
		}
		r.Kind = ResultRef
		r.Value = Value{Type: syntax.RefType(false, syntax.HeapAny), Ref: k}
		// A pattern may name what it expects, (ref.func $f); any
		// reference of the class matches.
		for p.peek().kind != tRParen && p.peek().kind != tEOF {
			p.i++
		}
	}
	if err != nil {
		return r, err
	}
	return r, p.expectR()
}

// scriptHeapType reads the heap type of a script's ref.null: an abstract
// type keyword (scripts have no type indices).
func (p *parser) scriptHeapType() (syntax.HeapType, error) {
	t := p.peek()
	if h, ok := syntax.HeapTypeByName[p.text(t)]; ok && t.kind == tAtom {
		p.i++
		return h, nil
	}
	return 0, p.unexpected(t, "a heap type")
}

// nanPattern reads nan:canonical or nan:arithmetic when allowed.
func (p *parser) nanPattern(pattern bool) (ResultKind, bool) {
	if !pattern {
		return 0, false
	}
	switch t := p.peek(); {
	case p.is(t, "nan:canonical"):
		p.i++
		return ResultNaNCanonical, true
	case p.is(t, "nan:arithmetic"):
		p.i++
		return ResultNaNArithmetic, true
	}
	return 0, false
}

// v128Pattern reads the lanes of a v128.const; in a result float lanes may
// be NaN patterns, which makes the result a ResultLanes.
func (p *parser) v128Pattern(mp *modParser, pattern bool) (Result, error) {
	r := Result{Value: Value{Type: syntax.V128}}
	t := p.peek()
	sh, ok := shapes[p.text(t)]
	if t.kind != tAtom || !ok {
		return r, p.unexpected(t, "a vector shape (i8x16, i16x8, i32x4, i64x2, f32x4, f64x2)")
	}
	p.i++
	w := sh.LaneBits()
	lanes := make([]Lane, sh.Lanes())
	bitsOf := make([]uint64, sh.Lanes())
	patterned := false
	for i := range lanes {
		var err error
		if sh == F32x4 || sh == F64x2 {
			if k, ok := p.nanPattern(pattern); ok {
				lanes[i].Kind = k
				patterned = true
				continue
			}
			bitsOf[i], err = mp.floatConst(w)
		} else {
			bitsOf[i], err = mp.intConst(w)
		}
		if err != nil {
			return r, err
		}
		lanes[i].Bits = bitsOf[i]
	}
	r.Value.Lo, r.Value.Hi = packLanes(bitsOf, w)
	if patterned {
		r.Kind, r.Shape, r.Lanes = ResultLanes, sh, lanes
	}
	return r, nil
}
