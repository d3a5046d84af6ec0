package wasi

import (
	"errors"
	"strings"

	"github.com/hack-pad/hackpadfs"
)

// lastIsDot reports whether a path ends in "." or "..", which name a
// directory by its relation to another and cannot be removed or renamed.
func lastIsDot(p string) bool {
	p = strings.TrimRight(p, "/")
	base := p[strings.LastIndexByte(p, '/')+1:]
	return base == "." || base == ".."
}

// notDot refuses a path argument at p (length n) that ends in "." or "..".
func notDot(m *memory, p, n uint32) Errno {
	if name := m.str(p, n); !m.fault && name != "" && lastIsDot(name) {
		return ErrnoInval
	}
	return ErrnoSuccess
}

// pathArg reads the path argument at p (length n) and resolves it against
// directory descriptor fd, which must hold right.
func (s *System) pathArg(m *memory, fd uint32, right uint64, p, n uint32, follow bool) (*fdEntry, string, Errno) {
	dir, errno := s.dir(fd, right)
	if errno != ErrnoSuccess {
		return nil, "", errno
	}
	name := m.str(p, n)
	if m.fault {
		return nil, "", ErrnoFault
	}
	resolved, errno := s.resolve(dir, name, follow)
	return dir, resolved, errno
}

func (s *System) pathCreateDirectory(m *memory, a []uint64) Errno {
	_, p, errno := s.pathArg(m, uint32(a[0]), RightPathCreateDirectory, uint32(a[1]), uint32(a[2]), false)
	if errno != ErrnoSuccess {
		return errno
	}
	if s.readOnly(p) {
		return ErrnoRofs
	}
	return errnoOf(hackpadfs.Mkdir(s.ns, p, 0o755))
}

func (s *System) pathFilestatGet(m *memory, a []uint64) Errno {
	follow := uint32(a[1])&LookupSymlinkFollow != 0
	_, p, errno := s.pathArg(m, uint32(a[0]), RightPathFilestatGet, uint32(a[2]), uint32(a[3]), follow)
	if errno != ErrnoSuccess {
		return errno
	}
	out := uint32(a[4])
	if m.slice(out, sizeFilestat) == nil {
		return ErrnoFault
	}
	var info hackpadfs.FileInfo
	var err error
	if follow {
		info, err = hackpadfs.Stat(s.ns, p)
	} else {
		info, err = hackpadfs.LstatOrStat(s.ns, p)
	}
	if err != nil {
		return errnoOf(err)
	}
	s.statOf(p, info).put(m, out)
	return ErrnoSuccess
}

func (s *System) pathFilestatSetTimes(m *memory, a []uint64) Errno {
	follow := uint32(a[1])&LookupSymlinkFollow != 0
	_, p, errno := s.pathArg(m, uint32(a[0]), RightPathFilestatSetTimes, uint32(a[2]), uint32(a[3]), follow)
	if errno != ErrnoSuccess {
		return errno
	}
	return s.setTimes(p, a[4], a[5], uint16(a[6]))
}

func (s *System) pathLink(m *memory, a []uint64) Errno {
	follow := uint32(a[1])&LookupSymlinkFollow != 0
	_, oldp, errno := s.pathArg(m, uint32(a[0]), RightPathLinkSource, uint32(a[2]), uint32(a[3]), follow)
	if errno != ErrnoSuccess {
		return errno
	}
	_, newp, errno := s.pathArg(m, uint32(a[4]), RightPathLinkTarget, uint32(a[5]), uint32(a[6]), false)
	if errno != ErrnoSuccess {
		return errno
	}
	if s.readOnly(newp) {
		return ErrnoRofs
	}
	return s.link(oldp, newp)
}

func (s *System) pathOpen(m *memory, a []uint64) Errno {
	dirflags, oflags := uint32(a[1]), uint16(a[4])
	base, inheriting, fdflags := a[5], a[6], uint16(a[7])
	out := uint32(a[8])
	// O_CREAT|O_EXCL never follows a link in the last component: the link
	// itself exists, dangling or not.
	excl := oflags&(OflagCreat|OflagExcl) == OflagCreat|OflagExcl
	follow := dirflags&LookupSymlinkFollow != 0 && !excl
	dir, p, errno := s.pathArg(m, uint32(a[0]), RightPathOpen, uint32(a[2]), uint32(a[3]), follow)
	if errno != ErrnoSuccess {
		return errno
	}
	if !follow {
		// Like O_NOFOLLOW: a link in the last component is not opened.
		if info, err := hackpadfs.LstatOrStat(s.ns, p); err == nil && info.Mode()&hackpadfs.ModeSymlink != 0 {
			if excl {
				return ErrnoExist
			}
			return ErrnoLoop
		}
	}
	if m.slice(out, 4) == nil {
		return ErrnoFault
	}
	if uint32(a[4]) > 0xf || uint32(a[7]) > 0x1f {
		return ErrnoInval
	}
	if oflags&OflagCreat != 0 && dir.rights&RightPathCreateFile == 0 {
		return ErrnoNotcapable
	}
	wantWrite := base&(RightFdWrite|RightFdAllocate|RightFdFilestatSetSize) != 0 ||
		oflags&(OflagCreat|OflagTrunc) != 0 || fdflags&FdflagAppend != 0
	if wantWrite && s.readOnly(p) {
		return ErrnoRofs
	}

	info, err := hackpadfs.Stat(s.ns, p)
	exists := err == nil
	if err != nil && !errors.Is(err, hackpadfs.ErrNotExist) {
		return errnoOf(err)
	}
	switch {
	case exists && oflags&OflagCreat != 0 && oflags&OflagExcl != 0:
		return ErrnoExist
	case !exists && oflags&OflagCreat == 0:
		return ErrnoNoent
	case !exists && oflags&OflagDirectory != 0:
		return ErrnoNoent
	case exists && oflags&OflagDirectory != 0 && !info.IsDir():
		return ErrnoNotdir
	}

	if exists && info.IsDir() {
		if base&(RightFdWrite|RightFdAllocate|RightFdFilestatSetSize) != 0 || oflags&OflagTrunc != 0 {
			return ErrnoIsdir
		}
		rights := base & rightsDir & dir.inheriting
		e := &fdEntry{
			kind: kindDir, filetype: FiletypeDirectory, pre: dir.pre, path: p,
			rights: rights, inheriting: inheriting & dir.inheriting, flags: fdflags,
		}
		m.put32(out, s.add(e))
		return ErrnoSuccess
	}

	flag := hackpadfs.FlagReadOnly
	switch {
	case base&RightFdWrite != 0 && base&RightFdRead != 0:
		flag = hackpadfs.FlagReadWrite
	case base&RightFdWrite != 0:
		flag = hackpadfs.FlagWriteOnly
	case wantWrite:
		// Created or truncated without the right to write afterwards.
		flag = hackpadfs.FlagReadWrite
	}
	if oflags&OflagCreat != 0 {
		flag |= hackpadfs.FlagCreate
	}
	if oflags&OflagExcl != 0 {
		flag |= hackpadfs.FlagExclusive
	}
	if oflags&OflagTrunc != 0 {
		flag |= hackpadfs.FlagTruncate
	}
	f, err := hackpadfs.OpenFile(s.ns, p, flag, 0o644)
	if err != nil {
		return errnoOf(err)
	}
	ft := FiletypeRegularFile
	if st, err := f.Stat(); err == nil {
		ft = filetypeOf(st.Mode())
	}
	e := &fdEntry{
		kind: kindFile, filetype: ft, pre: dir.pre, path: p, file: f,
		rights: base & rightsFile & dir.inheriting, inheriting: inheriting & dir.inheriting, flags: fdflags,
	}
	m.put32(out, s.add(e))
	return ErrnoSuccess
}

func (s *System) pathReadlink(m *memory, a []uint64) Errno {
	_, p, errno := s.pathArg(m, uint32(a[0]), RightPathReadlink, uint32(a[1]), uint32(a[2]), false)
	if errno != ErrnoSuccess {
		return errno
	}
	buf := m.slice(uint32(a[3]), uint32(a[4]))
	if m.fault || m.slice(uint32(a[5]), 4) == nil {
		return ErrnoFault
	}
	info, err := hackpadfs.LstatOrStat(s.ns, p)
	if err != nil {
		return errnoOf(err)
	}
	if info.Mode()&hackpadfs.ModeSymlink == 0 {
		return ErrnoInval
	}
	target, err := s.readlink(p)
	if err != nil {
		return errnoOf(err)
	}
	// Like readlink(2): the target, cut to the buffer, not NUL-terminated.
	n := copy(buf, target)
	m.put32(uint32(a[5]), uint32(n))
	return ErrnoSuccess
}

func (s *System) pathRemoveDirectory(m *memory, a []uint64) Errno {
	if errno := notDot(m, uint32(a[1]), uint32(a[2])); errno != ErrnoSuccess {
		return errno
	}
	_, p, errno := s.pathArg(m, uint32(a[0]), RightPathRemoveDirectory, uint32(a[1]), uint32(a[2]), false)
	if errno != ErrnoSuccess {
		return errno
	}
	if s.readOnly(p) {
		return ErrnoRofs
	}
	if s.isMountPoint(p) {
		return ErrnoBusy
	}
	info, err := hackpadfs.LstatOrStat(s.ns, p)
	if err != nil {
		return errnoOf(err)
	}
	if !info.IsDir() {
		return ErrnoNotdir
	}
	entries, err := hackpadfs.ReadDir(s.ns, p)
	if err != nil {
		return errnoOf(err)
	}
	if len(entries) > 0 {
		return ErrnoNotempty
	}
	return errnoOf(hackpadfs.Remove(s.ns, p))
}

func (s *System) pathRename(m *memory, a []uint64) Errno {
	if errno := notDot(m, uint32(a[1]), uint32(a[2])); errno != ErrnoSuccess {
		return errno
	}
	if errno := notDot(m, uint32(a[4]), uint32(a[5])); errno != ErrnoSuccess {
		return errno
	}
	_, oldp, errno := s.pathArg(m, uint32(a[0]), RightPathRenameSource, uint32(a[1]), uint32(a[2]), false)
	if errno != ErrnoSuccess {
		return errno
	}
	_, newp, errno := s.pathArg(m, uint32(a[3]), RightPathRenameTarget, uint32(a[4]), uint32(a[5]), false)
	if errno != ErrnoSuccess {
		return errno
	}
	if s.readOnly(oldp) || s.readOnly(newp) {
		return ErrnoRofs
	}
	if s.isMountPoint(oldp) || s.isMountPoint(newp) {
		return ErrnoBusy
	}
	ofs, osub := s.ns.Mount(oldp)
	nfs, nsub := s.ns.Mount(newp)
	if ofs != nfs {
		return ErrnoXdev
	}
	oinfo, err := hackpadfs.LstatOrStat(s.ns, oldp)
	if err != nil {
		return errnoOf(err)
	}
	// rename(2)'s rules for an existing target, which not every hackpadfs
	// filesystem applies itself.
	if ninfo, err := hackpadfs.LstatOrStat(s.ns, newp); err == nil && oldp != newp {
		switch {
		case oinfo.IsDir() && !ninfo.IsDir():
			return ErrnoNotdir
		case !oinfo.IsDir() && ninfo.IsDir():
			return ErrnoIsdir
		case ninfo.IsDir():
			entries, err := hackpadfs.ReadDir(s.ns, newp)
			if err != nil {
				return errnoOf(err)
			}
			if len(entries) > 0 {
				return ErrnoNotempty
			}
		}
	}
	if oinfo.IsDir() && within(splitPath(newp), splitPath(oldp)) && oldp != newp {
		return ErrnoInval // a directory cannot move into itself
	}
	// Straight to the filesystem: the mount FS's Rename stats the source
	// through links, and a link may be renamed whatever it points at.
	if err := hackpadfs.Rename(ofs, osub, nsub); err != nil {
		return errnoOf(err)
	}
	// Descriptors are names in the namespace (hackpadfs has no handles to
	// directories); those at or below the renamed path follow it, so an
	// open directory still works after its parent moves.
	for _, e := range s.fds {
		if e.path == oldp {
			e.path = newp
		} else if strings.HasPrefix(e.path, oldp+"/") {
			e.path = newp + e.path[len(oldp):]
		}
	}
	return ErrnoSuccess
}

func (s *System) pathSymlink(m *memory, a []uint64) Errno {
	target := m.str(uint32(a[0]), uint32(a[1]))
	if m.fault {
		return ErrnoFault
	}
	_, p, errno := s.pathArg(m, uint32(a[2]), RightPathSymlink, uint32(a[3]), uint32(a[4]), false)
	if errno != ErrnoSuccess {
		return errno
	}
	if s.readOnly(p) {
		return ErrnoRofs
	}
	if target == "" {
		return ErrnoNoent
	}
	// The target is stored as given; it is checked against the sandbox
	// whenever a path goes through the link (see resolve).
	return errnoOf(s.symlink(target, p))
}

func (s *System) pathUnlinkFile(m *memory, a []uint64) Errno {
	if errno := notDot(m, uint32(a[1]), uint32(a[2])); errno != ErrnoSuccess {
		return errno
	}
	_, p, errno := s.pathArg(m, uint32(a[0]), RightPathUnlinkFile, uint32(a[1]), uint32(a[2]), false)
	if errno != ErrnoSuccess {
		return errno
	}
	if s.readOnly(p) {
		return ErrnoRofs
	}
	info, err := hackpadfs.LstatOrStat(s.ns, p)
	if err != nil {
		return errnoOf(err)
	}
	if info.IsDir() {
		return ErrnoIsdir
	}
	return errnoOf(hackpadfs.Remove(s.ns, p))
}
