//go:build js && wasm

package main

import (
	"strings"
)

// panesHTML is the markup of the result panes (the tab strip and the
// Output, Debug, Memory, Trace, Files and Module panes), the one the
// playground page and every <wasm-scope> element mount. Their code looks
// elements up by these IDs within its root (the document, or the
// element's shadow root, where IDs are the element's own).
const panesHTML = `<nav class="tabs" role="tablist" id="tabs" aria-label="Results">
  <button type="button" role="tab" id="tab-output" data-pane="output" aria-controls="pane-output" aria-selected="true">Output</button>
  <button type="button" role="tab" id="tab-debug" data-pane="debug" aria-controls="pane-debug" aria-selected="false" tabindex="-1">Debug</button>
  <button type="button" role="tab" id="tab-memory" data-pane="memory" aria-controls="pane-memory" aria-selected="false" tabindex="-1">Memory</button>
  <button type="button" role="tab" id="tab-trace" data-pane="trace" aria-controls="pane-trace" aria-selected="false" tabindex="-1">Trace</button>
  <button type="button" role="tab" id="tab-files" data-pane="files" aria-controls="pane-files" aria-selected="false" tabindex="-1">Files</button>
  <button type="button" role="tab" id="tab-module" data-pane="module" aria-controls="pane-module" aria-selected="false" tabindex="-1">Module</button>
  <button type="button" role="tab" id="tab-source" data-pane="source" aria-controls="pane-source" aria-selected="false" tabindex="-1">Source</button>
</nav>

<div class="pane output" id="pane-output" role="tabpanel" aria-labelledby="tab-output">
  <div id="console" class="console term" role="log" aria-label="Program output"></div>
  <form id="stdin-form" class="stdin">
    <input id="stdin" type="text" class="mono" placeholder="stdin: type a line, Enter sends it" aria-label="Standard input" autocomplete="off">
    <button type="submit">Send</button>
    <button type="button" id="eof" title="End of input (Ctrl+D)">EOF</button>
  </form>
</div>

<div class="pane" id="pane-debug" role="tabpanel" aria-labelledby="tab-debug" hidden>
  <div id="debug-where" class="muted">Not paused. Step (F11) starts the program paused at its first instruction.</div>
  <div class="toolbar" id="debug-tools" role="toolbar" aria-label="Time travel">
    <button type="button" id="back-step" title="Step back one instruction" disabled><span aria-hidden="true">◀ </span>Step back</button>
    <button type="button" id="back-over" title="Step back over calls" disabled>Back over</button>
    <button type="button" id="back-out" title="Back to the call of this function" disabled>Back out</button>
    <button type="button" id="back-continue" title="Back to the previous breakpoint or watchpoint stop" disabled><span aria-hidden="true">◀◀ </span>Reverse continue</button>
    <input type="range" id="scrub" min="0" max="0" value="0" step="1" aria-label="Instruction count of the run" disabled>
    <span id="scrub-info" class="muted"></span>
  </div>
  <div class="debug">
    <pre id="debug-wat" class="mono code" aria-label="Current function"></pre>
    <div class="debug-side">
      <h3>Value stack</h3><ol id="debug-stack" class="mono values"></ol>
      <h3>Locals</h3><ol id="debug-locals" class="mono values"></ol>
      <h3>Globals</h3><ol id="debug-globals" class="mono values"></ol>
      <h3>Call stack</h3><ol id="debug-frames" class="mono values frames"></ol>
      <h3>Breakpoints</h3><ul id="debug-bps" class="mono values bps"></ul>
      <form id="bp-form" class="bp-form"><input id="bp-add" class="mono" type="text" placeholder="func, 0x1a2 or @1000" aria-label="Add a breakpoint: a function, a module offset or @instruction count"><button type="submit">Add</button></form>
    </div>
  </div>
</div>

<div class="pane" id="pane-memory" role="tabpanel" aria-labelledby="tab-memory" hidden>
  <form id="mem-form" class="toolbar">
    <select id="mem-select" aria-label="Memory to show" hidden></select>
    <label>Address <input id="mem-addr" type="text" class="mono" value="0x0" size="12"></label>
    <button type="submit">Go</button>
    <button type="button" id="mem-prev" title="Previous rows (PageUp)" aria-label="Previous rows">Previous</button>
    <button type="button" id="mem-next" title="Next rows (PageDown)" aria-label="Next rows">Next</button>
    <button type="button" id="mem-written" title="Jump to the bytes written last">Last write</button>
    <button type="button" id="mem-writer" title="Show in the trace the instruction that last wrote the selected byte">Writer in trace</button>
    <span id="mem-info" class="muted"></span>
  </form>
  <div class="memory">
    <div id="hexdump" class="mono hexdump hex" aria-label="Hexdump" tabindex="0"></div>
    <ul id="inspector" class="mono inspector" aria-label="Value at the selected address"></ul>
    <form id="watch-form" class="watch">
      <button type="submit" id="watch-add" title="Pause the run after any write to these bytes">Watch</button>
      <input id="watch-len" type="number" min="1" value="4" size="4" aria-label="Bytes to watch from the selected address"> bytes from the selected address
      <span id="last-write" class="mono muted" aria-live="polite"></span>
    </form>
  </div>
</div>

<div class="pane" id="pane-trace" role="tabpanel" aria-labelledby="tab-trace" hidden>
  <div class="toolbar">
    <select id="trace-filter" aria-label="Filter by function"><option value="">all functions</option></select>
    <form id="trace-goto-form" class="toolbar">
      <label>Instruction <input id="trace-goto" type="text" inputmode="numeric" class="mono" size="10" placeholder="count"></label>
      <button type="submit">Go</button>
    </form>
    <button type="button" id="trace-download">Download .txt</button>
    <button type="button" id="trace-enable" hidden>Record the trace</button>
    <span id="trace-info" class="muted"></span>
  </div>
  <div id="trace" class="mono vlist" aria-label="Instruction trace" tabindex="0"><div class="vlist-spacer"></div><div class="vlist-rows"></div></div>
</div>

<div class="pane" id="pane-files" role="tabpanel" aria-labelledby="tab-files" hidden>
  <div class="toolbar"><span class="muted">The in-memory filesystem after (or during) the run.</span></div>
  <ul id="files" class="mono tree"></ul>
</div>

<div class="pane" id="pane-module" role="tabpanel" aria-labelledby="tab-module" hidden>
  <form id="call-form" class="toolbar">
    <label>Call <select id="call-export" aria-label="Exported function"></select></label>
    <input id="call-args" type="text" class="mono" placeholder="arguments, e.g. 1 2" aria-label="Arguments">
    <button type="submit">Call</button>
    <output id="call-result" class="mono"></output>
  </form>
  <div id="module-info" class="module"></div>
</div>

<div class="pane" id="pane-source" role="tabpanel" aria-labelledby="tab-source" hidden>
  <div class="toolbar" role="toolbar" aria-label="Source stepping">
    <button type="button" id="src-into" title="Step into the next source line (calls too)">Step into line</button>
    <button type="button" id="src-next" title="Step to the next source line, over calls">Next line</button>
    <span id="src-info" class="muted"></span>
  </div>
  <div class="debug">
    <div id="src-view" class="editor code-box"></div>
    <div class="debug-side">
      <h3>Call stack</h3><ol id="src-frames" class="mono values"></ol>
      <h3>Variables</h3><ol id="src-vars" class="mono values"></ol>
    </div>
  </div>
</div>`

// paneNames are the panes in tab order (paneOutput … paneModule).
var paneNames = []string{"output", "debug", "memory", "trace", "files", "module", "source"}

// elementHTML is the markup of a <wasm-scope> element's shadow root: a bar
// (the program's name, Run, Stop, the status, a link that opens the
// program in the playground), the program text, and the panes. The
// playground's loading and configuration controls are there too, hidden:
// the element's attributes fill them, so a run is configured the one way.
func elementHTML(styleURL string) string {
	return `<link rel="stylesheet" href="` + esc(styleURL) + `">
<div class="box embed" part="box" id="box">
  <div class="bar" role="toolbar" id="bar">
    <span id="progname" class="name progname"></span>
    <button type="button" id="run" class="primary" title="Run (Ctrl+Enter)" disabled>Run</button>
    <button type="button" id="stop" title="Stop" disabled>Stop</button>
    <span id="status" class="status" role="status" aria-live="polite"></span>
    <a id="open" target="_blank" rel="noopener" aria-label="Open in the playground" hidden>Open in playground</a>
  </div>
  <div id="error" class="error" role="alert" hidden></div>
  <div id="proginfo" class="binary muted" hidden></div>
  <div id="source" class="editor code-box" part="code"></div>
  <div hidden>
    <span id="drop"></span>
    <input type="file" id="file"><select id="examples"></select><button type="button" id="share">Share</button>
    <button type="button" id="pause">Pause</button><button type="button" id="step">Step</button><button type="button" id="stepover">Step over</button><button type="button" id="stepout">Step out</button>
    <input id="args" type="text"><textarea id="env"></textarea><textarea id="stdin-initial"></textarea>
    <input id="stdin-eof" type="checkbox" checked><input id="trace-on" type="checkbox" checked>
    <input id="breakpoints" type="text"><input id="add-file" type="file"><ul id="files-in"></ul>
    <input id="persist-on" type="checkbox"><button type="button" id="persist-clear">Clear kept files</button>
  </div>
  <div class="results">` + panesHTML + `</div>
</div>`
}

// panesOf reads a panes attribute ("output trace memory"): the known
// names in the order given, each once; none known: all of them.
func panesOf(attr string) []int {
	var out []int
	seen := map[int]bool{}
	for _, f := range strings.FieldsFunc(attr, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' }) {
		for i, n := range paneNames {
			if n == f && !seen[i] {
				seen[i] = true
				out = append(out, i)
			}
		}
	}
	if len(out) == 0 {
		for i := range paneNames {
			out = append(out, i)
		}
	}
	return out
}
