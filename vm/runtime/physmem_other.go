//go:build !linux

package runtime

// physicalMemory returns 0: the RAM is not looked up on this system, and
// the default budget stays at its fixed size.
func physicalMemory() int64 { return 0 }
