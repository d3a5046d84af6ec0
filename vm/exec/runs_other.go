//go:build !wasm

package exec

// chargeByRuns says whether fast code is charged by runs (see runs.go).
const chargeByRuns = true
