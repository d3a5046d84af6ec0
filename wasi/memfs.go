package wasi

import (
	"io"
	"io/fs"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// MemFS is an in-memory filesystem of inodes: a directory holds its
// entries as pointers to nodes, and a descriptor holds the node it opened,
// so renames and unlinks never redirect it. It has symbolic and hard links,
// inode numbers, link counts and three times per file, as a host
// filesystem has. It is also a hackpadfs filesystem (Open, OpenFile, Mkdir,
// Chmod, Stat, ...) for filling it before a run and reading it after.
type MemFS struct {
	mu      sync.Mutex // one lock for the whole tree: renames span directories
	dev     uint64
	nextIno uint64
	root    *node
	now     func() time.Time
}

// node is one inode.
type node struct {
	mode                fs.FileMode // type bits and permissions
	ino                 uint64
	nlink               int
	atime, mtime, ctime time.Time
	data                []byte           // regular file
	target              string           // symbolic link
	children            map[string]*node // directory
	parent              *node            // directory: where ".." leads; nil once removed
}

// memDevs numbers MemFS instances, so (dev, ino) identifies a file across
// all of them as it does on a host.
var memDevs atomic.Uint64

// NewMemFS returns an empty in-memory filesystem.
func NewMemFS() *MemFS {
	m := &MemFS{dev: 0x6d656d0000 + memDevs.Add(1), now: time.Now}
	m.root = m.newNode(fs.ModeDir | 0o755)
	m.root.parent = m.root
	return m
}

func (m *MemFS) newNode(mode fs.FileMode) *node {
	m.nextIno++
	t := m.now()
	n := &node{mode: mode, ino: m.nextIno, nlink: 1, atime: t, mtime: t, ctime: t}
	if mode.IsDir() {
		n.children = map[string]*node{}
		n.nlink = 2
	}
	return n
}

// Root opens the top directory.
func (m *MemFS) Root() (Dir, error) { return &memDir{fs: m, n: m.root}, nil }

// memSys is what a MemFS FileInfo's Sys returns: what a host's stat adds.
type memSys struct {
	dev, ino, nlink uint64
	atime, ctime    time.Time
}

type memInfo struct {
	name  string
	mode  fs.FileMode
	size  int64
	mtime time.Time
	sys   *memSys
}

func (i *memInfo) Name() string       { return i.name }
func (i *memInfo) Size() int64        { return i.size }
func (i *memInfo) Mode() fs.FileMode  { return i.mode }
func (i *memInfo) ModTime() time.Time { return i.mtime }
func (i *memInfo) IsDir() bool        { return i.mode.IsDir() }
func (i *memInfo) Sys() any           { return i.sys }

func (m *MemFS) info(name string, n *node) *memInfo {
	size := int64(len(n.data))
	if n.mode&fs.ModeSymlink != 0 {
		size = int64(len(n.target))
	}
	return &memInfo{name: name, mode: n.mode, size: size, mtime: n.mtime,
		sys: &memSys{dev: m.dev, ino: n.ino, nlink: uint64(n.nlink), atime: n.atime, ctime: n.ctime}}
}

func pathErr(op, name string, err error) error { return &fs.PathError{Op: op, Path: name, Err: err} }

// memDir is a handle on a directory node.
type memDir struct {
	fs *MemFS
	n  *node
}

// child returns the entry name; "." is the directory itself.
func (d *memDir) child(op, name string) (*node, error) {
	if name == "." {
		return d.n, nil
	}
	c, ok := d.n.children[name]
	if !ok {
		return nil, pathErr(op, name, syscall.ENOENT)
	}
	return c, nil
}

// add links c into the directory as name, which must be free.
func (d *memDir) add(op, name string, c *node) error {
	if d.n.parent == nil {
		// The directory was removed: nothing new may appear in it.
		return pathErr(op, name, syscall.ENOENT)
	}
	if _, ok := d.n.children[name]; ok {
		return pathErr(op, name, syscall.EEXIST)
	}
	d.n.children[name] = c
	t := d.fs.now()
	d.n.mtime, d.n.ctime = t, t
	return nil
}

func (d *memDir) Lstat(name string) (fs.FileInfo, error) {
	d.fs.mu.Lock()
	defer d.fs.mu.Unlock()
	c, err := d.child("lstat", name)
	if err != nil {
		return nil, err
	}
	return d.fs.info(name, c), nil
}

func (d *memDir) OpenDir(name string) (Dir, error) {
	d.fs.mu.Lock()
	defer d.fs.mu.Unlock()
	c, err := d.child("open", name)
	if err != nil {
		return nil, err
	}
	if !c.mode.IsDir() {
		return nil, pathErr("open", name, syscall.ENOTDIR)
	}
	return &memDir{fs: d.fs, n: c}, nil
}

func (d *memDir) OpenFile(name string, flag int, perm fs.FileMode) (File, error) {
	d.fs.mu.Lock()
	defer d.fs.mu.Unlock()
	c, err := d.child("open", name)
	switch {
	case err != nil && flag&syscall.O_CREAT == 0:
		return nil, err
	case err != nil:
		c = d.fs.newNode(perm & fs.ModePerm)
		if err := d.add("open", name, c); err != nil {
			return nil, err
		}
	case flag&(syscall.O_CREAT|syscall.O_EXCL) == syscall.O_CREAT|syscall.O_EXCL:
		return nil, pathErr("open", name, syscall.EEXIST)
	case c.mode&fs.ModeSymlink != 0:
		return nil, pathErr("open", name, syscall.ELOOP)
	case c.mode.IsDir():
		return nil, pathErr("open", name, syscall.EISDIR)
	}
	acc := flag & (syscall.O_RDONLY | syscall.O_WRONLY | syscall.O_RDWR)
	f := &memFile{fs: d.fs, n: c, name: name, read: acc != syscall.O_WRONLY, write: acc != syscall.O_RDONLY}
	if flag&syscall.O_TRUNC != 0 && len(c.data) > 0 {
		c.data = c.data[:0]
		c.mtime = d.fs.now()
		c.ctime = c.mtime
	}
	return f, nil
}

func (d *memDir) Mkdir(name string, perm fs.FileMode) error {
	d.fs.mu.Lock()
	defer d.fs.mu.Unlock()
	c := d.fs.newNode(fs.ModeDir | perm&fs.ModePerm)
	if err := d.add("mkdir", name, c); err != nil {
		return err
	}
	c.parent = d.n
	d.n.nlink++
	return nil
}

func (d *memDir) Symlink(target, name string) error {
	d.fs.mu.Lock()
	defer d.fs.mu.Unlock()
	c := d.fs.newNode(fs.ModeSymlink | 0o777)
	c.target = target
	return d.add("symlink", name, c)
}

func (d *memDir) Readlink(name string) (string, error) {
	d.fs.mu.Lock()
	defer d.fs.mu.Unlock()
	c, err := d.child("readlink", name)
	if err != nil {
		return "", err
	}
	if c.mode&fs.ModeSymlink == 0 {
		return "", pathErr("readlink", name, syscall.EINVAL)
	}
	return c.target, nil
}

// detach removes the entry name (node c) and drops its link count.
func (d *memDir) detach(name string, c *node) {
	delete(d.n.children, name)
	t := d.fs.now()
	d.n.mtime, d.n.ctime = t, t
	c.ctime = t
	if c.mode.IsDir() {
		c.nlink = 0
		c.parent = nil
		d.n.nlink--
		return
	}
	c.nlink--
}

func (d *memDir) Unlink(name string) error {
	d.fs.mu.Lock()
	defer d.fs.mu.Unlock()
	c, err := d.child("unlink", name)
	if err != nil {
		return err
	}
	if c.mode.IsDir() {
		return pathErr("unlink", name, syscall.EISDIR)
	}
	d.detach(name, c)
	return nil
}

func (d *memDir) Rmdir(name string) error {
	d.fs.mu.Lock()
	defer d.fs.mu.Unlock()
	c, err := d.child("rmdir", name)
	if err != nil {
		return err
	}
	switch {
	case !c.mode.IsDir():
		return pathErr("rmdir", name, syscall.ENOTDIR)
	case len(c.children) > 0:
		return pathErr("rmdir", name, syscall.ENOTEMPTY)
	}
	d.detach(name, c)
	return nil
}

// sameFS returns to as a directory of d's filesystem.
func (d *memDir) sameFS(op, name string, to Dir) (*memDir, error) {
	t, ok := to.(*memDir)
	if !ok || t.fs != d.fs {
		return nil, pathErr(op, name, syscall.EXDEV)
	}
	return t, nil
}

func (d *memDir) Rename(oldname string, to Dir, newname string) error {
	t, err := d.sameFS("rename", newname, to)
	if err != nil {
		return err
	}
	d.fs.mu.Lock()
	defer d.fs.mu.Unlock()
	c, err := d.child("rename", oldname)
	if err != nil {
		return err
	}
	if t.n.parent == nil {
		return pathErr("rename", newname, syscall.ENOENT)
	}
	if old, ok := t.n.children[newname]; ok {
		if old == c {
			return nil // the same file under both names: rename(2) does nothing
		}
		switch {
		case c.mode.IsDir() && !old.mode.IsDir():
			return pathErr("rename", newname, syscall.ENOTDIR)
		case !c.mode.IsDir() && old.mode.IsDir():
			return pathErr("rename", newname, syscall.EISDIR)
		case old.mode.IsDir() && len(old.children) > 0:
			return pathErr("rename", newname, syscall.ENOTEMPTY)
		}
	}
	if c.mode.IsDir() {
		// A directory cannot move into itself or below.
		for p := t.n; ; p = p.parent {
			if p == c {
				return pathErr("rename", newname, syscall.EINVAL)
			}
			if p == nil || p == p.parent {
				break
			}
		}
	}
	if old, ok := t.n.children[newname]; ok {
		t.detach(newname, old)
	}
	delete(d.n.children, oldname)
	t.n.children[newname] = c
	now := d.fs.now()
	d.n.mtime, d.n.ctime, t.n.mtime, t.n.ctime, c.ctime = now, now, now, now, now
	if c.mode.IsDir() && t.n != d.n {
		c.parent = t.n
		d.n.nlink--
		t.n.nlink++
	}
	return nil
}

func (d *memDir) Link(oldname string, to Dir, newname string) error {
	t, err := d.sameFS("link", newname, to)
	if err != nil {
		return err
	}
	d.fs.mu.Lock()
	defer d.fs.mu.Unlock()
	c, err := d.child("link", oldname)
	if err != nil {
		return err
	}
	if c.mode.IsDir() {
		return pathErr("link", oldname, syscall.EPERM)
	}
	if err := t.add("link", newname, c); err != nil {
		return err
	}
	c.nlink++
	c.ctime = d.fs.now()
	return nil
}

func (d *memDir) ReadDir() ([]fs.DirEntry, error) {
	d.fs.mu.Lock()
	defer d.fs.mu.Unlock()
	out := make([]fs.DirEntry, 0, len(d.n.children))
	for name, c := range d.n.children {
		out = append(out, dirEntry{name, d.fs.info(name, c)})
	}
	return out, nil
}

func (d *memDir) Chtimes(name string, atime, mtime time.Time) error {
	d.fs.mu.Lock()
	defer d.fs.mu.Unlock()
	c, err := d.child("chtimes", name)
	if err != nil {
		return err
	}
	d.fs.setTimes(c, atime, mtime)
	return nil
}

// Chmod changes the permission bits of name (for unpacking archives).
func (d *memDir) Chmod(name string, mode fs.FileMode) error {
	d.fs.mu.Lock()
	defer d.fs.mu.Unlock()
	c, err := d.child("chmod", name)
	if err != nil {
		return err
	}
	c.mode = c.mode.Type() | mode&fs.ModePerm
	c.ctime = d.fs.now()
	return nil
}

func (m *MemFS) setTimes(n *node, atime, mtime time.Time) {
	if !atime.IsZero() {
		n.atime = atime
	}
	if !mtime.IsZero() {
		n.mtime = mtime
	}
	n.ctime = m.now()
}

func (d *memDir) Close() error { return nil }

// memFile is an open regular file: the node and a position.
type memFile struct {
	fs          *MemFS
	n           *node
	name        string
	pos         int64
	read, write bool
	closed      bool
}

func (f *memFile) check(op string, write bool) error {
	switch {
	case f.closed:
		return pathErr(op, f.name, fs.ErrClosed)
	case write && !f.write, !write && !f.read:
		return pathErr(op, f.name, syscall.EBADF)
	}
	return nil
}

func (f *memFile) Stat() (fs.FileInfo, error) {
	f.fs.mu.Lock()
	defer f.fs.mu.Unlock()
	return f.fs.info(f.name, f.n), nil
}

func (f *memFile) Read(b []byte) (int, error) {
	n, err := f.ReadAt(b, f.pos)
	f.pos += int64(n)
	return n, err
}

func (f *memFile) ReadAt(b []byte, off int64) (int, error) {
	if err := f.check("read", false); err != nil {
		return 0, err
	}
	f.fs.mu.Lock()
	defer f.fs.mu.Unlock()
	if off < 0 {
		return 0, pathErr("read", f.name, syscall.EINVAL)
	}
	if off >= int64(len(f.n.data)) {
		if len(b) == 0 {
			return 0, nil
		}
		return 0, io.EOF
	}
	n := copy(b, f.n.data[off:])
	if n < len(b) {
		return n, io.EOF
	}
	return n, nil
}

func (f *memFile) Write(b []byte) (int, error) {
	n, err := f.WriteAt(b, f.pos)
	f.pos += int64(n)
	return n, err
}

// maxMemFile bounds one in-memory file, so a program seeking far and
// writing a byte gets EFBIG rather than exhausting the host's memory.
const maxMemFile = 1 << 30

func (f *memFile) WriteAt(b []byte, off int64) (int, error) {
	if err := f.check("write", true); err != nil {
		return 0, err
	}
	f.fs.mu.Lock()
	defer f.fs.mu.Unlock()
	if off < 0 {
		return 0, pathErr("write", f.name, syscall.EINVAL)
	}
	end := off + int64(len(b))
	if end > maxMemFile || end < off {
		return 0, pathErr("write", f.name, syscall.EFBIG)
	}
	if end > int64(len(f.n.data)) {
		f.n.data = growTo(f.n.data, end)
	}
	copy(f.n.data[off:], b)
	if len(b) > 0 {
		f.n.mtime = f.fs.now()
		f.n.ctime = f.n.mtime
	}
	return len(b), nil
}

// growTo extends data with zeros to size bytes.
func growTo(data []byte, size int64) []byte {
	if int64(cap(data)) >= size {
		old := len(data)
		data = data[:size]
		clear(data[old:])
		return data
	}
	return append(data, make([]byte, size-int64(len(data)))...)
}

func (f *memFile) Seek(offset int64, whence int) (int64, error) {
	if f.closed {
		return 0, pathErr("seek", f.name, fs.ErrClosed)
	}
	f.fs.mu.Lock()
	defer f.fs.mu.Unlock()
	var pos int64
	switch whence {
	case io.SeekStart:
		pos = offset
	case io.SeekCurrent:
		pos = f.pos + offset
	case io.SeekEnd:
		pos = int64(len(f.n.data)) + offset
	default:
		return 0, pathErr("seek", f.name, syscall.EINVAL)
	}
	if pos < 0 {
		return 0, pathErr("seek", f.name, syscall.EINVAL)
	}
	f.pos = pos
	return pos, nil
}

func (f *memFile) Truncate(size int64) error {
	if err := f.check("truncate", true); err != nil {
		return err
	}
	f.fs.mu.Lock()
	defer f.fs.mu.Unlock()
	switch {
	case size < 0:
		return pathErr("truncate", f.name, syscall.EINVAL)
	case size > maxMemFile:
		return pathErr("truncate", f.name, syscall.EFBIG)
	case size > int64(len(f.n.data)):
		f.n.data = growTo(f.n.data, size)
	default:
		f.n.data = f.n.data[:size]
	}
	f.n.mtime = f.fs.now()
	f.n.ctime = f.n.mtime
	return nil
}

func (f *memFile) Sync() error { return nil }

func (f *memFile) Chtimes(atime, mtime time.Time) error {
	f.fs.mu.Lock()
	defer f.fs.mu.Unlock()
	f.fs.setTimes(f.n, atime, mtime)
	return nil
}

func (f *memFile) Close() error {
	if f.closed {
		return pathErr("close", f.name, fs.ErrClosed)
	}
	f.closed = true
	return nil
}
