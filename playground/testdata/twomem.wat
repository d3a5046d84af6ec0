;; twomem: two memories with a data segment each.
(module
  (memory $a 1)
  (memory $b 2)
  (data (memory $a) (i32.const 0) "first")
  (data (memory $b) (i32.const 16) "second")
  (func (export "_start")
    (i32.store8 $b (i32.const 40) (i32.const 65)))
)
