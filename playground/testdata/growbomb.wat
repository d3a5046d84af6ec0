;; growbomb: grows its memory one page at a time until memory.grow
;; fails, then exits with its size in units of 256 pages (16 MiB).
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1)
  (func (export "_start")
    (loop $l
      (br_if $l (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
    (call $exit (i32.shr_u (memory.size) (i32.const 8)))))
