package wasi

import (
	"archive/tar"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostHarness preopens a host folder at "/sandbox" beside a secret file
// that no path may reach.
func hostHarness(t *testing.T, readOnly bool) (*harness, string) {
	t.Helper()
	top := t.TempDir()
	box := filepath.Join(top, "box")
	must(t, os.MkdirAll(filepath.Join(box, "sub"), 0o755))
	must(t, os.WriteFile(filepath.Join(top, "secret"), []byte("secret"), 0o644))
	must(t, os.WriteFile(filepath.Join(box, "inside"), []byte("inside"), 0o644))
	must(t, os.Symlink("../secret", filepath.Join(box, "up")))
	must(t, os.Symlink(filepath.Join(top, "secret"), filepath.Join(box, "abs")))
	must(t, os.Symlink("sub/../inside", filepath.Join(box, "ok")))
	must(t, os.Symlink("/sandbox/inside", filepath.Join(box, "guestabs")))
	must(t, os.Symlink("/etc", filepath.Join(box, "etc")))
	must(t, os.Symlink("loop", filepath.Join(box, "loop")))
	must(t, os.Symlink("..", filepath.Join(box, "sub", "parent")))
	dir, err := OSDir(box)
	must(t, err)
	h := newHarness(t, func(c *Config) {
		c.Preopens = []Preopen{{GuestPath: "/sandbox", FS: dir, ReadOnly: readOnly}}
	})
	return h, box
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestSandbox(t *testing.T) {
	h, box := hostHarness(t, false)
	tests := []struct {
		path string
		want Errno
		data string
	}{
		{"inside", ErrnoSuccess, "inside"},
		{"sub/../inside", ErrnoSuccess, "inside"},
		{"ok", ErrnoSuccess, "inside"},    // relative link within
		{"guestabs", ErrnoNotcapable, ""}, // an absolute target is never followed, even one naming the guest's own files
		{"sub/parent/inside", ErrnoSuccess, "inside"},
		{"../secret", ErrnoNotcapable, ""},        // dot-dot
		{"sub/../../secret", ErrnoNotcapable, ""}, // dot-dot after a descent
		{"/secret", ErrnoNotcapable, ""},          // absolute path
		{"/etc/passwd", ErrnoNotcapable, ""},
		{"up", ErrnoNotcapable, ""},         // link climbing out
		{"abs", ErrnoNotcapable, ""},        // link to a host absolute path
		{"etc/passwd", ErrnoNotcapable, ""}, // link to the host's /etc
		{"sub/parent/../secret", ErrnoNotcapable, ""},
		{"loop", ErrnoLoop, ""},
	}
	for _, tt := range tests {
		e := h.openErr(3, tt.path, 0, RightFdRead)
		if e != tt.want {
			t.Errorf("open %q = %s, want %s", tt.path, e, tt.want)
			continue
		}
		if e == ErrnoSuccess {
			if got := h.read(h.u32(result), 100); got != tt.data {
				t.Errorf("open %q read %q", tt.path, got)
			}
		}
	}
	// Creating through an escaping link or path fails too, and nothing
	// appears outside.
	for _, p := range []string{"up", "../made", "abs"} {
		if e := h.openErr(3, p, OflagCreat, rw); e != ErrnoNotcapable {
			t.Errorf("create %q = %s", p, e)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(box), "made")); err == nil {
		t.Error("a file was made outside the sandbox")
	}
	if b, _ := os.ReadFile(filepath.Join(filepath.Dir(box), "secret")); string(b) != "secret" {
		t.Error("the secret changed")
	}
	// Links are listed and read, not followed, by path_readlink and the
	// no-follow stat.
	p, n := h.str(scratch, "up")
	h.ok("path_readlink", 3, p, n, 6000, 100, result)
	if got := string(h.mem[6000 : 6000+h.u32(result)]); got != "../secret" {
		t.Errorf("readlink = %q", got)
	}
	h.ok("path_filestat_get", 3, 0, p, n, result)
	if h.mem[result+16] != FiletypeSymbolicLink {
		t.Errorf("no-follow stat of a link: type %d", h.mem[result+16])
	}
	if e := h.call("path_filestat_get", 3, uint64(LookupSymlinkFollow), p, n, result); e != ErrnoNotcapable {
		t.Errorf("following stat of an escaping link = %s", e)
	}
	// Unlinking the link removes the link, not its target.
	h.ok("path_unlink_file", 3, p, n)
	if _, err := os.Stat(filepath.Join(filepath.Dir(box), "secret")); err != nil {
		t.Error("unlink followed the link")
	}
}

func TestHostLinks(t *testing.T) {
	h, box := hostHarness(t, false)
	old, on := h.str(scratch, "inside")
	nw, nn := h.str(scratch+256, "hard")
	h.ok("path_link", 3, 0, old, on, 3, nw, nn)
	if b, err := os.ReadFile(filepath.Join(box, "hard")); err != nil || string(b) != "inside" {
		t.Errorf("hard link: %q %v", b, err)
	}
	tgt, tn := h.str(scratch, "sub/../inside")
	nw, nn = h.str(scratch+256, "soft")
	h.ok("path_symlink", tgt, tn, 3, nw, nn)
	if got, err := os.Readlink(filepath.Join(box, "soft")); err != nil || got != "sub/../inside" {
		t.Errorf("symlink target stored as %q (%v)", got, err)
	}
	if e := h.openErr(3, "soft", 0, RightFdRead); e != ErrnoSuccess {
		t.Errorf("open through new link: %s", e)
	}
	// Stat of the same file through the link and the name agrees on inode.
	p, n := h.str(scratch, "hard")
	h.ok("path_filestat_get", 3, 0, p, n, result)
	ino1, nlink := h.u64(result+8), h.u64(result+24)
	p, n = h.str(scratch, "inside")
	h.ok("path_filestat_get", 3, 0, p, n, result)
	if h.u64(result+8) != ino1 || nlink != 2 {
		t.Errorf("inodes %d, %d; nlink %d", ino1, h.u64(result+8), nlink)
	}
}

func TestReadOnlyPreopen(t *testing.T) {
	h, box := hostHarness(t, true)
	if e := h.openErr(3, "inside", 0, RightFdRead); e != ErrnoSuccess {
		t.Errorf("reading a read-only preopen: %s", e)
	}
	tests := []struct {
		name string
		call func() Errno
	}{
		{"create", func() Errno { return h.openErr(3, "new", OflagCreat, rw) }},
		{"open for writing", func() Errno { return h.openErr(3, "inside", 0, RightFdWrite) }},
		{"truncate", func() Errno { return h.openErr(3, "inside", OflagTrunc, RightFdRead) }},
		{"mkdir", func() Errno { p, n := h.str(scratch, "d"); return h.call("path_create_directory", 3, p, n) }},
		{"unlink", func() Errno { p, n := h.str(scratch, "inside"); return h.call("path_unlink_file", 3, p, n) }},
		{"rmdir", func() Errno { p, n := h.str(scratch, "sub"); return h.call("path_remove_directory", 3, p, n) }},
		{"rename", func() Errno {
			p, n := h.str(scratch, "inside")
			q, m := h.str(scratch+256, "x")
			return h.call("path_rename", 3, p, n, 3, q, m)
		}},
		{"symlink", func() Errno {
			p, n := h.str(scratch, "inside")
			q, m := h.str(scratch+256, "x")
			return h.call("path_symlink", p, n, 3, q, m)
		}},
		{"set times", func() Errno {
			p, n := h.str(scratch, "inside")
			return h.call("path_filestat_set_times", 3, 0, p, n, 0, 0, uint64(FstflagMtimNow))
		}},
	}
	for _, tt := range tests {
		if e := tt.call(); e != ErrnoRofs {
			t.Errorf("%s in a read-only preopen = %s, want rofs", tt.name, e)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(box, "inside")); string(b) != "inside" {
		t.Error("read-only file changed")
	}
}

func TestMountPoints(t *testing.T) {
	dir, err := OSDir(t.TempDir())
	must(t, err)
	_, err = New(Config{Preopens: []Preopen{{GuestPath: "/", FS: dir}, {GuestPath: "/nowhere", FS: NewMemFS()}}})
	if err == nil || !strings.Contains(err.Error(), "/nowhere") {
		t.Errorf("mount point missing on the host: %v", err)
	}
	_, err = New(Config{Preopens: []Preopen{{GuestPath: "/", FS: NewMemFS()}, {GuestPath: "/", FS: NewMemFS()}}})
	if err == nil {
		t.Error("two preopens at / accepted")
	}
	// Cross-mount renames are refused with EXDEV; mount points stay put.
	h := newHarness(t, func(c *Config) {
		c.Preopens = append(c.Preopens, Preopen{GuestPath: "/m", FS: NewMemFS()})
	})
	h.writeFile("f", "x")
	p, n := h.str(scratch, "f")
	q, m := h.str(scratch+256, "m/f")
	if e := h.call("path_rename", 3, p, n, 3, q, m); e != ErrnoXdev {
		t.Errorf("rename across mounts = %s", e)
	}
	p, n = h.str(scratch, "m")
	if e := h.call("path_remove_directory", 3, p, n); e != ErrnoBusy {
		t.Errorf("rmdir of a mount point = %s", e)
	}
}

func TestLoadTar(t *testing.T) {
	var buf bytes.Buffer
	w := tar.NewWriter(&buf)
	must(t, w.WriteHeader(&tar.Header{Name: "dir/", Typeflag: tar.TypeDir, Mode: 0o755}))
	must(t, w.WriteHeader(&tar.Header{Name: "dir/a.txt", Typeflag: tar.TypeReg, Mode: 0o644, Size: 5}))
	_, err := w.Write([]byte("hello"))
	must(t, err)
	must(t, w.Close())
	fsys, err := LoadTar(&buf)
	must(t, err)
	h := newHarness(t, func(c *Config) { c.Preopens = []Preopen{{GuestPath: "/", FS: fsys}} })
	fd := h.open("dir/a.txt", 0, rw, 0)
	if got := h.read(fd, 10); got != "hello" {
		t.Errorf("read from tar bundle: %q", got)
	}
	h.write(fd, "!")
	if got := strings.Join(h.s.Files(), " "); got != "/dir/a.txt" {
		t.Errorf("Files() = %q", got)
	}
}

func TestOpenLinkRules(t *testing.T) {
	h, box := hostHarness(t, false)
	must(t, os.Symlink("nothing-here", filepath.Join(box, "dangling")))
	p, n := h.str(scratch, "dangling")
	tests := []struct {
		name     string
		dirflags uint32
		oflags   uint16
		want     Errno
	}{
		{"O_CREAT|O_EXCL on a dangling link", LookupSymlinkFollow, OflagCreat | OflagExcl, ErrnoExist},
		{"no-follow open of a link", 0, 0, ErrnoLoop},
	}
	for _, tt := range tests {
		e := h.call("path_open", 3, uint64(tt.dirflags), p, n, uint64(tt.oflags), rw, rightsAll, 0, result)
		if e != tt.want {
			t.Errorf("%s = %s, want %s", tt.name, e, tt.want)
		}
	}
	if _, err := os.Lstat(filepath.Join(box, "nothing-here")); err == nil {
		t.Error("O_EXCL created the link's target")
	}
	// A link cycle can still be renamed or removed: neither follows it.
	q, m := h.str(scratch+256, "loop2")
	lp, ln := h.str(scratch, "loop")
	h.ok("path_rename", 3, lp, ln, 3, q, m)
	h.ok("path_unlink_file", 3, q, m)
}
