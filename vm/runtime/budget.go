package runtime

import (
	"fmt"
	goruntime "runtime"
	"strconv"
	"strings"
)

// DefaultBudget is the host-memory budget of a store whose Limits leave
// Budget at 0: 1 GiB under GOOS=js (Go's heap there lives in a 32-bit Wasm
// memory that also holds the engine and the page's state) and on 32-bit
// hosts; 4 GiB on 64-bit hosts (one memory of the 32-bit format's full
// size), but on Linux no more than half the physical memory, at least 1
// GiB, since a budget the machine cannot supply would let Go die of
// out-of-memory after all. See Budget.
var DefaultBudget int64 = defaultBudget()

func defaultBudget() int64 {
	if goruntime.GOOS == "js" || strconv.IntSize == 32 {
		return 1 << 30
	}
	b := int64(4 << 30)
	if ram := physicalMemory(); ram > 0 && ram/2 < b {
		b = max(ram/2, 1<<30)
	}
	return b
}

// Budget accounts for the host memory a store's entities hold: the bytes
// of its memories (their capacity), its tables (8 bytes per element), the
// compiled code of the modules instantiated in it, and whatever else
// (Wasm GC objects) its users Charge. Past the limit, instantiation fails
// with a *BudgetError and memory.grow and table.grow return -1, so a
// hostile module gets a clean error instead of taking the process down
// with a Go out-of-memory crash.
//
// The limit bounds what is held between operations. Growing a memory or a
// table past its capacity copies it into a larger array, so for that
// moment the old array is held too (the transient is at most the old size
// more; see Memory.Grow).
//
// A store and its budget are used from one goroutine at a time.
type Budget struct {
	limit, used int64
	refused     *BudgetError // the last growth refused, until TakeRefused
}

// NewBudget returns a budget of limit bytes (0 or less: DefaultBudget).
func NewBudget(limit int64) *Budget {
	if limit <= 0 {
		limit = DefaultBudget
	}
	return &Budget{limit: limit}
}

// Limit returns the budget's size in bytes.
func (b *Budget) Limit() int64 { return b.limit }

// Used returns the bytes charged and not released.
func (b *Budget) Used() int64 { return b.used }

// fits reports whether n more bytes fit.
func (b *Budget) fits(n int64) bool {
	return b == nil || (n >= 0 && n <= b.limit-b.used)
}

// Charge takes n bytes from the budget for what (named in the error: "memory
// 0", "table 3", "compiled code", "array of 1000 i64"), or returns a
// *BudgetError and takes nothing. A nil budget takes everything.
func (b *Budget) Charge(n int64, what string) error {
	if b == nil {
		return nil
	}
	if !b.fits(n) {
		return &BudgetError{What: what, Need: n, Used: b.used, Limit: b.limit}
	}
	b.used += n
	return nil
}

// TakeRefused returns the last growth of a memory or table that the
// budget refused (memory.grow or table.grow then returned -1) since the
// last call, or nil: so a run that ended after such a refusal can say why
// its memory stopped growing, which the guest sees only as -1.
func (b *Budget) TakeRefused() *BudgetError {
	if b == nil {
		return nil
	}
	e := b.refused
	b.refused = nil
	return e
}

// refuse records that growing what to growTo bytes (needing need more)
// did not fit.
func (b *Budget) refuse(what string, need, growTo int64) {
	// what names the entity as instantiated ("memory 0 (1 pages)"): its
	// initial size would mislead here.
	what, _, _ = strings.Cut(what, " (")
	b.refused = &BudgetError{What: what, Need: need, Used: b.used, Limit: b.limit, GrowTo: growTo}
}

// Release returns n bytes charged earlier (for example when a GC object is
// collected).
func (b *Budget) Release(n int64) {
	if b == nil {
		return
	}
	b.used -= n
	if b.used < 0 {
		b.used = 0
	}
}

// BudgetError reports an allocation that does not fit a store's host-memory
// budget.
type BudgetError struct {
	What        string // the thing too big: "memory 0", "table 2", ...
	Need        int64  // bytes it needs
	Used, Limit int64  // the budget's state when it was refused
	// GrowTo is, for a refused memory.grow or table.grow, the size in
	// bytes the memory or table would have had; 0 otherwise.
	GrowTo int64
}

func (e *BudgetError) Error() string {
	if e.GrowTo > 0 {
		return fmt.Sprintf("the store's memory budget of %s refused to grow %s to %d bytes (%s in use): the grow returned -1",
			byteSize(e.Limit), e.What, e.GrowTo, byteSize(e.Used))
	}
	return fmt.Sprintf("%s needs %s of host memory, more than the store's budget allows (%s of %s in use)",
		e.What, byteSize(e.Need), byteSize(e.Used), byteSize(e.Limit))
}

// byteSize prints n bytes in the largest binary unit, to one decimal:
// 4 GiB, 1.5 MiB, 800 bytes.
func byteSize(n int64) string {
	units := []string{"bytes", "KiB", "MiB", "GiB", "TiB"}
	f, u := float64(n), 0
	for f >= 1024 && u < len(units)-1 {
		f /= 1024
		u++
	}
	if u == 0 {
		return strconv.FormatInt(n, 10) + " bytes"
	}
	return strings.TrimSuffix(strconv.FormatFloat(f, 'f', 1, 64), ".0") + " " + units[u]
}
