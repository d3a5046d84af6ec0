package debuginfo

import (
	"debug/dwarf"
	"fmt"
	"strconv"
	"strings"
)

// Var is a variable or parameter of a function's scope.
type Var struct {
	Name  string
	Type  dwarf.Type // nil when DWARF gives none
	Param bool       // a formal parameter
	File  string     // where it is declared
	Line  int

	Func     *Func
	location any // DW_AT_location as debug/dwarf gives it; nil when absent
	class    dwarf.Class
	constVal any    // DW_AT_const_value
	typeName string // the name a pointer type's entry gives itself (debug/dwarf drops it)
}

// TypeName returns the variable's type as C spells it ("int",
// "struct point *", "char[16]", "const char *"), or as the compiler named
// it where it did ("&prog::Point"), or "?" when DWARF gives none. (debug/dwarf's String spells them as Go does: "*struct point".)
func (v *Var) TypeName() string {
	if v.typeName != "" {
		return v.typeName
	}
	return TypeName(v.Type)
}

// TypeName returns t as C spells it; see Var.TypeName.
func TypeName(t dwarf.Type) string {
	return typeName(t, 0)
}

func typeName(t dwarf.Type, depth int) string {
	if t == nil {
		return "?"
	}
	if depth > maxDepth {
		return "..."
	}
	switch u := t.(type) {
	case *dwarf.PtrType:
		inner := typeName(u.Type, depth+1)
		if strings.HasSuffix(inner, "*") {
			return inner + "*"
		}
		return inner + " *"
	case *dwarf.ArrayType:
		dims := ""
		for {
			if u.Count >= 0 {
				dims += "[" + strconv.FormatInt(u.Count, 10) + "]"
			} else {
				dims += "[]"
			}
			next, ok := u.Type.(*dwarf.ArrayType)
			if !ok {
				break
			}
			u = next
		}
		return typeName(u.Type, depth+1) + dims
	case *dwarf.QualType:
		return u.Qual + " " + typeName(u.Type, depth+1)
	case *dwarf.VoidType:
		return "void"
	}
	return t.String()
}

// Vars returns the variables in scope at module offset off in frame f (one
// of Frames(off)): its parameters, then its local variables, including
// those of the lexical blocks that hold off, outermost block first. The
// variables of functions inlined into f belong to their own frames.
func (in *Info) Vars(f *Func, off uint32) (vars []*Var, err error) {
	defer recoverAs(&err, "variables in .debug_info")
	in.mu.Lock()
	defer in.mu.Unlock()
	r := in.data.Reader()
	r.Seek(f.offset)
	e, err := r.Next()
	if err != nil {
		return nil, err
	}
	if e == nil || !e.Children {
		return nil, nil
	}
	depth := 0
	for {
		e, err := r.Next()
		if err != nil {
			return nil, err
		}
		if e == nil {
			return vars, nil
		}
		switch e.Tag {
		case 0:
			if depth == 0 {
				return vars, nil
			}
			depth--
			continue
		case dwarf.TagFormalParameter, dwarf.TagVariable:
			vars = append(vars, in.newVar(f, e))
		case dwarf.TagLexDwarfBlock:
			rs, err := in.data.Ranges(e)
			if err != nil {
				return nil, fmt.Errorf("lexical block at .debug_info+%#x: %w", e.Offset, err)
			}
			inside := false
			for _, rg := range in.toRanges(rs) {
				inside = inside || rg.Contains(off)
			}
			if inside && e.Children {
				depth++
				continue
			}
		}
		if e.Children {
			r.SkipChildren()
		}
	}
}

// newVar reads a variable's entry, taking what it lacks from its abstract
// origin (the variables of an inlined copy name and type themselves there).
func (in *Info) newVar(f *Func, e *dwarf.Entry) *Var {
	v := &Var{Func: f, Param: e.Tag == dwarf.TagFormalParameter}
	if fld := e.AttrField(dwarf.AttrLocation); fld != nil {
		v.location, v.class = fld.Val, fld.Class
	}
	v.constVal = e.Val(dwarf.AttrConstValue)
	r := in.data.Reader()
	for hops := 0; e != nil && hops < 8; hops++ {
		if v.Name == "" {
			v.Name, _ = e.Val(dwarf.AttrName).(string)
		}
		if v.Type == nil {
			if t, ok := e.Val(dwarf.AttrType).(dwarf.Offset); ok {
				v.Type, _ = in.data.Type(t)
				_, ptr := v.Type.(*dwarf.PtrType)
				if ptr || f.unit.rust {
					// rustc names its types as Rust spells them ("&str",
					// "&prog::Point", "Point", "f64"); debug/dwarf drops a
					// pointer's name and spells the rest as C does.
					tr := in.data.Reader()
					tr.Seek(t)
					if te, _ := tr.Next(); te != nil {
						v.typeName, _ = te.Val(dwarf.AttrName).(string)
					}
				}
			}
		}
		if v.File == "" {
			if u := in.unitAt(e.Offset); u != nil {
				v.File, v.Line = u.file(e.Val(dwarf.AttrDeclFile)), intVal(e.Val(dwarf.AttrDeclLine))
			}
		}
		o, ok := e.Val(dwarf.AttrAbstractOrigin).(dwarf.Offset)
		if !ok {
			break
		}
		r.Seek(o)
		e, _ = r.Next()
	}
	return v
}

// Locate returns where v is at module offset off, reading the frame state
// st where the location expression needs a value from it (the frame base,
// a DW_OP_deref). A location list with no entry for off, or no location at
// all, gives an optimized-out location.
func (in *Info) Locate(v *Var, off uint32, st State) (loc Location, err error) {
	defer recoverAs(&err, "location of "+v.Name)
	out := Location{Pieces: []Piece{{Kind: OptimizedOut}}}
	expr, ok, err := in.expression(v, off)
	if err != nil {
		return Location{}, err
	}
	if !ok {
		switch x := v.constVal.(type) {
		case int64:
			return Location{Pieces: []Piece{{Kind: InValue, Value: uint64(x)}}}, nil
		case []byte:
			return Location{Pieces: []Piece{{Kind: InValue, Bytes: x}}}, nil
		}
	}
	if len(expr) == 0 {
		return out, nil
	}
	c := &evalContext{in: in, u: v.Func.unit, st: st, frameBase: in.frameBase(v.Func, st)}
	loc, err = c.eval(expr)
	if err != nil {
		return Location{}, fmt.Errorf("location of %s: %w", v.Name, err)
	}
	return loc, nil
}

// Expression returns the DWARF location expression that says where v is
// at module offset off, as llvm-dwarfdump prints it ("DW_OP_fbreg +12",
// "DW_OP_WASM_location 0x0 0x2, DW_OP_stack_value"), for a debugger's
// "where is it" answer; "" when v has no location there (optimized out,
// or a constant).
func (in *Info) Expression(v *Var, off uint32) (text string, err error) {
	defer recoverAs(&err, "location of "+v.Name)
	expr, _, err := in.expression(v, off)
	if err != nil || len(expr) == 0 {
		return "", err
	}
	return Disassemble(expr, v.Func.unit.addrSizeOr4()), nil
}

// expression returns v's location expression at off; ok is false when v
// has no DW_AT_location at all.
func (in *Info) expression(v *Var, off uint32) (expr []byte, ok bool, err error) {
	switch v.class {
	case dwarf.ClassExprLoc, dwarf.ClassBlock:
		expr, _ = v.location.([]byte)
		return expr, true, nil
	case dwarf.ClassLocListPtr, dwarf.ClassLocList:
		a, ok := in.addrOf(off)
		if !ok {
			return nil, true, nil
		}
		var o uint64
		switch x := v.location.(type) {
		case int64:
			o = uint64(x)
		case uint64:
			o = x
		}
		expr, err := in.locExpr(v.Func.unit, o, v.class == dwarf.ClassLocList, a)
		if err != nil {
			return nil, true, fmt.Errorf("location list of %s: %w", v.Name, err)
		}
		return expr, true, nil
	}
	return nil, false, nil
}

// frameBase returns a function computing the frame base of f's
// out-of-line function (the one that holds the inlined copies).
func (in *Info) frameBase(f *Func, st State) func() (uint64, error) {
	for f.Inside != nil {
		f = f.Inside
	}
	return func() (uint64, error) {
		expr, ok := f.frameBase.([]byte)
		if !ok || len(expr) == 0 {
			return 0, fmt.Errorf("%s has no DW_AT_frame_base expression", f.Name)
		}
		c := &evalContext{in: in, u: f.unit, st: st}
		loc, err := c.eval(expr)
		if err != nil {
			return 0, err
		}
		switch p := loc.Pieces[0]; p.Kind {
		case InValue:
			return p.Value, nil
		case InMemory:
			return p.Addr, nil
		}
		return 0, fmt.Errorf("the frame base of %s is not available", f.Name)
	}
}
