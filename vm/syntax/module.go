package syntax

// ExternKind says what an import or export refers to. The values are the
// binary format's codes.
type ExternKind uint8

// Kinds of imports and exports.
const (
	ExternFunc   ExternKind = 0
	ExternTable  ExternKind = 1
	ExternMemory ExternKind = 2
	ExternGlobal ExternKind = 3
	ExternTag    ExternKind = 4
)

func (k ExternKind) String() string {
	switch k {
	case ExternFunc:
		return "func"
	case ExternTable:
		return "table"
	case ExternMemory:
		return "memory"
	case ExternGlobal:
		return "global"
	case ExternTag:
		return "tag"
	}
	return "extern?"
}

// Module is a decoded or parsed module. Imported entities come first in each
// index space: function index i < NumImportedFuncs() refers to an import.
type Module struct {
	Types   []SubType
	Imports []Import
	Funcs   []Func // defined functions (not imports)
	Tables  []Table
	Mems    []MemType
	Globals []Global
	Tags    []TagType
	Exports []Export
	Start   *uint32
	Elems   []Elem
	Datas   []Data
	// DataCount is the data count section's value, when present.
	DataCount *uint32
	Customs   []Custom
	Names     Names
}

// Import is one entry of the import section.
type Import struct {
	Module, Name string
	Kind         ExternKind
	Func         uint32 // ExternFunc: type index
	Table        TableType
	Mem          MemType
	Global       GlobalType
	Tag          TagType
	Offset       uint32 // module byte offset of the entry (0 when not known)
}

// Export is one entry of the export section.
type Export struct {
	Name  string
	Kind  ExternKind
	Index uint32
}

// Local is a run of locals of one type, as the code section declares them.
type Local struct {
	Count uint32
	Type  ValType
}

// Func is a defined function: its type and its code.
type Func struct {
	Type   uint32
	Locals []Local
	// Body ends with the function's final End. It is nil when the module
	// was decoded without bodies (binary.Config.LazyBodies): DecodeBody
	// in package binary reads it from the module's bytes.
	Body []Instr
	// Offset is the module byte offset of the code entry's size field,
	// BodyOffset that of its first local declaration, End that just past
	// its final end (all 0 when not known).
	Offset, BodyOffset, End uint32
}

// Table is a defined table; Init, when not nil, is the expression that
// initializes every element (Wasm 3.0), else elements start null.
type Table struct {
	Type TableType
	Init Expr
}

// Global is a defined global and its constant initializer.
type Global struct {
	Type GlobalType
	Init Expr
}

// Expr is a constant or function-body expression: instructions without the
// final End.
type Expr []Instr

// SegmentMode says how an element or data segment is used.
type SegmentMode uint8

// Segment modes.
const (
	SegActive SegmentMode = iota
	SegPassive
	SegDeclarative // element segments only
)

// Elem is an element segment. Its items are kept as constant expressions
// (ref.func i, ref.null t, or any constant expression of Type).
type Elem struct {
	Mode   SegmentMode
	Table  uint32
	Offset Expr // SegActive
	Type   ValType
	Init   []Expr
}

// Data is a data segment.
type Data struct {
	Mode   SegmentMode
	Mem    uint32
	Offset Expr // SegActive
	Init   []byte
	// InitOffset is the module byte offset of Init[0] (0 when not known);
	// the page uses it to show where memory bytes came from.
	InitOffset uint32
}

// Custom is a custom section other than "name", kept verbatim.
type Custom struct {
	Name string
	Data []byte
	// After is the id of the known section this one followed (0 when it
	// came first), so the encoder can put it back in place.
	After uint8
}

// Names holds the name section's contents (or the text format's $ids).
type Names struct {
	Module string
	Funcs  map[uint32]string
	Locals map[uint32]map[uint32]string // function index -> local index -> name
	// Other index spaces, by the extended name section's subsection ids.
	Labels  map[uint32]map[uint32]string
	Types   map[uint32]string
	Tables  map[uint32]string
	Mems    map[uint32]string
	Globals map[uint32]string
	Elems   map[uint32]string
	Datas   map[uint32]string
	Tags    map[uint32]string
	Fields  map[uint32]map[uint32]string
}

// NumImported counts the imports of kind k.
func (m *Module) NumImported(k ExternKind) int {
	n := 0
	for i := range m.Imports {
		if m.Imports[i].Kind == k {
			n++
		}
	}
	return n
}

// FuncType returns the signature of function index i (imports first), or
// false when i is out of range or does not name a function type.
func (m *Module) FuncType(i uint32) (FuncType, bool) {
	for _, im := range m.Imports {
		if im.Kind != ExternFunc {
			continue
		}
		if i == 0 {
			return m.typeAt(im.Func)
		}
		i--
	}
	if int(i) >= len(m.Funcs) {
		return FuncType{}, false
	}
	return m.typeAt(m.Funcs[i].Type)
}

func (m *Module) typeAt(t uint32) (FuncType, bool) {
	if int(t) >= len(m.Types) || m.Types[t].Kind != CompFunc {
		return FuncType{}, false
	}
	return m.Types[t].Func, true
}

// FuncName returns the name of function index i from the name section, or
// "" when it has none.
func (m *Module) FuncName(i uint32) string { return m.Names.Funcs[i] }
