// Package wasi implements WASI preview1 (wasi_snapshot_preview1) as host
// functions for the engine, over directory and file handles.
//
// A System holds one program's world: arguments, environment, stdin (an
// io.Reader that may block), stdout and stderr (io.Writers), clocks, a
// random source and the preopened directories. Funcs returns its 46
// functions for vm.Store.DefineHost(ModuleName, ...); each carries
// parameter names, so traces read fd_write(fd=1, iovs=0x10, ...).
//
//	sys, err := wasi.New(wasi.Config{
//		Args:     []string{"prog"},
//		Stdout:   os.Stdout,
//		Preopens: []wasi.Preopen{{GuestPath: "/", FS: wasi.NewMemFS()}},
//	})
//	store.DefineHost(wasi.ModuleName, sys.Funcs())
//
// Filesystems: NewMemFS (an inode tree in memory) by default, OSDir for a
// host folder, LoadTar to unpack a bundle into a MemFS; the preopens are
// composed into one namespace of mounts. FS and Files give the namespace
// back after a run, as a hackpadfs filesystem, so written files can be
// listed and read.
//
// # RATIONALE
//
// Descriptors are handles, never names. A directory descriptor holds an
// open directory (a Dir): for a host folder an os.Root, which is an open
// descriptor of that directory whose operations cannot leave it; in a
// MemFS the directory's inode. A file descriptor holds the open file.
// Nothing is ever looked up again by a remembered name, so renaming,
// removing or replacing a directory's name (by a symbolic link to
// anywhere, say) cannot redirect a descriptor: it still means what it was
// opened on, and a removed directory accepts no new entries. This closes,
// by construction, the escapes of a name-based design, where a descriptor
// re-resolved on every call lands wherever its name leads by then.
//
// Sandbox. Paths are resolved here (resolve, in path.go), one component at
// a time from the descriptor's own handle; each step is an operation on
// the directory reached so far, with a single component that the Dir
// implementations never let a link in the last place redirect. ".." pops
// back to the handle the walk came through and may not climb above the
// starting descriptor; absolute paths are refused; symbolic links are read
// with Readlink and their targets walked by the same rules, and an absolute
// target is refused outright (it names nothing a descriptor reaches). Every
// refusal is ENOTCAPABLE, the errno WASI reserves for "outside your
// capabilities". These are wasmtime's (cap-std's) rules. path_symlink
// refuses an absolute target too, so a program cannot make one. On top of
// this, os.Root refuses anything that would leave the directory, so even a
// link another host process swaps in between two steps leads nowhere
// outside. The calls os.Root lacks (renameat and linkat between two
// directories, utimensat on a link itself, futimens) are made on the
// directories' own descriptors with single-component names.
//
// Bounds. A path is at most MaxPath (4096, PATH_MAX) bytes, ENAMETOOLONG
// beyond, refused before it is copied; resolution is linear in its length
// plus at most 40 link targets (ELOOP beyond).
//
// Mounts. A preopen other than "/" is attached at an entry of a directory
// identified by device and inode; the walk enters the mount's root there,
// and ".." leads back out through the handle it came in by. A mount point
// cannot be removed or renamed (EBUSY), and nothing moves or links across
// mounts (EXDEV).
//
// hackpadfs. The design card names hackpadfs as the filesystem dependency;
// it has no directory handles (no openat), so descriptors cannot be built
// on it. It stays where it serves: the namespace and a MemFS are hackpadfs
// filesystems (FS, NewMemFS) for the playground to fill before a run and
// list and read after it, and LoadTar unpacks with hackpadfs's tar reader.
//
// Rights. Descriptors carry rights as preview1 defines them, and calls check
// the right they need; a descriptor opened through another gets at most
// what that one passes on (its inheriting rights), so rights only shrink.
// Directories carry directory rights (no FD_READ or FD_WRITE), preopens
// included, so a program can reopen a preopen with the rights
// fd_fdstat_get reports. O_TRUNC needs PATH_FILESTAT_SET_SIZE on the
// directory, or the new descriptor's FD_FILESTAT_SET_SIZE, with which the
// program could truncate the file anyway: Go's wasip1 port opens
// directories without the former (it counts it among write rights) and
// creates files with the latter, and its os.Root would otherwise fail.
// Read-only preopens keep their rights and refuse changes with EROFS,
// which tells the program why.
//
// Errors. Filesystem errors map to the errno that means the same.
// A pointer outside memory gives EFAULT before any side effect. Nothing a
// program passes can panic the host.
//
// stdin. The io.Reader may block for ever (a terminal, a pipe nobody
// writes to), and a read must still end when the System is interrupted, so
// one goroutine, started by the first read or poll, does the reading and a
// read waits for it or for the interrupt. It reads only what a waiting read
// asks for, so input is not slurped, until the program polls stdin or
// reads it without blocking: an io.Reader cannot say whether input is
// waiting, so from then on the goroutine keeps one chunk read ahead. In
// the browser the reading goroutine waits while the page stays responsive.
//
// Interrupts. Interrupt is SIGINT delivered to the program, whose only
// action in preview1 is the default one: the end of the program with
// status 130, as proc_raise(SIGINT) ends it and as a shell reports it. A
// host call waiting (poll_oneoff's sleep, its wait for stdin, a read of
// stdin) wakes at once, and it or the next WASI call returns that exit
// instead of its result, proc_exit included, so an interrupt cannot be
// turned into another status. Code that makes no WASI call is the
// engine's to stop (vm.Execution.Stop); the embedder sends both.
//
// Standard streams. Descriptors 0, 1 and 2 report what the embedder says
// the host streams are (Config.Stdio): a terminal is a character device
// without seek rights, which wasi-libc's isatty takes for a terminal, so a
// C program line-buffers stdout there and fully buffers it on a pipe or a
// file, as it does natively, and its output interleaves with stderr the
// same way. A pipe is FILETYPE_UNKNOWN, as wasmtime reports it; the zero
// Config says pipes, since an io.Writer is most like one. The command line
// looks at its real streams; the page's console is a terminal.
//
// I/O vectors. fd_read, fd_write, fd_pread and fd_pwrite take at most
// IovMax (1024, Linux's IOV_MAX) iovecs and answer EINVAL beyond, before
// reading the array, so the cost of a call never depends on a count the
// program chose. The iovecs are gathered into one host write (scattered
// from one host read) and empty ones skipped: a writev of many small
// pieces is one system call, as on Linux, and keeps its atomicity on a
// pipe. Gathering copies through a buffer of at most 64 KiB; a bigger
// transfer takes one host call per 64 KiB, and an iovec that size or
// bigger moves without a copy. One call moves at most Linux's MAX_RW_COUNT
// (2 GiB less a page), since iovecs over the same memory could otherwise
// add up to more than the u32 count can say.
//
// Inodes. A MemFS numbers its inodes and each MemFS has its own device
// number, so (dev, ino) tells files apart as on a host; host files report
// the host's. fd_readdir's "." is the inode fd_filestat_get gives the
// directory; its ".." is the directory the descriptor was opened through
// (a preopen's own, since what lies above is not the program's to see).
// The CPU-time clocks report time since the System was made: the program
// has the engine's thread to itself.
//
// Signals. proc_raise applies a signal's default action: terminating
// signals end the run with status 128+signal, as a shell reports them;
// ignored and job-control signals do nothing.
//
// Sockets. preview1 sockets exist only as descriptors handed to the
// program, and a System hands none: sock_* answer EBADF for a closed
// descriptor and ENOTSOCK otherwise.
package wasi
