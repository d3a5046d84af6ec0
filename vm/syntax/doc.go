// Package syntax defines the abstract structure of a WebAssembly module: its
// types, index spaces, instructions and segments, the way the specification's
// "Structure" chapter does. The binary decoder and the text parser produce it;
// the validator, the compiler, the encoder and the printer consume it.
//
// The structure covers Wasm 2.0 and the constructs of Wasm 3.0 (typed and GC
// references, exceptions, multiple and 64-bit memories, tail calls), so both
// formats can be read even where the engine does not yet execute them.
package syntax
