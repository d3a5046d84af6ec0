//go:build !(386 || amd64 || arm64 || loong64 || ppc64le || wasm)

package exec

import "encoding/binary"

// Memory access for the loop on targets without unaligned little-endian
// access (see mem_unaligned.go): encoding/binary, byte by byte.

func le16(b []byte, i uint64) uint16 { return binary.LittleEndian.Uint16(b[i:]) }
func le32(b []byte, i uint64) uint32 { return binary.LittleEndian.Uint32(b[i:]) }
func le64(b []byte, i uint64) uint64 { return binary.LittleEndian.Uint64(b[i:]) }

func put16(b []byte, i uint64, v uint16) { binary.LittleEndian.PutUint16(b[i:], v) }
func put32(b []byte, i uint64, v uint32) { binary.LittleEndian.PutUint32(b[i:], v) }
func put64(b []byte, i uint64, v uint64) { binary.LittleEndian.PutUint64(b[i:], v) }
