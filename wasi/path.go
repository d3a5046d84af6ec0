package wasi

import (
	"errors"
	"io/fs"
	"strings"
	"syscall"
)

// maxSymlinks bounds the links followed while resolving one path (ELOOP
// beyond), as Linux's MAXSYMLINKS does.
const maxSymlinks = 40

// MaxPath is the longest path a call accepts, in bytes (POSIX's PATH_MAX);
// longer ones get ENAMETOOLONG before any filesystem is touched.
const MaxPath = 4096

// mount is a filesystem placed in the namespace: a preopen, or the
// in-memory root made when no preopen is at "/".
type mount struct {
	guest string // "/", "/data"
	root  Dir    // open for the System's life
	ro    bool
}

// handle is an open directory and the mount it belongs to. owned says the
// walk that made it must close it.
type handle struct {
	d     Dir
	mnt   *mount
	owned bool
}

// mountPoint is where a mount is attached: the entry name in the directory
// with this identity (device and inode).
type mountPoint struct {
	dev, ino uint64
	name     string
}

// namespace is the mounts, by where they are attached.
type namespace struct {
	points map[string][]mountAt // by entry name, for a cheap miss
}

type mountAt struct {
	at  mountPoint
	mnt *mount
}

// mounted returns the mount attached at entry name of directory h, if any.
func (ns *namespace) mounted(h handle, name string) *mount {
	cands := ns.points[name]
	if len(cands) == 0 {
		return nil
	}
	info, err := h.d.Lstat(".")
	if err != nil {
		return nil
	}
	dev, ino := identity(info)
	for _, c := range cands {
		if c.at.dev == dev && c.at.ino == ino {
			return c.mnt
		}
	}
	return nil
}

// attach places m at entry name of directory h.
func (ns *namespace) attach(h handle, name string, m *mount) error {
	info, err := h.d.Lstat(".")
	if err != nil {
		return err
	}
	dev, ino := identity(info)
	if ns.points == nil {
		ns.points = map[string][]mountAt{}
	}
	ns.points[name] = append(ns.points[name], mountAt{mountPoint{dev, ino, name}, m})
	return nil
}

// walk is a resolved path: the directory that holds its last component,
// and that component. The directories opened on the way are closed by
// close.
type walk struct {
	stack []handle
	// name is the last component, "" when the path names the directory
	// on top itself ("." or "x/..", or a mount point).
	name string
	// slash says the path ended in "/" (or "/."): its last component must
	// be a directory.
	slash bool
	// mountRoot says the path named a mount point, whose directory is on
	// top; it cannot be removed or renamed.
	mountRoot bool
}

func (w *walk) dir() handle { return w.stack[len(w.stack)-1] }

func (w *walk) close() {
	for _, h := range w.stack {
		if h.owned {
			h.d.Close()
		}
	}
	w.stack = nil
}

// resolve walks path p from the directory start, one component at a time,
// each step an operation on the directory handle reached so far; nothing
// is looked up by name from any other place. The rules are WASI's
// capability rules, as wasmtime applies them:
//   - p is relative; an absolute path is ENOTCAPABLE;
//   - ".." pops back to the directory the walk came through, and may not
//     climb above start (ENOTCAPABLE);
//   - symbolic links are read here and their targets walked by the same
//     rules; an absolute target is ENOTCAPABLE, as is one that climbs
//     above start;
//   - a component where a mount is attached enters the mount's root.
//
// follow says whether a link in the last component is followed; a path
// ending in "/" always follows. The work is linear in len(p) plus the
// links' targets (at most maxSymlinks of them), and p is at most MaxPath.
func (ns *namespace) resolve(start handle, p string, follow bool) (*walk, Errno) {
	switch {
	case p == "":
		return nil, ErrnoNoent
	case len(p) > MaxPath:
		return nil, ErrnoNametoolong
	case strings.IndexByte(p, 0) >= 0:
		return nil, ErrnoInval
	case p[0] == '/':
		return nil, ErrnoNotcapable
	}
	start.owned = false
	w := &walk{stack: []handle{start}, slash: strings.HasSuffix(p, "/") || strings.HasSuffix(p, "/.")}
	if w.slash {
		follow = true
	}
	// pending holds the components still to walk, the next one last.
	pending := pushComponents(nil, p)
	links := 0
	for len(pending) > 0 {
		c := pending[len(pending)-1]
		pending = pending[:len(pending)-1]
		last := len(pending) == 0
		w.name, w.mountRoot = "", false
		if c == ".." {
			if len(w.stack) == 1 {
				w.close()
				return nil, ErrnoNotcapable
			}
			if top := w.dir(); top.owned {
				top.d.Close()
			}
			w.stack = w.stack[:len(w.stack)-1]
			continue
		}
		top := w.dir()
		if m := ns.mounted(top, c); m != nil {
			w.stack = append(w.stack, handle{d: m.root, mnt: m})
			w.mountRoot = last
			continue
		}
		if last && !follow {
			w.name = c
			break
		}
		info, err := top.d.Lstat(c)
		if err != nil {
			if last {
				// Missing: the operation says what that means for it.
				w.name = c
				break
			}
			w.close()
			return nil, errnoOf(err)
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			links++
			if links > maxSymlinks {
				w.close()
				return nil, ErrnoLoop
			}
			target, err := top.d.Readlink(c)
			if err != nil {
				w.close()
				return nil, errnoOf(err)
			}
			if target == "" {
				w.close()
				return nil, ErrnoNoent
			}
			if target[0] == '/' || len(target) > MaxPath {
				w.close()
				return nil, ErrnoNotcapable
			}
			if last && strings.HasSuffix(target, "/") {
				w.slash = true
			}
			// A link to "." leaves nothing to push: the walk ends on
			// the directory the link is in.
			pending = pushComponents(pending, target)
			continue
		}
		if last {
			w.name = c
			break
		}
		if !info.IsDir() {
			w.close()
			return nil, ErrnoNotdir
		}
		d, err := top.d.OpenDir(c)
		if err != nil {
			w.close()
			return nil, errnoOf(err)
		}
		w.stack = append(w.stack, handle{d: d, mnt: top.mnt, owned: true})
	}
	return w, ErrnoSuccess
}

// pushComponents puts p's components on pending so that the first comes
// off first, leaving out the empty ones and ".", which change nothing.
func pushComponents(pending []string, p string) []string {
	n := len(pending)
	for _, c := range strings.Split(p, "/") {
		if c != "" && c != "." {
			pending = append(pending, c)
		}
	}
	// Reverse the new part: the stack pops from the end.
	for i, j := n, len(pending)-1; i < j; i, j = i+1, j-1 {
		pending[i], pending[j] = pending[j], pending[i]
	}
	return pending
}

// lstat describes the walk's target: the last component, or the directory
// itself when there is none. A missing component is ENOENT.
func (w *walk) lstat() (fs.FileInfo, error) {
	if w.name == "" {
		return w.dir().d.Lstat(".")
	}
	return w.dir().d.Lstat(w.name)
}

// goError turns an errno from path resolution into a Go error for the
// hackpadfs views, keeping its meaning for errors.Is(err, fs.ErrNotExist).
func (e Errno) goError() error {
	for se, we := range syscallErrnos {
		if we == e && se != syscall.ENOSYS {
			return se
		}
	}
	if e == ErrnoNotcapable {
		return fs.ErrPermission
	}
	return errors.New(e.String())
}
