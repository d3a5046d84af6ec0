package text

import "github.com/wasmscope/wasmscope/vm/syntax"

// FieldKind is a kind of module field, for SourceMap.Field.
type FieldKind uint8

// The kinds of fields a SourceMap places.
const (
	FieldType FieldKind = iota
	FieldImport
	FieldFunc
	FieldTable
	FieldMemory
	FieldTag
	FieldGlobal
	FieldExport
	FieldStart
	FieldElem
	FieldData
	numFieldKinds
)

// SourceMap gives the source positions of a parsed module's fields and
// instructions, so that errors found after parsing (by the validator) can
// name a line and column. Field indices count as the validator's do: in
// the index space, imports first, for functions, tables, memories, globals
// and tags; in the module's lists otherwise.
type SourceMap struct {
	lx *lexer
	// fields holds the byte offset of the '(' of the field that defined
	// each entry, per kind.
	fields [numFieldKinds][]int32
	// offs holds the byte offset of every instruction's keyword (or of the
	// token standing for it), one expression after another.
	offs []int32
	// exprs maps an expression to its instructions' run in offs.
	exprs map[exprKey]span
}

// exprKey names an expression: a function body (FieldFunc), a global's or
// table's initializer, or a segment's offset (item -1) or element item.
type exprKey struct {
	kind      FieldKind
	idx, item int
}

// span is a run of offs.
type span struct{ start, n int }

// ParseModuleWithPositions is ParseModuleWith that also returns where in
// the source each field and instruction of the module was written.
func ParseModuleWithPositions(src []byte, filename string, opt Options) (*syntax.Module, *SourceMap, error) {
	p, err := newParser(src, filename, opt)
	if err != nil {
		return nil, nil, err
	}
	sm := &SourceMap{lx: p.lx, exprs: map[exprKey]span{}}
	m, err := parseModule(p, sm)
	if err != nil {
		return nil, nil, err
	}
	return m, sm, nil
}

// Field returns the position of the field that defined entry idx of kind
// k (for FieldStart, idx is 0), and false when there is none.
func (sm *SourceMap) Field(k FieldKind, idx int) (Pos, bool) {
	if k >= numFieldKinds || idx < 0 || idx >= len(sm.fields[k]) {
		return Pos{}, false
	}
	return sm.lx.pos(int(sm.fields[k][idx])), true
}

// Instr returns the position of instruction k of function funcIdx's body.
func (sm *SourceMap) Instr(funcIdx uint32, k int) (Pos, bool) {
	return sm.ExprInstr(FieldFunc, int(funcIdx), -1, k)
}

// ExprInstr returns the position of instruction k of an expression: the
// body of function idx (kind FieldFunc), the initializer of global or
// table idx, the offset expression of element or data segment idx (item
// -1), or item item of element segment idx. False when the expression has
// no instruction k (a constant expression's implicit end).
func (sm *SourceMap) ExprInstr(kind FieldKind, idx, item, k int) (Pos, bool) {
	r, ok := sm.exprs[exprKey{kind, idx, item}]
	if !ok || k < 0 || k >= r.n {
		return Pos{}, false
	}
	return sm.lx.pos(int(sm.offs[r.start+k])), true
}
