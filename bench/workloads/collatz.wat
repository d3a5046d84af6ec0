;; Branchy integer loop over locals: the total number of Collatz steps of
;; every start value below n, in i64 arithmetic. No memory, no calls; this is
;; the interpreter's local.get / local.set / br_if path in isolation.
(module
  (func (export "run") (param $n i32) (result i64)
    (local $i i64) (local $x i64) (local $steps i64)
    (local.set $i (i64.const 1))
    (block $done
      (loop $outer
        (br_if $done (i64.ge_u (local.get $i) (i64.extend_i32_u (local.get $n))))
        (local.set $x (local.get $i))
        (block $reached
          (loop $inner
            (br_if $reached (i64.eq (local.get $x) (i64.const 1)))
            (if (i64.eqz (i64.and (local.get $x) (i64.const 1)))
              (then (local.set $x (i64.shr_u (local.get $x) (i64.const 1))))
              (else (local.set $x
                      (i64.add (i64.mul (local.get $x) (i64.const 3)) (i64.const 1)))))
            (local.set $steps (i64.add (local.get $steps) (i64.const 1)))
            (br $inner)))
        (local.set $i (i64.add (local.get $i) (i64.const 1)))
        (br $outer)))
    (local.get $steps)))
