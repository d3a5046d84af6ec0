;; sleep: prints "sleeping", then sleeps a minute in poll_oneoff.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
  (memory 1)
  (data (i32.const 0) "sleeping\n")
  (data (i32.const 16) "\00\00\00\00\09\00\00\00")
  (func $main (export "_start")
    (drop (call $write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 32)))
    ;; one subscription at 64: a relative monotonic clock of 60 s
    (i32.store (i32.const 80) (i32.const 1))
    (i64.store (i32.const 88) (i64.const 60000000000))
    (drop (call $poll (i32.const 64) (i32.const 256) (i32.const 1) (i32.const 512)))))
