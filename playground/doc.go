// Package playground is the platform-neutral logic of the wasmscope page:
// a Session loads a module (binary or WAT, detected), describes it,
// configures a run (args, environment, a stdin stream that blocks until
// fed, files placed in an in-memory filesystem), runs it in slices with
// Pause, Step, Step over, Step out, Continue and Stop under the engine's
// debugger (breakpoints, watchpoints, pause on a trap, going back in
// time: debugger.go), and
// keeps what a page shows: capped console output, the trace (the engine's event log), memory
// hexdump rows with the bytes the last action wrote, the paused state and
// the files a program wrote. It has no DOM code and is tested natively;
// web/ renders it in the browser.
//
// # RATIONALE
//
// Runs are driven from outside, one slice at a time (RunSlice with a fuel
// budget), because in the browser the VM shares the one thread with the
// page: the caller decides how long a slice may take and yields between
// slices, so painting and the Stop button keep working under a runaway
// loop. Stop and Pause use the engine's cross-goroutine stop request; Stop
// also interrupts the WASI system (wasi.System.Interrupt, what Ctrl-C does
// on the command line), so a program sleeping in poll_oneoff or waiting
// for input stops at once.
//
// Every execution is driven by vm/debug's Debugger, so the stepping,
// breakpoint and watchpoint logic is the engine's, the same the command
// line's debugger uses; the session only sequences the steps (runner),
// keeps the views and says why a run paused. The debugger runs in budgets
// (SetBudget) so that a step out of a long call or a Continue still comes
// back every slice. Its log is the trace's log (Debugger.UseLog): one log,
// written only when the run is traced or the debugger needs it (a
// watchpoint, going back); every run's host calls are recorded (what WASI
// reports writing, no copy per call) so going back works traced or not.
// A Pause while the program waits for stdin cuts the read short (vm/debug's
// SetHostPause over wasi.System.PauseWaits): the execution pauses before
// the call and makes it again when it goes on.
//
// Written-byte highlights of a traced action (a step, or a run until it
// pauses or ends) come from the engine's memory-write records: exactly the
// bytes written, a store of the value already there included, without a
// copy of memory. Untraced, the engine records nothing and runs at full
// speed, and the highlights come from comparing memory before and after
// the action.
//
// The trace is the engine's own event log (vm.Log: fixed-size records in
// a ring allocated once, at the first traced run) with an index of its
// rows; a line is formatted (by vm/trace, straight from the log's records)
// only when it is shown or downloaded, since formatting every event would
// cost more than executing it. See Trace.
package playground
