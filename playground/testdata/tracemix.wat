;; tracemix: what a trace shows, many times over: calls, stores of every
;; width, floats and negative numbers, exceptions thrown and caught, WASI
;; writes, a function whose long name widens the trace's function column
;; late in the run, and a trap at the end. A last loop throws thousands of
;; exceptions in a row: a log of 2^17 records then holds throws and
;; catches whose exceptions it no longer keeps.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (tag $oops (param i32))
  (data (i32.const 32) "tick\n")
  (func $thrower (param $i i32) (result i32)
    (if (i32.eqz (i32.rem_u (local.get $i) (i32.const 3)))
      (then (throw $oops (local.get $i))))
    (local.get $i))
  (func $step (param $i i32)
    (i64.store (i32.const 64) (i64.extend_i32_s (i32.sub (i32.const 5) (local.get $i))))
    (i32.store8 (i32.const 80) (local.get $i))
    (f64.store (i32.const 96) (f64.div (f64.convert_i32_u (local.get $i)) (f64.const 3)))
    (memory.fill (i32.const 128) (local.get $i) (i32.const 20))
    (drop
      (block $caught (result i32)
        (try_table (catch $oops $caught)
          (drop (call $thrower (local.get $i))))
        (i32.const -1)))
    (if (i32.eqz (i32.rem_u (local.get $i) (i32.const 2000)))
      (then
        (i32.store (i32.const 16) (i32.const 32))
        (i32.store (i32.const 20) (i32.const 5))
        (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24))))))
  (func $a_function_with_a_rather_long_name (param i32) (result i32)
    (i32.mul (local.get 0) (i32.const -3)))
  (func $main (export "_start")
    (local $i i32)
    (loop $l
      (call $step (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 15000))))
    (loop $throws
      (drop
        (block $caught (result i32)
          (try_table (catch $oops $caught)
            (throw $oops (local.get $i)))
          (i32.const -1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $throws (i32.lt_u (local.get $i) (i32.const 20500))))
    (drop (call $a_function_with_a_rather_long_name (local.get $i)))
    (call $step (i32.const 6000))
    unreachable))
