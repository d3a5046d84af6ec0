module github.com/wasmscope/wasmscope

go 1.26.8
