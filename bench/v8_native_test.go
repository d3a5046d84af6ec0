//go:build !js

package bench

import (
	"testing"
	"time"
)

func TestParseReply(t *testing.T) {
	for _, c := range []struct {
		name, line string
		withSum    bool
		sum        string
		cpu        time.Duration
		err        bool
	}{
		{"run", "ok 1500 610\n", true, "610", 1500 * time.Microsecond, false},
		{"checksum with spaces", "ok 80523 47 d05b5cff4c731df4\n", true, "47 d05b5cff4c731df4", 80523 * time.Microsecond, false},
		{"compile", "ok 70520\n", false, "", 70520 * time.Microsecond, false},
		{"error", "error RuntimeError: unreachable | at run\n", true, "", 0, true},
		{"no checksum", "ok 1500\n", true, "", 0, true},
		{"garbage", "Segmentation fault\n", true, "", 0, true},
		{"bad time", "ok soon 610\n", true, "", 0, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			sum, cpu, err := parseReply(c.line, c.withSum)
			if (err != nil) != c.err {
				t.Fatalf("parseReply(%q) error %v, want error %v", c.line, err, c.err)
			}
			if sum != c.sum || cpu != c.cpu {
				t.Errorf("parseReply(%q) = %q, %v; want %q, %v", c.line, sum, cpu, c.sum, c.cpu)
			}
		})
	}
}
