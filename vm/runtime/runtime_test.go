package runtime

import (
	"errors"
	"testing"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

func TestLimitsMatch(t *testing.T) {
	lim := func(min, max uint64, has bool) syntax.Limits { return syntax.Limits{Min: min, Max: max, HasMax: has} }
	tests := []struct {
		actual, want syntax.Limits
		ok           bool
	}{
		{lim(1, 0, false), lim(1, 0, false), true},
		{lim(2, 0, false), lim(1, 0, false), true},
		{lim(1, 0, false), lim(2, 0, false), false},
		{lim(1, 0, false), lim(1, 5, true), false},
		{lim(1, 5, true), lim(1, 5, true), true},
		{lim(1, 6, true), lim(1, 5, true), false},
		{lim(1, 4, true), lim(0, 0, false), true},
	}
	for _, tc := range tests {
		if got := limitsMatch(tc.actual, tc.want); got != tc.ok {
			t.Errorf("limitsMatch(%+v, %+v) = %v", tc.actual, tc.want, got)
		}
	}
}

func TestGrow(t *testing.T) {
	m := NewMemory(syntax.MemType{Limits: syntax.Limits{Min: 1, Max: 3, HasMax: true}}, 65536)
	for i, want := range []int64{1, 2, -1} {
		if got := m.Grow(1); got != want {
			t.Errorf("memory grow %d: %d, want %d", i, got, want)
		}
	}
	if m.Pages() != 3 || len(m.Data) != 3*PageSize {
		t.Errorf("memory has %d pages", m.Pages())
	}
	// The store's limit caps a memory without a maximum.
	if got := NewMemory(syntax.MemType{}, 2).Grow(3); got != -1 {
		t.Errorf("grow past the store limit: %d", got)
	}
	tb := NewTable(syntax.TableType{Elem: syntax.FuncRef, Limits: syntax.Limits{Min: 2}}, 4, 0)
	if got := tb.Grow(2, 7); got != 2 || tb.Elems[3] != 7 {
		t.Errorf("table grow: %d %v", got, tb.Elems)
	}
	if got := tb.Grow(1, 0); got != -1 {
		t.Errorf("table grow past the limit: %d", got)
	}
}

// TestGrowGeometric: growing a memory page by page copies it O(log n)
// times, and its capacity stays within a quarter of its size; a budget
// stops growth with -1, charging exactly the capacity held.
func TestGrowGeometric(t *testing.T) {
	b := NewBudget(64 << 20)
	m, err := newMemory(syntax.MemType{Limits: syntax.Limits{Min: 1}}, 65536, b, "memory 0")
	if err != nil {
		t.Fatal(err)
	}
	copies := 0
	for {
		before := &m.Data[0]
		if m.Grow(1) == -1 {
			break
		}
		if &m.Data[0] != before {
			copies++
		}
		if c, l := cap(m.Data), len(m.Data); c > l+l/4+PageSize {
			t.Fatalf("%d pages: capacity %d, more than a quarter over", m.Pages(), c)
		}
		if b.Used() != int64(cap(m.Data)) {
			t.Fatalf("%d pages: budget charged %d for a capacity of %d", m.Pages(), b.Used(), cap(m.Data))
		}
	}
	if m.Pages() != 1024 {
		t.Errorf("grew to %d pages in a 64 MiB budget, want 1024", m.Pages())
	}
	if copies > 40 {
		t.Errorf("%d copies growing to 1024 pages", copies)
	}
	tb, err := newTable(syntax.TableType{Elem: syntax.FuncRef, Limits: syntax.Limits{Min: 1}}, 1<<20, 0, b, "table 0")
	if err == nil || tb != nil {
		t.Fatalf("a table in a full budget: %v", err)
	}
}

// TestInstantiate covers linking errors and the 2.0 rule that segments
// written before an out-of-bounds one stay written.
func TestInstantiate(t *testing.T) {
	s := NewStore(Limits{})
	mem := NewMemory(syntax.MemType{Limits: syntax.Limits{Min: 1}}, 65536)
	s.Define("env", "mem", Extern{Kind: syntax.ExternMemory, Mem: mem})
	i32c := func(v uint32) syntax.Expr { return syntax.Expr{{Op: syntax.OpI32Const, Const: uint64(v)}} }
	imp := func(name string, mt syntax.MemType) []syntax.Import {
		return []syntax.Import{{Module: "env", Name: name, Kind: syntax.ExternMemory, Mem: mt}}
	}
	tests := []struct {
		name string
		m    *syntax.Module
		err  string
	}{
		{"unknown import", &syntax.Module{Imports: imp("nope", syntax.MemType{})}, "unknown import"},
		{"incompatible limits", &syntax.Module{Imports: imp("mem", syntax.MemType{Limits: syntax.Limits{Min: 2}})}, "incompatible import type"},
		{"segments", &syntax.Module{
			Imports: imp("mem", syntax.MemType{Limits: syntax.Limits{Min: 1}}),
			Datas: []syntax.Data{
				{Mode: syntax.SegActive, Offset: i32c(10), Init: []byte("hi")},
				{Mode: syntax.SegActive, Offset: i32c(PageSize - 1), Init: []byte("xy")},
			}}, "out of bounds memory access"},
	}
	for _, tc := range tests {
		_, err := Instantiate(s, tc.m, nil)
		var le *LinkError
		var tr *Trap
		msg := ""
		switch {
		case errors.As(err, &le):
			msg = le.Msg
		case errors.As(err, &tr):
			msg = tr.Msg
		}
		if msg != tc.err {
			t.Errorf("%s: got %v, want %s", tc.name, err, tc.err)
		}
	}
	if string(mem.Data[10:12]) != "hi" {
		t.Errorf("the segment before the failing one was not kept: %q", mem.Data[10:12])
	}
}
