;; A runaway program: it never ends. Run it, and Stop it.
(module
  (func $spin (export "_start")
    (loop $forever
      br $forever
    )
  )
)
