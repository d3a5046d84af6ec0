//go:build !js

package bench

import (
	"os"
	"strings"
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

// TestV8InvalidModule: a module V8 cannot compile is an error naming the
// engine, the workload and V8's reason, not a hang or a bare EOF.
func TestV8InvalidModule(t *testing.T) {
	if err := V8Available(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("node is required under CI=true: %v", err)
		}
		t.Skipf("node not on PATH: %v", err)
	}
	l, err := V8{}.Load(Workloads[0], []byte("not wasm"))
	if err == nil {
		defer l.Close()
		_, err = l.Run(Workloads[0].CheckSize)
	}
	if err == nil {
		t.Fatal("V8 ran a module of 8 bytes of text")
	}
	for _, want := range []string{"V8", Workloads[0].Name, "CompileError"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %q", err, want)
		}
	}
}
