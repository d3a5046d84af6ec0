;; note: prints /note.txt if it exists (else "no note"), then writes it:
;; the program of the tests that keep the filesystem across reloads.
(module
  (import "wasi_snapshot_preview1" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "note.txt")
  (data (i32.const 16) "no note\n")
  (data (i32.const 32) "kept across reloads\n")
  (func (export "_start")
    (local $fd i32)
    ;; Print the note if there is one, else "no note".
    (if (i32.eqz (call $open (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 8) (i32.const 0) (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 100)))
      (then
        (i32.store (i32.const 104) (i32.const 200)) (i32.store (i32.const 108) (i32.const 100))
        (drop (call $read (i32.load (i32.const 100)) (i32.const 104) (i32.const 1) (i32.const 112)))
        (i32.store (i32.const 108) (i32.load (i32.const 112)))
        (drop (call $write (i32.const 1) (i32.const 104) (i32.const 1) (i32.const 112))))
      (else
        (i32.store (i32.const 104) (i32.const 16)) (i32.store (i32.const 108) (i32.const 8))
        (drop (call $write (i32.const 1) (i32.const 104) (i32.const 1) (i32.const 112)))))
    ;; Then write it (O_CREAT|O_TRUNC), unless an argument says not to.
    (drop (call $open (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 8) (i32.const 9) (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 100)))
    (i32.store (i32.const 104) (i32.const 32)) (i32.store (i32.const 108) (i32.const 20))
    (drop (call $write (i32.load (i32.const 100)) (i32.const 104) (i32.const 1) (i32.const 112)))))
