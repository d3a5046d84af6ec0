package binary

import "github.com/wasmscope/wasmscope/vm/syntax"

// Name subsection ids (the extended name section proposal's numbering).
const (
	nameModule = 0
	nameFuncs  = 1
	nameLocals = 2
	nameLabels = 3
	nameTypes  = 4
	nameTables = 5
	nameMems   = 6
	nameGlobal = 7
	nameElems  = 8
	nameDatas  = 9
	nameFields = 10
	nameTags   = 11
)

// parseNames reads the name section's contents; ok is false when they are
// malformed, in which case the caller keeps the bytes as an opaque section.
func parseNames(data []byte) (n syntax.Names, ok bool) {
	defer func() {
		if p := recover(); p != nil {
			if _, isErr := p.(*Error); !isErr {
				panic(p)
			}
			n, ok = syntax.Names{}, false
		}
	}()
	r := &reader{b: data}
	last := -1
	for !r.eof() {
		pos := r.pos
		id := int(r.byte())
		if id <= last {
			r.fail(pos, "name subsections out of order")
		}
		last = id
		size := r.length()
		end := r.pos + size
		sub := &reader{b: data[:end], pos: r.pos}
		switch id {
		case nameModule:
			n.Module = sub.name()
		case nameFuncs:
			n.Funcs = nameMap(sub)
		case nameLocals:
			n.Locals = indirectNameMap(sub)
		case nameLabels:
			n.Labels = indirectNameMap(sub)
		case nameTypes:
			n.Types = nameMap(sub)
		case nameTables:
			n.Tables = nameMap(sub)
		case nameMems:
			n.Mems = nameMap(sub)
		case nameGlobal:
			n.Globals = nameMap(sub)
		case nameElems:
			n.Elems = nameMap(sub)
		case nameDatas:
			n.Datas = nameMap(sub)
		case nameFields:
			n.Fields = indirectNameMap(sub)
		case nameTags:
			n.Tags = nameMap(sub)
		default:
			// An unknown subsection is skipped, as tools do.
			sub.pos = end
		}
		if sub.pos != end {
			r.fail(pos, msgSizeMismach)
		}
		r.pos = end
	}
	return n, true
}

func nameMap(r *reader) map[uint32]string {
	n := r.length()
	m := make(map[uint32]string, n)
	for i := 0; i < n; i++ {
		pos := r.pos
		idx := r.u32()
		if _, dup := m[idx]; dup {
			r.fail(pos, "duplicate name")
		}
		m[idx] = r.name()
	}
	return m
}

func indirectNameMap(r *reader) map[uint32]map[uint32]string {
	n := r.length()
	m := make(map[uint32]map[uint32]string, n)
	for i := 0; i < n; i++ {
		pos := r.pos
		idx := r.u32()
		if _, dup := m[idx]; dup {
			r.fail(pos, "duplicate name")
		}
		m[idx] = nameMap(r)
	}
	return m
}
