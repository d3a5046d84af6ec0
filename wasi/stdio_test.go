package wasi

import "testing"

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
