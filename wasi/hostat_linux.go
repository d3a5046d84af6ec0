package wasi

import (
	"os"
	"syscall"
	"time"
	"unsafe"
)

// haveAt says renameat, linkat and utimensat are made here (with
// rename(2)'s rules: os.Root's Rename will not replace a directory).
const haveAt = true

// oNofollow keeps a host open from following a link in its last component.
const oNofollow = syscall.O_NOFOLLOW

// The *at calls os.Root does not offer, on the descriptors of the
// directories involved and with single-component names, so they act inside
// those directories and nowhere else.

func renameat(from *os.File, oldname string, to *os.File, newname string) error {
	return pathErrno("rename", newname, syscall.Renameat(int(from.Fd()), oldname, int(to.Fd()), newname))
}

func linkat(from *os.File, oldname string, to *os.File, newname string) error {
	o, err := syscall.BytePtrFromString(oldname)
	if err != nil {
		return pathErr("link", oldname, syscall.EINVAL)
	}
	n, err := syscall.BytePtrFromString(newname)
	if err != nil {
		return pathErr("link", newname, syscall.EINVAL)
	}
	// Flags 0: a link in oldname is linked itself, not followed.
	_, _, e := syscall.Syscall6(syscall.SYS_LINKAT, from.Fd(), uintptr(unsafe.Pointer(o)), to.Fd(), uintptr(unsafe.Pointer(n)), 0, 0)
	if e != 0 {
		return pathErr("link", newname, e)
	}
	return nil
}

const (
	utimeOmit         = (1 << 30) - 2
	atSymlinkNofollow = 0x100
)

func timespecs(atime, mtime time.Time) [2]syscall.Timespec {
	ts := [2]syscall.Timespec{{Nsec: utimeOmit}, {Nsec: utimeOmit}}
	if !atime.IsZero() {
		ts[0] = syscall.NsecToTimespec(atime.UnixNano())
	}
	if !mtime.IsZero() {
		ts[1] = syscall.NsecToTimespec(mtime.UnixNano())
	}
	return ts
}

// utimensat sets the times of name in dir, of a link itself
// (AT_SYMLINK_NOFOLLOW), where os.Root's Chtimes would follow it.
func utimensat(dir *os.File, name string, atime, mtime time.Time) error {
	p, err := syscall.BytePtrFromString(name)
	if err != nil {
		return pathErr("utimensat", name, syscall.EINVAL)
	}
	ts := timespecs(atime, mtime)
	_, _, e := syscall.Syscall6(syscall.SYS_UTIMENSAT, dir.Fd(), uintptr(unsafe.Pointer(p)), uintptr(unsafe.Pointer(&ts[0])), atSymlinkNofollow, 0, 0)
	if e != 0 {
		return pathErr("utimensat", name, e)
	}
	return nil
}

// futimens sets the times of an open file (utimensat with a NULL path, as
// the C library's futimens does).
func futimens(f *os.File, atime, mtime time.Time) error {
	ts := timespecs(atime, mtime)
	_, _, e := syscall.Syscall6(syscall.SYS_UTIMENSAT, f.Fd(), 0, uintptr(unsafe.Pointer(&ts[0])), 0, 0, 0)
	if e != 0 {
		return pathErr("futimens", f.Name(), e)
	}
	return nil
}

func pathErrno(op, name string, err error) error {
	if err != nil {
		return pathErr(op, name, err)
	}
	return nil
}
