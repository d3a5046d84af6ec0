;; fib: the naive recursive Fibonacci, with if and call. Call fib 20 from the
;; Module pane, or Run: _start prints nothing but leaves fib(20) in memory.
(module
  (memory (export "memory") 1)
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else
        (i32.add
          (call $fib (i32.sub (local.get $n) (i32.const 1)))
          (call $fib (i32.sub (local.get $n) (i32.const 2)))))
    )
  )
  (func $main (export "_start")
    (i32.store (i32.const 0) (call $fib (i32.const 20)))
  )
)
