module github.com/wasmscope/wasmscope

go 1.26.8

require (
	github.com/hack-pad/hackpadfs v0.2.4
	honnef.co/go/js/dom/v2 v2.0.0-20250304181735-b5e52f05e89d
)
