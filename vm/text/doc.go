// Package text reads and writes the WebAssembly text format: it parses WAT
// modules into the shared module structure (package syntax), parses WAST
// scripts into commands for the script runner, and prints modules back as
// WAT with each instruction's module byte offset kept for the page.
//
// Entry points: ParseModule (a .wat file), ParseModuleWithPositions (the
// same with a SourceMap of where each field and instruction was written,
// for placing validation errors), ParseScript (a .wast file),
// Print / Lines / PrintFunc (module to text), FormatInstr and Formatter
// (one instruction, for traces). Errors are *Error values that print as
// file:line:col: message.
//
// # RATIONALE
//
// Lexing. The lexer turns the whole source into tokens kept as byte
// offsets, so the parser can look ahead freely and allocates only the
// token slice. Comments and annotations (@id ...) are dropped there:
// annotations may stand between any two tokens and the core format gives
// them no meaning. A run of identifier characters glued to a string or to
// characters like ',' is a "reserved" token, which the grammar never
// accepts (0$x, "a""b").
//
// Two passes. A module's fields may refer to fields defined after them, so
// the parser first walks the fields to assign every index and bind every
// $id (also the element and data segments that inline (elem ...) and
// (data ...) abbreviations create), then builds the entries. Type
// definitions are built before everything else; type uses without (type x)
// take the first identical plain function type or append one, in the order
// the uses occur, as the specification's abbreviation rule says.
//
// What is malformed. Symbolic references ($f) are resolved at parse time
// and an unbound one is an error; numeric references are left for the
// validator, which is where the specification puts them. Messages follow
// the reference interpreter's wording ("unknown operator", "unexpected
// token", "constant out of range", "mismatching label", "inline function
// type", "duplicate func", "unknown label"), so the spec suite's
// assert_malformed texts match; every other word in a message says which
// token and why.
//
// Editions. The one grammar difference between Wasm 2.0 and 3.0 that the
// suites test is the range of memory/table limits and memarg offsets: u32
// literals in 2.0 (larger ones malformed), u64 in 3.0 (larger than the
// address type allows is invalid). The zero Options read 3.0; Options.Wasm2
// reads 2.0 for the 2.0 suite.
//
// Same binary as wat2wasm. Where the text leaves the binary encoding open,
// the parser picks what Debian's wat2wasm picks, so that text parsed here
// and text compiled by wat2wasm decode to equal modules: a block's
// (type x) whose type has no parameters and at most one result becomes
// the short block type, and element segments written as function indices
// have type (ref func) (the binary format's elemkind 0x00), except the
// inline segment of a typed table, which takes the table's type. Checked by
// hand with wast2json over the spec suites: 3651 text modules of the 2.0
// suite and 3565 of the 3.0 suite decode equal; the exceptions are
// wat2wasm's (two invalid modules it encodes without a data count section,
// one (ref $t) local it misencodes, and 70 3.0 scripts it cannot read).
//
// Source positions. ParseModuleWithPositions records one int32 byte offset
// per instruction, in one flat slice, and per expression (function body,
// initializer, segment offset or element item) where its run starts, keyed
// by field kind and index the way the validator counts them; lines and
// columns are computed only when asked. An instruction is placed at its
// keyword, also when folded (its operands come first in the body but
// after it in the text); an end without a keyword of its own at the ')'
// that closes the block, if or function; an element given as a function
// index at that index. Fields are placed at their '(' by comparing the
// module's list lengths before and after each field, so the field parsers
// need not know. Without a SourceMap (ParseModule, scripts) every record
// call is one nil test, so parsing is no slower.
//
// Printing. Instructions are printed flat, one per line, with blocks
// indented, not folded: each line then holds exactly one instruction and
// one module byte offset, which is what the page needs to highlight the
// running instruction. Names come from the name section (or the $ids of a
// parsed module); a name used twice in an index space, or a label shadowed
// by an inner label of the same name, is printed as an index so the text
// parses back to the same module. Floats print in the shortest decimal
// that reads back to the same bits (NaN payloads as nan:0x...), v128
// constants as four exact i32 lanes.
package text
