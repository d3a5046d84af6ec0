//go:build !linux

package wasi

import (
	"os"
	"syscall"
	"time"
)

// Elsewhere (the js/wasm build, which mounts no host folders) the calls
// that need the Linux *at system calls are not supported.

const oNofollow = 0

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
