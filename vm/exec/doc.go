// Package exec compiles validated functions into the engine's internal
// code and interprets it in one loop over explicit frames, pausable after
// any instruction and observable.
//
// # Internal code
//
// Each defined function is compiled once (Program, at its first call)
// into a flat slice of 16-byte instructions: an opcode, a 32-bit
// immediate (local slot, jump target, index) and a 64-bit one (constant, memory offset, or a branch's
// slot counts). Every instruction remembers the Wasm instruction it came
// from, by its index in the function's body: its syntax (offset,
// immediates, for traps, traces and breakpoints) is decoded from the
// module's bytes when asked for (Source), so compiled code holds only
// what execution needs. The compiler tracks the operand types, so it knows the
// stack height at every point: branches carry precomputed targets and the
// number of slots to keep and to drop, block/loop/end/nop vanish, and code
// after an unconditional branch is not emitted.
//
// Each function has up to three variants of that code. The plain one has
// one internal instruction per executed Wasm instruction; the fast one
// (fuse.go) fuses common sequences into single instructions
// ("superinstructions": local.get+i32.const+i32.add, compare+br_if,
// local.get+i32.load, ...) and drops instructions that do nothing to slot
// values (i64.extend_i32_u, reinterpretations). The observed one
// (record.go), built on first use, puts an opRec before each plain
// instruction, which records it into the execution's Log. Runs use the
// fast variant; breakpoints and Step use the plain one, so every Wasm
// instruction can be stopped at; a Log (and so an observer) the observed
// one. Each frame switches variant where its position exists in the other
// (the maps between them are kept with the code).
//
// Every internal instruction carries its weight, the Wasm instructions it
// stands for, and fuel is charged by weight: fuel counts Wasm
// instructions whichever variant runs, so Run(N) stops at the same
// instruction traced or not, and as N single steps do.
//
// # Execution
//
// Values live in one []uint64 per execution: a frame's locals (parameters
// first) followed by its operand stack; i32 values are zero-extended,
// floats are bits, v128 takes two slots, references are store addresses
// plus one. Calls push a frame on a Go slice, never on the Go stack, so
// Wasm recursion ends with "call stack exhausted" at the configured depth
// and a run can stop after any instruction and resume later.
//
// Exceptions (eh.go) need no state in the loop either: a try_table
// compiles to a handler over its body's instructions, kept beside the
// code, and a throw (or a host function returning a *runtime.Exception)
// searches the frames' handlers from the innermost, drops the frames
// above the one that catches and continues there, so a run pauses and
// resumes across a throw like across any instruction. GC instructions
// (gc.go) run out of line on the store's objects (see package runtime).
//
// # RATIONALE
//
// The loop (loop in interp.go) is written for Go's compilers on amd64 and
// on wasm, where users run it inside V8:
//
//   - Internal opcodes are a type of their own (opcode, ops.go), numbered
//     densely and not overlaid on Wasm's: the compiler translates each
//     Wasm opcode through a table built once (internalOp), so no internal
//     form has to squeeze into an unused Wasm code and no Wasm opcode can
//     reach the loop untranslated. Measured against the overlaid numbering
//     (the two builds taking turns, three processes each, loaded machine):
//     natively -2.4% geomean (every workload within -7..+1%), under Node
//     -2.7% with a spread wider than that (fib -21% and interp +22% in one
//     run, interp -10% in the next): no slower.
//   - Two switches on that dense opcode: the instructions executed most
//     often over the bench workloads (recording ones included) are
//     numbered first, below numHot, and dispatched by one compare and a
//     small switch; all others go to the big switch after it. Natively
//     both are jump tables; on GOARCH=wasm Go compiles a switch to a
//     binary search, so the hot switch saves about three search levels per
//     common dispatch. Measured (bench, CPU time, min of 3):
//     Node -15..-30% per workload (fib 183->150 ms, sieve 169->128,
//     nbody 153->106, memcopy 173->118), natively no loss.
//   - Few locals (pc, sp, fp, the code, the stack, memory 0, the budget).
//     Every case that calls a Go function (calls into another instance,
//     host calls, float rounding, memory.grow, SIMD, bulk ops) saves the
//     state and jumps to one reload point, so no local is live across a
//     call. Go's register allocator spills a loop-carried local at the
//     loop head, on every dispatch, when any path through the loop needs
//     it back after a call; so the inline call and return (same instance)
//     call nothing either: the frame is written field by field (write
//     barriers that keep the registers, where a struct literal called
//     wbZero), and a call or return that changes instance goes through
//     reload. That took the spills at the head of the fast loop from
//     eight stores a dispatch to five (memory 0 and the code's pointer
//     now stay in registers): natively -11% geomean, every workload
//     faster (fib -5%, nbody -15%; paired processes, min of 3x3). The
//     out-of-line call path (call_indirect's type check, enter, the traps
//     after them) likewise reads pc, sp and the budget back from e after
//     its Go calls (trapSaved): the counted loop's stores at each
//     dispatch went from eight to six, and the fast loop, whose count
//     stayed three, came out 8-20% faster on every workload natively
//     (geomean -13%, paired processes both ways round, min of 3x3); Go's
//     allocator chose differently which values it keeps in registers
//     through the cases. Under Node the same change measured within the
//     noise (+1.2% geomean). The fast loop's speed is that sensitive to
//     its code: three fused forms added after it (local.get; f64.mul;
//     local.tee and two more, for mandelbrot and nbody) made every
//     workload slower natively, those two included (geomean +12%, both
//     ways round), with the same three stores at the head, and were
//     left out. Measure every change to the loop with paired processes
//     both ways round (bench's compare -child), not by its instruction
//     counts alone.
//   - Code compiled out of one loop still shapes its machine code: the
//     register allocator's choices follow the whole function's SSA as
//     built, dead code included. The recorded sequences' suffix (observed
//     code only) gave the fast loop three more instructions a dispatch
//     (register moves at the back edge, padding before the jump table's
//     compare): collatz's fast loop 497M -> 564M instructions (valgrind
//     --tool=cachegrind, deterministic, unlike times on the shared host),
//     and compare -nobudget +6.8% and +9.0% natively against +1.7% for
//     the tree before it. What did it was code that can panic (a bounds
//     check, a panic call) after "if in.a>>31 == 0 { continue }"; the
//     same code in a switch's default case does not, and -nobudget went
//     back to -1.2%. After a change to the loop, compare the fast loop's
//     instruction count for one workload (cachegrind's count for
//     loop[go.shape.struct {}]) with the tree's before, as well as times.
//     Count the -tags wasmscope_nobudget build's too: it is the reference
//     of compare -nobudget and moves as much. Passing rare, throwOp and
//     brOnCast the instruction's index instead of its address (so that the
//     loop keeps no spill slot for it) took 1.2-2.2% of the observed
//     loop's instructions (recorded fib, mandelbrot, sieve) and left ours
//     within -1.0%..+1.6% (fib, collatz, sieve, nbody), but made the
//     no-budget build's fast loop 4.5-6.0% shorter: -nobudget measured
//     +9.6%, +10.6% and +18.3% against +2.8% for the tree before, with
//     our own build unchanged. It was taken back: a gain paired timings
//     cannot confirm is not worth the reference's move.
//   - No Go calls on the common paths. The loop is too big for Go's
//     inliner to inline anything above cost 20 into it, encoding/binary's
//     LittleEndian methods included, so loads and stores go through the
//     tiny le32/put32/... of mem_unaligned.go (one unsafe machine access
//     on the little-endian targets that allow unaligned access; the
//     others use encoding/binary, mem_portable.go). Measured natively, min of 2x3: sieve 173->130
//     ms, matmul 156->113, hash 198->151, nbody 114->92; on GOARCH=wasm the
//     spills of loop state at the head of every dispatch went from 9 to 3
//     (matmul 153->128 ms under Node).
//   - Pausing (fuel, a slice between checks of the Stop flag) is charged
//     by runs in fast code and per instruction in plain and observed code,
//     by two loops (runs.go). A per-instruction test costs a 16-bit load,
//     a compare, a subtraction and the budget's store and reload at every
//     dispatch; natively the reload of the budget, stored by the dispatch
//     before, chains the dispatches through the store-to-load forwarding
//     latency, which the three-address forms (short dispatches) made the
//     bottleneck: +38..50% over a build with no test (-tags
//     wasmscope_nobudget, bench's compare -nobudget). Fast code instead
//     charges a run's weight where control arrives (a taken branch gives
//     back the rest of its own run and charges its target's, in one test),
//     and runs the plain code for what the fuel left cannot cover, so fuel
//     still stops at any Wasm instruction (TestFuelByRuns, the fuel tests
//     and the differential test, which compares the instructions
//     executed). The plain and observed code keep the per-instruction
//     test: the loop is a generic function compiled twice, once per way
//     (runs.go's loopKind), each with its way a constant and the other
//     kind of code's cases compiled out; one test at the loop head that
//     chose between the two ways per instruction (a flag bit in the
//     opcode, built in commit c65741a) split the head's blocks and cost
//     +15.7% under Node. Under GOARCH=wasm fast code keeps the per-instruction
//     test too (chargeByRuns, runs_wasm.go): there the test costs less
//     (the budget stays in a local of the wasm function) and a charge at
//     every taken branch costs more (Go's wasm backend makes each taken
//     branch an indirect jump through the function's block table, and
//     the charge is one more): c65741a measured no better under Node
//     (+6.9% over no test against +5.7%), and this build measured
//     interp, a branchy bytecode interpreter, 13-30% slower. Breakpoints
//     need no test in the loop: with one set, the driver runs plain code
//     one instruction at a time.
//   - Natively the driver does not yield (runtime.Gosched) after each
//     slice of 16,384 instructions, only under GOARCH=wasm, where nothing
//     else preempts the goroutine (yield_wasm.go). A yield let another
//     thread take the goroutine over at every slice; it cost a fifth to
//     a third of a run's CPU time (paired processes: sieve 118 -> 87 ms,
//     interp 157 -> 130, fib 111 -> 95), which the build without the
//     budget test, running a call without slices, had been spared. Stop
//     works as before: the flag is tested between slices, and the
//     goroutine that sets it is scheduled by Go's preemption.
//   - A fused instruction is charged before it runs, so one standing for
//     an instruction after a call would be charged before the callee's
//     instructions: fuse never drops an instruction after a call or
//     throw into it (fallsThrough), and the differential test compares the
//     instructions executed on every path.
//   - Observation is recorded, not reported: the observed code's opRecs
//     write fixed-size binary records (16 bytes) into a ring allocated
//     once, inline in the loop with two stores each (the same few lines
//     in each recording case: the loop is too big for Go to inline a
//     helper of more than cost 20 into it), so an observed run goes
//     through the loop once per slice and allocates and formats nothing.
//     The top of the stack before an instruction holds its operands, and
//     before the next one its results: one snapshot per instruction
//     serves both, and the loop never needs to know the instruction's
//     signature. A record keeps the instruction's pc and depth and the top
//     slot, a second record the slot below only where the instruction
//     consumes two (or its function has v128s or several results); the
//     function and the instruction count are in neither, but in a frame
//     record written out of line where they change (a call, a return to
//     other code, the start of each slice), and the loop counts nothing:
//     the count is what the budget lost. The commonest instructions
//     (local.get, local.set, local.tee, constants, br, br_if, if,
//     i32.add, i32.sub, i32.lt_u, i32.xor, f64.add, f64.mul, loads of
//     memory 0, stores to memory 0 with their memory-write event, read
//     from the stored value) record and run in one dispatch, and so do
//     the commonest runs of them, each instruction its own records
//     (recorded sequences, record.go's recSeqs: a local or two locals and
//     a constant, a binary operation of them, and a local.set, local.tee,
//     branch or load of its result); calls and returns are recorded by
//     the loop too; a write's memory, offset and size come
//     from a table built with the observed code, not from the
//     instruction's decoded syntax. Halving the record (32 bytes before:
//     function, count and two slots in each) matters because a 64 MiB
//     ring does not fit the caches: with 32-byte records a 1 MiB log made
//     sieve 7.7x -> 5.2x, hash 6.1x -> 4.4x. Events are decoded
//     (Log.Event) only when read, a record's frame found by looking back
//     to its frame record (at most a slice away; in order, once per
//     record). Observers are fed after each slice, and an observed slice
//     runs an eighth of the log's records in instructions (256 with the
//     small log SetObserver makes), so its records are still in the ring,
//     and in the processor's caches, when read; the few records before
//     the oldest frame record in a full ring are no longer readable (Log.First
//     starts after them). A batch observer (SetBatchObserver) is handed
//     record numbers and reads them itself: Log.Raws gives the raw slots,
//     without an Event and its []Value per record, which had been a third
//     of a text trace's time. Measured (bench's compare -trace, CPU time,
//     geomean of the ten workloads, loaded machine, load average 5-8):
//     recording every instruction into a 64 MiB log costs 4.5x an
//     unobserved run natively (5.96x idle before these changes; 7.1x in
//     the same loaded conditions) and 3.1x under Node (4.87x idle
//     before). What is left: the observed code is unfused, and the
//     instructions without a combined recording case take two dispatches
//     (with records written but nothing else, sieve ran 3.5x), and the
//     records' memory traffic (a 1 MiB log still makes sieve 6.1x ->
//     4.3x). The per-instruction observer it replaced cost about 80x with
//     an observer doing nothing; the CLI's text trace, formatted from the
//     raw records (vm/trace), 24x fib and 31-43x a byte loop, against 105x
//     and 280x through an Event per record and 308x and 663x before the
//     log.
//   - Compiled code keeps no syntax.Instr per instruction (136 bytes
//     each, about 70 bytes per byte of code: 486 MB for the 11 MB go/types
//     test binary's 3.6 million instructions, more than the rest of the
//     compiled code). Modules are decoded without their bodies
//     (binary.Config.LazyBodies); validating and compiling decode one body
//     at a time into a reused buffer; whatever needs an instruction's
//     syntax later (a trap's offset, a trace event, the debugger's
//     listing) decodes the function's body from the module's bytes, and
//     the Source keeps the last few decoded. The rare instructions
//     interpreted out of line keep their syntax beside the code (slow).
//   - Functions are compiled on their first call (Program, Lazy), not
//     when the module is loaded: a large program runs a fraction of its
//     functions, most never (the go/types test binary starting with
//     -test.run=XXX: the Go runtime's and the packages' initializers). The
//     alternative measured, compiling every function up front on every
//     CPU (Eager), costs more in every case (process peak RSS and CPU
//     time, from load to exit, on a loaded two-core machine): go/types
//     (11.3 MB, 5,900 functions, 3.6 M instructions) lazy 137-146 MB and
//     0.71-0.76 s, eager 302-311 MB and 1.25-1.5 s (GOMAXPROCS 1 or 2: the
//     same CPU, two cores save wall time only), wazero's interpreter 281
//     MB and 1.07 s; a generated C program of 12,000 functions (1.3 MB,
//     clang -O1) lazy 13 MB and 0.05 s, eager 49 MB and 0.2 s, wazero 55
//     MB and 0.21 s. In a browser tab, where Go's heap is 32-bit, only
//     the code that runs takes room. Validation still reads every body
//     when the module is loaded, as the spec requires. A function's first
//     call takes the slow path once per instance (its table entry is
//     empty), then calls are as before.
//   - The instance's function table is typed (funcTable, in
//     runtime.Instance.Exec): a call reads its entry's code and defining
//     instance, with no interface and type assertion per call (one when
//     the running instance changes).
//   - Rare instructions (multi-memory, 64-bit memories, bulk and table
//     ops, SIMD lane and memory ops) are interpreted from their
//     syntax.Instr by one out-of-line function rather than growing the
//     switch.
//   - Fusing is what pays most under V8 (the fused ops are chosen from
//     dynamic pair counts over the bench workloads; local.set+br,
//     i32.const+i32.add+local.tee or +i32.load, local.get+i32.const+
//     i32.add+local.tee, local.get+local.get+i32.add+local.tee cut the dispatches of collatz by 11%,
//     sieve 17%, matmul 19%, interp 16%, hash 9%; Node: interp 195->159
//     ms, hash 185->144, collatz 93->82): Go's wasm backend turns every
//     taken branch into a jump through the function's block table, so a
//     dispatch costs several, and every dispatch saved counts twice. An earlier
//     three-way split of the switch by opcode range gave nothing: what pays
//     is putting the hot instructions, by measured frequency, in a short
//     switch of their own.
//   - Three-address forms read locals and constants in place and write
//     results straight to a local: local.get+const+add+local.set, a
//     comparison of a local with a constant and its br_if or if, loads at a
//     local plus a constant, stores whose address and value are locals or
//     constants, f64 arithmetic on two locals, bit tests of a local, f64
//     comparisons with a constant and their branch, the scaled-index load
//     of a jump table, a local or a sum returned. Their operands pack into
//     the 16-byte instruction (a slot in a, a slot and a 32-bit constant or
//     offset in b), so the forms whose constant does not fit 32 bits stay
//     unfused. Fusing picks its sequences counting from the end (a
//     position takes its match or stays alone, whichever leaves fewer
//     instructions: greedy matching took the local.get a longer form after
//     it needed), and a br whose target runs straight into a jump within 6
//     instructions becomes a copy of them (dupTails: a while loop's back
//     edge, an interpreter's br back to its fetch). Dispatches of the fast
//     code, before -> after (at the workloads' trace sizes): fib 900k ->
//     600k, collatz 2.89M -> 1.24M, sieve 2.86M -> 1.89M, matmul 638k ->
//     485k, nbody 1.53M -> 1.28M, mandelbrot 1.71M -> 1.32M, hash 2.01M ->
//     1.51M, interp 3.35M -> 2.69M, memcopy 1.78M -> 1.39M, gosort 974k ->
//     879k (geomean -28%). Natively, side by side with the engine before
//     them (min of 3x3 runs, load average 8-9): fib 1.02x (calls dominate
//     it), collatz 0.47x, sieve 0.82x, matmul 0.84x, nbody 0.77x,
//     mandelbrot 0.80x, hash 0.84x, interp 0.70x, memcopy 0.87x, gosort
//     1.00x. Under Node, timing a fresh process is too noisy on a loaded
//     machine (V8's tier-up); counted x86 instructions per run (valgrind,
//     steady state) fell less than the dispatches: collatz -31%, nbody
//     -16%, interp -13%, hash -11%, fib -5% (before the bit tests and f64
//     comparisons). A dispatch's cost under V8 is not all in the dispatch: the
//     loop's state is spilled to Go's stack in linear memory and every
//     slice access is bounds-checked, in fused instructions too. A fused
//     instruction is charged its whole weight before it runs, so only its
//     last instruction may trap.
package exec
