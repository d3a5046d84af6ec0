// Package valid checks that a module is valid by the WebAssembly
// specification's validation rules, before it is compiled: types and
// subtypes, limits, imports and exports, constant expressions, segments,
// and every function body with the spec's operand and control stacks.
//
// Errors name the place and carry the reference interpreter's message:
// "func 3 ($fib) at offset 0x1a3: type mismatch: expected i32, found i64".
// Error.Msg alone starts with the spec's text, so a script runner can
// compare it with an assert_invalid expectation as a prefix. The place is
// also data (Error.Field, Index, Item, Instr and Op), which a caller that
// knows the module's source maps back to it: vm.CompileText turns it into
// the line and column of a text module.
//
// Wasm 2.0 is covered completely, and Wasm 3.0's additions (typed function
// references, tail calls, exceptions, multiple and 64-bit memories and
// tables, extended constant expressions, GC types and instructions). Type
// equivalence is iso-recursive: each recursion group is reduced to a
// canonical key, so equivalent types compare by one number.
//
// # RATIONALE
//
// A failed check panics with an *Error that the function or expression
// checker recovers; checks stay one line each, and no other panic is
// swallowed. FuzzValidate holds the package to never panicking otherwise.
//
// Locals are kept as runs (count, type), searched by binary search, since a
// function may declare billions of locals in a few bytes.
//
// Config.Wasm2 keeps the 2.0 rules that 3.0 relaxed (one memory, constant
// expressions without arithmetic and reading only imported globals), so the
// 2.0 suite's assert_invalid cases hold.
package valid
