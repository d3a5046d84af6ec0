#!/usr/bin/env bash
# build.sh builds the playground into static/; "./build.sh test" runs every
# test of the project.
#
#   ./build.sh          static/main.wasm (GOOS=js, stripped), static/wasm_exec.js,
#                       static/ui.js (the page's JavaScript libraries, see
#                       build_ui), the example programs in static/examples/
#   ./build.sh ui       static/ui.js only
#   ./build.sh test     the build, then go vet, go test, bench/'s checks, Go's
#                       standard library tests on wasip1 run by wasmscope, the
#                       VM's tests under GOOS=js in Node, and the Playwright
#                       suite in e2e/
#
# A tool that is missing (clang for the C example, npm for the browser suite)
# is reported; under CI=true it is a failure, never a silent skip.
set -euo pipefail

cd "$(dirname "$0")"
goroot=$(go env GOROOT)

note() { printf '%s\n' "build.sh: $*" >&2; }

# missing TOOL WHAT: a tool WHAT needs is absent. Fatal under CI.
missing() {
	if [[ ${CI:-} == true ]]; then
		note "$1 is missing, needed for $2 (CI=true: failing)"
		exit 1
	fi
	note "warning: $1 is missing, skipping $2"
}

build_page() {
	note "static/main.wasm"
	GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o static/main.wasm ./web
	cp "$goroot/lib/wasm/wasm_exec.js" static/wasm_exec.js
}

# build_ui bundles the page's JavaScript libraries (CodeMirror for the
# program text, xterm.js for the console; web/js/package.json pins them and
# package-lock.json locks them) with esbuild into static/ui.js, so nothing
# is fetched at run time. It needs Node and npm; node_modules is installed
# with "npm ci" when it is missing or older than the lockfile.
build_ui() {
	if ! command -v npm >/dev/null; then
		if [[ ${CI:-} != true && -f static/ui.js ]]; then
			note "warning: npm is missing: static/ui.js is kept as it is"
			return
		fi
		note "npm is missing, needed for static/ui.js: install Node.js 20 or newer and npm"
		exit 1
	fi
	(
		cd web/js
		if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
			note "npm ci in web/js (the page's libraries)"
			PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
		fi
		note "static/ui.js (esbuild)"
		npm run --silent build -- --log-level=warning
	)
}

# The examples written in WAT are served as text and compiled in the page;
# the C and Go programs are compiled here to .wasm.
build_examples() {
	local src=static/examples/src
	note "static/examples/goio.wasm"
	GOOS=wasip1 GOARCH=wasm go build -trimpath -ldflags='-s -w' -o static/examples/goio.wasm "./$src/goio"
	if command -v clang >/dev/null; then
		note "static/examples/cio.wasm"
		# With DWARF and its source embedded, so the page debugs it as C
		# (the Source pane) out of the box; -O0 keeps every line and
		# variable where a reader expects them. 234 KB (83 KB gzipped)
		# against 36 KB (15 KB) stripped at -O2: wasi-libc's own debug
		# information is most of it.
		clang --target=wasm32-wasi -O0 -g -gdwarf-5 -gembed-source -Wall -Werror -o static/examples/cio.wasm "$src/cio.c"
	else
		missing clang "static/examples/cio.wasm"
	fi
}

run_tests() {
	note "go vet"
	go vet ./...
	GOOS=js GOARCH=wasm go vet ./web/... ./playground/...
	note "go test"
	go test -timeout 30m ./...
	note "bench/ (its own module): vet, and ours, wazero and V8 agree on every workload"
	(cd bench && go vet ./... && go test ./...)
	note "Go's standard library tests for wasip1, run by wasmscope"
	sh cmd/wasmscope/stdlib_test.sh
	note "go test under GOOS=js in Node"
	GOOS=js GOARCH=wasm go test -timeout 30m -exec="$goroot/lib/wasm/go_js_wasm_exec" ./vm/... ./playground/...
	if ! command -v npm >/dev/null; then
		missing npm "the Playwright suite"
		return
	fi
	if [[ ! -x /usr/bin/chromium ]]; then
		missing /usr/bin/chromium "the Playwright suite"
		return
	fi
	note "Playwright suite (e2e/)"
	(
		cd e2e
		if [[ ! -d node_modules/@playwright/test ]]; then
			PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
		fi
		npx playwright test
	)
}

case "${1:-build}" in
build)
	build_ui
	build_page
	build_examples
	;;
ui)
	build_ui
	;;
test)
	build_ui
	build_page
	build_examples
	run_tests
	;;
*)
	note "usage: ./build.sh [ui|test]"
	exit 2
	;;
esac
note "done in $SECONDS s"
