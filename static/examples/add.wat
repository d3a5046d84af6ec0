;; add: two parameters, one result. Call it from the Module pane: add 1 2
(module
  (func $add (export "add") (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    i32.add
  )
)
