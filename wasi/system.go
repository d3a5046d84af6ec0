package wasi

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hack-pad/hackpadfs"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// ModuleName is the import module name of WASI preview1.
const ModuleName = "wasi_snapshot_preview1"

// Config describes the world a program sees.
type Config struct {
	// Args are the program's arguments, the program name first.
	Args []string
	// Env holds "KEY=value" entries.
	Env []string
	// Stdin may block; nil reads as empty. Stdout and Stderr may be nil
	// (output is discarded).
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Stdio says what descriptors 0, 1 and 2 are on the host, which
	// decides how a C program buffers them (see StdioKind). The zero
	// value is three pipes.
	Stdio [3]StdioKind
	// Preopens are the directories the program may use, given to it as file
	// descriptors 3, 4, ... in this order.
	Preopens []Preopen
	// Clock and Random default to the host's clocks and crypto/rand; tests
	// inject their own.
	Clock  Clock
	Random io.Reader
}

// Preopen is a directory given to the program: the filesystem FS appears at
// GuestPath ("/" or "/data", say). Nothing outside FS can be reached through
// it. A ReadOnly preopen refuses every change.
type Preopen struct {
	GuestPath string
	FS        FS
	ReadOnly  bool
}

// StdioKind is what a standard stream is on the host, as fd_fdstat_get
// and fd_filestat_get report it. C libraries line-buffer stdout when it is
// a terminal (a character device without seek rights, to wasi-libc's
// isatty) and fully buffer it otherwise, so the kind decides when output
// appears and how it interleaves with stderr.
type StdioKind uint8

// Kinds of standard streams.
const (
	// StdioPipe is a pipe, a socket or anything else that is neither a
	// terminal nor a file (an in-memory buffer): FILETYPE_UNKNOWN, as
	// wasmtime reports pipes.
	StdioPipe StdioKind = iota
	// StdioTerminal is a terminal: FILETYPE_CHARACTER_DEVICE.
	StdioTerminal
	// StdioFile is a regular file: FILETYPE_REGULAR_FILE.
	StdioFile
)

// StdioKindOf is what the host stream f is: a terminal, a regular file,
// or else a pipe. A character device that is not a terminal (/dev/null)
// counts as a pipe, as wasmtime reports it, so isatty answers as it does
// natively.
func StdioKindOf(f *os.File) StdioKind {
	info, err := f.Stat()
	switch {
	case err != nil:
		return StdioPipe
	case info.Mode().IsRegular():
		return StdioFile
	case info.Mode()&fs.ModeCharDevice != 0 && isTerminal(f):
		return StdioTerminal
	}
	return StdioPipe
}

// filetype is the preview1 file type descriptors of kind k report.
func (k StdioKind) filetype() uint8 {
	switch k {
	case StdioTerminal:
		return FiletypeCharacterDevice
	case StdioFile:
		return FiletypeRegularFile
	}
	return FiletypeUnknown
}

// Clock is the source of time and the way to wait.
type Clock interface {
	Now() time.Time  // the wall clock (realtime)
	Nanotime() int64 // monotonic nanoseconds from an arbitrary origin
	// Sleep blocks for d, or until wake is closed (the System was
	// interrupted).
	Sleep(d time.Duration, wake <-chan struct{})
}

type hostClock struct{ start time.Time }

func (c hostClock) Now() time.Time  { return time.Now() }
func (c hostClock) Nanotime() int64 { return int64(time.Since(c.start)) }
func (c hostClock) Sleep(d time.Duration, wake <-chan struct{}) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-wake:
	}
}

// System is one running program's WASI state: arguments, environment, open
// file descriptors and the filesystem namespace. It serves one instance at a
// time; host calls must not run concurrently.
type System struct {
	args, env      []string
	stdin          *stdin
	stdout, stderr io.Writer
	clock          Clock
	random         io.Reader
	start          int64 // clock.Nanotime() at New, the origin of the CPU-time clocks

	ns     namespace
	root   *mount   // the mount at "/"
	mounts []*mount // root first; their root handles close with the System
	fds    map[uint32]*fdEntry

	// changes counts the calls that may have changed the filesystem
	// (FilesChanged).
	changes atomic.Uint64

	// interrupted is set by Interrupt, which also closes wake.
	interrupted atomic.Bool
	wake        chan struct{}
	wakeOnce    sync.Once
}

// New builds the namespace of cfg's preopens and the initial descriptors.
// Preopen GuestPath "/" (at most one) is the namespace root; every other
// preopen is attached at its path, inside an in-memory root when "/" is
// not given. Missing mount points are made, except in a host folder,
// where they must exist.
func New(cfg Config) (*System, error) {
	s := &System{
		args:   cfg.Args,
		env:    cfg.Env,
		stdin:  newStdin(cfg.Stdin),
		stdout: cfg.Stdout,
		stderr: cfg.Stderr,
		clock:  cfg.Clock,
		random: cfg.Random,
		fds:    map[uint32]*fdEntry{},
		wake:   make(chan struct{}),
	}
	if s.stdout == nil {
		s.stdout = io.Discard
	}
	if s.stderr == nil {
		s.stderr = io.Discard
	}
	if s.clock == nil {
		s.clock = hostClock{start: time.Now()}
	}
	if s.random == nil {
		s.random = rand.Reader
	}
	s.start = s.clock.Nanotime()
	for i, v := range append(append([]string{}, cfg.Args...), cfg.Env...) {
		if strings.IndexByte(v, 0) >= 0 {
			return nil, fmt.Errorf("wasi: argument or environment entry %d contains a NUL byte", i)
		}
	}

	for i, k := range cfg.Stdio {
		if k > StdioFile {
			return nil, fmt.Errorf("wasi: descriptor %d: unknown stdio kind %d", i, k)
		}
	}
	mounts, err := s.mount(cfg.Preopens)
	if err != nil {
		s.Close()
		return nil, err
	}

	s.fds[0] = &fdEntry{kind: kindStdin, filetype: cfg.Stdio[0].filetype(), rights: rightsStdio}
	s.fds[1] = &fdEntry{kind: kindWriter, w: s.stdout, filetype: cfg.Stdio[1].filetype(), rights: rightsStdio}
	s.fds[2] = &fdEntry{kind: kindWriter, w: s.stderr, filetype: cfg.Stdio[2].filetype(), rights: rightsStdio}
	for i, m := range mounts {
		d, err := m.root.OpenDir(".")
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("wasi: preopen %s: %w", m.guest, err)
		}
		root, _ := d.Lstat(".")
		var ino uint64
		if root != nil {
			_, ino = identity(root)
		}
		// Directory rights, so the program can reopen a preopen with the
		// rights fd_fdstat_get reports; files opened below get file rights
		// through inheriting. A read-only preopen keeps its rights:
		// changes are refused with EROFS, which says why, where missing
		// rights would say ENOTCAPABLE.
		s.fds[uint32(3+i)] = &fdEntry{
			kind: kindDir, filetype: FiletypeDirectory, dir: handle{d: d, mnt: m, owned: true}, mnt: m,
			parentIno: ino, rights: rightsDir, inheriting: rightsDir | rightsFile, preopen: true,
		}
	}
	return s, nil
}

// mount makes the namespace: the root mount, then every other preopen in
// order of depth, so a mount point inside another preopen is found (or
// made) in that preopen's filesystem. It returns the mount of each preopen.
func (s *System) mount(preopens []Preopen) ([]*mount, error) {
	var rootPre *Preopen
	for i, p := range preopens {
		if p.FS == nil {
			return nil, fmt.Errorf("wasi: preopen %s has no filesystem", p.GuestPath)
		}
		if cleanGuest(p.GuestPath) == "." {
			if rootPre != nil {
				return nil, errors.New("wasi: two preopens at /")
			}
			rootPre = &preopens[i]
		}
	}
	var rootFS FS = NewMemFS()
	s.root = &mount{guest: "/"}
	if rootPre != nil {
		rootFS, s.root.guest, s.root.ro = rootPre.FS, rootPre.GuestPath, rootPre.ReadOnly
	}
	d, err := rootFS.Root()
	if err != nil {
		return nil, fmt.Errorf("wasi: preopen /: %w", err)
	}
	s.root.root = d
	s.mounts = []*mount{s.root}
	out := make([]*mount, len(preopens))
	order := make([]int, len(preopens))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return strings.Count(cleanGuest(preopens[order[a]].GuestPath), "/") < strings.Count(cleanGuest(preopens[order[b]].GuestPath), "/")
	})
	for _, i := range order {
		p := preopens[i]
		g := cleanGuest(p.GuestPath)
		if g == "." {
			out[i] = s.root
			continue
		}
		m, err := s.attach(p, g)
		if err != nil {
			return nil, err
		}
		s.mounts = append(s.mounts, m)
		out[i] = m
	}
	return out, nil
}

// attach mounts preopen p at namespace path g.
func (s *System) attach(p Preopen, g string) (*mount, error) {
	w, errno := s.ns.resolve(handle{d: s.root.root, mnt: s.root}, g, true)
	if errno != ErrnoSuccess {
		return nil, fmt.Errorf("wasi: mount point %s: %s", p.GuestPath, errno)
	}
	defer w.close()
	if w.name == "" {
		return nil, fmt.Errorf("wasi: mount point %s: already a mount point", p.GuestPath)
	}
	top := w.dir()
	info, err := top.d.Lstat(w.name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// Never create directories on the host to make room for a mount.
		if _, host := top.d.(*hostDir); host {
			return nil, fmt.Errorf("wasi: mount point %s: %w", p.GuestPath, err)
		}
		if err := top.d.Mkdir(w.name, 0o755); err != nil {
			return nil, fmt.Errorf("wasi: mount point %s: %w", p.GuestPath, err)
		}
	case err != nil:
		return nil, fmt.Errorf("wasi: mount point %s: %w", p.GuestPath, err)
	case !info.IsDir():
		return nil, fmt.Errorf("wasi: mount point %s: not a directory", p.GuestPath)
	}
	d, err := p.FS.Root()
	if err != nil {
		return nil, fmt.Errorf("wasi: preopen %s: %w", p.GuestPath, err)
	}
	m := &mount{guest: p.GuestPath, root: d, ro: p.ReadOnly}
	if err := s.ns.attach(top, w.name, m); err != nil {
		d.Close()
		return nil, fmt.Errorf("wasi: mount point %s: %w", p.GuestPath, err)
	}
	return m, nil
}

// rightsStdio are the rights of descriptors 0, 1 and 2.
const rightsStdio = RightFdRead | RightFdWrite | RightFdFdstatSetFlags |
	RightFdFilestatGet | RightPollFdReadwrite

// cleanGuest turns a preopen's guest path into a namespace path: "/" is
// ".", "/data/" is "data".
func cleanGuest(g string) string {
	g = strings.Trim(path.Clean("/"+g), "/")
	if g == "" {
		return "."
	}
	return g
}

// FS returns the namespace the program sees, every preopen at its guest
// path (without the leading slash), for listing and reading back the files
// a program wrote. Paths resolve as the program's do, from "/".
func (s *System) FS() hackpadfs.FS {
	return &view{ns: &s.ns, root: handle{d: s.root.root, mnt: s.root}}
}

// Files lists the regular files under the namespace root, sorted, as guest
// paths ("/out.txt"). It walks every preopen, a mounted host folder's whole
// tree included. Directories that cannot be read are skipped: the listing
// is for showing results, not for auditing the host.
func (s *System) Files() []string {
	var out []string
	_ = hackpadfs.WalkDir(s.FS(), ".", func(p string, d hackpadfs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.Type().IsRegular() {
			out = append(out, "/"+p)
		}
		return nil
	})
	return out
}

// function is one WASI import: its name, its parameters ('i' for i32, 'I'
// for i64) and names, and its implementation.
type function struct {
	name   string
	params string
	names  []string
	impl   func(s *System, m *memory, a []uint64) Errno
}

// Funcs returns the 46 functions of wasi_snapshot_preview1 over this
// System, for vm.Store.DefineHost(ModuleName, ...).
func (s *System) Funcs() map[string]vm.HostFunc {
	out := make(map[string]vm.HostFunc, len(functions)+1)
	for _, f := range functions {
		f := f
		var params []syntax.ValType
		for _, c := range f.params {
			if c == 'I' {
				params = append(params, syntax.I64)
			} else {
				params = append(params, syntax.I32)
			}
		}
		out[f.name] = vm.HostFunc{
			Type:       syntax.FuncType{Params: params, Results: []syntax.ValType{syntax.I32}},
			ParamNames: f.names,
			Call: func(c *vm.Caller, args, results []uint64) error {
				if s.interrupted.Load() {
					return errInterrupted()
				}
				m := &memory{b: c.Memory(), wrote: c.Wrote}
				if changesFiles[f.name] && (f.name != "fd_write" || s.isFile(uint32(args[0]))) {
					s.changes.Add(1)
				}
				e := f.impl(s, m, args)
				if e == errnoRetry {
					return vm.ErrRetry // PauseWaits: nothing was done
				}
				if m.fault {
					e = ErrnoFault
				}
				results[0] = uint64(e)
				// An interrupt that came during the call (and may have
				// cut it short) ends the run now.
				if s.interrupted.Load() {
					return errInterrupted()
				}
				return nil
			},
		}
	}
	out["proc_exit"] = vm.HostFunc{
		Type:       syntax.FuncType{Params: []syntax.ValType{syntax.I32}},
		ParamNames: []string{"rval"},
		Call: func(c *vm.Caller, args, results []uint64) error {
			if s.interrupted.Load() {
				return errInterrupted()
			}
			return &vm.ExitError{Code: uint32(args[0])}
		},
	}
	out["proc_raise"] = vm.HostFunc{
		Type:       syntax.FuncType{Params: []syntax.ValType{syntax.I32}, Results: []syntax.ValType{syntax.I32}},
		ParamNames: []string{"sig"},
		Call: func(c *vm.Caller, args, results []uint64) error {
			if s.interrupted.Load() {
				return errInterrupted()
			}
			e, err := procRaise(uint32(args[0]))
			results[0] = uint64(e)
			return err
		},
	}
	return out
}

// changesFiles names the functions that may change the filesystem (a
// write to stdout or stderr does not: fd_write counts only on a file).
var changesFiles = map[string]bool{
	"fd_write": true, "fd_pwrite": true, "fd_allocate": true, "fd_filestat_set_size": true,
	"fd_filestat_set_times": true, "path_open": true, "path_create_directory": true,
	"path_remove_directory": true, "path_unlink_file": true, "path_rename": true,
	"path_symlink": true, "path_link": true, "path_filestat_set_times": true,
}

// isFile reports whether descriptor fd is an open file.
func (s *System) isFile(fd uint32) bool {
	e, ok := s.fds[fd]
	return ok && e.kind == kindFile
}

// FilesChanged counts the calls so far that may have changed the
// filesystem (writes to a file, creating, removing, renaming, truncating,
// setting times): when it has not moved, the files are as they were. A
// debugger stepping back keeps the files as they were after each call
// that moved it (vm/debug.Recorder.TrackFiles).
func (s *System) FilesChanged() uint64 { return s.changes.Load() }

// sigint is SIGINT's number in preview1's signal enum (and on Linux).
const sigint = 2

// Interrupt delivers an interrupt (SIGINT, Ctrl-C) to the program. Its
// default action, the only one preview1 has, ends the program: the host
// call running now returns at once if it was waiting (a sleep in
// poll_oneoff, a read of stdin), and it and every later WASI call end the
// run with *vm.ExitError status 130, as a shell reports a process killed
// by SIGINT. Code that makes no WASI call is stopped by the engine's stop
// request (vm.Execution.Stop), which the embedder sends as well. Safe from
// any goroutine; an interrupted System stays interrupted.
func (s *System) Interrupt() {
	s.interrupted.Store(true)
	s.wakeOnce.Do(func() { close(s.wake) })
	s.stdin.interrupt()
}

// PauseWaits, while on, makes a read of stdin that would wait — one
// waiting now included — give up without reading anything, returning
// vm.ErrRetry: the engine pauses before the call and makes it again when
// resumed, so a debugger's pause request is honoured while the program
// waits for input. Off, reads wait again. Safe from any goroutine.
// (poll_oneoff's waits are not cut short.)
func (s *System) PauseWaits(on bool) { s.stdin.setPaused(on) }

// errnoRetry is what a call cut short by PauseWaits returns inside the
// package: no errno the program sees.
const errnoRetry Errno = 0xffff

// Interrupted reports whether Interrupt was called.
func (s *System) Interrupted() bool { return s.interrupted.Load() }

func errInterrupted() error { return &vm.ExitError{Code: 128 + sigint} }

// procRaise applies a signal's default action. There is no signal handling
// in preview1, so a signal whose default is to terminate ends the run with
// status 128+sig, as a POSIX shell reports a process killed by it; those
// ignored by default, and the job-control stops, change nothing.
func procRaise(sig uint32) (Errno, error) {
	switch {
	case sig > maxSignal:
		return ErrnoInval, nil
	case sig == 0, sig == 16 /* chld */, sig == 17 /* cont */, sig >= 18 && sig <= 22, /* stop tstp ttin ttou urg */
		sig == 27 /* winch */ :
		return ErrnoSuccess, nil
	}
	return ErrnoSuccess, &vm.ExitError{Code: 128 + sig}
}

// functions are every preview1 function but proc_exit and proc_raise, which
// may end the run instead of returning an errno.
var functions = []function{
	{"args_get", "ii", []string{"argv", "argv_buf"}, (*System).argsGet},
	{"args_sizes_get", "ii", []string{"argc", "argv_buf_size"}, (*System).argsSizesGet},
	{"environ_get", "ii", []string{"environ", "environ_buf"}, (*System).environGet},
	{"environ_sizes_get", "ii", []string{"environc", "environ_buf_size"}, (*System).environSizesGet},
	{"clock_res_get", "ii", []string{"id", "resolution"}, (*System).clockResGet},
	{"clock_time_get", "iIi", []string{"id", "precision", "time"}, (*System).clockTimeGet},
	{"fd_advise", "iIIi", []string{"fd", "offset", "len", "advice"}, (*System).fdAdvise},
	{"fd_allocate", "iII", []string{"fd", "offset", "len"}, (*System).fdAllocate},
	{"fd_close", "i", []string{"fd"}, (*System).fdClose},
	{"fd_datasync", "i", []string{"fd"}, (*System).fdDatasync},
	{"fd_fdstat_get", "ii", []string{"fd", "stat"}, (*System).fdFdstatGet},
	{"fd_fdstat_set_flags", "ii", []string{"fd", "flags"}, (*System).fdFdstatSetFlags},
	{"fd_fdstat_set_rights", "iII", []string{"fd", "fs_rights_base", "fs_rights_inheriting"}, (*System).fdFdstatSetRights},
	{"fd_filestat_get", "ii", []string{"fd", "buf"}, (*System).fdFilestatGet},
	{"fd_filestat_set_size", "iI", []string{"fd", "size"}, (*System).fdFilestatSetSize},
	{"fd_filestat_set_times", "iIIi", []string{"fd", "atim", "mtim", "fst_flags"}, (*System).fdFilestatSetTimes},
	{"fd_pread", "iiiIi", []string{"fd", "iovs", "iovs_len", "offset", "nread"}, (*System).fdPread},
	{"fd_prestat_get", "ii", []string{"fd", "buf"}, (*System).fdPrestatGet},
	{"fd_prestat_dir_name", "iii", []string{"fd", "path", "path_len"}, (*System).fdPrestatDirName},
	{"fd_pwrite", "iiiIi", []string{"fd", "iovs", "iovs_len", "offset", "nwritten"}, (*System).fdPwrite},
	{"fd_read", "iiii", []string{"fd", "iovs", "iovs_len", "nread"}, (*System).fdRead},
	{"fd_readdir", "iiiIi", []string{"fd", "buf", "buf_len", "cookie", "bufused"}, (*System).fdReaddir},
	{"fd_renumber", "ii", []string{"fd", "to"}, (*System).fdRenumber},
	{"fd_seek", "iIii", []string{"fd", "offset", "whence", "newoffset"}, (*System).fdSeek},
	{"fd_sync", "i", []string{"fd"}, (*System).fdSync},
	{"fd_tell", "ii", []string{"fd", "offset_out"}, (*System).fdTell},
	{"fd_write", "iiii", []string{"fd", "iovs", "iovs_len", "nwritten"}, (*System).fdWrite},
	{"path_create_directory", "iii", []string{"fd", "path", "path_len"}, (*System).pathCreateDirectory},
	{"path_filestat_get", "iiiii", []string{"fd", "flags", "path", "path_len", "buf"}, (*System).pathFilestatGet},
	{"path_filestat_set_times", "iiiiIIi", []string{"fd", "flags", "path", "path_len", "atim", "mtim", "fst_flags"}, (*System).pathFilestatSetTimes},
	{"path_link", "iiiiiii", []string{"old_fd", "old_flags", "old_path", "old_path_len", "new_fd", "new_path", "new_path_len"}, (*System).pathLink},
	{"path_open", "iiiiiIIii", []string{"fd", "dirflags", "path", "path_len", "oflags", "fs_rights_base", "fs_rights_inheriting", "fdflags", "opened_fd"}, (*System).pathOpen},
	{"path_readlink", "iiiiii", []string{"fd", "path", "path_len", "buf", "buf_len", "bufused"}, (*System).pathReadlink},
	{"path_remove_directory", "iii", []string{"fd", "path", "path_len"}, (*System).pathRemoveDirectory},
	{"path_rename", "iiiiii", []string{"fd", "old_path", "old_path_len", "new_fd", "new_path", "new_path_len"}, (*System).pathRename},
	{"path_symlink", "iiiii", []string{"old_path", "old_path_len", "fd", "new_path", "new_path_len"}, (*System).pathSymlink},
	{"path_unlink_file", "iii", []string{"fd", "path", "path_len"}, (*System).pathUnlinkFile},
	{"poll_oneoff", "iiii", []string{"in", "out", "nsubscriptions", "nevents"}, (*System).pollOneoff},
	{"sched_yield", "", nil, (*System).schedYield},
	{"random_get", "ii", []string{"buf", "buf_len"}, (*System).randomGet},
	{"sock_accept", "iii", []string{"fd", "flags", "fd_out"}, (*System).sockAccept},
	{"sock_recv", "iiiiii", []string{"fd", "ri_data", "ri_data_len", "ri_flags", "ro_datalen", "ro_flags"}, (*System).sockRecv},
	{"sock_send", "iiiii", []string{"fd", "si_data", "si_data_len", "si_flags", "so_datalen"}, (*System).sockSend},
	{"sock_shutdown", "ii", []string{"fd", "how"}, (*System).sockShutdown},
}
