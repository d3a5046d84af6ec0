;; echo: copies stdin to stdout until end of input, then writes
;; "bye\n" to out.txt in the preopened directory (fd 3).
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; 0: iovec {buf=64, len=256}; 16: nread/nwritten; 20: opened fd
  (data (i32.const 32) "out.txt")
  (data (i32.const 48) "bye\n")
  (func $main (export "_start")
    (local $n i32)
    (i32.store (i32.const 0) (i32.const 64))
    (block $done
      (loop $more
        (i32.store (i32.const 4) (i32.const 256))
        (br_if $done (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 16)))
        (local.set $n (i32.load (i32.const 16)))
        (br_if $done (i32.eqz (local.get $n)))
        (i32.store (i32.const 4) (local.get $n))
        (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 16)))
        (br $more)))
    ;; path_open(dirfd=3, dirflags=0, path=32, len=7, oflags=creat|trunc, rights, inheriting, fdflags=0, fd=20)
    (drop (call $path_open (i32.const 3) (i32.const 0) (i32.const 32) (i32.const 7)
      (i32.const 9) (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 20)))
    (i32.store (i32.const 0) (i32.const 48))
    (i32.store (i32.const 4) (i32.const 4))
    (drop (call $fd_write (i32.load (i32.const 20)) (i32.const 0) (i32.const 1) (i32.const 16)))
  )
)
