package text

import (
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// space is an index space of a module.
type space uint8

const (
	spType space = iota
	spFunc
	spTable
	spMem
	spGlobal
	spTag
	spElem
	spData
	numSpaces
)

// Names as the reference interpreter's messages spell them: "duplicate
// func $f", "unknown function $f".
var (
	spaceKeyword = [numSpaces]string{"type", "func", "table", "memory", "global", "tag", "elem", "data"}
	spaceNoun    = [numSpaces]string{"type", "function", "table", "memory", "global", "tag", "elem segment", "data segment"}
)

// modParser parses one module. It runs in two passes over the fields: the
// first assigns every index and binds every $id (so fields may refer to
// later ones), the second builds the entries.
type modParser struct {
	*parser
	m        *syntax.Module
	ids      [numSpaces]map[string]uint32
	count    [numSpaces]uint32
	fieldIDs map[uint32]map[string]uint32 // struct type index -> field $id -> field index
	fields   []int                        // token index of each field's '('
	defSeen  string                       // first non-import definition, for "import after func"
	nextIdx  [numSpaces]uint32            // second pass: next index per space
	// sm, when not nil, records source positions (ParseModuleWithPositions);
	// field is the token of the '(' of the field being built.
	sm    *SourceMap
	field token
}

// ParseModule parses a .wat module: one (module ...) form, or bare fields.
// Symbolic references are resolved; numeric ones are left for the validator.
func ParseModule(src []byte, filename string) (*syntax.Module, error) {
	return ParseModuleWith(src, filename, Options{})
}

// ParseModuleWith is ParseModule with options.
func ParseModuleWith(src []byte, filename string, opt Options) (*syntax.Module, error) {
	p, err := newParser(src, filename, opt)
	if err != nil {
		return nil, err
	}
	return parseModule(p, nil)
}

// parseModule parses a whole .wat text, recording positions in sm unless
// it is nil.
func parseModule(p *parser, sm *SourceMap) (*syntax.Module, error) {
	wrapped := p.peekForm("module")
	name := ""
	if wrapped {
		p.i += 2
		id, _, _, err := p.optID()
		if err != nil {
			return nil, err
		}
		name = id
	}
	m, err := parseFields(p, sm)
	if err != nil {
		return nil, err
	}
	m.Names.Module = name
	if wrapped {
		if err := p.expectR(); err != nil {
			return nil, err
		}
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.unexpected(t, "end of input")
	}
	return m, nil
}

// parseFields parses module fields from p up to a ')' or the end,
// recording positions in sm unless it is nil.
func parseFields(p *parser, sm *SourceMap) (*syntax.Module, error) {
	mp := &modParser{parser: p, m: &syntax.Module{}, fieldIDs: map[uint32]map[string]uint32{}, sm: sm}
	for s := range mp.ids {
		mp.ids[s] = map[string]uint32{}
	}
	if err := mp.scan(); err != nil {
		return nil, err
	}
	end := p.i
	if err := mp.build(); err != nil {
		return nil, err
	}
	p.i = end
	return mp.m, nil
}

// bind records $id name for index idx of space s.
func (mp *modParser) bind(s space, name string, t token, idx uint32) error {
	if _, dup := mp.ids[s][name]; dup {
		return mp.errAt(t, "duplicate %s $%s", spaceKeyword[s], name)
	}
	mp.ids[s][name] = idx
	n := &mp.m.Names
	var names *map[uint32]string
	switch s {
	case spType:
		names = &n.Types
	case spFunc:
		names = &n.Funcs
	case spTable:
		names = &n.Tables
	case spMem:
		names = &n.Mems
	case spGlobal:
		names = &n.Globals
	case spTag:
		names = &n.Tags
	case spElem:
		names = &n.Elems
	case spData:
		names = &n.Datas
	}
	if *names == nil {
		*names = map[uint32]string{}
	}
	(*names)[idx] = name
	return nil
}

// declare assigns the next index of space s, binding the optional $id that
// follows.
func (mp *modParser) declare(s space) error {
	name, t, ok, err := mp.optID()
	if err != nil {
		return err
	}
	idx := mp.count[s]
	mp.count[s]++
	if ok {
		return mp.bind(s, name, t, idx)
	}
	return nil
}

var spaceOfKeyword = map[string]space{"func": spFunc, "table": spTable, "memory": spMem, "global": spGlobal, "tag": spTag}

// scan is the first pass: it finds the fields, assigns indices and binds
// ids, leaving p after the last field.
func (mp *modParser) scan() error {
	p := mp.parser
	for p.peek().kind == tLParen {
		start := p.i
		mp.fields = append(mp.fields, start)
		kwTok := p.peekAt(1)
		p.i += 2
		kw := p.text(kwTok)
		if kwTok.kind != tAtom {
			return p.unexpected(kwTok, "a module field")
		}
		switch kw {
		case "type":
			if err := mp.declare(spType); err != nil {
				return err
			}
		case "rec":
			for p.peekForm("type") {
				p.i += 2
				if err := mp.declare(spType); err != nil {
					return err
				}
				if err := p.skipForm(); err != nil {
					return err
				}
			}
		case "func", "table", "memory", "global", "tag":
			s := spaceOfKeyword[kw]
			if err := mp.declare(s); err != nil {
				return err
			}
			for p.peekForm("export") {
				p.i += 2
				if err := p.skipForm(); err != nil {
					return err
				}
			}
			if p.peekForm("import") {
				if mp.defSeen != "" {
					return p.errAt(p.peek(), "import after %s", spaceNoun[spaceOfKeyword[mp.defSeen]])
				}
			} else {
				if mp.defSeen == "" {
					mp.defSeen = kw
				}
				// Inline segments take an index among the segments.
				for k := p.i; p.toks[k].kind != tRParen && p.toks[k].kind != tEOF; {
					if p.toks[k].kind == tLParen {
						if s == spTable && p.is(p.toks[k+1], "elem") {
							mp.count[spElem]++
						}
						if s == spMem && p.is(p.toks[k+1], "data") {
							mp.count[spData]++
						}
						k = mp.matching(k) + 1
						continue
					}
					k++
				}
			}
		case "import":
			if mp.defSeen != "" {
				return p.errAt(kwTok, "import after %s", spaceNoun[spaceOfKeyword[mp.defSeen]])
			}
			for k := 0; k < 2 && p.peek().kind == tString; k++ {
				p.i++
			}
			if p.peek().kind == tLParen {
				if s, ok := spaceOfKeyword[p.text(p.peekAt(1))]; ok {
					p.i += 2
					if err := mp.declare(s); err != nil {
						return err
					}
				}
			}
		case "elem":
			if err := mp.declare(spElem); err != nil {
				return err
			}
		case "data":
			if err := mp.declare(spData); err != nil {
				return err
			}
		case "export", "start":
		default:
			return p.unexpected(kwTok, "a module field")
		}
		p.i = start + 1
		if err := p.skipForm(); err != nil {
			return err
		}
	}
	return nil
}

// matching returns the index of the ')' closing the '(' at token k.
func (mp *modParser) matching(k int) int {
	depth := 0
	for ; k < len(mp.toks); k++ {
		switch mp.toks[k].kind {
		case tLParen:
			depth++
		case tRParen:
			depth--
			if depth == 0 {
				return k
			}
		case tEOF:
			return k - 1
		}
	}
	return k - 1
}

// build is the second pass: types first (their indices come before any
// type a type use creates), then every other field in order.
func (mp *modParser) build() error {
	p := mp.parser
	for _, f := range mp.fields {
		if kw := p.text(p.toks[f+1]); kw == "type" || kw == "rec" {
			p.i = f
			before := mp.counts()
			if err := mp.typeField(); err != nil {
				return err
			}
			mp.recordField(p.toks[f], before)
		}
	}
	for _, f := range mp.fields {
		p.i = f
		mp.field = p.toks[f]
		before := mp.counts()
		var err error
		switch p.text(p.toks[f+1]) {
		case "type", "rec":
			continue
		case "func":
			err = mp.funcField()
		case "table":
			err = mp.tableField()
		case "memory":
			err = mp.memoryField()
		case "global":
			err = mp.globalField()
		case "tag":
			err = mp.tagField()
		case "import":
			err = mp.importField()
		case "export":
			err = mp.exportField()
		case "start":
			err = mp.startField()
		case "elem":
			err = mp.elemField()
		case "data":
			err = mp.dataField()
		}
		if err != nil {
			return err
		}
		mp.recordField(mp.field, before)
	}
	return nil
}

// fieldCounts are the lengths of a module's lists, by FieldKind; imports
// are counted in their kind's index space as well as in FieldImport.
type fieldCounts [numFieldKinds]int

func (mp *modParser) counts() fieldCounts {
	var c fieldCounts
	if mp.sm == nil {
		return c
	}
	m := mp.m
	c[FieldType], c[FieldImport], c[FieldExport] = len(m.Types), len(m.Imports), len(m.Exports)
	c[FieldFunc], c[FieldTable], c[FieldMemory] = len(m.Funcs), len(m.Tables), len(m.Mems)
	c[FieldTag], c[FieldGlobal], c[FieldElem], c[FieldData] = len(m.Tags), len(m.Globals), len(m.Elems), len(m.Datas)
	if m.Start != nil {
		c[FieldStart] = 1
	}
	return c
}

// importKinds is the index space FieldKind of each import kind.
var importKinds = map[syntax.ExternKind]FieldKind{
	syntax.ExternFunc: FieldFunc, syntax.ExternTable: FieldTable, syntax.ExternMemory: FieldMemory,
	syntax.ExternGlobal: FieldGlobal, syntax.ExternTag: FieldTag,
}

// recordField gives every entry the field starting at t added (the counts
// were before) t's position. Entries are appended in index order, imports
// first, since the text format puts imports before definitions.
func (mp *modParser) recordField(t token, before fieldCounts) {
	if mp.sm == nil {
		return
	}
	after := mp.counts()
	for k := range after {
		for n := before[k]; n < after[k]; n++ {
			mp.sm.fields[k] = append(mp.sm.fields[k], t.start)
		}
	}
	for _, im := range mp.m.Imports[before[FieldImport]:] {
		k := importKinds[im.Kind]
		mp.sm.fields[k] = append(mp.sm.fields[k], t.start)
	}
}

// at records t as the position of the instruction appended next.
func (mp *modParser) at(t token) {
	if mp.sm != nil {
		mp.sm.offs = append(mp.sm.offs, t.start)
	}
}

// mark returns where the next expression's positions start.
func (mp *modParser) mark() int {
	if mp.sm == nil {
		return 0
	}
	return len(mp.sm.offs)
}

// expr records the positions from start on as those of the expression
// (kind, idx, item).
func (mp *modParser) expr(kind FieldKind, idx uint32, item int, start int) {
	if mp.sm != nil {
		mp.sm.exprs[exprKey{kind, int(idx), item}] = span{start, len(mp.sm.offs) - start}
	}
}

// index reads a reference into space s: a $id bound in the module or a
// number (left unchecked for the validator).
func (mp *modParser) index(s space) (uint32, error) {
	t := mp.peek()
	if t.kind == tID {
		name, err := mp.idName(t)
		if err != nil {
			return 0, err
		}
		idx, ok := mp.ids[s][name]
		if !ok {
			return 0, mp.errAt(t, "unknown %s $%s", spaceNoun[s], name)
		}
		mp.i++
		return idx, nil
	}
	if !mp.isNat(t) {
		return 0, mp.unexpected(t, "a "+spaceNoun[s]+" index")
	}
	v, err := mp.nat(32)
	return uint32(v), err
}

// isIndex reports whether the next token is an index ($id or number).
func (mp *modParser) isIndex() bool {
	t := mp.peek()
	return t.kind == tID || mp.isNat(t)
}

// optIndex reads an index of space s if one follows, else 0.
func (mp *modParser) optIndex(s space) (uint32, error) {
	if mp.isIndex() {
		return mp.index(s)
	}
	return 0, nil
}

var numTypes = map[string]syntax.ValType{
	"i32": syntax.I32, "i64": syntax.I64, "f32": syntax.F32, "f64": syntax.F64, "v128": syntax.V128,
}

// refShorthands are the abbreviations (ref null h) of the abstract types.
var refShorthands = map[string]syntax.HeapType{
	"funcref": syntax.HeapFunc, "externref": syntax.HeapExtern, "anyref": syntax.HeapAny,
	"eqref": syntax.HeapEq, "i31ref": syntax.HeapI31, "structref": syntax.HeapStruct,
	"arrayref": syntax.HeapArray, "nullref": syntax.HeapNone, "nullfuncref": syntax.HeapNoFunc,
	"nullexternref": syntax.HeapNoExtern, "exnref": syntax.HeapExn, "nullexnref": syntax.HeapNoExn,
}

func (mp *modParser) valType() (syntax.ValType, error) {
	t := mp.peek()
	if t.kind == tAtom {
		s := mp.text(t)
		if v, ok := numTypes[s]; ok {
			mp.i++
			return v, nil
		}
		if h, ok := refShorthands[s]; ok {
			mp.i++
			return syntax.RefType(true, h), nil
		}
	}
	if mp.peekForm("ref") {
		return mp.refTypeForm()
	}
	return syntax.ValType{}, mp.unexpected(t, "a value type")
}

// refType reads a reference type: a shorthand or (ref null? ht).
func (mp *modParser) refType() (syntax.ValType, error) {
	t := mp.peek()
	if t.kind == tAtom {
		if h, ok := refShorthands[mp.text(t)]; ok {
			mp.i++
			return syntax.RefType(true, h), nil
		}
	}
	if mp.peekForm("ref") {
		return mp.refTypeForm()
	}
	return syntax.ValType{}, mp.unexpected(t, "a reference type")
}

func (mp *modParser) refTypeForm() (syntax.ValType, error) {
	mp.i += 2
	null := false
	if mp.is(mp.peek(), "null") {
		null = true
		mp.i++
	}
	h, err := mp.heapType()
	if err != nil {
		return syntax.ValType{}, err
	}
	return syntax.RefType(null, h), mp.expectR()
}

func (mp *modParser) heapType() (syntax.HeapType, error) {
	t := mp.peek()
	if t.kind == tAtom {
		if h, ok := syntax.HeapTypeByName[mp.text(t)]; ok {
			mp.i++
			return h, nil
		}
	}
	if t.kind == tID || mp.isNat(t) {
		x, err := mp.index(spType)
		if x > 1<<30 {
			return 0, mp.errAt(t, "type index %d out of range", x)
		}
		return syntax.HeapType(x), err
	}
	return 0, mp.unexpected(t, "a heap type")
}

// params reads (param ...)* and returns the types and, per parameter, its
// $id ("" for none) and the id's token.
func (mp *modParser) params(withIDs bool) ([]syntax.ValType, []string, []token, error) {
	var types []syntax.ValType
	var names []string
	var toks []token
	for mp.peekForm("param") {
		mp.i += 2
		if t := mp.peek(); t.kind == tID {
			if !withIDs {
				return nil, nil, nil, mp.unexpected(t, "a value type")
			}
			name, _, _, err := mp.optID()
			if err != nil {
				return nil, nil, nil, err
			}
			vt, err := mp.valType()
			if err != nil {
				return nil, nil, nil, err
			}
			types, names, toks = append(types, vt), append(names, name), append(toks, t)
		} else {
			for mp.peek().kind != tRParen {
				vt, err := mp.valType()
				if err != nil {
					return nil, nil, nil, err
				}
				types, names, toks = append(types, vt), append(names, ""), append(toks, t)
			}
		}
		if err := mp.expectR(); err != nil {
			return nil, nil, nil, err
		}
	}
	return types, names, toks, nil
}

func (mp *modParser) results() ([]syntax.ValType, error) {
	var types []syntax.ValType
	for mp.peekForm("result") {
		mp.i += 2
		for mp.peek().kind != tRParen {
			vt, err := mp.valType()
			if err != nil {
				return nil, err
			}
			types = append(types, vt)
		}
		mp.i++
	}
	return types, nil
}

// funcTypeIndex returns the first type that is exactly the plain function
// type ft (final, no supertypes, alone in its recursion group), appending
// one at the end when there is none.
func (mp *modParser) funcTypeIndex(ft syntax.FuncType) uint32 {
	for i, t := range mp.m.Types {
		if t.Kind == syntax.CompFunc && t.Final && len(t.Supers) == 0 && t.RecSize == 1 && t.Func.Equal(ft) {
			return uint32(i)
		}
	}
	n := uint32(len(mp.m.Types))
	mp.m.Types = append(mp.m.Types, syntax.SubType{Final: true, Kind: syntax.CompFunc, Func: ft, RecStart: n, RecSize: 1})
	return n
}

// typeUse is the result of reading a type use.
type typeUse struct {
	idx        uint32
	paramNames []string // nil when the type came from (type x) alone
	paramToks  []token
	nparams    int
}

// typeUse reads (type x)? (param ...)* (result ...)*. When (type x) comes
// with inline declarations they must spell the same signature.
func (mp *modParser) typeUse(withIDs bool) (typeUse, error) {
	var tu typeUse
	explicit := false
	at := mp.peek()
	if mp.peekForm("type") {
		mp.i += 2
		x, err := mp.index(spType)
		if err != nil {
			return tu, err
		}
		if err := mp.expectR(); err != nil {
			return tu, err
		}
		tu.idx, explicit = x, true
	}
	ps, names, toks, err := mp.params(withIDs)
	if err != nil {
		return tu, err
	}
	rs, err := mp.results()
	if err != nil {
		return tu, err
	}
	if mp.peekForm("param") || mp.peekForm("type") {
		return tu, mp.unexpected(mp.peek(), "")
	}
	ft := syntax.FuncType{Params: ps, Results: rs}
	tu.paramNames, tu.paramToks, tu.nparams = names, toks, len(ps)
	if !explicit {
		tu.idx = mp.funcTypeIndex(ft)
		return tu, nil
	}
	if int(tu.idx) < len(mp.m.Types) && mp.m.Types[tu.idx].Kind == syntax.CompFunc {
		declared := mp.m.Types[tu.idx].Func
		if len(ps) == 0 && len(rs) == 0 {
			tu.nparams = len(declared.Params)
			tu.paramNames = make([]string, tu.nparams)
			tu.paramToks = make([]token, tu.nparams)
			return tu, nil
		}
		if !declared.Equal(ft) {
			return tu, mp.errAt(at, "inline function type does not match (type %d) %s", tu.idx, declared)
		}
		return tu, nil
	}
	if len(ps) != 0 || len(rs) != 0 {
		return tu, mp.errAt(at, "inline function type given for unknown type %d", tu.idx)
	}
	return tu, nil
}

// inlineExports reads (export "name")* for entity idx of kind k.
func (mp *modParser) inlineExports(k syntax.ExternKind, idx uint32) error {
	for mp.peekForm("export") {
		mp.i += 2
		n, err := mp.name()
		if err != nil {
			return err
		}
		mp.m.Exports = append(mp.m.Exports, syntax.Export{Name: n, Kind: k, Index: idx})
		if err := mp.expectR(); err != nil {
			return err
		}
	}
	return nil
}

// inlineImport reads (import "m" "n") if present.
func (mp *modParser) inlineImport() (mod, name string, ok bool, err error) {
	if !mp.peekForm("import") {
		return "", "", false, nil
	}
	mp.i += 2
	if mod, err = mp.name(); err != nil {
		return
	}
	if name, err = mp.name(); err != nil {
		return
	}
	return mod, name, true, mp.expectR()
}

// fieldStart enters a field: '(' keyword, and the optional $id that was
// bound in the first pass. It returns the entity's index in space s.
func (mp *modParser) fieldStart(s space) (uint32, error) {
	mp.i += 2
	if _, _, _, err := mp.optID(); err != nil {
		return 0, err
	}
	idx := mp.nextIdx[s]
	mp.nextIdx[s]++
	return idx, nil
}
