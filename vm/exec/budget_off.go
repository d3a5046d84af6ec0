//go:build wasmscope_nobudget

package exec

// budgetCheck is off in this measurement build: see budget.go.
const budgetCheck = false
