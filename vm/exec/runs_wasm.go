//go:build wasm

package exec

// chargeByRuns says whether fast code is charged by runs (see runs.go).
// Under GOARCH=wasm it is not: Go's wasm backend makes every taken
// branch an indirect jump, so the charge at a branch (one more) cost more
// than the per-instruction test it saves (see the RATIONALE in doc.go).
const chargeByRuns = false
