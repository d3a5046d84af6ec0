package wasi

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The points of preview1 where runtimes have differed, each checked on the
// in-memory filesystem and on a host folder: the two must answer alike.

// eachFS runs f with a harness whose preopen 3 ("/") is a MemFS, then one
// whose preopen 3 is a host folder.
func eachFS(t *testing.T, f func(t *testing.T, h *harness)) {
	t.Run("memory", func(t *testing.T) { f(t, newHarness(t, nil)) })
	t.Run("host", func(t *testing.T) {
		dir, err := OSDir(t.TempDir())
		must(t, err)
		f(t, newHarness(t, func(c *Config) { c.Preopens = []Preopen{{GuestPath: "/", FS: dir}} }))
	})
}

// pcall calls name with args, each string placed in memory and passed as
// (pointer, length), each other argument passed as it is.
func (h *harness) pcall(name string, args ...any) Errno {
	h.t.Helper()
	var out []uint64
	off := uint32(scratch)
	for _, a := range args {
		switch v := a.(type) {
		case string:
			p, n := h.str(off, v)
			out = append(out, p, n)
			off += uint32(len(v)) + 1
		case int:
			out = append(out, uint64(v))
		case uint32:
			out = append(out, uint64(v))
		case uint16:
			out = append(out, uint64(v))
		case uint64:
			out = append(out, v)
		default:
			h.t.Fatalf("pcall %s: argument %T", name, a)
		}
	}
	return h.call(name, out...)
}

// put makes file p (under preopen 3) hold data.
func (h *harness) put(p, data string) {
	h.t.Helper()
	fd := h.open(p, OflagCreat|OflagTrunc, rw, 0)
	h.write(fd, data)
	h.ok("fd_close", uint64(fd))
}

// mkdir makes the directories (under preopen 3), in order.
func (h *harness) mkdir(names ...string) {
	h.t.Helper()
	for _, d := range names {
		if e := h.pcall("path_create_directory", 3, d); e != ErrnoSuccess {
			h.t.Fatalf("mkdir %s: %s", d, e)
		}
	}
}

// fdstat returns a descriptor's base and inheriting rights.
func (h *harness) fdstat(fd uint32) (uint64, uint64) {
	h.t.Helper()
	h.ok("fd_fdstat_get", uint64(fd), result)
	return h.u64(result + 8), h.u64(result + 16)
}

func TestDirectoryRights(t *testing.T) {
	eachFS(t, func(t *testing.T, h *harness) {
		base, inh := h.fdstat(3)
		if base&(RightFdRead|RightFdWrite) != 0 || base&RightPathOpen == 0 {
			t.Errorf("preopen base rights %#x: want directory rights", base)
		}
		if e := h.pcall("path_open", 3, 0, ".", OflagDirectory, base, inh, 0, result); e != ErrnoSuccess {
			t.Fatalf("path_open(preopen, \".\", O_DIRECTORY, its own rights) = %s", e)
		}
		if got, _ := h.fdstat(h.u32(result)); got != base {
			t.Errorf("reopened rights %#x, want %#x", got, base)
		}
		h.mkdir("d")
		tests := []struct {
			name   string
			rights uint64
			want   Errno
		}{
			{"read and write", RightFdRead | RightFdWrite, ErrnoIsdir},
			{"write", RightFdWrite, ErrnoIsdir},
			{"read (as wasi-libc asks)", RightFdRead | RightFdReaddir | RightPathOpen, ErrnoSuccess},
			{"every right", rightsAll &^ (RightFdWrite | RightFdAllocate | RightFdFilestatSetSize), ErrnoSuccess},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e := h.pcall("path_open", 3, 0, "d", 0, tt.rights, inh, 0, result)
				if e != tt.want {
					t.Fatalf("open directory with %#x = %s, want %s", tt.rights, e, tt.want)
				}
				if e == ErrnoSuccess {
					if got, _ := h.fdstat(h.u32(result)); got&^rightsDir != 0 || got&(RightFdRead|RightFdWrite) != 0 {
						t.Errorf("directory rights %#x", got)
					}
				}
			})
		}
	})
}

func TestTrailingSlashes(t *testing.T) {
	eachFS(t, func(t *testing.T, h *harness) {
		h.put("file", "x")
		h.mkdir("dir")
		tests := []struct {
			name string
			call func() Errno
			want Errno
		}{
			{"open file/", func() Errno { return h.pcall("path_open", 3, 1, "file/", 0, RightFdRead, 0, 0, result) }, ErrnoNotdir},
			{"open dir/", func() Errno { return h.pcall("path_open", 3, 1, "dir/", 0, RightFdReaddir, 0, 0, result) }, ErrnoSuccess},
			{"create new/", func() Errno { return h.pcall("path_open", 3, 1, "new/", OflagCreat, rw, 0, 0, result) }, ErrnoIsdir},
			{"stat file/", func() Errno { return h.pcall("path_filestat_get", 3, 1, "file/", result) }, ErrnoNotdir},
			{"unlink file/", func() Errno { return h.pcall("path_unlink_file", 3, "file/") }, ErrnoNotdir},
			{"link file to new/", func() Errno { return h.pcall("path_link", 3, 0, "file", 3, "new/") }, ErrnoNoent},
			{"symlink to new/", func() Errno { return h.pcall("path_symlink", "file", 3, "new/") }, ErrnoNoent},
			{"rename file to new/", func() Errno { return h.pcall("path_rename", 3, "file", 3, "new/") }, ErrnoNotdir},
			{"mkdir sub/", func() Errno { return h.pcall("path_create_directory", 3, "sub/") }, ErrnoSuccess},
			{"rmdir sub/", func() Errno { return h.pcall("path_remove_directory", 3, "sub/") }, ErrnoSuccess},
		}
		for _, tt := range tests {
			if e := tt.call(); e != tt.want {
				t.Errorf("%s = %s, want %s", tt.name, e, tt.want)
			}
		}
		if e := h.pcall("path_filestat_get", 3, 0, "file", result); e != ErrnoSuccess {
			t.Errorf("file gone after the refused calls: %s", e)
		}
	})
}

func TestRenameDirectoryOntoEmptyDirectory(t *testing.T) {
	eachFS(t, func(t *testing.T, h *harness) {
		h.mkdir("src", "empty", "full")
		h.put("src/inside", "in")
		h.put("full/x", "x")
		h.put("file", "f")
		steps := []struct {
			from, to string
			want     Errno
		}{
			{"src", "full", ErrnoNotempty},
			{"src", "file", ErrnoNotdir},
			{"file", "empty", ErrnoIsdir},
			{"src", "empty", ErrnoSuccess},
			{"empty", "empty/inner", ErrnoInval},
		}
		for _, st := range steps {
			if e := h.pcall("path_rename", 3, st.from, 3, st.to); e != st.want {
				t.Errorf("rename %s onto %s = %s, want %s", st.from, st.to, e, st.want)
			}
		}
		if e := h.openErr(3, "empty/inside", 0, RightFdRead); e != ErrnoSuccess {
			t.Errorf("the moved directory's content: %s", e)
		}
		if e := h.pcall("path_filestat_get", 3, 0, "src", result); e != ErrnoNoent {
			t.Errorf("old name after rename: %s", e)
		}
	})
}

func TestSymlinkAbsoluteTargetRefused(t *testing.T) {
	eachFS(t, func(t *testing.T, h *harness) {
		for _, target := range []string{"/etc/passwd", "/", "/file"} {
			if e := h.pcall("path_symlink", target, 3, "abs"); e != ErrnoNotcapable {
				t.Errorf("symlink to %q = %s, want notcapable", target, e)
			}
			if e := h.pcall("path_filestat_get", 3, 0, "abs", result); e != ErrnoNoent {
				t.Errorf("after a refused symlink to %q the name is %s", target, e)
			}
		}
	})
}

func TestRightsOnlyShrink(t *testing.T) {
	eachFS(t, func(t *testing.T, h *harness) {
		h.put("f", "content")
		base, inh := h.fdstat(3)
		h.ok("fd_fdstat_set_rights", 3, base&^RightPathFilestatSetSize, inh)
		if e := h.pcall("path_open", 3, 1, "f", OflagTrunc, rw&^RightFdFilestatSetSize, 0, 0, result); e != ErrnoNotcapable {
			t.Errorf("O_TRUNC without PATH_FILESTAT_SET_SIZE = %s, want notcapable", e)
		}
		// Opened with the right to truncate the file, it may be truncated
		// on open: Go's os.Root creates files so.
		if e := h.pcall("path_open", 3, 1, "g", OflagCreat|OflagTrunc, rw, 0, 0, result); e != ErrnoSuccess {
			t.Errorf("O_TRUNC with FD_FILESTAT_SET_SIZE asked = %s, want success", e)
		}
		if e := h.call("fd_fdstat_set_rights", 3, base, inh); e != ErrnoNotcapable {
			t.Errorf("gaining PATH_FILESTAT_SET_SIZE back = %s", e)
		}
		// Asking more than the directory passes on gives only what it does.
		h.ok("fd_fdstat_set_rights", 3, base&^RightPathFilestatSetSize, RightFdRead)
		if e := h.pcall("path_open", 3, 1, "f", 0, rightsAll, rightsAll, 0, result); e != ErrnoSuccess {
			t.Fatalf("open with every right asked: %s", e)
		}
		if b, i := h.fdstat(h.u32(result)); b != RightFdRead || i != RightFdRead {
			t.Errorf("rights %#x inheriting %#x, want only fd_read", b, i)
		}
		fd := h.open("f", 0, RightFdRead, 0)
		if got := h.read(fd, 20); got != "content" {
			t.Errorf("file after the refused O_TRUNC: %q", got)
		}
	})
}

// readdirAll lists fd with fd_readdir, size bytes at a time, resuming
// from the last whole entry's cookie, as names and the "." inode.
func readdirAll(h *harness, fd uint32, size uint32) ([]string, uint64) {
	h.t.Helper()
	var names []string
	var dot, cookie uint64
	for {
		h.ok("fd_readdir", uint64(fd), 8192, uint64(size), cookie, result)
		used := h.u32(result)
		whole := 0
		for off := uint32(0); off+sizeDirent <= used; {
			namlen := h.u32(8192 + off + 16)
			if off+sizeDirent+namlen > used {
				break
			}
			name := string(h.mem[8192+off+sizeDirent : 8192+off+sizeDirent+namlen])
			if name == "." {
				dot = h.u64(8192 + off + 8)
			}
			names = append(names, name)
			cookie = h.u64(8192 + off)
			off += sizeDirent + namlen
			whole++
		}
		if used < size {
			return names, dot
		}
		if whole == 0 {
			h.t.Fatalf("an entry does not fit %d bytes", size)
		}
	}
}

func TestReaddirInodesAndCookies(t *testing.T) {
	eachFS(t, func(t *testing.T, h *harness) {
		h.mkdir("d")
		for i := 0; i < 20; i++ {
			h.put("d/entry-"+strings.Repeat("x", i), "")
		}
		sub := h.open("d", OflagDirectory, rightsDir, 0)
		for _, fd := range []uint32{3, sub} {
			whole, dot := readdirAll(h, fd, 4096)
			h.ok("fd_filestat_get", uint64(fd), result)
			if ino := h.u64(result + 8); dot != ino || dot == 0 {
				t.Errorf("fd %d: readdir . inode %d, fd_filestat_get inode %d", fd, dot, ino)
			}
			for _, size := range []uint32{50, 64, 100} {
				pieces, _ := readdirAll(h, fd, size)
				if strings.Join(pieces, " ") != strings.Join(whole, " ") {
					t.Errorf("fd %d: read %d bytes at a time: %q, want %q", fd, size, pieces, whole)
				}
			}
		}
		// Every cookie resumes at the entry after the one that gave it.
		whole, _ := readdirAll(h, sub, 4096)
		for c := range whole {
			h.ok("fd_readdir", uint64(sub), 8192, 4096, uint64(c), result)
			namlen := h.u32(8192 + 16)
			if got := string(h.mem[8192+sizeDirent : 8192+sizeDirent+namlen]); got != whole[c] {
				t.Errorf("cookie %d starts at %q, want %q", c, got, whole[c])
			}
		}
	})
}

// TestSymlinks runs the same sequence on both filesystems: links in memory
// work as on a host folder.
func TestSymlinks(t *testing.T) {
	eachFS(t, func(t *testing.T, h *harness) {
		h.mkdir("dir")
		h.put("dir/target", "through the link")
		steps := []struct {
			name string
			call func() Errno
			want Errno
		}{
			{"symlink", func() Errno { return h.pcall("path_symlink", "dir/target", 3, "rel") }, ErrnoSuccess},
			{"symlink exists", func() Errno { return h.pcall("path_symlink", "x", 3, "rel") }, ErrnoExist},
			{"symlink to dir", func() Errno { return h.pcall("path_symlink", "dir", 3, "dirlink") }, ErrnoSuccess},
			{"symlink dangling", func() Errno { return h.pcall("path_symlink", "nothing", 3, "dangling") }, ErrnoSuccess},
			{"symlink loop", func() Errno { return h.pcall("path_symlink", "loop", 3, "loop") }, ErrnoSuccess},
			{"symlink climbing", func() Errno { return h.pcall("path_symlink", "../x", 3, "up") }, ErrnoSuccess},
			{"open through", func() Errno { return h.openErr(3, "rel", 0, RightFdRead) }, ErrnoSuccess},
			{"open through dir link", func() Errno { return h.openErr(3, "dirlink/target", 0, RightFdRead) }, ErrnoSuccess},
			{"open dangling", func() Errno { return h.openErr(3, "dangling", 0, RightFdRead) }, ErrnoNoent},
			{"open loop", func() Errno { return h.openErr(3, "loop", 0, RightFdRead) }, ErrnoLoop},
			{"open climbing", func() Errno { return h.openErr(3, "up", 0, RightFdRead) }, ErrnoNotcapable},
			{"open nofollow", func() Errno { return h.pcall("path_open", 3, 0, "rel", 0, RightFdRead, 0, 0, result) }, ErrnoLoop},
			{"create through dangling", func() Errno { return h.openErr(3, "dangling", OflagCreat, rw) }, ErrnoSuccess},
			{"readlink a file", func() Errno { return h.pcall("path_readlink", 3, "dir/target", 6000, 100, result) }, ErrnoInval},
			{"rename the link", func() Errno { return h.pcall("path_rename", 3, "dirlink", 3, "dirlink2") }, ErrnoSuccess},
			{"rmdir a dir link", func() Errno { return h.pcall("path_remove_directory", 3, "dirlink2") }, ErrnoNotdir},
			{"unlink a dir link", func() Errno { return h.pcall("path_unlink_file", 3, "dirlink2") }, ErrnoSuccess},
		}
		for _, st := range steps {
			if e := st.call(); e != st.want {
				t.Errorf("%s = %s, want %s", st.name, e, st.want)
			}
		}
		if e := h.openErr(3, "nothing", 0, RightFdRead); e != ErrnoSuccess {
			t.Errorf("O_CREAT through a dangling link made no target: %s", e)
		}
		h.ok("path_readlink", 3, scratch, uint64(copy(h.mem[scratch:], "rel")), 6000, 100, result)
		if got := string(h.mem[6000 : 6000+h.u32(result)]); got != "dir/target" {
			t.Errorf("readlink = %q", got)
		}
		fd := h.open("rel", 0, RightFdRead, 0)
		if got := h.read(fd, 100); got != "through the link" {
			t.Errorf("read through the link: %q", got)
		}
		// Stat follows or not; the followed stat is the target's.
		p, n := h.str(scratch, "rel")
		h.ok("path_filestat_get", 3, 0, p, n, result)
		linkIno, linkType := h.u64(result+8), h.mem[result+16]
		h.ok("path_filestat_get", 3, uint64(LookupSymlinkFollow), p, n, result)
		viaIno := h.u64(result + 8)
		tp, tn := h.str(scratch+200, "dir/target")
		h.ok("path_filestat_get", 3, 0, tp, tn, result)
		if linkType != FiletypeSymbolicLink || viaIno != h.u64(result+8) || linkIno == viaIno {
			t.Errorf("link type %d inode %d; followed inode %d; target inode %d", linkType, linkIno, viaIno, h.u64(result+8))
		}
		// Re-timing the link without following leaves the target's time.
		targetMtime := h.u64(result + 48)
		old := uint64(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano())
		p, n = h.str(scratch, "rel")
		h.ok("path_filestat_set_times", 3, 0, p, n, old, old, uint64(FstflagAtim|FstflagMtim))
		h.ok("path_filestat_get", 3, 0, p, n, result)
		if h.u64(result+48) != old {
			t.Errorf("link mtime %d, want %d", h.u64(result+48), old)
		}
		h.ok("path_filestat_get", 3, 0, tp, tn, result)
		if h.u64(result+48) != targetMtime {
			t.Errorf("re-timing the link changed its target's mtime")
		}
		// Hard links share the inode and count.
		h.ok("path_link", 3, 0, tp, tn, 3, scratch+100, uint64(copy(h.mem[scratch+100:], "hard")))
		h.ok("path_filestat_get", 3, 0, scratch+100, 4, result)
		if h.u64(result+8) != viaIno || h.u64(result+24) != 2 {
			t.Errorf("hard link inode %d nlink %d", h.u64(result+8), h.u64(result+24))
		}
		// Unlinking the link leaves the target.
		h.ok("path_unlink_file", 3, p, n)
		if e := h.openErr(3, "dir/target", 0, RightFdRead); e != ErrnoSuccess {
			t.Errorf("target after unlinking the link: %s", e)
		}
	})
}

// TestDescriptorsAreHandles: a descriptor keeps meaning what it was opened
// on whatever happens to its name.
func TestDescriptorsAreHandles(t *testing.T) {
	eachFS(t, func(t *testing.T, h *harness) {
		h.mkdir("a", "a/b", "other")
		h.put("other/secret", "not through b")
		b := h.open("a/b", OflagDirectory, rightsDir, 0)
		h.ok("path_rename", 3, scratch, uint64(copy(h.mem[scratch:], "a")), 3, scratch+100, uint64(copy(h.mem[scratch+100:], "moved")))
		h.ok("path_symlink", scratch, uint64(copy(h.mem[scratch:], "other")), 3, scratch+100, uint64(copy(h.mem[scratch+100:], "a")))
		if e := h.openErr(b, "secret", 0, RightFdRead); e != ErrnoNoent {
			t.Errorf("open through the moved descriptor found a/secret: %s", e)
		}
		if e := h.openErr(b, "made", OflagCreat, rw); e != ErrnoSuccess {
			t.Fatalf("create through the moved descriptor: %s", e)
		}
		if e := h.openErr(3, "moved/b/made", 0, RightFdRead); e != ErrnoSuccess {
			t.Errorf("the file made through the descriptor is not in the moved directory: %s", e)
		}
		if e := h.openErr(b, "../secret", 0, RightFdRead); e != ErrnoNotcapable {
			t.Errorf("\"..\" above the descriptor = %s", e)
		}
		// A removed directory takes no new entries.
		h.mkdir("gone")
		g := h.open("gone", OflagDirectory, rightsDir, 0)
		h.ok("path_remove_directory", 3, scratch, uint64(copy(h.mem[scratch:], "gone")))
		h.ok("path_symlink", scratch, uint64(copy(h.mem[scratch:], "other")), 3, scratch+100, uint64(copy(h.mem[scratch+100:], "gone")))
		if e := h.openErr(g, "secret", 0, RightFdRead); e != ErrnoNoent {
			t.Errorf("open in a removed directory = %s", e)
		}
		if e := h.openErr(g, "x", OflagCreat, rw); e != ErrnoNoent {
			t.Errorf("create in a removed directory = %s", e)
		}
	})
}

// TestPathLength: paths up to MaxPath resolve; longer ones, even of a
// mebibyte, are refused at once.
func TestPathLength(t *testing.T) {
	h := newHarness(t, nil)
	h.mem = make([]byte, 4<<20)
	h.mkdir("d")
	h.put("d/f", "x")
	tests := []struct {
		name string
		path string
		want Errno
	}{
		{"component by component to 4096 bytes", strings.Repeat("./", (MaxPath-3)/2) + "d/f", ErrnoSuccess},
		{"up and down", strings.Repeat("d/../", (MaxPath-3)/5) + "d/f", ErrnoSuccess},
		{"4097 bytes", strings.Repeat("./", (MaxPath-2)/2) + "d/f", ErrnoNametoolong},
		{"1 MiB", strings.Repeat("d/", 1<<19), ErrnoNametoolong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			copy(h.mem[1<<20:], tt.path)
			start := time.Now()
			e := h.call("path_open", 3, 1, 1<<20, uint64(len(tt.path)), 0, RightFdRead, 0, 0, result)
			took := time.Since(start)
			if e != tt.want {
				t.Fatalf("%d-byte path = %s, want %s", len(tt.path), e, tt.want)
			}
			// The bound (a 1 MiB path answers within 50 ms), with
			// room for a loaded machine: the refusal costs microseconds.
			if took > 50*time.Millisecond {
				t.Errorf("%d-byte path took %v", len(tt.path), took)
			}
		})
	}
}

// BenchmarkResolve1MiB is path_open of a mebibyte path, refused.
func BenchmarkResolve1MiB(b *testing.B) {
	s, err := New(Config{Preopens: []Preopen{{GuestPath: "/", FS: NewMemFS()}}})
	if err != nil {
		b.Fatal(err)
	}
	m := &memory{b: make([]byte, 3<<20)}
	p := strings.Repeat("d/", 1<<19)
	copy(m.b[1<<20:], p)
	args := []uint64{3, 1, 1 << 20, uint64(len(p)), 0, RightFdRead, 0, 0, result}
	for i := 0; i < b.N; i++ {
		if e := s.pathOpen(m, args); e != ErrnoNametoolong {
			b.Fatal(e)
		}
	}
}

// BenchmarkResolveDeep walks a 4096-byte path of 800 "d/.." steps on a
// host folder: linear, one directory open per step.
func BenchmarkResolveDeep(b *testing.B) {
	dir := b.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "d"), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "d", "f"), nil, 0o644); err != nil {
		b.Fatal(err)
	}
	fsys, err := OSDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	s, err := New(Config{Preopens: []Preopen{{GuestPath: "/", FS: fsys}}})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	p := strings.Repeat("d/../", (MaxPath-3)/5) + "d/f"
	start := s.fds[3].dir
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w, errno := s.ns.resolve(start, p, true)
		if errno != ErrnoSuccess {
			b.Fatal(errno)
		}
		w.close()
	}
}

// TestMountComposition: preopens nest, the walk crosses into and out of
// them, and nothing moves or links across them.
func TestMountComposition(t *testing.T) {
	hostDir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(hostDir, "h"), []byte("host"), 0o644))
	host, err := OSDir(hostDir)
	must(t, err)
	h := newHarness(t, func(c *Config) {
		c.Preopens = append(c.Preopens,
			Preopen{GuestPath: "/a", FS: NewMemFS()},
			Preopen{GuestPath: "/a/b", FS: host, ReadOnly: true})
	})
	h.put("top", "t")
	h.put("a/inA", "a")
	tests := []struct {
		name string
		call func() Errno
		want Errno
	}{
		{"read the nested host mount", func() Errno { return h.openErr(3, "a/b/h", 0, RightFdRead) }, ErrnoSuccess},
		{"out of both mounts by ..", func() Errno { return h.openErr(3, "a/b/../../top", 0, RightFdRead) }, ErrnoSuccess},
		{"write in the read-only mount", func() Errno { return h.openErr(3, "a/b/new", OflagCreat, rw) }, ErrnoRofs},
		{"rename across mounts", func() Errno { return h.pcall("path_rename", 3, "top", 3, "a/top") }, ErrnoXdev},
		{"link across mounts", func() Errno { return h.pcall("path_link", 3, 0, "top", 3, "a/top") }, ErrnoXdev},
		{"rename a mount point", func() Errno { return h.pcall("path_rename", 3, "a", 3, "z") }, ErrnoBusy},
		{"rename onto a mount point", func() Errno { return h.pcall("path_rename", 3, "a/inA", 3, "a/b") }, ErrnoBusy},
		{"rmdir a mount point", func() Errno { return h.pcall("path_remove_directory", 3, "a/b") }, ErrnoBusy},
		{"unlink a mount point", func() Errno { return h.pcall("path_unlink_file", 3, "a") }, ErrnoIsdir},
		{"preopen /a/b cannot climb", func() Errno { return h.openErr(5, "../inA", 0, RightFdRead) }, ErrnoNotcapable},
	}
	for _, tt := range tests {
		if e := tt.call(); e != tt.want {
			t.Errorf("%s = %s, want %s", tt.name, e, tt.want)
		}
	}
	if got := strings.Join(h.s.Files(), " "); got != "/a/b/h /a/inA /top" {
		t.Errorf("Files() = %q", got)
	}
}
