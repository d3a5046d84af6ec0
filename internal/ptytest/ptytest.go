//go:build linux

// Package ptytest opens pseudo-terminals for tests that need a real
// terminal: a program's standard streams on a terminal behave differently
// (line buffering, isatty) from pipes and files.
package ptytest

import (
	"fmt"
	"os"
	"syscall"
	"unsafe"
)

// Open returns a new pseudo-terminal's controller (read it to see what was
// written to the terminal) and its terminal end, to hand to a program.
// Output post-processing is turned off, so the controller reads exactly
// the bytes written (no "\n" to "\r\n").
func Open() (controller, term *os.File, err error) {
	c, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, err
	}
	fail := func(what string, err error) (*os.File, *os.File, error) {
		c.Close()
		return nil, nil, fmt.Errorf("pseudo-terminal: %s: %w", what, err)
	}
	var unlock int32
	if err := ioctl(c, syscall.TIOCSPTLCK, unsafe.Pointer(&unlock)); err != nil {
		return fail("unlock", err)
	}
	var n uint32
	if err := ioctl(c, syscall.TIOCGPTN, unsafe.Pointer(&n)); err != nil {
		return fail("number", err)
	}
	t, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return fail("open", err)
	}
	var attrs syscall.Termios
	if err := ioctl(t, syscall.TCGETS, unsafe.Pointer(&attrs)); err != nil {
		t.Close()
		return fail("attributes", err)
	}
	attrs.Oflag &^= syscall.OPOST
	if err := ioctl(t, syscall.TCSETS, unsafe.Pointer(&attrs)); err != nil {
		t.Close()
		return fail("attributes", err)
	}
	return c, t, nil
}

func ioctl(f *os.File, req uintptr, arg unsafe.Pointer) error {
	c, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var errno syscall.Errno
	if err := c.Control(func(fd uintptr) {
		_, _, errno = syscall.Syscall(syscall.SYS_IOCTL, fd, req, uintptr(arg))
	}); err != nil {
		return err
	}
	if errno != 0 {
		return errno
	}
	return nil
}
