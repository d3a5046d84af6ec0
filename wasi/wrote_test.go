package wasi

import (
	"fmt"
	"testing"

	"github.com/wasmscope/wasmscope/vm"
)

// TestHostWritesReported: what a call stores in the program's memory is
// reported through Caller.Wrote, exactly (address and length), so an
// observed run records it as it records a store.
func TestHostWritesReported(t *testing.T) {
	type span struct{ addr, n uint64 }
	tests := []struct {
		name  string
		setup func(h *harness)
		fn    string
		args  []uint64
		want  []span
	}{
		{"fd_read into two iovecs", func(h *harness) {
			h.iovec(100, 1000, 4)
			h.iovec(108, 2000, 100)
		}, "fd_read", []uint64{0, 100, 2, 300}, []span{{1000, 4}, {2000, 7}, {300, 4}}},
		{"random_get", nil, "random_get", []uint64{500, 32}, []span{{500, 32}}},
		{"args_get", nil, "args_get", []uint64{100, 200}, []span{{100, 4}, {200, 4}, {204, 1}, {104, 4}, {205, 2}, {207, 1}}},
		{"fd_prestat_dir_name", nil, "fd_prestat_dir_name", []uint64{3, 600, 1}, []span{{600, 1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, nil)
			if tc.setup != nil {
				tc.setup(h)
			}
			var got []span
			c := vm.NewCaller(func() []byte { return h.mem })
			c.OnWrite(func(addr, n uint64) { got = append(got, span{addr, n}) })
			res := make([]uint64, 1)
			if err := h.funcs[tc.fn].Call(c, tc.args, res); err != nil || res[0] != 0 {
				t.Fatalf("%s: %v, errno %d", tc.fn, err, res[0])
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("reported %v, want %v", got, tc.want)
			}
		})
	}
}
