//go:build !wasmscope_nobudget

package exec

// budgetCheck enables the per-instruction budget test in the interpreter
// loop, which fuel, Step, Stop, breakpoints and observers rely on. Building
// with -tags wasmscope_nobudget compiles it out, for one purpose only:
// measuring what the check costs (see BenchmarkFib in package vm and the
// RATIONALE in doc.go). Such a build runs every call to completion.
const budgetCheck = true
