;; shapes: Wasm 3.0 garbage collection and exceptions. Rectangles are
;; structs kept in an array; a rectangle with a negative side throws
;; $bad_side, which $main catches. Run it, or Step and watch the Trace show
;; the objects (ref.struct $rect#1) and the throw and catch.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "total area: ")         ;; 12 bytes
  (data (i32.const 32) "bad side in rectangle ") ;; 22 bytes

  (type $rect (struct (field $w i32) (field $h i32)))
  (type $rects (array (mut (ref null $rect))))
  ;; Thrown with the index of the rectangle whose side is negative.
  (tag $bad_side (param i32))

  ;; print writes len bytes at ptr to stdout.
  (func $print (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))

  ;; print_num prints n (n >= 0) in decimal and a newline.
  (func $print_num (param $n i32)
    (local $p i32)
    (local.set $p (i32.const 127))
    (i32.store8 (local.get $p) (i32.const 10))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $digit (local.get $n)))
    (call $print (local.get $p) (i32.sub (i32.const 128) (local.get $p))))

  (func $area (param $r (ref $rect)) (param $i i32) (result i32)
    (if (i32.or (i32.lt_s (struct.get $rect $w (local.get $r)) (i32.const 0))
                (i32.lt_s (struct.get $rect $h (local.get $r)) (i32.const 0)))
      (then (throw $bad_side (local.get $i))))
    (i32.mul (struct.get $rect $w (local.get $r)) (struct.get $rect $h (local.get $r))))

  ;; total sums the areas of the rectangles in $all.
  (func $total (param $all (ref $rects)) (result i32)
    (local $i i32) (local $sum i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (array.len (local.get $all))))
        (local.set $sum (i32.add (local.get $sum)
          (call $area (ref.as_non_null (array.get $rects (local.get $all) (local.get $i)))
                      (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $sum))

  ;; report prints the total area, or which rectangle is bad.
  (func $report (param $all (ref $rects))
    (local $sum i32)
    (block $bad (result i32)
      (try_table (catch $bad_side $bad)
        (local.set $sum (call $total (local.get $all))))
      (call $print (i32.const 16) (i32.const 12))
      (call $print_num (local.get $sum))
      (return))
    ;; The exception's payload: the bad rectangle's index.
    (call $print (i32.const 32) (i32.const 22))
    (call $print_num))

  (func $main (export "_start")
    (call $report (array.new_fixed $rects 2
      (struct.new $rect (i32.const 2) (i32.const 3))
      (struct.new $rect (i32.const 4) (i32.const 5))))
    (call $report (array.new_fixed $rects 3
      (struct.new $rect (i32.const 1) (i32.const 1))
      (struct.new $rect (i32.const 7) (i32.const 1))
      (struct.new $rect (i32.const -2) (i32.const 3)))))
)
