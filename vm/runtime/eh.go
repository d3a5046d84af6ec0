package runtime

import (
	"strconv"
	"strings"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// Tag is a tag instance (Wasm 3.0 exception handling): an exception's
// identity. Two tags are the same tag only when they are the same *Tag, as
// two instantiations of one module define different tags.
type Tag struct {
	Type syntax.FuncType // parameters: the exception's payload
	// TypeID is the canonical ID of Type (import matching compares it).
	TypeID uint32
	// Name is what messages call the tag: module.name for an exported or
	// imported one, else its $id or tag[i].
	Name string
}

// Exception is a Wasm exception: a tag and its payload (slot values, v128
// as two). As an error it is an exception no handler caught; Stack is the
// Wasm stack trace where it was thrown, innermost first.
type Exception struct {
	Tag     *Tag
	Payload Fields
	Stack   []StackFrame
	header
}

// Error says that the exception was not caught, naming its tag.
func (x *Exception) Error() string { return "uncaught exception: tag " + x.Tag.Name }

// Trace returns the message followed by the Wasm stack trace where the
// exception was thrown, formatted like a trap's.
func (x *Exception) Trace() string { return x.AsTrap().Trace() }

// AsTrap returns the uncaught exception as the trap that ends a run: its
// message names the tag, its stack is where the exception was thrown.
func (x *Exception) AsTrap() *Trap { return &Trap{Msg: x.Error(), Stack: x.Stack} }

// Values returns the payload as values of the tag's parameter types.
func (x *Exception) Values(s *Store) []Value {
	vs := make([]Value, len(x.Tag.Type.Params))
	k := 0
	for i, t := range x.Tag.Type.Params {
		var hi uint64
		lo := x.Payload.Get(s, k)
		if t.Kind == syntax.KindV128 {
			hi = x.Payload.Num[k+1]
			k++
		}
		k++
		vs[i] = s.ValueOf(t, lo, hi)
	}
	return vs
}

// TagName is the name messages give tag i of m, as FuncName does for
// functions: its $id (one $, whatever the name section holds), else
// tag[i].
func TagName(m *syntax.Module, i uint32) string {
	if n := strings.TrimLeft(m.Names.Tags[i], "$"); n != "" {
		return "$" + n
	}
	return "tag[" + strconv.FormatUint(uint64(i), 10) + "]"
}
