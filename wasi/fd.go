package wasi

import (
	"errors"
	"io"
	"sort"
	"time"

	"github.com/hack-pad/hackpadfs"
)

type fdKind uint8

const (
	kindStdin  fdKind = iota // descriptor 0
	kindWriter               // descriptors 1 and 2
	kindDir
	kindFile
)

// fdEntry is an open file descriptor.
type fdEntry struct {
	kind fdKind
	w    io.Writer // kindWriter
	dir  handle    // kindDir: the open directory, owned by the descriptor
	file File      // kindFile
	mnt  *mount    // kindDir, kindFile: the mount it is in
	// parentIno is the inode fd_readdir gives "..": the directory it was
	// opened through (its own for a preopen, whose parent is not the
	// program's to see).
	parentIno uint64
	filetype  uint8
	flags     uint16
	rights    uint64
	// inheriting are the rights of descriptors opened through this one.
	inheriting uint64
	preopen    bool // a preopened directory, reported by fd_prestat_get, as mnt.guest
	// dirents is the directory listing fd_readdir serves, taken when a
	// listing starts at cookie 0, so cookies stay stable while it is read.
	dirents []dirent
}

type dirent struct {
	name string
	ino  uint64
	typ  uint8
}

// get returns the open descriptor fd if it holds right.
func (s *System) get(fd uint32, right uint64) (*fdEntry, Errno) {
	e, ok := s.fds[fd]
	if !ok {
		return nil, ErrnoBadf
	}
	if e.rights&right != right {
		return nil, ErrnoNotcapable
	}
	return e, ErrnoSuccess
}

// dir returns the open directory fd if it holds right.
func (s *System) dir(fd uint32, right uint64) (*fdEntry, Errno) {
	e, ok := s.fds[fd]
	if !ok {
		return nil, ErrnoBadf
	}
	if e.kind != kindDir {
		return nil, ErrnoNotdir
	}
	if e.rights&right != right {
		return nil, ErrnoNotcapable
	}
	return e, ErrnoSuccess
}

// add returns the lowest free descriptor number, now naming e.
func (s *System) add(e *fdEntry) uint32 {
	fd := uint32(3)
	for {
		if _, used := s.fds[fd]; !used {
			s.fds[fd] = e
			return fd
		}
		fd++
	}
}

// Close closes every open file and directory, for when the program has
// ended.
func (s *System) Close() error {
	var errs []error
	for fd, e := range s.fds {
		errs = append(errs, e.close())
		delete(s.fds, fd)
	}
	for _, m := range s.mounts {
		errs = append(errs, m.root.Close())
	}
	s.mounts = nil
	return errors.Join(errs...)
}

// close releases what the descriptor holds.
func (e *fdEntry) close() error {
	switch {
	case e.file != nil:
		return e.file.Close()
	case e.kind == kindDir:
		return e.dir.d.Close()
	}
	return nil
}

func (s *System) fdAdvise(m *memory, a []uint64) Errno {
	e, errno := s.get(uint32(a[0]), RightFdAdvise)
	if errno != ErrnoSuccess {
		return errno
	}
	if uint32(a[3]) > adviceNoreuse {
		return ErrnoInval
	}
	if e.kind != kindFile {
		return ErrnoBadf
	}
	// Advice is a hint; an in-memory or host-cached file has no use for it.
	return ErrnoSuccess
}

func (s *System) fdAllocate(m *memory, a []uint64) Errno {
	e, errno := s.get(uint32(a[0]), RightFdAllocate)
	if errno != ErrnoSuccess {
		return errno
	}
	if e.kind != kindFile {
		return ErrnoBadf
	}
	off, n := a[1], a[2]
	if off+n < off || int64(off+n) < 0 {
		return ErrnoFbig
	}
	info, err := e.file.Stat()
	if err != nil {
		return errnoOf(err)
	}
	if int64(off+n) > info.Size() {
		return errnoOf(hackpadfs.TruncateFile(e.file, int64(off+n)))
	}
	return ErrnoSuccess
}

func (s *System) fdClose(m *memory, a []uint64) Errno {
	fd := uint32(a[0])
	e, ok := s.fds[fd]
	if !ok {
		return ErrnoBadf
	}
	delete(s.fds, fd)
	return errnoOf(e.close())
}

func (s *System) fdDatasync(m *memory, a []uint64) Errno {
	return s.sync(uint32(a[0]), RightFdDatasync)
}

func (s *System) fdSync(m *memory, a []uint64) Errno {
	return s.sync(uint32(a[0]), RightFdSync)
}

func (s *System) sync(fd uint32, right uint64) Errno {
	e, errno := s.get(fd, right)
	if errno != ErrnoSuccess {
		return errno
	}
	if e.file == nil {
		return ErrnoSuccess
	}
	err := hackpadfs.SyncFile(e.file)
	if errors.Is(err, hackpadfs.ErrNotImplemented) {
		// An in-memory file has nowhere more durable to go.
		return ErrnoSuccess
	}
	return errnoOf(err)
}

func (s *System) fdFdstatGet(m *memory, a []uint64) Errno {
	e, ok := s.fds[uint32(a[0])]
	if !ok {
		return ErrnoBadf
	}
	p := uint32(a[1])
	if m.slice(p, sizeFdstat) == nil {
		return ErrnoFault
	}
	m.put8(p, e.filetype)
	m.put8(p+1, 0)
	m.put16(p+2, e.flags)
	m.put32(p+4, 0)
	m.put64(p+8, e.rights)
	m.put64(p+16, e.inheriting)
	return ErrnoSuccess
}

func (s *System) fdFdstatSetFlags(m *memory, a []uint64) Errno {
	e, errno := s.get(uint32(a[0]), RightFdFdstatSetFlags)
	if errno != ErrnoSuccess {
		return errno
	}
	flags := uint16(a[1])
	if uint32(a[1]) > 0x1f {
		return ErrnoInval
	}
	// Only append and nonblock change how later calls behave here; the
	// synchronous-I/O flags are kept and reported.
	e.flags = flags
	return ErrnoSuccess
}

func (s *System) fdFdstatSetRights(m *memory, a []uint64) Errno {
	e, ok := s.fds[uint32(a[0])]
	if !ok {
		return ErrnoBadf
	}
	base, inh := a[1], a[2]
	// Rights can only be dropped, never gained.
	if base&^e.rights != 0 || inh&^e.inheriting != 0 {
		return ErrnoNotcapable
	}
	e.rights, e.inheriting = base, inh
	return ErrnoSuccess
}

func (s *System) fdFilestatGet(m *memory, a []uint64) Errno {
	e, errno := s.get(uint32(a[0]), RightFdFilestatGet)
	if errno != ErrnoSuccess {
		return errno
	}
	p := uint32(a[1])
	if m.slice(p, sizeFilestat) == nil {
		return ErrnoFault
	}
	var st filestat
	switch e.kind {
	case kindStdin, kindWriter:
		st = filestat{filetype: e.filetype, nlink: 1}
	case kindFile:
		info, err := e.file.Stat()
		if err != nil {
			return errnoOf(err)
		}
		st = statOf(info)
	case kindDir:
		info, err := e.dir.d.Lstat(".")
		if err != nil {
			return errnoOf(err)
		}
		st = statOf(info)
	}
	st.put(m, p)
	return ErrnoSuccess
}

func (s *System) fdFilestatSetSize(m *memory, a []uint64) Errno {
	e, errno := s.get(uint32(a[0]), RightFdFilestatSetSize)
	if errno != ErrnoSuccess {
		return errno
	}
	if e.kind != kindFile {
		return ErrnoBadf
	}
	if int64(a[1]) < 0 {
		return ErrnoFbig
	}
	return errnoOf(hackpadfs.TruncateFile(e.file, int64(a[1])))
}

func (s *System) fdFilestatSetTimes(m *memory, a []uint64) Errno {
	e, errno := s.get(uint32(a[0]), RightFdFilestatSetTimes)
	if errno != ErrnoSuccess {
		return errno
	}
	if e.kind != kindFile && e.kind != kindDir {
		return ErrnoBadf
	}
	at, mt, errno := s.times(a[1], a[2], uint16(a[3]))
	if errno != ErrnoSuccess {
		return errno
	}
	if e.mnt.ro {
		return ErrnoRofs
	}
	if e.kind == kindDir {
		return errnoOf(e.dir.d.Chtimes(".", at, mt))
	}
	return errnoOf(e.file.Chtimes(at, mt))
}

// times applies the fstflags rules shared by fd_filestat_set_times and
// path_filestat_set_times: the access and modification times to set, a
// zero time.Time for one to leave.
func (s *System) times(atim, mtim uint64, fst uint16) (at, mt time.Time, errno Errno) {
	if fst&^0xf != 0 || fst&(FstflagAtim|FstflagAtimNow) == FstflagAtim|FstflagAtimNow ||
		fst&(FstflagMtim|FstflagMtimNow) == FstflagMtim|FstflagMtimNow {
		return at, mt, ErrnoInval
	}
	now := s.clock.Now()
	switch {
	case fst&FstflagAtimNow != 0:
		at = now
	case fst&FstflagAtim != 0:
		at = time.Unix(0, int64(atim))
	}
	switch {
	case fst&FstflagMtimNow != 0:
		mt = now
	case fst&FstflagMtim != 0:
		mt = time.Unix(0, int64(mtim))
	}
	return at, mt, ErrnoSuccess
}

func (s *System) fdPread(m *memory, a []uint64) Errno {
	return s.fdPositioned(m, a, RightFdRead|RightFdSeek, hackpadfs.ReadAtFile)
}

func (s *System) fdPwrite(m *memory, a []uint64) Errno {
	return s.fdPositioned(m, a, RightFdWrite|RightFdSeek, hackpadfs.WriteAtFile)
}

// fdPositioned is fd_pread and fd_pwrite (fd, iovs, iovs_len, offset,
// nbytes): the same checks and one transfer of all the iovecs (see gather
// and scatter) around ReadAt or WriteAt. It ends at the first short
// transfer (end of file for a read) and reports an error only when nothing
// moved.
func (s *System) fdPositioned(m *memory, a []uint64, rights uint64, at func(hackpadfs.File, []byte, int64) (int, error)) Errno {
	e, errno := s.get(uint32(a[0]), rights)
	if errno != ErrnoSuccess {
		return errno
	}
	bufs, errno := m.iovecs(uint32(a[1]), uint32(a[2]))
	if errno != ErrnoSuccess {
		return errno
	}
	if m.slice(uint32(a[4]), 4) == nil {
		return ErrnoFault
	}
	switch e.kind {
	case kindDir:
		return ErrnoIsdir
	case kindFile:
	default:
		return ErrnoSpipe
	}
	off := int64(a[3])
	if off < 0 {
		return ErrnoInval
	}
	move := func(b []byte) (int, error) {
		n, err := at(e.file, b, off)
		off += int64(n)
		return n, err
	}
	var total int
	var err error
	if rights&RightFdWrite != 0 {
		total, err = gather(bufs, move)
	} else {
		total, err = scatter(bufs, false, move)
		m.wroteBufs(bufs, total)
	}
	if errno := transferErrno(total, err); errno != ErrnoSuccess {
		return errno
	}
	m.put32(uint32(a[4]), uint32(total))
	return ErrnoSuccess
}

// transferErrno is the errno of a read or write that moved total bytes and
// ended with err: success when anything moved (the program sees a short
// count and asks again, meeting the error then) or at the end of input.
func transferErrno(total int, err error) Errno {
	if err == nil || total > 0 || errors.Is(err, io.EOF) {
		return ErrnoSuccess
	}
	return errnoOf(err)
}

func (s *System) fdPrestatGet(m *memory, a []uint64) Errno {
	e, ok := s.fds[uint32(a[0])]
	if !ok || !e.preopen {
		return ErrnoBadf
	}
	p := uint32(a[1])
	if m.slice(p, sizePrestat) == nil {
		return ErrnoFault
	}
	m.put32(p, preopentypeDir)
	m.put32(p+4, uint32(len(e.mnt.guest)))
	return ErrnoSuccess
}

func (s *System) fdPrestatDirName(m *memory, a []uint64) Errno {
	e, ok := s.fds[uint32(a[0])]
	if !ok || !e.preopen {
		return ErrnoBadf
	}
	name := e.mnt.guest
	if uint32(a[2]) < uint32(len(name)) {
		return ErrnoNametoolong
	}
	b := m.put(uint32(a[1]), uint32(len(name)))
	if b == nil {
		return ErrnoFault
	}
	copy(b, name)
	return ErrnoSuccess
}

func (s *System) fdRead(m *memory, a []uint64) Errno {
	e, errno := s.get(uint32(a[0]), RightFdRead)
	if errno != ErrnoSuccess {
		return errno
	}
	bufs, errno := m.iovecs(uint32(a[1]), uint32(a[2]))
	if errno != ErrnoSuccess {
		return errno
	}
	if m.slice(uint32(a[3]), 4) == nil {
		return ErrnoFault
	}
	var total int
	switch e.kind {
	case kindStdin:
		// One read, as a terminal or pipe gives: whatever is there.
		total, errno = s.readStdin(bufs, e.flags&FdflagNonblock != 0)
		if errno != ErrnoSuccess {
			return errno
		}
	case kindFile:
		var err error
		total, err = scatter(bufs, false, e.file.Read)
		if errno := transferErrno(total, err); errno != ErrnoSuccess {
			return errno
		}
	case kindDir:
		return ErrnoIsdir
	default:
		return ErrnoBadf
	}
	m.wroteBufs(bufs, total)
	m.put32(uint32(a[3]), uint32(total))
	return ErrnoSuccess
}

// readStdin is one read of descriptor 0 scattered into bufs.
func (s *System) readStdin(bufs [][]byte, nonblock bool) (int, Errno) {
	if len(bufs) == 0 {
		return 0, ErrnoSuccess
	}
	errno := ErrnoSuccess
	n, _ := scatter(bufs, true, func(b []byte) (int, error) {
		var n int
		n, errno = s.stdin.read(b, nonblock)
		return n, nil
	})
	return n, errno
}

func (s *System) fdWrite(m *memory, a []uint64) Errno {
	e, errno := s.get(uint32(a[0]), RightFdWrite)
	if errno != ErrnoSuccess {
		return errno
	}
	bufs, errno := m.iovecs(uint32(a[1]), uint32(a[2]))
	if errno != ErrnoSuccess {
		return errno
	}
	if m.slice(uint32(a[3]), 4) == nil {
		return ErrnoFault
	}
	var total int
	switch e.kind {
	case kindWriter:
		n, err := gather(bufs, e.w.Write)
		if err != nil && n == 0 {
			return ErrnoIo
		}
		total = n
	case kindFile:
		if e.flags&FdflagAppend != 0 {
			if _, err := hackpadfs.SeekFile(e.file, 0, io.SeekEnd); err != nil {
				return errnoOf(err)
			}
		}
		n, err := gather(bufs, func(b []byte) (int, error) { return hackpadfs.WriteFile(e.file, b) })
		if errno := transferErrno(n, err); errno != ErrnoSuccess {
			return errno
		}
		total = n
	case kindDir:
		return ErrnoIsdir
	default:
		return ErrnoBadf
	}
	m.put32(uint32(a[3]), uint32(total))
	return ErrnoSuccess
}

func (s *System) fdReaddir(m *memory, a []uint64) Errno {
	e, errno := s.get(uint32(a[0]), RightFdReaddir)
	if errno != ErrnoSuccess {
		return errno
	}
	if e.kind != kindDir {
		return ErrnoNotdir
	}
	buf, bufLen, cookie, used := uint32(a[1]), uint32(a[2]), a[3], uint32(a[4])
	out := m.slice(buf, bufLen)
	if m.fault || m.slice(used, 4) == nil {
		return ErrnoFault
	}
	if cookie == 0 || e.dirents == nil {
		list, errno := listDir(e)
		if errno != ErrnoSuccess {
			return errno
		}
		e.dirents = list
	}
	if cookie > uint64(len(e.dirents)) {
		return ErrnoInval
	}
	n := 0
	for i := int(cookie); i < len(e.dirents) && n < len(out); i++ {
		d := e.dirents[i]
		var hdr [sizeDirent]byte
		le64(hdr[0:], uint64(i+1))
		le64(hdr[8:], d.ino)
		le32(hdr[16:], uint32(len(d.name)))
		hdr[20] = d.typ
		// The last entry may not fit; the program sees a full buffer and
		// asks again from its cookie with a bigger one.
		n += copy(out[n:], hdr[:])
		n += copy(out[n:], d.name)
	}
	m.wroteAt(out, n)
	m.put32(used, uint32(n))
	return ErrnoSuccess
}

// listDir lists an open directory as fd_readdir serves it: ".", "..",
// then the entries sorted by name. "." has the inode fd_filestat_get
// gives the directory.
func listDir(e *fdEntry) ([]dirent, Errno) {
	self, err := e.dir.d.Lstat(".")
	if err != nil {
		return nil, errnoOf(err)
	}
	entries, err := e.dir.d.ReadDir()
	if err != nil {
		return nil, errnoOf(err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	_, ino := identity(self)
	list := []dirent{{".", ino, FiletypeDirectory}, {"..", e.parentIno, FiletypeDirectory}}
	for _, d := range entries {
		var ino uint64
		if info, err := d.Info(); err == nil {
			_, ino = identity(info)
		}
		list = append(list, dirent{d.Name(), ino, filetypeOf(d.Type())})
	}
	return list, ErrnoSuccess
}

func (s *System) fdRenumber(m *memory, a []uint64) Errno {
	from, to := uint32(a[0]), uint32(a[1])
	e, ok := s.fds[from]
	if !ok {
		return ErrnoBadf
	}
	old, ok := s.fds[to]
	if !ok {
		return ErrnoBadf
	}
	if from == to {
		return ErrnoSuccess
	}
	_ = old.close()
	s.fds[to] = e
	delete(s.fds, from)
	return ErrnoSuccess
}

func (s *System) fdSeek(m *memory, a []uint64) Errno {
	e, errno := s.get(uint32(a[0]), RightFdSeek)
	if errno != ErrnoSuccess {
		return errno
	}
	whence := uint8(a[2])
	if uint32(a[2]) > uint32(WhenceEnd) {
		return ErrnoInval
	}
	if m.slice(uint32(a[3]), 8) == nil {
		return ErrnoFault
	}
	switch e.kind {
	case kindFile:
	case kindDir:
		return ErrnoIsdir
	default:
		return ErrnoSpipe
	}
	goWhence := map[uint8]int{WhenceSet: io.SeekStart, WhenceCur: io.SeekCurrent, WhenceEnd: io.SeekEnd}[whence]
	pos, err := hackpadfs.SeekFile(e.file, int64(a[1]), goWhence)
	if err != nil {
		return errnoOf(err)
	}
	m.put64(uint32(a[3]), uint64(pos))
	return ErrnoSuccess
}

func (s *System) fdTell(m *memory, a []uint64) Errno {
	e, errno := s.get(uint32(a[0]), RightFdTell)
	if errno != ErrnoSuccess {
		return errno
	}
	if m.slice(uint32(a[1]), 8) == nil {
		return ErrnoFault
	}
	switch e.kind {
	case kindFile:
	case kindDir:
		return ErrnoIsdir
	default:
		return ErrnoSpipe
	}
	pos, err := hackpadfs.SeekFile(e.file, 0, io.SeekCurrent)
	if err != nil {
		return errnoOf(err)
	}
	m.put64(uint32(a[1]), uint64(pos))
	return ErrnoSuccess
}

func le64(b []byte, v uint64) {
	for i := 0; i < 8; i++ {
		b[i] = byte(v >> (8 * i))
	}
}

func le32(b []byte, v uint32) {
	for i := 0; i < 4; i++ {
		b[i] = byte(v >> (8 * i))
	}
}
