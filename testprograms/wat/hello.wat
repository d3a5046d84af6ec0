;; The book's hello world: write "Hello, World!\n" to stdout through WASI.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; The text at 0, one iovec at 16 pointing at it; fd_write stores the
  ;; count of bytes written at 24.
  (data (i32.const 0) "Hello, World!\n")
  (func (export "_start")
    (i32.store (i32.const 16) (i32.const 0))
    (i32.store (i32.const 20) (i32.const 14))
    (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))))
