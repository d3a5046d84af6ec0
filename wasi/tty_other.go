//go:build !linux

package wasi

import "os"

// isTerminal: without Linux's TCGETS at hand, every character device
// counts as a terminal (StdioKindOf asks only about character devices).
func isTerminal(f *os.File) bool { return true }
