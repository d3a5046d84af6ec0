#!/bin/sh
# stdlib_test.sh runs Go's own standard library tests for GOOS=wasip1
# through wasmscope, as Go's builders do with wasmtime or wazero:
#
#	GOOS=wasip1 GOARCH=wasm go test -short \
#	    -exec "wasmscope run --mount /:/ --env-inherit" PACKAGES
#
# Usage: cmd/wasmscope/stdlib_test.sh [PACKAGE...]
# Without arguments it runs the selection below, chosen to cover the
# filesystem (os, path/filepath, io/fs, syscall), text and number formatting,
# encodings, containers and hashing while keeping the run to minutes under
# an interpreter. Extra `go test` flags can be given in GOTESTFLAGS.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
packages=${*:-"
	archive/zip bufio bytes container/heap container/list container/ring
	encoding/base32 encoding/base64 encoding/binary encoding/csv encoding/hex
	encoding/json errors flag fmt hash/adler32 hash/crc32 hash/fnv html io
	io/fs io/ioutil math math/bits net/url os path path/filepath sort
	strconv strings syscall testing/fstest text/tabwriter unicode/utf16
	unicode/utf8
"}

bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -C "$root" -o "$bin/wasmscope" ./cmd/wasmscope

# Run from a neutral directory so the packages come from GOROOT.
cd "$bin"
# shellcheck disable=SC2086 # the package list and flags are word lists
GOOS=wasip1 GOARCH=wasm go test -short ${GOTESTFLAGS:-} \
	-exec "$bin/wasmscope run --mount /:/ --env-inherit" $packages
