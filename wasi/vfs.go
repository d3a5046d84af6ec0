package wasi

import (
	"io"
	"io/fs"
	"time"

	"github.com/hack-pad/hackpadfs"
)

// FS is a filesystem a program can be given: a Preopen mounts its root.
// NewMemFS and OSDir make the two kinds there are.
type FS interface {
	// Root opens a handle on the filesystem's top directory.
	Root() (Dir, error)
}

// Dir is an open directory: a handle, not a name, so renaming or replacing
// the directory's name cannot change what it refers to. Its operations act
// on one entry directly inside it, named by a single path component (no
// "/", never ".."; "." is accepted where it says so and means the
// directory itself). None of them follows a symbolic link in name: path
// resolution (resolve, in path.go) reads links and decides.
type Dir interface {
	// Lstat describes the entry name, a link itself rather than its
	// target; "." describes the directory.
	Lstat(name string) (fs.FileInfo, error)
	// OpenDir opens the directory name; "." opens another handle on this
	// directory.
	OpenDir(name string) (Dir, error)
	// OpenFile opens the file name with os.OpenFile's flags; a link in name
	// is an error, not followed.
	OpenFile(name string, flag int, perm fs.FileMode) (File, error)
	Mkdir(name string, perm fs.FileMode) error
	// Unlink removes a non-directory entry, Rmdir an empty directory.
	Unlink(name string) error
	Rmdir(name string) error
	// Rename and Link move or link the entry oldname to newname in dir to,
	// which must be a directory of the same filesystem (EXDEV otherwise).
	// Rename follows rename(2): an existing target of the same kind is
	// replaced (a directory only when empty).
	Rename(oldname string, to Dir, newname string) error
	Link(oldname string, to Dir, newname string) error
	// Symlink makes name a link holding target, stored as given.
	Symlink(target, name string) error
	Readlink(name string) (string, error)
	// ReadDir lists the entries, without "." and "..", in no set order.
	ReadDir() ([]fs.DirEntry, error)
	// Chtimes sets the times of name ("." for the directory itself), of a
	// link itself when name is one. A zero time.Time leaves that time.
	Chtimes(name string, atime, mtime time.Time) error
	Close() error
}

// File is an open file. It is a hackpadfs.File, so hackpadfs's helpers
// (WriteFile, SeekFile, ...) work on it.
type File interface {
	hackpadfs.File
	io.Writer
	io.Seeker
	io.ReaderAt
	io.WriterAt
	Truncate(size int64) error
	Sync() error
	// Chtimes sets the file's times; a zero time.Time leaves that time.
	Chtimes(atime, mtime time.Time) error
}

// dirEntry is an fs.DirEntry made from a name and its Lstat.
type dirEntry struct {
	name string
	info fs.FileInfo
}

func (d dirEntry) Name() string               { return d.name }
func (d dirEntry) IsDir() bool                { return d.info.IsDir() }
func (d dirEntry) Type() fs.FileMode          { return d.info.Mode().Type() }
func (d dirEntry) Info() (fs.FileInfo, error) { return d.info, nil }
