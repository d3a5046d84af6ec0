;; trap: _start calls $inner, which reaches unreachable.
(module
  (func $inner (unreachable))
  (func $main (export "_start") (call $inner))
)
