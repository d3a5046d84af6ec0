package text

import (
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Script is a parsed .wast file: its commands in order.
type Script struct {
	Filename string
	Commands []Command
}

// Command is one top-level form of a script. Its dynamic type is one of
// *ScriptModule, *Instance, *Register, *Action, *AssertReturn, *AssertTrap,
// *AssertExhaustion, *AssertException or *AssertModule.
type Command interface {
	// Position is where the command's opening parenthesis is.
	Position() Pos
}

// ModuleSource says in which form a script gives a module.
type ModuleSource uint8

// Module forms.
const (
	// ModuleText is (module ...) with fields: Text holds the parsed module.
	ModuleText ModuleSource = iota
	// ModuleBinary is (module binary "..."): Binary holds the bytes.
	ModuleBinary
	// ModuleQuote is (module quote "..."): Quote holds the concatenated
	// source text, which the runner hands to ParseModule (the suite's
	// assert_malformed cases expect that to fail).
	ModuleQuote
)

// ScriptModule is a module in a script, standing alone (define and
// instantiate it) or inside an assertion.
type ScriptModule struct {
	Pos
	// Name is the module's $id without the '$', "" when it has none.
	Name   string
	Source ModuleSource
	Text   *syntax.Module // ModuleText
	Binary []byte         // ModuleBinary
	Quote  string         // ModuleQuote
	// Definition is set for Wasm 3.0's (module definition ...): the module
	// is only defined; (module instance ...) commands instantiate it.
	Definition bool
}

// Instance is Wasm 3.0's (module instance $inst $def): instantiate the
// module defined as Module (a definition's name, "" for the latest) and
// name the instance Name ("" when unnamed).
type Instance struct {
	Pos
	Name, Module string
}

// Register is (register "as" $mod?): make the instance named Module (""
// for the latest) importable under the module name As.
type Register struct {
	Pos
	As, Module string
}

// ActionKind says what an action does.
type ActionKind uint8

// Action kinds.
const (
	ActionInvoke ActionKind = iota // call an exported function
	ActionGet                      // read an exported global
)

// Action is (invoke $mod? "name" args...) or (get $mod? "name"). As a
// command of its own, the runner performs it and ignores its results.
type Action struct {
	Pos
	Kind ActionKind
	// Module is the instance's name without '$', "" for the latest.
	Module string
	Name   string
	Args   []Value // ActionInvoke
}

// RefKind says which reference a Value or an expected Result holds.
type RefKind uint8

// Reference kinds. In a Value only RefNull, RefExtern and RefHost occur; the
// others are result patterns matching any non-null reference of that class.
const (
	RefNone   RefKind = iota // not a reference
	RefNull                  // ref.null t (in a result, t may be absent: any null)
	RefExtern                // ref.extern N: a host value numbered N, as externref
	RefHost                  // ref.host N: a host value numbered N, as anyref
	RefFunc                  // ref.func: any function reference
	RefAny                   // ref.any
	RefEq                    // ref.eq
	RefStruct                // ref.struct
	RefArray                 // ref.array
	RefI31                   // ref.i31
	RefExn                   // ref.exn
)

// Value is a constant in a script: an argument of an invoke, or an exact
// expected result.
//
// Numbers keep their bits in Lo (two's complement integers, IEEE floats with
// f32 in the low 32 bits). A v128 keeps its low 64 bits in Lo, the high in
// Hi (little endian, lane 0 lowest). A reference has Ref set: RefNull with
// Type the null's type (ref null ht), RefExtern and RefHost with the host
// value's number in Lo.
type Value struct {
	Type syntax.ValType
	Lo   uint64
	Hi   uint64
	Ref  RefKind
}

// ResultKind says how an expected result is matched.
type ResultKind uint8

// Result kinds.
const (
	// ResultExact: the value must equal Value bit for bit (numbers, v128,
	// ref.null t, ref.extern N, ref.host N).
	ResultExact ResultKind = iota
	// ResultNaNCanonical: a canonical NaN of type Value.Type (f32 or f64).
	ResultNaNCanonical
	// ResultNaNArithmetic: an arithmetic NaN of type Value.Type.
	ResultNaNArithmetic
	// ResultLanes: a v128 matched lane by lane in Shape (some lanes NaN
	// patterns).
	ResultLanes
	// ResultRef: any reference of class Value.Ref: a non-null one for
	// RefFunc, RefExtern (without a number), RefAny, RefEq, RefStruct,
	// RefArray, RefI31, RefExn; any null for RefNull (ref.null with no type).
	ResultRef
	// ResultEither: any one of the alternatives in Either.
	ResultEither
)

// Shape is a v128 lane interpretation.
type Shape uint8

// Lane shapes.
const (
	I8x16 Shape = iota
	I16x8
	I32x4
	I64x2
	F32x4
	F64x2
)

// Lanes returns the number of lanes of the shape.
func (s Shape) Lanes() int { return [...]int{16, 8, 4, 2, 4, 2}[s] }

// LaneBits returns the width of one lane in bits.
func (s Shape) LaneBits() int { return 128 / s.Lanes() }

func (s Shape) String() string {
	return [...]string{"i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2"}[s]
}

// Lane is the expected content of one v128 lane in a ResultLanes.
type Lane struct {
	Kind ResultKind // ResultExact, ResultNaNCanonical or ResultNaNArithmetic
	Bits uint64     // ResultExact: the lane's bits, zero-extended
}

// Result is one expected result of an assert_return.
type Result struct {
	Kind   ResultKind
	Value  Value    // ResultExact; ResultNaN*: Type; ResultRef: Ref
	Shape  Shape    // ResultLanes
	Lanes  []Lane   // ResultLanes, Shape.Lanes() of them
	Either []Result // ResultEither
}

// AssertReturn is (assert_return action results...).
type AssertReturn struct {
	Pos
	Action  *Action
	Results []Result
}

// AssertTrap is (assert_trap action "msg") or (assert_trap module "msg"),
// the latter a module whose instantiation traps (in its start function or
// its segment initialization). Exactly one of Action and Module is set.
type AssertTrap struct {
	Pos
	Action  *Action
	Module  *ScriptModule
	Message string
}

// AssertExhaustion is (assert_exhaustion action "msg"): the call runs out of
// stack.
type AssertExhaustion struct {
	Pos
	Action  *Action
	Message string
}

// AssertException is (assert_exception action): the call ends by throwing
// a Wasm exception.
type AssertException struct {
	Pos
	Action *Action
}

// AssertKind says which assertion about a module an AssertModule makes.
type AssertKind uint8

// Module assertion kinds.
const (
	AssertMalformed      AssertKind = iota // decoding or parsing fails
	AssertInvalid                          // validation fails
	AssertUnlinkable                       // linking imports fails
	AssertUninstantiable                   // instantiation fails (not by a trap)
)

func (k AssertKind) String() string {
	return [...]string{"assert_malformed", "assert_invalid", "assert_unlinkable", "assert_uninstantiable"}[k]
}

// AssertModule is assert_malformed, assert_invalid, assert_unlinkable or
// assert_uninstantiable: the module must fail at that stage, ideally with
// Message (the spec's reference interpreter's text).
type AssertModule struct {
	Pos
	Kind    AssertKind
	Module  *ScriptModule
	Message string
}
