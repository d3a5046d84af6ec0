package wasi

import (
	"strings"

	"github.com/hack-pad/hackpadfs"
)

// maxSymlinks bounds the links followed while resolving one path (ELOOP
// beyond), as Linux's MAXSYMLINKS does.
const maxSymlinks = 40

// resolve turns a path relative to directory descriptor dir into a path in
// the namespace, walking it one component at a time so that nothing
// resolves outside dir's preopen: ".." may not climb above the preopen's
// root, absolute paths are refused, and symbolic links are read and
// followed here (never by the host), their targets held to the same rule.
// An absolute link target is read in the guest's namespace (the "/"
// preopen's view), so it too must land inside the preopen.
// follow says whether a link in the last component is followed.
func (s *System) resolve(dir *fdEntry, p string, follow bool) (string, Errno) {
	if dir.kind != kindDir {
		return "", ErrnoNotdir
	}
	if p == "" {
		return "", ErrnoNoent
	}
	if strings.IndexByte(p, 0) >= 0 {
		return "", ErrnoInval
	}
	if p[0] == '/' {
		return "", ErrnoNotcapable
	}
	root := splitPath(dir.pre.root)
	stack := splitPath(dir.path)
	// A trailing slash or "." means the last component must be a directory,
	// so a link there is followed.
	if strings.HasSuffix(p, "/") || strings.HasSuffix(p, "/.") || p == "." {
		follow = true
	}
	queue := strings.Split(p, "/")
	links := 0
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		switch c {
		case "", ".":
			continue
		case "..":
			if len(stack) <= len(root) {
				return "", ErrnoNotcapable
			}
			stack = stack[:len(stack)-1]
			continue
		}
		stack = append(stack, c)
		last := onlyDots(queue)
		if !follow && last {
			continue
		}
		info, err := hackpadfs.LstatOrStat(s.ns, joinPath(stack))
		if err != nil {
			// Missing: the operation itself reports that.
			continue
		}
		if info.Mode()&hackpadfs.ModeSymlink == 0 {
			if !last && !info.IsDir() {
				return "", ErrnoNotdir
			}
			continue
		}
		target, err := s.readlink(joinPath(stack))
		if err != nil {
			return "", errnoOf(err)
		}
		links++
		if links > maxSymlinks {
			return "", ErrnoLoop
		}
		stack = stack[:len(stack)-1]
		if strings.HasPrefix(target, "/") {
			abs := splitPath(cleanGuest(target))
			if !within(abs, root) {
				return "", ErrnoNotcapable
			}
			// Walk again from the preopen root, so links further along
			// the target are resolved too.
			stack = append([]string{}, root...)
			queue = append(abs[len(root):len(abs):len(abs)], queue...)
			continue
		}
		queue = append(strings.Split(target, "/"), queue...)
	}
	return joinPath(stack), ErrnoSuccess
}

// onlyDots reports whether the rest of a path has no real component left.
func onlyDots(rest []string) bool {
	for _, c := range rest {
		if c != "" && c != "." {
			return false
		}
	}
	return true
}

func within(p, root []string) bool {
	if len(p) < len(root) {
		return false
	}
	for i := range root {
		if p[i] != root[i] {
			return false
		}
	}
	return true
}

func splitPath(p string) []string {
	if p == "." || p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

func joinPath(c []string) string {
	if len(c) == 0 {
		return "."
	}
	return strings.Join(c, "/")
}

// readlink, symlink and link dispatch to the filesystem mounted at the
// path: hackpadfs's mount FS forwards only the operations hackpadfs knows.
func (s *System) readlink(p string) (string, error) {
	fsys, sub := s.ns.Mount(p)
	if r, ok := fsys.(ReadlinkFS); ok {
		return r.Readlink(sub)
	}
	return "", &hackpadfs.PathError{Op: "readlink", Path: p, Err: hackpadfs.ErrNotImplemented}
}

func (s *System) symlink(target, p string) error {
	fsys, sub := s.ns.Mount(p)
	return hackpadfs.Symlink(fsys, target, sub)
}

func (s *System) link(oldp, newp string) Errno {
	ofs, osub := s.ns.Mount(oldp)
	nfs, nsub := s.ns.Mount(newp)
	if ofs != nfs {
		return ErrnoXdev
	}
	l, ok := ofs.(LinkFS)
	if !ok {
		return ErrnoNotsup
	}
	return errnoOf(l.Link(osub, nsub))
}

// readOnly reports whether p lies in a read-only preopen: the preopen with
// the longest root containing p decides.
func (s *System) readOnly(p string) bool {
	best, ro := -1, false
	c := splitPath(p)
	for _, po := range s.preopens {
		r := splitPath(po.root)
		if within(c, r) && len(r) > best {
			best, ro = len(r), po.readOnly
		}
	}
	return ro
}

// isMountPoint reports whether p is where a preopen is mounted or is a
// preopen's root; such a directory cannot be removed or renamed.
func (s *System) isMountPoint(p string) bool {
	for _, po := range s.preopens {
		if po.root == p {
			return true
		}
	}
	return false
}
