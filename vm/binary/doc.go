// Package binary converts between the WebAssembly binary format and the
// module structure of package syntax: Decode reads a .wasm module, Encode
// writes one.
//
// Decoding rejects malformed input with an *Error carrying the module byte
// offset and the message the spec's reference interpreter gives, so the
// suite's assert_malformed expectations can be checked as message prefixes.
// Every decoded instruction records the module offset of its opcode.
//
// # RATIONALE
//
// Failure is signalled inside the decoder by panicking with an *Error and
// recovering it once in DecodeConfig (any other panic is re-raised). The
// alternative, an error return on every byte and LEB128 read, doubles the
// code and slows the per-instruction loop; the recover keeps the "no input
// panics" promise at the package boundary, which FuzzDecode checks.
//
// Reads are bounded by the end of the module, not by the enclosing section,
// as in the reference interpreter: a section or function that runs past its
// declared size is reported as "section size mismatch" where it ends, which
// is the message the suite expects for a missing end opcode.
//
// Function bodies are cut from one large slab of instructions sized from
// the code section (about one instruction per two bytes), so decoding a
// large module costs a few allocations rather than one per function growth.
//
// The name section is parsed into syntax.Names; when it is malformed it is
// kept as an opaque custom section instead, because the spec treats custom
// sections as uninterpreted and a bad one must not reject the module.
//
// Config.Wasm2 exists because a few encodings mean different things in the
// two versions (memory.size's reserved zero byte became a memory index,
// limits flags gained bits, memarg alignment gained a memory-index bit), so
// the 2.0 suite's malformed cases are only malformed under 2.0 rules.
package binary
