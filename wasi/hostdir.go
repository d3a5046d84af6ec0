package wasi

import (
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/hack-pad/hackpadfs"
	"github.com/hack-pad/hackpadfs/mem"
	"github.com/hack-pad/hackpadfs/tar"
)

// HostDir is a folder of the host filesystem, to be preopened. Its
// directories are opened as os.Root handles: an open descriptor of the
// directory whose operations cannot reach outside it, by "..", by an
// absolute path or by a symbolic link.
type HostDir struct {
	path string
}

// OSDir returns the host folder dir as a filesystem.
func OSDir(dir string) (*HostDir, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(abs)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, &os.PathError{Op: "mount", Path: dir, Err: syscall.ENOTDIR}
	}
	return &HostDir{path: abs}, nil
}

// Root opens the folder.
func (h *HostDir) Root() (Dir, error) {
	r, err := os.OpenRoot(h.path)
	if err != nil {
		return nil, err
	}
	return &hostDir{root: r}, nil
}

// hostDir is an open host directory. Every name it is given is a single
// component, and os.Root keeps even a symbolic link swapped in by another
// process from leading out of the directory.
type hostDir struct {
	root *os.Root
	// self is the directory opened as a file, made when first needed, for
	// the calls os.Root lacks: renameat and linkat between two directory
	// handles, and utimensat on a link itself.
	self *os.File
}

func (d *hostDir) file() (*os.File, error) {
	if d.self == nil {
		f, err := d.root.Open(".")
		if err != nil {
			return nil, err
		}
		d.self = f
	}
	return d.self, nil
}

func (d *hostDir) Lstat(name string) (fs.FileInfo, error) { return d.root.Lstat(name) }

func (d *hostDir) OpenDir(name string) (Dir, error) {
	r, err := d.root.OpenRoot(name)
	if err != nil {
		return nil, err
	}
	return &hostDir{root: r}, nil
}

func (d *hostDir) OpenFile(name string, flag int, perm fs.FileMode) (File, error) {
	f, err := d.root.OpenFile(name, flag|oNofollow, perm)
	if err != nil {
		return nil, err
	}
	return hostFile{f}, nil
}

func (d *hostDir) Mkdir(name string, perm fs.FileMode) error { return d.root.Mkdir(name, perm) }

func (d *hostDir) Unlink(name string) error {
	info, err := d.root.Lstat(name)
	if err != nil {
		return err
	}
	if info.IsDir() {
		return pathErr("unlink", name, syscall.EISDIR)
	}
	return d.root.Remove(name)
}

func (d *hostDir) Rmdir(name string) error {
	info, err := d.root.Lstat(name)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return pathErr("rmdir", name, syscall.ENOTDIR)
	}
	return d.root.Remove(name)
}

// pair returns the two directories' descriptors for a call that spans them.
func (d *hostDir) pair(op, name string, to Dir) (*os.File, *os.File, error) {
	t, ok := to.(*hostDir)
	if !ok {
		return nil, nil, pathErr(op, name, syscall.EXDEV)
	}
	a, err := d.file()
	if err != nil {
		return nil, nil, err
	}
	b, err := t.file()
	if err != nil {
		return nil, nil, err
	}
	return a, b, nil
}

func (d *hostDir) Rename(oldname string, to Dir, newname string) error {
	if !haveAt && to == Dir(d) {
		return d.root.Rename(oldname, newname) // no replacing of a directory
	}
	a, b, err := d.pair("rename", newname, to)
	if err != nil {
		return err
	}
	return renameat(a, oldname, b, newname)
}

func (d *hostDir) Link(oldname string, to Dir, newname string) error {
	if !haveAt && to == Dir(d) {
		return d.root.Link(oldname, newname)
	}
	a, b, err := d.pair("link", newname, to)
	if err != nil {
		return err
	}
	return linkat(a, oldname, b, newname)
}

func (d *hostDir) Symlink(target, name string) error { return d.root.Symlink(target, name) }

func (d *hostDir) Readlink(name string) (string, error) { return d.root.Readlink(name) }

func (d *hostDir) ReadDir() ([]fs.DirEntry, error) {
	f, err := d.root.Open(".")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	names, err := f.Readdirnames(-1)
	if err != nil {
		return nil, err
	}
	out := make([]fs.DirEntry, 0, len(names))
	for _, n := range names {
		// Each entry's stat through the handle, not through a path.
		info, err := d.root.Lstat(n)
		if err != nil {
			continue // gone meanwhile
		}
		out = append(out, dirEntry{n, info})
	}
	return out, nil
}

func (d *hostDir) Chtimes(name string, atime, mtime time.Time) error {
	f, err := d.file()
	if err != nil {
		return err
	}
	return utimensat(f, name, atime, mtime)
}

func (d *hostDir) Close() error {
	if d.self != nil {
		d.self.Close()
	}
	return d.root.Close()
}

// hostFile is an open host file.
type hostFile struct{ *os.File }

func (f hostFile) Chtimes(atime, mtime time.Time) error { return futimens(f.File, atime, mtime) }

// LoadTar unpacks a tar archive into a new in-memory filesystem, so a
// bundle of files can be given to a program that may then change them.
// hackpadfs's tar reader does the unpacking, into a MemFS.
func LoadTar(r io.Reader) (*MemFS, error) {
	tmp, err := mem.NewFS()
	if err != nil {
		return nil, err
	}
	tfs, err := tar.NewReaderFS(context.Background(), r, tar.ReaderFSOptions{UnarchiveFS: tmp})
	if err != nil {
		return nil, err
	}
	<-tfs.Done()
	if err := tfs.UnarchiveErr(); err != nil {
		return nil, err
	}
	out := NewMemFS()
	err = hackpadfs.WalkDir(tmp, ".", func(p string, d hackpadfs.DirEntry, err error) error {
		if err != nil || p == "." {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			return out.Mkdir(p, info.Mode().Perm())
		}
		b, err := hackpadfs.ReadFile(tmp, p)
		if err != nil {
			return err
		}
		return hackpadfs.WriteFullFile(out, p, b, info.Mode().Perm())
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
