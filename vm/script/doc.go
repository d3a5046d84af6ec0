// Package script runs .wast scripts, the specification's test format: it
// executes the commands of a parsed script (package text) on the engine
// (package vm) and reports, per script, how many commands passed, failed or
// were skipped, with a "file:line: expected ..., got ..." line for each
// failure. The CLI's `wasmscope wast` is Main.
//
// # RATIONALE
//
// Every command counts, not only assertions: a module that must
// instantiate, a register and a bare invoke can fail too, and a failure
// there explains the failures after it.
//
// Each stage of a module assertion is checked at its own stage:
// assert_malformed must fail in the decoder or the parser, assert_invalid
// must decode or parse and then fail to compile, assert_unlinkable must fail
// in Instantiate with something other than a trap, and assert_trap on a
// module must trap in Instantiate (segment initialization) or in the start
// function. A module that fails one stage early does not pass an assertion
// about a later one.
//
// Trap messages are matched by containment: the engine's message must
// contain the script's text (the reference interpreter's), so an engine may
// add detail but not say something else. Link errors are matched the same
// way ("unknown import" is not "incompatible import type"). For malformed
// and invalid modules the stage is what the specification fixes; a message
// that differs from the reference interpreter's is listed in Result.Notes,
// not failed. A trap in an invoked Wasm function must also carry a stack
// trace whose outermost frame is that function.
//
// The 2.0 and 3.0 suites disagree about some modules: a memory index
// byte, a 64-bit limit or an extended constant expression is malformed or
// invalid in 2.0 and fine in 3.0. The runner follows 3.0 by default, the
// current edition; Options.Wasm2 (`wasmscope wast --wasm2`) switches the
// parser, decoder and validator to 2.0's rules for the 2.0 suite.
//
// The spectest host module is written in WAT (globals, table, memory) with
// its print functions imported from Go and re-exported, so it links through
// the same path as any registered instance and needs no host-global or
// host-table API from the engine.
//
// Options.Slice runs every execution in slices of a few instructions, and
// Options.Observe attaches a checking observer (see checker): the suite must
// give the same verdicts either way, which tests that pausing and
// observation do not change what a program computes. Options.Budget bounds
// every execution, so a script the engine gets wrong cannot hang a run.
package script
