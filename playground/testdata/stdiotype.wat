;; Exits with the file types of descriptors 0, 1 and 2 as three decimal
;; digits: 222 when all three are character devices (terminals).
(module
  (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fdstat (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1)
  (func $type (param $fd i32) (result i32)
    (drop (call $fdstat (local.get $fd) (i32.const 0)))
    (i32.load8_u (i32.const 0)))
  (func (export "_start")
    (call $exit
      (i32.add
        (i32.add (i32.mul (call $type (i32.const 0)) (i32.const 100))
                 (i32.mul (call $type (i32.const 1)) (i32.const 10)))
        (call $type (i32.const 2))))))
