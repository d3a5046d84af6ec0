package wasi

import (
	"strings"
	"testing"
	"time"
)

func TestStdioKinds(t *testing.T) {
	tests := []struct {
		name   string
		kind   StdioKind
		ftype  uint8
		isatty bool
	}{
		{"pipe", StdioPipe, FiletypeUnknown, false},
		{"terminal", StdioTerminal, FiletypeCharacterDevice, true},
		{"file", StdioFile, FiletypeRegularFile, false},
	}
	for _, tt := range tests {
		for fd := uint32(0); fd < 3; fd++ {
			t.Run(tt.name+"/fd"+string(rune('0'+fd)), func(t *testing.T) {
				h := newHarness(t, func(c *Config) { c.Stdio[fd] = tt.kind })
				h.ok("fd_fdstat_get", uint64(fd), result)
				ftype, rights := h.mem[result], h.u64(result+8)
				if ftype != tt.ftype {
					t.Errorf("fd_fdstat_get(%d) filetype %d, want %d", fd, ftype, tt.ftype)
				}
				// wasi-libc's isatty: a character device that cannot seek or tell.
				isatty := ftype == FiletypeCharacterDevice && rights&(RightFdSeek|RightFdTell) == 0
				if isatty != tt.isatty {
					t.Errorf("isatty(%d) would be %v, want %v (rights %#x)", fd, isatty, tt.isatty, rights)
				}
				h.ok("fd_filestat_get", uint64(fd), result)
				if got := h.mem[result+16]; got != tt.ftype {
					t.Errorf("fd_filestat_get(%d) filetype %d, want %d (as fd_fdstat_get)", fd, got, tt.ftype)
				}
				// The other two keep the default.
				other := (fd + 1) % 3
				h.ok("fd_fdstat_get", uint64(other), result)
				if h.mem[result] != FiletypeUnknown {
					t.Errorf("fd %d filetype %d, want unknown", other, h.mem[result])
				}
			})
		}
	}
	if _, err := New(Config{Stdio: [3]StdioKind{0, 9, 0}}); err == nil {
		t.Error("New accepted stdio kind 9")
	}
}

// A non-blocking read of stdin after a blocking one (whose reading
// goroutine then waits) still gets the input that follows: the first
// answers EAGAIN and have the goroutine read ahead.
func TestStdinNonblockAfterBlockingRead(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.Stdin = strings.NewReader("abcdef") })
	if got := h.read(0, 2); got != "ab" {
		t.Fatalf("blocking read = %q", got)
	}
	time.Sleep(20 * time.Millisecond) // the reading goroutine goes back to waiting
	h.ok("fd_fdstat_set_flags", 0, uint64(FdflagNonblock))
	h.iovec(256, 4096, 100)
	deadline := time.Now().Add(10 * time.Second)
	for {
		e := h.call("fd_read", 0, 256, 1, result)
		if e == ErrnoSuccess {
			break
		}
		if e != ErrnoAgain || time.Now().After(deadline) {
			t.Fatalf("non-blocking read: %s", e)
		}
		time.Sleep(time.Millisecond)
	}
	if got := string(h.mem[4096 : 4096+h.u32(result)]); got != "cdef" {
		t.Errorf("non-blocking read = %q, want the rest", got)
	}
}
