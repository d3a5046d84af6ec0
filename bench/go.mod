module github.com/wasmscope/wasmscope/bench

go 1.26.8

require (
	github.com/tetratelabs/wazero v1.12.0
	github.com/wasmscope/wasmscope v0.0.0
)

require (
	github.com/hack-pad/hackpadfs v0.2.4 // indirect
	golang.org/x/sys v0.44.0 // indirect
)

replace github.com/wasmscope/wasmscope => ../
