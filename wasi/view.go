package wasi

import (
	"io"
	"io/fs"
	"os"
	"sort"
	"syscall"
	"time"

	"github.com/hack-pad/hackpadfs"
)

// view is a directory tree as a hackpadfs filesystem, its paths resolved
// by resolve from root like a program's, mounts included: System.FS gives
// the namespace this way, and MemFS itself for filling before a run.
type view struct {
	ns   *namespace
	root handle
}

func (v *view) walk(op, name string, follow bool) (*walk, error) {
	if !fs.ValidPath(name) {
		return nil, pathErr(op, name, fs.ErrInvalid)
	}
	w, errno := v.ns.resolve(v.root, name, follow)
	if errno != ErrnoSuccess {
		return nil, pathErr(op, name, errno.goError())
	}
	return w, nil
}

func (v *view) Open(name string) (hackpadfs.File, error) {
	return v.OpenFile(name, os.O_RDONLY, 0)
}

func (v *view) OpenFile(name string, flag int, perm hackpadfs.FileMode) (hackpadfs.File, error) {
	w, err := v.walk("open", name, true)
	if err != nil {
		return nil, err
	}
	defer w.close()
	dirName := w.name
	if dirName == "" {
		dirName = "."
	} else if info, err := w.dir().d.Lstat(w.name); err != nil || !info.IsDir() {
		f, err := w.dir().d.OpenFile(w.name, flag, perm)
		if err != nil {
			return nil, pathErr("open", name, unwrap(err))
		}
		return f, nil
	}
	if flag&(os.O_WRONLY|os.O_RDWR) != 0 {
		return nil, pathErr("open", name, syscall.EISDIR)
	}
	d, err := w.dir().d.OpenDir(dirName)
	if err != nil {
		return nil, pathErr("open", name, unwrap(err))
	}
	return &viewDir{d: d, name: name}, nil
}

// unwrap drops a PathError's single-component path for one naming the
// whole path.
func unwrap(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

func (v *view) stat(op, name string, follow bool) (fs.FileInfo, error) {
	w, err := v.walk(op, name, follow)
	if err != nil {
		return nil, err
	}
	defer w.close()
	info, err := w.lstat()
	if err != nil {
		return nil, pathErr(op, name, unwrap(err))
	}
	return info, nil
}

func (v *view) Stat(name string) (fs.FileInfo, error)  { return v.stat("stat", name, true) }
func (v *view) Lstat(name string) (fs.FileInfo, error) { return v.stat("lstat", name, false) }

// entry runs op on the entry name itself (not following a link in it).
func (v *view) entry(op, name string, f func(d Dir, base string) error) error {
	w, err := v.walk(op, name, false)
	if err != nil {
		return err
	}
	defer w.close()
	if w.name == "" {
		return pathErr(op, name, syscall.EEXIST)
	}
	if err := f(w.dir().d, w.name); err != nil {
		return pathErr(op, name, unwrap(err))
	}
	return nil
}

func (v *view) Mkdir(name string, perm hackpadfs.FileMode) error {
	return v.entry("mkdir", name, func(d Dir, base string) error { return d.Mkdir(base, perm) })
}

func (v *view) Symlink(target, name string) error {
	return v.entry("symlink", name, func(d Dir, base string) error { return d.Symlink(target, base) })
}

func (v *view) Chmod(name string, mode hackpadfs.FileMode) error {
	return v.entry("chmod", name, func(d Dir, base string) error {
		c, ok := d.(interface {
			Chmod(string, fs.FileMode) error
		})
		if !ok {
			return syscall.ENOTSUP
		}
		return c.Chmod(base, mode)
	})
}

func (v *view) Chtimes(name string, atime, mtime time.Time) error {
	return v.entry("chtimes", name, func(d Dir, base string) error { return d.Chtimes(base, atime, mtime) })
}

func (v *view) ReadDir(name string) ([]fs.DirEntry, error) {
	f, err := v.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	d, ok := f.(*viewDir)
	if !ok {
		return nil, pathErr("readdir", name, syscall.ENOTDIR)
	}
	return d.ReadDir(-1)
}

// viewDir is a directory opened through a view.
type viewDir struct {
	d    Dir
	name string
	list []fs.DirEntry // sorted, taken at the first ReadDir
	read bool
}

func (f *viewDir) Stat() (fs.FileInfo, error) { return f.d.Lstat(".") }
func (f *viewDir) Read([]byte) (int, error)   { return 0, pathErr("read", f.name, syscall.EISDIR) }
func (f *viewDir) Close() error               { return f.d.Close() }

// ReadDir lists the entries sorted by name, n at a time (all for n <= 0).
func (f *viewDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if !f.read {
		list, err := f.d.ReadDir()
		if err != nil {
			return nil, err
		}
		sort.Slice(list, func(i, j int) bool { return list[i].Name() < list[j].Name() })
		f.list, f.read = list, true
	}
	if n <= 0 {
		out := f.list
		f.list = nil
		return out, nil
	}
	if len(f.list) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(f.list))
	out := f.list[:n]
	f.list = f.list[n:]
	return out, nil
}

// The hackpadfs side of MemFS: a view without mounts from its root.

func (m *MemFS) view() *view {
	return &view{ns: &namespace{}, root: handle{d: &memDir{fs: m, n: m.root}, mnt: &mount{guest: "/"}}}
}

func (m *MemFS) Open(name string) (hackpadfs.File, error) { return m.view().Open(name) }
func (m *MemFS) OpenFile(name string, flag int, perm hackpadfs.FileMode) (hackpadfs.File, error) {
	return m.view().OpenFile(name, flag, perm)
}
func (m *MemFS) Stat(name string) (fs.FileInfo, error)            { return m.view().Stat(name) }
func (m *MemFS) Lstat(name string) (fs.FileInfo, error)           { return m.view().Lstat(name) }
func (m *MemFS) Mkdir(name string, perm hackpadfs.FileMode) error { return m.view().Mkdir(name, perm) }
func (m *MemFS) Symlink(target, name string) error                { return m.view().Symlink(target, name) }
func (m *MemFS) Chmod(name string, mode hackpadfs.FileMode) error { return m.view().Chmod(name, mode) }
func (m *MemFS) Chtimes(name string, atime, mtime time.Time) error {
	return m.view().Chtimes(name, atime, mtime)
}
func (m *MemFS) ReadDir(name string) ([]fs.DirEntry, error) { return m.view().ReadDir(name) }
