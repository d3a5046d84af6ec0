package trace

import (
	"math"
	"strconv"
	"testing"
)

// TestAppendInt checks the hand-written integer conversions against
// strconv's at the edges of each of their cases.
func TestAppendInt(t *testing.T) {
	for _, s := range []int64{0, 1, 9, 10, 99, 100, 999, 1000, 1023, 1024, 65535, 65536, 99999, 100000,
		1 << 31, 1<<32 - 1, 1 << 40, math.MaxInt64, -1, -9, -10, -100, -1000, -1 << 31, math.MinInt64} {
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
