package wasi

import (
	"errors"
	"io/fs"
	"os"
	"strings"
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
// directory descriptor fd, which must hold right. follow says whether a
// link in the last component is followed; a trailing slash follows too.
// The caller closes the walk.
func (s *System) pathArg(m *memory, fd uint32, right uint64, p, n uint32, follow bool) (*fdEntry, *walk, Errno) {
	return s.pathWalk(m, fd, right, p, n, follow, true)
}

// pathEntry is pathArg for the calls that act on an entry itself (make,
// remove, rename, link to): a link in the last component is never
// followed, trailing slash or not.
func (s *System) pathEntry(m *memory, fd uint32, right uint64, p, n uint32) (*fdEntry, *walk, Errno) {
	return s.pathWalk(m, fd, right, p, n, false, false)
}

func (s *System) pathWalk(m *memory, fd uint32, right uint64, p, n uint32, follow, slashFollows bool) (*fdEntry, *walk, Errno) {
	dir, errno := s.dir(fd, right)
	if errno != ErrnoSuccess {
		return nil, nil, errno
	}
	if n > MaxPath {
		// Refused before the bytes are even copied.
		if m.slice(p, n) == nil {
			return nil, nil, ErrnoFault
		}
		return nil, nil, ErrnoNametoolong
	}
	name := m.str(p, n)
	if m.fault {
		return nil, nil, ErrnoFault
	}
	if slashFollows && (strings.HasSuffix(name, "/") || strings.HasSuffix(name, "/.")) {
		follow = true
	}
	w, errno := s.ns.resolve(dir.dir, name, follow)
	return dir, w, errno
}

func (s *System) pathCreateDirectory(m *memory, a []uint64) Errno {
	_, w, errno := s.pathEntry(m, uint32(a[0]), RightPathCreateDirectory, uint32(a[1]), uint32(a[2]))
	if errno != ErrnoSuccess {
		return errno
	}
	defer w.close()
	top := w.dir()
	if top.mnt.ro {
		return ErrnoRofs
	}
	if w.name == "" {
		return ErrnoExist
	}
	return errnoOf(top.d.Mkdir(w.name, 0o755))
}

func (s *System) pathFilestatGet(m *memory, a []uint64) Errno {
	follow := uint32(a[1])&LookupSymlinkFollow != 0
	_, w, errno := s.pathArg(m, uint32(a[0]), RightPathFilestatGet, uint32(a[2]), uint32(a[3]), follow)
	if errno != ErrnoSuccess {
		return errno
	}
	defer w.close()
	out := uint32(a[4])
	if m.slice(out, sizeFilestat) == nil {
		return ErrnoFault
	}
	info, err := w.lstat()
	if err != nil {
		return errnoOf(err)
	}
	if w.slash && !info.IsDir() {
		return ErrnoNotdir
	}
	statOf(info).put(m, out)
	return ErrnoSuccess
}

func (s *System) pathFilestatSetTimes(m *memory, a []uint64) Errno {
	follow := uint32(a[1])&LookupSymlinkFollow != 0
	_, w, errno := s.pathArg(m, uint32(a[0]), RightPathFilestatSetTimes, uint32(a[2]), uint32(a[3]), follow)
	if errno != ErrnoSuccess {
		return errno
	}
	defer w.close()
	at, mt, errno := s.times(a[4], a[5], uint16(a[6]))
	if errno != ErrnoSuccess {
		return errno
	}
	top := w.dir()
	if top.mnt.ro {
		return ErrnoRofs
	}
	name := w.name
	if name == "" {
		name = "."
	}
	// Never follows: a link left in the last component (no
	// LOOKUP_SYMLINK_FOLLOW) is re-timed itself.
	return errnoOf(top.d.Chtimes(name, at, mt))
}

func (s *System) pathLink(m *memory, a []uint64) Errno {
	follow := uint32(a[1])&LookupSymlinkFollow != 0
	_, from, errno := s.pathArg(m, uint32(a[0]), RightPathLinkSource, uint32(a[2]), uint32(a[3]), follow)
	if errno != ErrnoSuccess {
		return errno
	}
	defer from.close()
	_, to, errno := s.pathEntry(m, uint32(a[4]), RightPathLinkTarget, uint32(a[5]), uint32(a[6]))
	if errno != ErrnoSuccess {
		return errno
	}
	defer to.close()
	info, err := from.lstat()
	switch {
	case err != nil:
		return errnoOf(err)
	case info.IsDir():
		return ErrnoPerm // no hard links to directories
	case from.slash:
		return ErrnoNotdir
	case to.slash:
		return ErrnoNoent // a new name with a trailing slash names no directory to make
	case to.dir().mnt.ro:
		return ErrnoRofs
	case to.name == "":
		return ErrnoExist
	case from.dir().mnt != to.dir().mnt:
		return ErrnoXdev
	}
	return errnoOf(from.dir().d.Link(from.name, to.dir().d, to.name))
}

func (s *System) pathOpen(m *memory, a []uint64) Errno {
	dirflags, oflags := uint32(a[1]), uint16(a[4])
	base, inheriting, fdflags := a[5], a[6], uint16(a[7])
	out := uint32(a[8])
	// O_CREAT|O_EXCL never follows a link in the last component: the link
	// itself exists, dangling or not.
	excl := oflags&(OflagCreat|OflagExcl) == OflagCreat|OflagExcl
	follow := dirflags&LookupSymlinkFollow != 0 && !excl
	dir, w, errno := s.pathArg(m, uint32(a[0]), RightPathOpen, uint32(a[2]), uint32(a[3]), follow)
	if errno != ErrnoSuccess {
		return errno
	}
	defer w.close()
	if m.slice(out, 4) == nil {
		return ErrnoFault
	}
	if uint32(a[4]) > 0xf || uint32(a[7]) > 0x1f {
		return ErrnoInval
	}
	// O_CREAT needs PATH_CREATE_FILE on the directory, O_TRUNC
	// PATH_FILESTAT_SET_SIZE, unless the file is opened with the right to
	// truncate it anyway (FD_FILESTAT_SET_SIZE, asked for and passed on by
	// the directory): see "Rights" in the package doc.
	if oflags&OflagCreat != 0 && dir.rights&RightPathCreateFile == 0 ||
		oflags&OflagTrunc != 0 && dir.rights&RightPathFilestatSetSize == 0 && base&dir.inheriting&RightFdFilestatSetSize == 0 {
		return ErrnoNotcapable
	}
	top := w.dir()
	info, err := w.lstat()
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return errnoOf(err)
	}
	if exists && info.Mode()&fs.ModeSymlink != 0 {
		// Like O_NOFOLLOW: a link in the last component is not opened.
		if excl {
			return ErrnoExist
		}
		return ErrnoLoop
	}
	wantWrite := base&(RightFdWrite|RightFdAllocate|RightFdFilestatSetSize) != 0 ||
		oflags&(OflagCreat|OflagTrunc) != 0 || fdflags&FdflagAppend != 0
	if wantWrite && top.mnt.ro {
		return ErrnoRofs
	}
	switch {
	case exists && oflags&OflagCreat != 0 && oflags&OflagExcl != 0:
		return ErrnoExist
	case !exists && (oflags&OflagCreat == 0 || oflags&OflagDirectory != 0):
		return ErrnoNoent
	case !exists && w.slash:
		return ErrnoIsdir // open("new/", O_CREAT): only a directory could be meant
	case exists && !info.IsDir() && (oflags&OflagDirectory != 0 || w.slash):
		return ErrnoNotdir
	}

	if exists && info.IsDir() {
		if base&(RightFdWrite|RightFdAllocate|RightFdFilestatSetSize) != 0 || oflags&OflagTrunc != 0 {
			return ErrnoIsdir
		}
		// The new handle is opened from the one the walk holds, never by
		// name from elsewhere. ".." in its listing is the directory it
		// was opened through.
		parent := top
		name := w.name
		if name == "" {
			name = "."
			if len(w.stack) > 1 {
				parent = w.stack[len(w.stack)-2]
			}
		}
		d, err := top.d.OpenDir(name)
		if err != nil {
			return errnoOf(err)
		}
		var parentIno uint64
		if pinfo, err := parent.d.Lstat("."); err == nil {
			_, parentIno = identity(pinfo)
		}
		e := &fdEntry{
			kind: kindDir, filetype: FiletypeDirectory, dir: handle{d: d, mnt: top.mnt, owned: true}, mnt: top.mnt,
			parentIno: parentIno,
			rights:    base & rightsDir & dir.inheriting, inheriting: inheriting & dir.inheriting, flags: fdflags,
		}
		m.put32(out, s.add(e))
		return ErrnoSuccess
	}

	flag := os.O_RDONLY
	switch {
	case base&RightFdWrite != 0 && base&RightFdRead != 0:
		flag = os.O_RDWR
	case base&RightFdWrite != 0:
		flag = os.O_WRONLY
	case wantWrite:
		// Created or truncated without the right to write afterwards.
		flag = os.O_RDWR
	}
	if oflags&OflagCreat != 0 {
		flag |= os.O_CREATE
	}
	if oflags&OflagExcl != 0 {
		flag |= os.O_EXCL
	}
	if oflags&OflagTrunc != 0 {
		flag |= os.O_TRUNC
	}
	f, err := top.d.OpenFile(w.name, flag, 0o644)
	if err != nil {
		return errnoOf(err)
	}
	ft := FiletypeRegularFile
	if st, err := f.Stat(); err == nil {
		ft = filetypeOf(st.Mode())
	}
	e := &fdEntry{
		kind: kindFile, filetype: ft, file: f, mnt: top.mnt,
		rights: base & rightsFile & dir.inheriting, inheriting: inheriting & dir.inheriting, flags: fdflags,
	}
	m.put32(out, s.add(e))
	return ErrnoSuccess
}

func (s *System) pathReadlink(m *memory, a []uint64) Errno {
	_, w, errno := s.pathEntry(m, uint32(a[0]), RightPathReadlink, uint32(a[1]), uint32(a[2]))
	if errno != ErrnoSuccess {
		return errno
	}
	defer w.close()
	buf := m.slice(uint32(a[3]), uint32(a[4]))
	if m.fault || m.slice(uint32(a[5]), 4) == nil {
		return ErrnoFault
	}
	if w.name == "" {
		return ErrnoInval // a directory, not a link
	}
	target, err := w.dir().d.Readlink(w.name)
	if err != nil {
		return errnoOf(err)
	}
	// Like readlink(2): the target, cut to the buffer, not NUL-terminated.
	n := copy(buf, target)
	m.wroteAt(buf, n)
	m.put32(uint32(a[5]), uint32(n))
	return ErrnoSuccess
}

func (s *System) pathRemoveDirectory(m *memory, a []uint64) Errno {
	if errno := notDot(m, uint32(a[1]), uint32(a[2])); errno != ErrnoSuccess {
		return errno
	}
	_, w, errno := s.pathEntry(m, uint32(a[0]), RightPathRemoveDirectory, uint32(a[1]), uint32(a[2]))
	if errno != ErrnoSuccess {
		return errno
	}
	defer w.close()
	top := w.dir()
	switch {
	case w.mountRoot:
		return ErrnoBusy
	case top.mnt.ro:
		return ErrnoRofs
	case w.name == "":
		return ErrnoInval
	}
	return errnoOf(top.d.Rmdir(w.name))
}

func (s *System) pathRename(m *memory, a []uint64) Errno {
	if errno := notDot(m, uint32(a[1]), uint32(a[2])); errno != ErrnoSuccess {
		return errno
	}
	if errno := notDot(m, uint32(a[4]), uint32(a[5])); errno != ErrnoSuccess {
		return errno
	}
	_, from, errno := s.pathEntry(m, uint32(a[0]), RightPathRenameSource, uint32(a[1]), uint32(a[2]))
	if errno != ErrnoSuccess {
		return errno
	}
	defer from.close()
	_, to, errno := s.pathEntry(m, uint32(a[3]), RightPathRenameTarget, uint32(a[4]), uint32(a[5]))
	if errno != ErrnoSuccess {
		return errno
	}
	defer to.close()
	switch {
	case from.mountRoot || to.mountRoot:
		return ErrnoBusy
	case from.dir().mnt.ro || to.dir().mnt.ro:
		return ErrnoRofs
	case from.name == "" || to.name == "":
		return ErrnoInval
	}
	info, err := from.lstat()
	if err != nil {
		return errnoOf(err)
	}
	if (from.slash || to.slash) && !info.IsDir() {
		return ErrnoNotdir
	}
	if from.dir().mnt != to.dir().mnt {
		return ErrnoXdev
	}
	// rename(2)'s rules (a directory onto an empty one, never into
	// itself) are the filesystem's: the host kernel's, or MemFS's own.
	return errnoOf(from.dir().d.Rename(from.name, to.dir().d, to.name))
}

func (s *System) pathSymlink(m *memory, a []uint64) Errno {
	if uint32(a[1]) > MaxPath {
		return ErrnoNametoolong
	}
	target := m.str(uint32(a[0]), uint32(a[1]))
	if m.fault {
		return ErrnoFault
	}
	_, w, errno := s.pathEntry(m, uint32(a[2]), RightPathSymlink, uint32(a[3]), uint32(a[4]))
	if errno != ErrnoSuccess {
		return errno
	}
	defer w.close()
	top := w.dir()
	switch {
	case w.slash:
		return ErrnoNoent // a link is no directory
	case top.mnt.ro:
		return ErrnoRofs
	case w.name == "":
		return ErrnoExist
	case target == "":
		return ErrnoNoent
	case target[0] == '/':
		// An absolute target would name something outside every
		// descriptor's reach; resolve refuses to follow one, and it is
		// not made either.
		return ErrnoNotcapable
	case strings.IndexByte(target, 0) >= 0:
		return ErrnoInval
	}
	return errnoOf(top.d.Symlink(target, w.name))
}

func (s *System) pathUnlinkFile(m *memory, a []uint64) Errno {
	if errno := notDot(m, uint32(a[1]), uint32(a[2])); errno != ErrnoSuccess {
		return errno
	}
	_, w, errno := s.pathEntry(m, uint32(a[0]), RightPathUnlinkFile, uint32(a[1]), uint32(a[2]))
	if errno != ErrnoSuccess {
		return errno
	}
	defer w.close()
	top := w.dir()
	switch {
	case w.mountRoot, w.name == "":
		return ErrnoIsdir
	case top.mnt.ro:
		return ErrnoRofs
	}
	info, err := top.d.Lstat(w.name)
	switch {
	case err != nil:
		return errnoOf(err)
	case info.IsDir():
		return ErrnoIsdir
	case w.slash:
		return ErrnoNotdir // "file/": a file is no directory
	}
	return errnoOf(top.d.Unlink(w.name))
}
