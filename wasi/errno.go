package wasi

import (
	"errors"
	"io/fs"
	"syscall"
)

// errnoOf maps a Go error from a filesystem to the WASI errno that says the
// same. Errors without a more precise meaning are EIO.
func errnoOf(err error) Errno {
	if err == nil {
		return ErrnoSuccess
	}
	var se syscall.Errno
	if errors.As(err, &se) {
		if e, ok := syscallErrnos[se]; ok {
			return e
		}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return ErrnoNoent
	case errors.Is(err, fs.ErrExist):
		return ErrnoExist
	case errors.Is(err, fs.ErrPermission):
		return ErrnoAcces
	case errors.Is(err, fs.ErrClosed):
		return ErrnoBadf
	case errors.Is(err, fs.ErrInvalid):
		return ErrnoInval
	}
	return ErrnoIo
}

var syscallErrnos = map[syscall.Errno]Errno{
	syscall.E2BIG:        Errno2big,
	syscall.EACCES:       ErrnoAcces,
	syscall.EAGAIN:       ErrnoAgain,
	syscall.EBADF:        ErrnoBadf,
	syscall.EBUSY:        ErrnoBusy,
	syscall.EDQUOT:       ErrnoDquot,
	syscall.EEXIST:       ErrnoExist,
	syscall.EFBIG:        ErrnoFbig,
	syscall.EINTR:        ErrnoIntr,
	syscall.EINVAL:       ErrnoInval,
	syscall.EIO:          ErrnoIo,
	syscall.EISDIR:       ErrnoIsdir,
	syscall.ELOOP:        ErrnoLoop,
	syscall.EMFILE:       ErrnoMfile,
	syscall.EMLINK:       ErrnoMlink,
	syscall.ENAMETOOLONG: ErrnoNametoolong,
	syscall.ENFILE:       ErrnoNfile,
	syscall.ENOENT:       ErrnoNoent,
	syscall.ENOSPC:       ErrnoNospc,
	// hackpadfs reports an operation a filesystem lacks as ENOSYS; to the
	// program that is an operation this filesystem does not support.
	syscall.ENOSYS:    ErrnoNotsup,
	syscall.ENOTDIR:   ErrnoNotdir,
	syscall.ENOTEMPTY: ErrnoNotempty,
	syscall.ENOTSUP:   ErrnoNotsup,
	syscall.EPERM:     ErrnoPerm,
	syscall.EPIPE:     ErrnoPipe,
	syscall.ERANGE:    ErrnoRange,
	syscall.EROFS:     ErrnoRofs,
	syscall.ESPIPE:    ErrnoSpipe,
	syscall.EXDEV:     ErrnoXdev,
}
