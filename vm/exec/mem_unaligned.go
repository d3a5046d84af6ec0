//go:build 386 || amd64 || arm64 || loong64 || ppc64le || wasm

package exec

import "unsafe"

// Little-endian memory access for the loop. (*Execution).loop is so large
// that Go's inliner only inlines callees of cost 20 or less into it, which
// excludes encoding/binary's LittleEndian methods: every load and store
// was a Go call, and on GOARCH=wasm the calls also made the compiler keep
// the loop's state in memory across every dispatch. On the little-endian
// targets whose loads and stores of any width may be unaligned (Wasm
// addresses have no alignment) a load or store is one machine access; the
// caller has checked the bounds, and b[i] checks them again. Other
// targets (big-endian ones, and arm, mips and riscv64, where an unaligned
// access may fault or trap to a slow emulation) use mem_portable.go.

func le16(b []byte, i uint64) uint16 { return *(*uint16)(unsafe.Pointer(&b[i])) }
func le32(b []byte, i uint64) uint32 { return *(*uint32)(unsafe.Pointer(&b[i])) }
func le64(b []byte, i uint64) uint64 { return *(*uint64)(unsafe.Pointer(&b[i])) }

func put16(b []byte, i uint64, v uint16) { *(*uint16)(unsafe.Pointer(&b[i])) = v }
func put32(b []byte, i uint64, v uint32) { *(*uint32)(unsafe.Pointer(&b[i])) = v }
func put64(b []byte, i uint64, v uint64) { *(*uint64)(unsafe.Pointer(&b[i])) = v }
