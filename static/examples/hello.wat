;; Hello world over WASI: the text lives in a data segment at address 0, an
;; iovec at address 16 points at it, and fd_write sends it to stdout (fd 1).
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param $fd i32) (param $iovs i32) (param $iovs_len i32) (param $nwritten i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "Hello, World!\n")
  (func $main (export "_start")
    ;; iovec { buf = 0, len = 14 } at address 16
    (i32.store (i32.const 16) (i32.const 0))
    (i32.store (i32.const 20) (i32.const 14))
    (drop
      (call $fd_write
        (i32.const 1)   ;; fd: stdout
        (i32.const 16)  ;; iovs
        (i32.const 1)   ;; iovs_len
        (i32.const 24)  ;; where fd_write stores the number of bytes written
      ))
  )
)
