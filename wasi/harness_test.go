package wasi

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
	"time"

	"github.com/hack-pad/hackpadfs"

	"github.com/wasmscope/wasmscope/vm"
)

// fakeClock is a clock tests control: Sleep advances it instead of waiting.
type fakeClock struct {
	wall  time.Time
	mono  int64
	slept []time.Duration
}

func (c *fakeClock) Now() time.Time  { return c.wall.Add(time.Duration(c.mono)) }
func (c *fakeClock) Nanotime() int64 { return c.mono }
func (c *fakeClock) Sleep(d time.Duration, wake <-chan struct{}) {
	c.slept = append(c.slept, d)
	c.mono += int64(d)
}

// harness calls the HostFuncs of one System directly over a byte slice, as
// the engine would.
type harness struct {
	t      *testing.T
	s      *System
	funcs  map[string]vm.HostFunc
	mem    []byte
	stdout bytes.Buffer
	stderr bytes.Buffer
	clock  *fakeClock
	root   *MemFS
}

const (
	scratch = 1024 // where tests put paths and buffers
	result  = 512  // where calls write their results
)

func newHarness(t *testing.T, mutate func(*Config)) *harness {
	t.Helper()
	h := &harness{t: t, mem: make([]byte, 65536), root: NewMemFS()}
	h.clock = &fakeClock{wall: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC), mono: 1000}
	cfg := Config{
		Args:     []string{"prog", "a1"},
		Env:      []string{"HOME=/", "X=y"},
		Stdin:    strings.NewReader("input line\n"),
		Stdout:   &h.stdout,
		Stderr:   &h.stderr,
		Preopens: []Preopen{{GuestPath: "/", FS: h.root}},
		Clock:    h.clock,
		Random:   bytes.NewReader(bytes.Repeat([]byte{7}, 1024)),
	}
	if mutate != nil {
		mutate(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h.s = s
	h.funcs = s.Funcs()
	return h
}

// call runs the named function and returns its errno.
func (h *harness) call(name string, args ...uint64) Errno {
	h.t.Helper()
	f, ok := h.funcs[name]
	if !ok {
		h.t.Fatalf("no function %s", name)
	}
	if len(args) != len(f.Type.Params) {
		h.t.Fatalf("%s takes %d arguments, got %d", name, len(f.Type.Params), len(args))
	}
	results := make([]uint64, len(f.Type.Results))
	err := f.Call(vm.NewCaller(func() []byte { return h.mem }), args, results)
	if err != nil {
		h.t.Fatalf("%s: %v", name, err)
	}
	return Errno(results[0])
}

// ok calls and fails the test unless the call succeeds.
func (h *harness) ok(name string, args ...uint64) {
	h.t.Helper()
	if e := h.call(name, args...); e != ErrnoSuccess {
		h.t.Fatalf("%s: errno %s", name, e)
	}
}

// str puts s in memory at p and returns (p, len) as call arguments.
func (h *harness) str(p uint32, s string) (uint64, uint64) {
	copy(h.mem[p:], s)
	return uint64(p), uint64(len(s))
}

func (h *harness) u32(p uint32) uint32 { return binary.LittleEndian.Uint32(h.mem[p:]) }
func (h *harness) u64(p uint32) uint64 { return binary.LittleEndian.Uint64(h.mem[p:]) }
func (h *harness) u16(p uint32) uint16 { return binary.LittleEndian.Uint16(h.mem[p:]) }

// iovec writes one iovec at p pointing at buf of n bytes.
func (h *harness) iovec(p, buf, n uint32) {
	binary.LittleEndian.PutUint32(h.mem[p:], buf)
	binary.LittleEndian.PutUint32(h.mem[p+4:], n)
}

// open opens path under preopen 3 and returns the new descriptor.
func (h *harness) open(path string, oflags uint16, rights uint64, fdflags uint16) uint32 {
	h.t.Helper()
	p, n := h.str(scratch, path)
	h.ok("path_open", 3, uint64(LookupSymlinkFollow), p, n, uint64(oflags), rights, rightsAll, uint64(fdflags), result)
	return h.u32(result)
}

// openErr is open that returns the errno.
func (h *harness) openErr(dirfd uint32, path string, oflags uint16, rights uint64) Errno {
	p, n := h.str(scratch, path)
	return h.call("path_open", uint64(dirfd), uint64(LookupSymlinkFollow), p, n, uint64(oflags), rights, rightsAll, 0, result)
}

// write writes data to fd through one iovec and returns the count.
func (h *harness) write(fd uint32, data string) uint32 {
	h.t.Helper()
	copy(h.mem[2048:], data)
	h.iovec(256, 2048, uint32(len(data)))
	h.ok("fd_write", uint64(fd), 256, 1, result)
	return h.u32(result)
}

// read reads up to n bytes from fd.
func (h *harness) read(fd uint32, n uint32) string {
	h.t.Helper()
	h.iovec(256, 4096, n)
	h.ok("fd_read", uint64(fd), 256, 1, result)
	return string(h.mem[4096 : 4096+h.u32(result)])
}

func (h *harness) writeFile(name, data string) {
	h.t.Helper()
	if err := hackpadfs.WriteFullFile(h.root, name, []byte(data), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) readFile(name string) string {
	h.t.Helper()
	b, err := hackpadfs.ReadFile(h.root, name)
	if err != nil {
		h.t.Fatal(err)
	}
	return string(b)
}

const rw = RightFdRead | RightFdWrite | RightFdSeek | RightFdTell | RightFdFilestatGet |
	RightFdFilestatSetSize | RightFdFilestatSetTimes | RightFdAllocate | RightFdAdvise |
	RightFdSync | RightFdDatasync | RightFdFdstatSetFlags
