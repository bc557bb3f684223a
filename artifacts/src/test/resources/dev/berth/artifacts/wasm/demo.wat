(component
  (import "wasi:cli/environment@0.2.0" (instance $env
    (export "get-arguments" (func (result (list string))))))
  (import "log" (func $log (param "msg" string)))
  (type $shape (record (field "x" u32)))
  (import "shape" (type $shape2 (eq $shape)))
  (export "acme:demo/env@1.0.0" (instance $env))
  (export "relog" (func $log))
)
