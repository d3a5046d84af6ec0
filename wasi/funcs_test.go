package wasi

import (
	"errors"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

func TestAllFunctionsDefined(t *testing.T) {
	h := newHarness(t, nil)
	var names []string
	for n := range h.funcs {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) != 46 {
		t.Fatalf("%d functions, want 46: %v", len(names), names)
	}
	for n, f := range h.funcs {
		if len(f.ParamNames) != len(f.Type.Params) {
			t.Errorf("%s: %d param names for %d params", n, len(f.ParamNames), len(f.Type.Params))
		}
	}
}

func TestArgsAndEnviron(t *testing.T) {
	tests := []struct {
		sizes, get string
		want       []string
	}{
		{"args_sizes_get", "args_get", []string{"prog", "a1"}},
		{"environ_sizes_get", "environ_get", []string{"HOME=/", "X=y"}},
	}
	for _, tt := range tests {
		h := newHarness(t, nil)
		h.ok(tt.sizes, result, result+4)
		if n, size := h.u32(result), h.u32(result+4); int(n) != len(tt.want) || int(size) != len(strings.Join(tt.want, "."))+1 {
			t.Errorf("%s = %d, %d", tt.sizes, n, size)
		}
		h.ok(tt.get, 100, 200)
		for i, w := range tt.want {
			p := h.u32(100 + uint32(i)*4)
			end := p
			for h.mem[end] != 0 {
				end++
			}
			if got := string(h.mem[p:end]); got != w {
				t.Errorf("%s[%d] = %q, want %q", tt.get, i, got, w)
			}
		}
		if e := h.call(tt.get, 65534, 200); e != ErrnoFault {
			t.Errorf("%s with pointers past memory = %s, want fault", tt.get, e)
		}
	}
}

func TestClocks(t *testing.T) {
	h := newHarness(t, nil)
	tests := []struct {
		id    uint32
		want  uint64
		errno Errno
	}{
		{ClockRealtime, uint64(h.clock.Now().UnixNano()), ErrnoSuccess},
		{ClockMonotonic, 1000, ErrnoSuccess},
		{ClockProcessCPUTime, 0, ErrnoSuccess},
		{ClockThreadCPUTime, 0, ErrnoSuccess},
		{4, 0, ErrnoInval},
	}
	for _, tt := range tests {
		if e := h.call("clock_time_get", uint64(tt.id), 1, result); e != tt.errno {
			t.Errorf("clock_time_get(%d) = %s, want %s", tt.id, e, tt.errno)
			continue
		}
		if tt.errno == ErrnoSuccess && h.u64(result) != tt.want {
			t.Errorf("clock_time_get(%d) = %d, want %d", tt.id, h.u64(result), tt.want)
		}
		if e := h.call("clock_res_get", uint64(tt.id), result); e != tt.errno {
			t.Errorf("clock_res_get(%d) = %s, want %s", tt.id, e, tt.errno)
		}
		if tt.errno == ErrnoSuccess && h.u64(result) == 0 {
			t.Errorf("clock_res_get(%d) = 0", tt.id)
		}
	}
}

func TestStdio(t *testing.T) {
	h := newHarness(t, nil)
	if n := h.write(1, "hello"); n != 5 || h.stdout.String() != "hello" {
		t.Errorf("fd_write(1) = %d, stdout %q", n, h.stdout.String())
	}
	h.write(2, "oops")
	if h.stderr.String() != "oops" {
		t.Errorf("stderr %q", h.stderr.String())
	}
	if got := h.read(0, 5); got != "input" {
		t.Errorf("fd_read(0) = %q", got)
	}
	if got := h.read(0, 100); got != " line\n" {
		t.Errorf("fd_read(0) = %q", got)
	}
	if got := h.read(0, 100); got != "" {
		t.Errorf("fd_read(0) at end = %q", got)
	}
	// Two iovecs: both filled from one write.
	copy(h.mem[2048:], "abcdef")
	h.iovec(256, 2048, 3)
	h.iovec(264, 2051, 3)
	h.ok("fd_write", 1, 256, 2, result)
	if h.u32(result) != 6 || !strings.HasSuffix(h.stdout.String(), "abcdef") {
		t.Errorf("gathered write: %d, %q", h.u32(result), h.stdout.String())
	}
	tests := []struct {
		name string
		args []uint64
		want Errno
	}{
		{"fd_write", []uint64{9, 256, 1, result}, ErrnoBadf},
		{"fd_write", []uint64{1, 65530, 1, result}, ErrnoFault},
		{"fd_write", []uint64{1, 256, 0x20000000, result}, ErrnoInval},
		{"fd_write", []uint64{1, 65000, IovMax, result}, ErrnoFault},
		{"fd_read", []uint64{1, 256, 1, result}, ErrnoBadf},
		{"fd_seek", []uint64{1, 0, 0, result}, ErrnoNotcapable},
		{"fd_tell", []uint64{0, result}, ErrnoNotcapable},
	}
	for _, tt := range tests {
		h.iovec(256, 2048, 3)
		if e := h.call(tt.name, tt.args...); e != tt.want {
			t.Errorf("%s%v = %s, want %s", tt.name, tt.args, e, tt.want)
		}
	}
}

func TestFileReadWriteSeek(t *testing.T) {
	h := newHarness(t, nil)
	fd := h.open("f.txt", OflagCreat|OflagTrunc, rw, 0)
	if fd != 4 {
		t.Errorf("first open got fd %d, want 4", fd)
	}
	h.write(fd, "hello world")
	h.ok("fd_tell", uint64(fd), result)
	if h.u64(result) != 11 {
		t.Errorf("fd_tell = %d", h.u64(result))
	}
	tests := []struct {
		off    int64
		whence uint8
		want   uint64
		errno  Errno
	}{
		{0, WhenceSet, 0, ErrnoSuccess},
		{6, WhenceCur, 6, ErrnoSuccess},
		{-5, WhenceEnd, 6, ErrnoSuccess},
		{-100, WhenceSet, 0, ErrnoInval},
		{0, 3, 0, ErrnoInval},
	}
	for _, tt := range tests {
		e := h.call("fd_seek", uint64(fd), uint64(tt.off), uint64(tt.whence), result)
		if e != tt.errno || (e == ErrnoSuccess && h.u64(result) != tt.want) {
			t.Errorf("fd_seek(%d, %d) = %s %d, want %s %d", tt.off, tt.whence, e, h.u64(result), tt.errno, tt.want)
		}
	}
	h.ok("fd_seek", uint64(fd), 6, uint64(WhenceSet), result)
	if got := h.read(fd, 100); got != "world" {
		t.Errorf("read after seek = %q", got)
	}
	// pread/pwrite leave the position alone.
	copy(h.mem[2048:], "W")
	h.iovec(256, 2048, 1)
	h.ok("fd_pwrite", uint64(fd), 256, 1, 6, result)
	h.iovec(256, 4096, 5)
	h.ok("fd_pread", uint64(fd), 256, 1, 6, result)
	if got := string(h.mem[4096 : 4096+h.u32(result)]); got != "World" {
		t.Errorf("fd_pread = %q", got)
	}
	h.ok("fd_tell", uint64(fd), result)
	if h.u64(result) != 11 {
		t.Errorf("position moved by pread/pwrite: %d", h.u64(result))
	}
	h.ok("fd_close", uint64(fd))
	if got := h.readFile("f.txt"); got != "hello World" {
		t.Errorf("file holds %q", got)
	}
	if e := h.call("fd_close", uint64(fd)); e != ErrnoBadf {
		t.Errorf("second fd_close = %s", e)
	}
	// Append mode writes at the end whatever the position.
	fd = h.open("f.txt", 0, rw, FdflagAppend)
	h.write(fd, "!")
	if got := h.readFile("f.txt"); got != "hello World!" {
		t.Errorf("after append: %q", got)
	}
	// A descriptor opened for reading cannot write.
	fd = h.open("f.txt", 0, RightFdRead, 0)
	h.iovec(256, 2048, 1)
	if e := h.call("fd_write", uint64(fd), 256, 1, result); e != ErrnoNotcapable {
		t.Errorf("fd_write on read-only descriptor = %s", e)
	}
}

func TestFileSizeAndTimes(t *testing.T) {
	h := newHarness(t, nil)
	h.writeFile("g", "0123456789")
	fd := h.open("g", 0, rw, 0)
	h.ok("fd_filestat_set_size", uint64(fd), 4)
	if got := h.readFile("g"); got != "0123" {
		t.Errorf("after set_size: %q", got)
	}
	h.ok("fd_allocate", uint64(fd), 0, 8)
	h.ok("fd_filestat_get", uint64(fd), result)
	if h.mem[result+16] != FiletypeRegularFile || h.u64(result+32) != 8 || h.u64(result+24) != 1 {
		t.Errorf("filestat: type %d size %d nlink %d", h.mem[result+16], h.u64(result+32), h.u64(result+24))
	}
	mtime := uint64(time.Date(2020, 5, 6, 7, 8, 9, 0, time.UTC).UnixNano())
	h.ok("fd_filestat_set_times", uint64(fd), 0, mtime, uint64(FstflagMtim))
	h.ok("fd_filestat_get", uint64(fd), result)
	if h.u64(result+48) != mtime {
		t.Errorf("mtim = %d, want %d", h.u64(result+48), mtime)
	}
	h.ok("fd_filestat_set_times", uint64(fd), 0, 0, uint64(FstflagMtimNow))
	h.ok("fd_filestat_get", uint64(fd), result)
	if h.u64(result+48) != uint64(h.clock.Now().UnixNano()) {
		t.Errorf("mtim after MTIM_NOW = %d", h.u64(result+48))
	}
	if e := h.call("fd_filestat_set_times", uint64(fd), 0, 0, uint64(FstflagMtim|FstflagMtimNow)); e != ErrnoInval {
		t.Errorf("MTIM|MTIM_NOW = %s", e)
	}
	for _, name := range []string{"fd_sync", "fd_datasync"} {
		h.ok(name, uint64(fd))
	}
	h.ok("fd_advise", uint64(fd), 0, 10, 2)
	if e := h.call("fd_advise", uint64(fd), 0, 10, 6); e != ErrnoInval {
		t.Errorf("fd_advise(6) = %s", e)
	}
	// stdio is a pipe unless configured (TestStdioKinds).
	h.ok("fd_filestat_get", 1, result)
	if h.mem[result+16] != FiletypeUnknown {
		t.Errorf("stdout filetype %d", h.mem[result+16])
	}
}

func TestFdstat(t *testing.T) {
	h := newHarness(t, nil)
	tests := []struct {
		fd    uint32
		ftype uint8
	}{{0, FiletypeUnknown}, {1, FiletypeUnknown}, {3, FiletypeDirectory}} // stdio: pipes unless configured
	for _, tt := range tests {
		h.ok("fd_fdstat_get", uint64(tt.fd), result)
		if h.mem[result] != tt.ftype {
			t.Errorf("fd %d filetype %d, want %d", tt.fd, h.mem[result], tt.ftype)
		}
	}
	if e := h.call("fd_fdstat_get", 42, result); e != ErrnoBadf {
		t.Errorf("fd_fdstat_get(42) = %s", e)
	}
	fd := h.open("h", OflagCreat, rw, 0)
	h.ok("fd_fdstat_set_flags", uint64(fd), uint64(FdflagAppend))
	h.ok("fd_fdstat_get", uint64(fd), result)
	if h.u16(result+2) != FdflagAppend || h.u64(result+8) != rw&rightsFile {
		t.Errorf("fdstat flags %#x rights %#x", h.u16(result+2), h.u64(result+8))
	}
	h.ok("fd_fdstat_set_rights", uint64(fd), RightFdRead, 0)
	h.ok("fd_fdstat_get", uint64(fd), result)
	if h.u64(result+8) != RightFdRead {
		t.Errorf("rights after set_rights %#x", h.u64(result+8))
	}
	if e := h.call("fd_fdstat_set_rights", uint64(fd), RightFdRead|RightFdWrite, 0); e != ErrnoNotcapable {
		t.Errorf("gaining a right = %s", e)
	}
}

func TestPrestat(t *testing.T) {
	h := newHarness(t, func(c *Config) {
		c.Preopens = append(c.Preopens, Preopen{GuestPath: "/data", FS: NewMemFS()})
	})
	h.ok("fd_prestat_get", 4, result)
	if h.mem[result] != 0 || h.u32(result+4) != 5 {
		t.Errorf("prestat: tag %d len %d", h.mem[result], h.u32(result+4))
	}
	h.ok("fd_prestat_dir_name", 4, 300, 5)
	if got := string(h.mem[300:305]); got != "/data" {
		t.Errorf("prestat name %q", got)
	}
	tests := []struct {
		name string
		args []uint64
		want Errno
	}{
		{"fd_prestat_get", []uint64{5, result}, ErrnoBadf},
		{"fd_prestat_get", []uint64{1, result}, ErrnoBadf},
		{"fd_prestat_dir_name", []uint64{4, 300, 2}, ErrnoNametoolong},
		{"fd_prestat_get", []uint64{4, 65535}, ErrnoFault},
	}
	for _, tt := range tests {
		if e := h.call(tt.name, tt.args...); e != tt.want {
			t.Errorf("%s%v = %s, want %s", tt.name, tt.args, e, tt.want)
		}
	}
}

func TestReaddir(t *testing.T) {
	h := newHarness(t, nil)
	h.writeFile("b.txt", "x")
	h.writeFile("a.txt", "y")
	p, n := h.str(scratch, "sub")
	h.ok("path_create_directory", 3, p, n)
	read := func(cookie uint64, size uint32) []string {
		h.ok("fd_readdir", 3, 8192, uint64(size), cookie, result)
		used := h.u32(result)
		var names []string
		for off := uint32(0); off+sizeDirent <= used; {
			namlen := h.u32(8192 + off + 16)
			end := off + sizeDirent + namlen
			if end > used {
				break
			}
			names = append(names, string(h.mem[8192+off+sizeDirent:8192+end])+":"+itoa(uint64(h.mem[8192+off+20])))
			off = end
		}
		return names
	}
	got := strings.Join(read(0, 4096), " ")
	want := ".:3 ..:3 a.txt:4 b.txt:4 sub:3"
	if got != want {
		t.Errorf("readdir = %q, want %q", got, want)
	}
	// Resume from cookie 3 (after ".", "..", "a.txt").
	if got := strings.Join(read(3, 4096), " "); got != "b.txt:4 sub:3" {
		t.Errorf("readdir from cookie 3 = %q", got)
	}
	// A small buffer is filled completely, the last entry cut.
	h.ok("fd_readdir", 3, 8192, 30, 0, result)
	if h.u32(result) != 30 {
		t.Errorf("bufused = %d, want 30", h.u32(result))
	}
	fd := h.open("a.txt", 0, RightFdRead, 0)
	if e := h.call("fd_readdir", uint64(fd), 8192, 100, 0, result); e != ErrnoNotcapable && e != ErrnoNotdir {
		t.Errorf("fd_readdir on a file = %s", e)
	}
}

func TestRenumber(t *testing.T) {
	h := newHarness(t, nil)
	h.writeFile("r", "data")
	a := h.open("r", 0, RightFdRead, 0)
	b := h.open("r", 0, RightFdRead, 0)
	h.ok("fd_renumber", uint64(a), uint64(b))
	if got := h.read(b, 10); got != "data" {
		t.Errorf("read from renumbered fd = %q", got)
	}
	if e := h.call("fd_close", uint64(a)); e != ErrnoBadf {
		t.Errorf("old number still open: %s", e)
	}
	if e := h.call("fd_renumber", 77, uint64(b)); e != ErrnoBadf {
		t.Errorf("fd_renumber from closed = %s", e)
	}
}

func TestPathOps(t *testing.T) {
	h := newHarness(t, nil)
	do := func(name string, paths ...string) Errno {
		var args []uint64
		off := uint32(scratch)
		for _, p := range paths {
			a, n := h.str(off, p)
			args = append(args, a, n)
			off += 256
		}
		switch name {
		case "path_create_directory", "path_remove_directory", "path_unlink_file":
			return h.call(name, 3, args[0], args[1])
		case "path_rename":
			return h.call(name, 3, args[0], args[1], 3, args[2], args[3])
		case "path_filestat_get":
			return h.call(name, 3, uint64(LookupSymlinkFollow), args[0], args[1], result)
		case "path_symlink":
			return h.call(name, args[0], args[1], 3, args[2], args[3])
		case "path_link":
			return h.call(name, 3, 0, args[0], args[1], 3, args[2], args[3])
		case "path_readlink":
			return h.call(name, 3, args[0], args[1], 6000, 100, result)
		}
		t.Fatalf("unknown op %s", name)
		return 0
	}
	h.writeFile("file", "content")
	steps := []struct {
		op    string
		paths []string
		want  Errno
	}{
		{"path_create_directory", []string{"d"}, ErrnoSuccess},
		{"path_create_directory", []string{"d"}, ErrnoExist},
		{"path_create_directory", []string{"d/e"}, ErrnoSuccess},
		{"path_filestat_get", []string{"d/e"}, ErrnoSuccess},
		{"path_remove_directory", []string{"d"}, ErrnoNotempty},
		{"path_remove_directory", []string{"file"}, ErrnoNotdir},
		{"path_remove_directory", []string{"d/e"}, ErrnoSuccess},
		{"path_filestat_get", []string{"d/e"}, ErrnoNoent},
		{"path_rename", []string{"file", "d/moved"}, ErrnoSuccess},
		{"path_filestat_get", []string{"file"}, ErrnoNoent},
		{"path_rename", []string{"d/moved", "d"}, ErrnoIsdir},
		{"path_rename", []string{"d", "d/x"}, ErrnoInval},
		{"path_rename", []string{"missing", "x"}, ErrnoNoent},
		{"path_unlink_file", []string{"d"}, ErrnoIsdir},
		{"path_unlink_file", []string{"d/moved"}, ErrnoSuccess},
		{"path_unlink_file", []string{"d/moved"}, ErrnoNoent},
		{"path_filestat_get", []string{"d"}, ErrnoSuccess},
		// The in-memory filesystem has links of both kinds, but no hard
		// link to a directory.
		{"path_symlink", []string{"d", "l"}, ErrnoSuccess},
		{"path_readlink", []string{"l"}, ErrnoSuccess},
		{"path_link", []string{"d", "l2"}, ErrnoPerm},
		{"path_readlink", []string{"d"}, ErrnoInval},
		{"path_unlink_file", []string{"l"}, ErrnoSuccess},
		{"path_filestat_get", []string{"d"}, ErrnoSuccess},
	}
	for i, st := range steps {
		if e := do(st.op, st.paths...); e != st.want {
			t.Errorf("step %d: %s%q = %s, want %s", i, st.op, st.paths, e, st.want)
		}
	}
	// path_filestat_set_times on a path.
	mtime := uint64(time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano())
	p, n := h.str(scratch, "d")
	h.ok("path_filestat_set_times", 3, 0, p, n, 0, mtime, uint64(FstflagMtim))
	h.ok("path_filestat_get", 3, 0, p, n, result)
	if h.mem[result+16] != FiletypeDirectory || h.u64(result+48) != mtime {
		t.Errorf("path_filestat_get: type %d mtim %d", h.mem[result+16], h.u64(result+48))
	}
}

func TestPathOpenFlags(t *testing.T) {
	h := newHarness(t, nil)
	h.writeFile("exists", "x")
	p, n := h.str(scratch, "dir")
	h.ok("path_create_directory", 3, p, n)
	tests := []struct {
		path   string
		oflags uint16
		rights uint64
		want   Errno
	}{
		{"exists", 0, RightFdRead, ErrnoSuccess},
		{"missing", 0, RightFdRead, ErrnoNoent},
		{"exists", OflagCreat | OflagExcl, rw, ErrnoExist},
		{"new", OflagCreat | OflagExcl, rw, ErrnoSuccess},
		{"exists", OflagDirectory, RightFdRead, ErrnoNotdir},
		{"dir", OflagDirectory, RightFdReaddir, ErrnoSuccess},
		{"dir", 0, RightFdRead, ErrnoSuccess},
		{"dir", 0, rw, ErrnoIsdir},
		{"exists/x", 0, RightFdRead, ErrnoNotdir},
		{"", 0, RightFdRead, ErrnoNoent},
	}
	for _, tt := range tests {
		if e := h.openErr(3, tt.path, tt.oflags, tt.rights); e != tt.want {
			t.Errorf("path_open(%q, %#x) = %s, want %s", tt.path, tt.oflags, e, tt.want)
		}
	}
	fd := h.open("exists", OflagTrunc, rw, 0)
	h.ok("fd_filestat_get", uint64(fd), result)
	if h.u64(result+32) != 0 {
		t.Errorf("size after O_TRUNC: %d", h.u64(result+32))
	}
	// A directory descriptor resolves relative paths from itself.
	h.writeFile("dir/inner", "inside")
	dfd := h.open("dir", OflagDirectory, rightsDir, 0)
	if e := h.openErr(dfd, "inner", 0, RightFdRead); e != ErrnoSuccess {
		t.Fatalf("open relative to dir fd: %s", e)
	}
	if got := h.read(h.u32(result), 20); got != "inside" {
		t.Errorf("read %q", got)
	}
	if e := h.openErr(1, "x", 0, RightFdRead); e != ErrnoNotdir {
		t.Errorf("path_open relative to stdout = %s", e)
	}
}

func TestPollOneoff(t *testing.T) {
	sub := func(h *harness, i int, userdata uint64, typ uint8, fdOrClock uint32, timeout uint64, flags uint16) {
		p := uint32(8192 + i*sizeSubscription)
		for j := uint32(0); j < sizeSubscription; j++ {
			h.mem[p+j] = 0
		}
		le64(h.mem[p:], userdata)
		h.mem[p+8] = typ
		le32(h.mem[p+16:], fdOrClock)
		le64(h.mem[p+24:], timeout)
		h.mem[p+40] = byte(flags)
	}
	t.Run("relative clock sleeps", func(t *testing.T) {
		h := newHarness(t, nil)
		sub(h, 0, 42, EventtypeClock, ClockMonotonic, 5000, 0)
		h.ok("poll_oneoff", 8192, 12288, 1, result)
		if h.u32(result) != 1 || h.u64(12288) != 42 || h.mem[12288+10] != EventtypeClock || h.u16(12288+8) != 0 {
			t.Errorf("event: n=%d userdata=%d type=%d", h.u32(result), h.u64(12288), h.mem[12288+10])
		}
		if len(h.clock.slept) != 1 || h.clock.slept[0] != 5000 {
			t.Errorf("slept %v, want [5µs]", h.clock.slept)
		}
	})
	t.Run("absolute clock", func(t *testing.T) {
		h := newHarness(t, nil)
		sub(h, 0, 1, EventtypeClock, ClockMonotonic, 3000, SubclockAbstime)
		h.ok("poll_oneoff", 8192, 12288, 1, result)
		if len(h.clock.slept) != 1 || h.clock.slept[0] != 2000 {
			t.Errorf("slept %v, want [2µs] (deadline 3000, now 1000)", h.clock.slept)
		}
		// A deadline in the past fires at once.
		sub(h, 0, 1, EventtypeClock, ClockRealtime, 5, SubclockAbstime)
		h.ok("poll_oneoff", 8192, 12288, 1, result)
		if len(h.clock.slept) != 1 || h.u32(result) != 1 {
			t.Errorf("past deadline slept %v, events %d", h.clock.slept, h.u32(result))
		}
	})
	t.Run("fd readiness wins over a clock", func(t *testing.T) {
		h := newHarness(t, nil)
		sub(h, 0, 1, EventtypeClock, ClockMonotonic, 1e9, 0)
		sub(h, 1, 2, EventtypeFdWrite, 1, 0, 0)
		sub(h, 2, 3, EventtypeFdRead, 0, 0, 0)
		h.ok("poll_oneoff", 8192, 12288, 3, result)
		if len(h.clock.slept) != 0 {
			t.Errorf("slept %v with fds ready", h.clock.slept)
		}
		got := map[uint64]uint64{}
		for i := uint32(0); i < h.u32(result); i++ {
			got[h.u64(12288+i*sizeEvent)] = h.u64(12288 + i*sizeEvent + 16)
		}
		if _, ok := got[2]; !ok {
			t.Errorf("stdout not writable: %v", got)
		}
		// stdin becomes ready once the pump has read; wait for it.
		for len(got) < 2 {
			h.ok("poll_oneoff", 8192+sizeSubscription*2, 12288, 1, result)
			got[h.u64(12288)] = h.u64(12288 + 16)
		}
		if got[3] != uint64(len("input line\n")) {
			t.Errorf("stdin nbytes = %d", got[3])
		}
		if got := h.read(0, 100); got != "input line\n" {
			t.Errorf("read after poll = %q", got)
		}
	})
	t.Run("errors", func(t *testing.T) {
		h := newHarness(t, nil)
		if e := h.call("poll_oneoff", 8192, 12288, 0, result); e != ErrnoInval {
			t.Errorf("no subscriptions = %s", e)
		}
		sub(h, 0, 9, EventtypeFdRead, 99, 0, 0)
		h.ok("poll_oneoff", 8192, 12288, 1, result)
		if Errno(h.u16(12288+8)) != ErrnoBadf {
			t.Errorf("bad fd event errno %s", Errno(h.u16(12288+8)))
		}
		if e := h.call("poll_oneoff", 65500, 12288, 2, result); e != ErrnoFault {
			t.Errorf("subscriptions past memory = %s", e)
		}
	})
}

func TestProcAndMisc(t *testing.T) {
	h := newHarness(t, nil)
	exit := h.funcs["proc_exit"]
	err := exit.Call(vm.NewCaller(func() []byte { return h.mem }), []uint64{3}, nil)
	var ee *vm.ExitError
	if !errors.As(err, &ee) || ee.Code != 3 {
		t.Errorf("proc_exit(3) = %v", err)
	}
	raise := func(sig uint64) (Errno, error) {
		res := []uint64{0}
		err := h.funcs["proc_raise"].Call(vm.NewCaller(func() []byte { return h.mem }), []uint64{sig}, res)
		return Errno(res[0]), err
	}
	raises := []struct {
		sig  uint64
		code uint32 // 0: no exit
		want Errno
	}{{0, 0, ErrnoSuccess}, {27, 0, ErrnoSuccess}, {15, 143, ErrnoSuccess}, {6, 134, ErrnoSuccess}, {31, 0, ErrnoInval}}
	for _, r := range raises {
		e, err := raise(r.sig)
		ee = nil
		errors.As(err, &ee)
		if e != r.want || (r.code == 0) != (ee == nil) || (ee != nil && ee.Code != r.code) {
			t.Errorf("proc_raise(%d) = %s, %v", r.sig, e, err)
		}
	}
	h.ok("sched_yield")
	h.ok("random_get", 300, 16)
	if h.mem[300] != 7 || h.mem[315] != 7 {
		t.Errorf("random_get did not use the injected source")
	}
	if e := h.call("random_get", 65530, 16); e != ErrnoFault {
		t.Errorf("random_get past memory = %s", e)
	}
	socks := []struct {
		name string
		args []uint64
	}{
		{"sock_accept", []uint64{3, 0, result}},
		{"sock_recv", []uint64{3, 256, 1, 0, result, result + 4}},
		{"sock_send", []uint64{3, 256, 1, 0, result}},
		{"sock_shutdown", []uint64{3, 2}},
	}
	for _, s := range socks {
		if e := h.call(s.name, s.args...); e != ErrnoNotsock {
			t.Errorf("%s = %s, want notsock", s.name, e)
		}
		args := append([]uint64{99}, s.args[1:]...)
		if e := h.call(s.name, args...); e != ErrnoBadf {
			t.Errorf("%s on a closed fd = %s, want badf", s.name, e)
		}
	}
}

func TestFilesListing(t *testing.T) {
	h := newHarness(t, func(c *Config) {
		c.Preopens = append(c.Preopens, Preopen{GuestPath: "/out", FS: NewMemFS()})
	})
	fd := h.open("out/result.txt", OflagCreat, rw, 0)
	h.write(fd, "42\n")
	h.writeFile("top", "t")
	got := strings.Join(h.s.Files(), " ")
	if got != "/out/result.txt /top" {
		t.Errorf("Files() = %q", got)
	}
}

func TestRenameMovesOpenDescriptors(t *testing.T) {
	h := newHarness(t, nil)
	h.writeFile("f", "x")
	p, n := h.str(scratch, "d")
	h.ok("path_create_directory", 3, p, n)
	h.writeFile("d/inner", "inside")
	dfd := h.open("d", OflagDirectory, rightsDir, 0)
	q, m := h.str(scratch+256, "e")
	h.ok("path_rename", 3, p, n, 3, q, m)
	if e := h.openErr(dfd, "inner", 0, RightFdRead); e != ErrnoSuccess {
		t.Fatalf("open through a directory descriptor after its rename: %s", e)
	}
	if got := h.read(h.u32(result), 20); got != "inside" {
		t.Errorf("read %q", got)
	}
	for _, bad := range []string{".", "d/..", "e/."} {
		p, n := h.str(scratch, bad)
		if e := h.call("path_remove_directory", 3, p, n); e != ErrnoInval {
			t.Errorf("rmdir %q = %s, want inval", bad, e)
		}
	}
}

// TestGarbageArguments calls every function with arbitrary arguments over
// a small and a full memory: every call must answer with an errno (or end
// the run), never panic.
func TestGarbageArguments(t *testing.T) {
	values := []uint64{0, 1, 3, 4, 16, 255, 4096, 65535, 65536, 1 << 31, 1<<32 - 1, 1<<63 + 5, 1<<64 - 1}
	for _, size := range []int{0, 100, 65536} {
		h := newHarness(t, nil)
		h.mem = make([]byte, size)
		seed := uint64(1)
		for name, f := range h.funcs {
			for round := 0; round < 300; round++ {
				args := make([]uint64, len(f.Type.Params))
				for i := range args {
					seed = seed*6364136223846793005 + 1442695040888963407
					args[i] = values[(seed>>33)%uint64(len(values))]
					if f.Type.Params[i].Kind == syntax.KindI32 {
						args[i] &= 0xffffffff
					}
				}
				results := make([]uint64, len(f.Type.Results))
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Fatalf("%s%v over %d bytes panicked: %v", name, args, size, r)
						}
					}()
					err := f.Call(vm.NewCaller(func() []byte { return h.mem }), args, results)
					var ee *vm.ExitError
					if err != nil && !errors.As(err, &ee) {
						t.Errorf("%s%v: %v", name, args, err)
					}
				}()
			}
		}
	}
}
