// Package runner runs a WASI program on the engine: it instantiates a
// module over a WASI system, calls what the WASI application ABI says to
// call and in what order, drives the calls in slices that can be paused
// and stopped, and says how the run ended as a typed Result. The command
// line (run and debug), the page, the <wasm-scope> element and bench/ all
// run programs through it, so they agree on what running a module means.
//
// # The sequence
//
// One semantics for every front end, after the WASI application ABI
// (WebAssembly/WASI, legacy/application-abi.md):
//
//   - The start function, when the module has one, runs first: the core
//     specification makes it part of instantiation.
//   - A command is a module that exports _start. With nothing invoked,
//     _start runs, and its returning is exit status 0. An invoked export
//     runs instead of _start (the ABI's multi-call commands).
//   - Every other module is a reactor. Its _initialize, when it exports
//     one, runs once before any other export is called; then the invoked
//     export. With nothing invoked the run ends Ready: the instance is
//     initialized and live, and Resume calls its exports.
//   - A module with neither _start nor _initialize is a reactor with
//     nothing to initialize: its start function runs, and it ends Ready.
//   - A module that exports both _start and _initialize is refused
//     before it is instantiated (Failed): the ABI makes the two kinds
//     exclusive and asks implementations to report such a module.
//   - proc_exit, in any step (the start function and _initialize
//     included), ends the whole run with its code (Exited). Nothing after
//     it is called: the process it models is gone.
//   - A trap, or an exception no handler caught, ends the run Trapped,
//     with the Wasm stack; Stop ends it Stopped; an instantiation the
//     store's memory budget cannot hold is Refused.
//
// # RATIONALE
//
// Place. vm/ holds the engine's stages, named after the specification's
// chapters, and knows nothing of WASI; the wasi package holds WASI's host
// functions and knows nothing of a program's life. The sequence joins the
// two, so it is a package of its own beside the host functions it
// sequences, under wasi/ (the project's top level is fixed). It is public
// because bench/ is a Go module of its own and embedders want the same
// sequence.
//
// Semantics. wasmtime's run, the reference most people compare with,
// calls _initialize whenever it is exported, then the invoked export or
// _start, and exits 0 when there is nothing to call. We agree except for
// a module exporting both (wasmtime runs _initialize then _start; the ABI
// and Node's WASI refuse it, and so do we: such a module was linked
// wrongly, and guessing hides that). Before this package the command
// line refused a reactor run without --invoke while the page quietly
// initialized it; both now initialize it and report Ready, which the
// command line turns into a note and status 0, as wasmtime's status.
//
// Driving. Run.Advance takes the function that advances the current
// execution: ex.Run(fuel) for slices, ex.Step for one instruction, or a
// debugger's command. The command line's run, its debugger and bench/
// each keep their own way of running code (the debugger records and
// replays host calls) and share the sequence, the move from one step to
// the next and the classification of how it ended. The page's session
// (package playground) takes the steps (Plan), the instantiation and the
// classification (Classify) and moves between steps itself, its stepping
// being reshaped around vm/debug.
//
// Results are typed (Kind, with the exit code, the values, the trap and
// its stack, or the error) rather than text: the front ends format them
// (vm.FormatValue for values, vm.FuncLabel for functions) and never read
// a description back.
package runner
