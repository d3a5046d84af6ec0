package wasi

import (
	"io"
	"os"
	"path/filepath"
	"strings"

	"context"
	"github.com/hack-pad/hackpadfs"
	"github.com/hack-pad/hackpadfs/mem"
	osfs "github.com/hack-pad/hackpadfs/os"
	"github.com/hack-pad/hackpadfs/tar"
)

// ReadlinkFS is a filesystem that can read symbolic links. hackpadfs has no
// such interface; HostDir provides it, and path resolution needs it to
// follow links inside the sandbox itself rather than let the host follow
// them (which could lead outside the preopen).
type ReadlinkFS interface {
	hackpadfs.FS
	Readlink(name string) (string, error)
}

// LinkFS is a filesystem that can make hard links.
type LinkFS interface {
	hackpadfs.FS
	Link(oldname, newname string) error
}

// HostDir is a folder of the host filesystem as a hackpadfs FS: hackpadfs's
// os FS rooted at the folder, plus Readlink and Link, and a Symlink that
// stores the target verbatim (hackpadfs's own turns it into an absolute host
// path, which would point outside the sandbox once seen from the guest).
type HostDir struct {
	*osfs.FS
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
		return nil, &os.PathError{Op: "mount", Path: dir, Err: hackpadfs.ErrNotDir}
	}
	rel := strings.TrimPrefix(filepath.ToSlash(abs), "/")
	if rel == "" {
		rel = "."
	}
	sub, err := osfs.NewFS().Sub(rel)
	if err != nil {
		return nil, err
	}
	return &HostDir{FS: sub.(*osfs.FS)}, nil
}

// Readlink returns the target of the symbolic link name.
func (d *HostDir) Readlink(name string) (string, error) {
	p, err := d.ToOSPath(name)
	if err != nil {
		return "", err
	}
	return os.Readlink(p)
}

// Symlink creates newname as a symbolic link to target, stored as given.
func (d *HostDir) Symlink(target, newname string) error {
	p, err := d.ToOSPath(newname)
	if err != nil {
		return err
	}
	return os.Symlink(target, p)
}

// Link creates newname as a hard link to oldname.
func (d *HostDir) Link(oldname, newname string) error {
	o, err := d.ToOSPath(oldname)
	if err != nil {
		return err
	}
	n, err := d.ToOSPath(newname)
	if err != nil {
		return err
	}
	return os.Link(o, n)
}

// NewMemFS returns an empty in-memory filesystem.
func NewMemFS() hackpadfs.FS {
	fs, err := mem.NewFS()
	if err != nil {
		// mem.NewFS cannot fail: its store is a map.
		panic(err)
	}
	return fs
}

// LoadTar unpacks a tar archive into a new in-memory filesystem, so a
// bundle of files can be given to a program that may then change them.
func LoadTar(r io.Reader) (hackpadfs.FS, error) {
	out, err := mem.NewFS()
	if err != nil {
		return nil, err
	}
	tfs, err := tar.NewReaderFS(context.Background(), r, tar.ReaderFSOptions{UnarchiveFS: out})
	if err != nil {
		return nil, err
	}
	<-tfs.Done()
	if err := tfs.UnarchiveErr(); err != nil {
		return nil, err
	}
	return out, nil
}
