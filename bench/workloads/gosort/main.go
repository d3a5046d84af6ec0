// Command gosort is the Go workload: a program as Go's GOOS=wasip1 compiler
// emits it (the Go runtime, its scheduler and garbage collector, and the
// resumable-frame code shape of Go's wasm backend), doing everyday work with
// n items: formatting numbers, a map, sorting and SHA-256. It prints a
// checksum of what it computed, so both engines can be compared.
package main

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"slices"
	"strconv"
)

func main() {
	n := 1000
	if len(os.Args) > 1 {
		v, err := strconv.Atoi(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "gosort: bad size:", err)
			os.Exit(2)
		}
		n = v
	}
	counts := make(map[string]int)
	keys := make([]string, 0, n)
	x := uint32(2463534242)
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		k := strconv.FormatUint(uint64(x%uint32(n/2+1)), 36)
		if counts[k] == 0 {
			keys = append(keys, k)
		}
		counts[k]++
	}
	slices.Sort(keys)
	h := sha256.New()
	var b [8]byte
	for _, k := range keys {
		h.Write([]byte(k))
		binary.LittleEndian.PutUint64(b[:], uint64(counts[k]))
		h.Write(b[:])
	}
	fmt.Printf("%d %x\n", len(keys), h.Sum(nil)[:8])
}
