// Package wasi implements WASI preview1 (wasi_snapshot_preview1) as host
// functions for the engine, over a hackpadfs filesystem.
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
// Filesystems: NewMemFS (hackpadfs mem) by default, OSDir for a host
// folder (hackpadfs os), LoadTar to unpack a bundle; the preopens are
// composed into one namespace with hackpadfs mount. FS and Files give the
// namespace back after a run, so written files can be listed and read.
//
// # RATIONALE
//
// Sandbox. Paths are resolved here, one component at a time, never by the
// host: ".." stops at the preopen's root, absolute paths are refused, and
// symbolic links are read with Readlink and followed by the same walk, so a
// link can no more lead out than a typed path can. A link's absolute target
// is read in the guest's namespace (what the program would mean by it), and
// must still land inside the preopen. Every refusal is ENOTCAPABLE, the
// errno WASI reserves for "outside your capabilities". hackpadfs has no
// Readlink or Link, and its os FS stores symlink targets as absolute host
// paths; HostDir adds both and stores targets verbatim.
//
// Rights. Descriptors carry rights as preview1 defines them, and calls check
// the right they need. Read-only preopens keep their rights and refuse
// changes with EROFS, which tells the program why.
//
// Errors. Filesystem errors map to the errno that means the same; what
// hackpadfs reports as not implemented (links on the mem FS) is ENOTSUP.
// A pointer outside memory gives EFAULT before any side effect. Nothing a
// program passes can panic the host.
//
// stdin. A blocking read goes straight to the io.Reader. poll_oneoff and
// non-blocking reads need to know whether input is waiting, which an
// io.Reader cannot say; the first such request starts one goroutine that
// reads ahead one chunk at a time. In the browser the reading goroutine
// waits while the page stays responsive.
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
// Descriptors are names. hackpadfs opens files but has no handles to
// directories (no openat), so a directory descriptor holds its path in the
// namespace. Renames made through the System move the descriptors under
// the renamed path along; a directory moved by another process under a
// mounted host folder leaves its descriptors pointing at the old name.
//
// Inodes. hackpadfs's FileInfo has no inode; the host's is used when the
// file is on the host, otherwise a hash of the path, stable while the file
// keeps its name. The CPU-time clocks report time since the System was
// made: the program has the engine's thread to itself.
//
// Signals. proc_raise applies a signal's default action: terminating
// signals end the run with status 128+signal, as a shell reports them;
// ignored and job-control signals do nothing.
//
// Sockets. preview1 sockets exist only as descriptors handed to the
// program, and a System hands none: sock_* answer EBADF for a closed
// descriptor and ENOTSOCK otherwise.
package wasi
