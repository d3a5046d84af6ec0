;; exit: proc_exit(7).
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (func $main (export "_start") (call $proc_exit (i32.const 7)))
)
