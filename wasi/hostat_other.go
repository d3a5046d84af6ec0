//go:build !linux

package wasi

import (
	"os"
	"syscall"
	"time"
)

// Elsewhere (macOS, Windows; js/wasm, whose page mounts no host folders)
// the calls made with Linux's *at system calls are not supported: renames
// and hard links between two directory handles (within one, os.Root does
// them) and re-timing by descriptor or of a link itself.

const (
	haveAt    = false
	oNofollow = 0
)

func renameat(from *os.File, oldname string, to *os.File, newname string) error {
	return pathErr("rename", newname, syscall.ENOTSUP)
}

func linkat(from *os.File, oldname string, to *os.File, newname string) error {
	return pathErr("link", newname, syscall.ENOTSUP)
}

func utimensat(dir *os.File, name string, atime, mtime time.Time) error {
	return pathErr("utimensat", name, syscall.ENOTSUP)
}

func futimens(f *os.File, atime, mtime time.Time) error {
	return pathErr("futimens", f.Name(), syscall.ENOTSUP)
}
