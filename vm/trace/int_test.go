package trace

import (
	"math"
	"strconv"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// TestAppendInt checks the hand-written integer conversions against
// strconv's at the edges of each of their cases.
func TestAppendInt(t *testing.T) {
	cases := []int64{0, 1, 9, 10, 99, 100, 999, 1000, 1023, 1024, 65535, 65536, 99999, 100000, 0xabc, 0xabcde,
		1 << 31, 1<<32 - 1, 1 << 40, math.MaxInt64, -1, -9, -10, -100, -1000, -1 << 31, math.MinInt64}
	// Every power of ten and its neighbours (the digit count's edges).
	for p := int64(10); p <= 1e18; p *= 10 {
		cases = append(cases, p-1, p, p+1)
	}
	for _, s := range cases {
		t.Run(strconv.FormatInt(s, 10), func(t *testing.T) {
			want := strconv.FormatInt(s, 10)
			if s < 0 || s >= 1024 {
				want += " (0x" + strconv.FormatUint(uint64(s), 16) + ")"
			}
			if got := string(appendInt(nil, s, uint64(s))); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

// TestNumCache checks that the cached texts of numbers are AppendValue's,
// for values that collide in the cache and come back after others took
// their place, of every number kind.
func TestNumCache(t *testing.T) {
	var nc numCache
	kinds := []syntax.ValType{syntax.I32, syntax.I64, syntax.F32, syntax.F64}
	values := []uint64{0, 5, 999, 1000, 1024, 1 << 16, 1<<16 + 256, 0xffffffff, 0x80000000, 0x7fc00000, 0x7fc00001,
		math.Float64bits(0.1), math.Float64bits(-2.5e-300), 0x7ff8000000000001, 1 << 63, 1<<63 + 256, 0x3ff0000000000000}
	for round := 0; round < 3; round++ {
		for _, k := range kinds {
			for _, v := range values {
				if k.Kind == syntax.KindI32 || k.Kind == syntax.KindF32 {
					v &= 0xffffffff
				}
				want := string(AppendValue(nil, vm.Value{Type: k, Lo: v}))
				if got := string(nc.appendScalar([]byte("x"), k.Kind, v)); got != "x"+want {
					t.Errorf("%v %#x: got %q, want %q", k, v, got, "x"+want)
				}
			}
		}
	}
}

// TestAppendDecimalHex checks the unsigned conversions against strconv's
// at every digit count's edges, up to the largest uint64.
func TestAppendDecimalHex(t *testing.T) {
	cases := []uint64{0, 1, 9, 15, 16, 255, 256, 4095, 4096, math.MaxUint32, 1e19 - 1, 1e19, math.MaxUint64}
	for p := uint64(10); p <= 1e18; p *= 10 {
		cases = append(cases, p-1, p, p+1)
	}
	for s := 0; s < 64; s++ {
		cases = append(cases, 1<<s-1, 1<<s)
	}
	for _, u := range cases {
		t.Run(strconv.FormatUint(u, 10), func(t *testing.T) {
			if got, want := string(appendDecimal([]byte("x"), u)), "x"+strconv.FormatUint(u, 10); got != want {
				t.Errorf("decimal: got %q, want %q", got, want)
			}
			if got, want := string(appendHex([]byte("x"), u)), "x"+strconv.FormatUint(u, 16); got != want {
				t.Errorf("hex: got %q, want %q", got, want)
			}
		})
	}
}
