// embed.js turns WebAssembly snippets on any page into runnable, traceable
// examples. Include it once:
//
//   <script type="module" src="https://…/wasmscope/embed.js"></script>
//   <wasm-scope src="hello.wasm"></wasm-scope>
//   <wasm-scope invoke="add 1 2"><script type="text/wat">(module …)</script></wasm-scope>
//
// Attributes of <wasm-scope>:
//   src       URL of a .wasm or .wat file (else the WAT inside the element)
//   name      the program's file name (default: from src, or "snippet.wat")
//   panes     which result panes to show, in order: "output trace memory module"
//   args      command-line arguments, split like a shell ("a 'b c'")
//   env       environment, "KEY=value" entries separated by ";" or new lines
//   stdin     text given to standard input, then end of input ("\n": a new line)
//   invoke    an export to call instead of _start, with arguments: "add 1 2"
//   autorun   run as soon as the element is visible
//   height    the height of the result panes (any CSS length)
//   trace     "off" to run without recording the instruction trace
//   readonly  the WAT cannot be edited
//
// The element is themed with CSS custom properties set on it or an
// ancestor: --wasmscope-bg, --wasmscope-fg, --wasmscope-muted,
// --wasmscope-border, --wasmscope-accent, --wasmscope-accent-fg,
// --wasmscope-highlight, --wasmscope-error, --wasmscope-font,
// --wasmscope-mono, --wasmscope-radius, --wasmscope-height; its parts
// "box" and "code" (the WAT editor) take ::part() rules.
//
// Scripting: wasmscope.run(bytesOrText, {args, env, stdin, files, trace,
// invoke}) resolves to {stdout, stderr, exitCode, outcome, trap, values,
// refused, trace, memory, files} (refused: what growth of memory the
// store's budget refused, which the program saw as memory.grow = -1);
// wasmscope is an EventTarget that fires "output" and "done" for its
// runs, and each element fires "wasmscope-output" and "wasmscope-done"
// (bubbling, composed).
//
// RATIONALE: main.wasm (the Go runtime with the VM) is large, so it is
// fetched once per page, and only when an element first becomes visible
// or something is run; it runs in one Web Worker (engine.js), where every
// element opens its own session: its own VM instance and in-memory
// filesystem. The page's thread only renders, so a runaway program in one
// element slows neither the host page nor the other elements, and a
// worker that dies is replaced. Shadow DOM keeps the host page's CSS out
// and the element's in. Nothing here needs special headers or
// SharedArrayBuffer, so plain static hosting is enough.

const base = new URL(".", import.meta.url);

let runtime = null;

// The engine's operations as this file calls them: each resolves to the
// worker's answer (engine.js has the protocol). run takes the event
// callback as its last argument.
const OPS = ["open", "close", "load", "stop", "stdin", "eof", "trace", "memory", "hexdump", "files", "readFile", "share", "unshare", "crash"];

// generation counts the engine's workers: a session opened in an older
// one is gone.
let generation = 1;

// loadRuntime starts the engine's worker once (engine.js, which fetches
// and compiles main.wasm), resolving to its operations.
function loadRuntime() {
  if (runtime) return runtime;
  runtime = (async () => {
    if (typeof globalThis.WasmscopeEngine !== "function") await loadScript(new URL("engine.js", base));
    const engine = new globalThis.WasmscopeEngine(base);
    engine.on("restart", (d) => {
      generation++;
      for (const el of document.querySelectorAll("wasm-scope")) el._engineRestarted?.(d);
    });
    await engine.ready;
    const a = { engine };
    for (const op of OPS) a[op] = (...args) => engine.call(op, args);
    a.run = (id, opts, onEvent) => engine.call("run", [id, opts], onEvent);
    return a;
  })();
  runtime.catch(() => {
    runtime = null; // a failed download may be retried by the next run
  });
  return runtime;
}

// ops is the engine's operations once started, else null.
let ops = null;

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = url;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`wasmscope: could not load ${url}`));
    document.head.append(s);
  });
}

async function api() {
  ops = await loadRuntime();
  return ops;
}

// check turns an {error} answer of the API into an exception.
function check(v) {
  if (v && typeof v === "object" && typeof v.error === "string") throw new Error(v.error);
  return v;
}

// isBinary tells a binary module (starting "\0asm") from WAT text.
function isBinary(src) {
  return src instanceof Uint8Array && src.length >= 4 && src[0] === 0 && src[1] === 0x61 && src[2] === 0x73 && src[3] === 0x6d;
}

function asProgram(src) {
  if (typeof src === "string") return src;
  if (src instanceof ArrayBuffer) src = new Uint8Array(src);
  if (ArrayBuffer.isView(src)) {
    src = new Uint8Array(src.buffer, src.byteOffset, src.byteLength);
    if (isBinary(src)) return src;
    // Bytes that are not UTF-8 stay bytes, so the runtime's format check
    // can say what they are ("a PNG image, not a WebAssembly module")
    // instead of the parser tripping over replacement characters.
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(src);
    } catch {
      return src;
    }
  }
  throw new TypeError("wasmscope: a program is WAT text, or bytes (Uint8Array, ArrayBuffer)");
}

// ---- the scripting API -----------------------------------------------

class WasmScope extends EventTarget {
  // load starts the runtime download now (it otherwise waits for the
  // first visible element or run); it resolves when the runtime is ready.
  async load() {
    await api();
  }

  // run runs a program once in a fresh session and resolves to what it
  // did. Options: args, env, stdin, files ({path: text|bytes}), trace
  // (record the instruction trace), invoke ("add 1 2"), name, and
  // traceLimit (log records kept, 65,536 by default).
  async run(program, opts = {}) {
    const a = await api();
    const src = asProgram(program);
    const name = opts.name || (typeof src === "string" ? "module.wat" : "module.wasm");
    const id = await a.open({ traceLimit: opts.traceLimit || 0, outputLimit: RUN_OUTPUT_LIMIT });
    try {
      check(await a.load(id, name, src));
      const res = check(
        await a.run(id, runOptions(opts), (kind, detail) => {
          if (kind === "output") this.dispatchEvent(new CustomEvent("output", { detail: { ...detail, name } }));
        }),
      );
      const out = {
        outcome: res.outcome,
        stdout: res.stdout,
        stderr: res.stderr,
        exitCode: res.exitCode,
        trap: res.trap,
        error: res.error,
        values: res.values,
        refused: res.refused,
        trace: opts.trace ? (await a.trace(id, 0, res.traceKept)).lines : [],
        memory: await a.memory(id, 0),
        files: (await a.files(id)) || [],
      };
      this.dispatchEvent(new CustomEvent("done", { detail: { ...out, name } }));
      return out;
    } finally {
      a.close(id).catch(() => {}); // gone with a restarted worker
    }
  }

  // shareLink returns a URL that reopens program: in the playground
  // (page "playground", the default) or in the iframe embed ("embed").
  // It throws when the program is too large for a link.
  async shareLink(program, { name, page = "playground" } = {}) {
    const a = await api();
    const src = asProgram(program);
    const frag = check(await a.share(name || (typeof src === "string" ? "module.wat" : "module.wasm"), src)).fragment;
    return new URL((page === "embed" ? "embed.html" : "") + "#" + frag, base).href;
  }

  // fromShareLink unpacks a share link's fragment: {name, text} or
  // {name, bytes}.
  async fromShareLink(fragment) {
    const a = await api();
    return check(await a.unshare(String(fragment).replace(/^[^#]*#/, "")));
  }
}

function runOptions(o) {
  const out = {};
  for (const k of ["args", "env", "stdin", "stdinEOF", "files", "trace", "invoke"]) {
    if (o[k] !== undefined && o[k] !== null) out[k] = o[k];
  }
  if (out.files) {
    const files = {};
    for (const [p, v] of Object.entries(out.files)) files[p] = typeof v === "string" ? v : asBytes(v);
    out.files = files;
  }
  if (out.stdin !== undefined && typeof out.stdin !== "string") out.stdin = asBytes(out.stdin);
  return out;
}

function asBytes(v) {
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  throw new TypeError("wasmscope: file contents are text or bytes");
}

export const wasmscope = new WasmScope();
globalThis.wasmscope = wasmscope;

// ---- the element -------------------------------------------------------

const PANES = {
  output: "Output",
  trace: "Trace",
  memory: "Memory",
  module: "Module",
};
const ROW_PX = 18; // one trace line; the list is virtual, rows are fixed
const HEX_ROWS = 16;
const CONSOLE_CAP = 256 << 10;
// RUN_OUTPUT_LIMIT is how much stdout and stderr a run keeps for its
// result (wasmscope.run returns all of it up to this size; beyond, the
// most recent).
const RUN_OUTPUT_LIMIT = 16 << 20;

const css = `
:host {
  --_bg: var(--wasmscope-bg, #ffffff);
  --_fg: var(--wasmscope-fg, #1d2330);
  --_muted: var(--wasmscope-muted, #667085);
  --_border: var(--wasmscope-border, #d9dde5);
  --_accent: var(--wasmscope-accent, #5b4bdb);
  --_accent-fg: var(--wasmscope-accent-fg, #ffffff);
  --_hl: var(--wasmscope-highlight, #fff0a8);
  --_bad: var(--wasmscope-error, #c0262d);
  --_font: var(--wasmscope-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  --_mono: var(--wasmscope-mono, ui-monospace, "SF Mono", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace);
  --_radius: var(--wasmscope-radius, 6px);
  --_pane: var(--wasmscope-height, 14em);
  display: block;
  margin: 1em 0;
  color: var(--_fg);
  font: 14px/1.45 var(--_font);
  text-align: left;
}
@media (prefers-color-scheme: dark) {
  :host {
    --_bg: var(--wasmscope-bg, #1b1e26);
    --_fg: var(--wasmscope-fg, #e3e6ee);
    --_muted: var(--wasmscope-muted, #8d95a8);
    --_border: var(--wasmscope-border, #2e3340);
    --_accent: var(--wasmscope-accent, #8f84ff);
    --_accent-fg: var(--wasmscope-accent-fg, #14161c);
    --_hl: var(--wasmscope-highlight, #5a4a12);
    --_bad: var(--wasmscope-error, #ff6b6b);
  }
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.box { border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_bg); overflow: hidden; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 6px 8px; border-bottom: 1px solid var(--_border); }
.name { font-family: var(--_mono); font-size: 12.5px; font-weight: 600; }
.status { color: var(--_muted); font-size: 12.5px; flex: 1; min-width: 8em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.status.good { color: inherit; }
.status.bad { color: var(--_bad); }
button, input, select { font: inherit; font-size: 13px; color: inherit; }
button { border: 1px solid var(--_border); background: transparent; border-radius: var(--_radius); padding: 2px 10px; cursor: pointer; }
button.primary { background: var(--_accent); border-color: var(--_accent); color: var(--_accent-fg); font-weight: 600; }
button:disabled { opacity: .45; cursor: default; }
button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, [tabindex]:focus-visible {
  outline: 2px solid var(--_accent); outline-offset: 1px;
}
a { color: var(--_accent); font-size: 12.5px; }
textarea.code {
  display: block; width: 100%; border: 0; border-bottom: 1px solid var(--_border); margin: 0; padding: 8px 10px;
  font: 12.5px/1.5 var(--_mono); color: inherit; background: transparent; resize: vertical; tab-size: 2; white-space: pre; overflow: auto;
}
.binary { padding: 6px 10px; border-bottom: 1px solid var(--_border); color: var(--_muted); font-size: 12.5px; }
.tabs { display: flex; gap: 2px; padding: 0 6px; border-bottom: 1px solid var(--_border); }
.tabs button { border: 0; border-bottom: 2px solid transparent; border-radius: 0; padding: 4px 10px; color: var(--_muted); }
.tabs button[aria-selected="true"] { color: inherit; border-bottom-color: var(--_accent); }
/* The pane's height is in the element's font (height="9em"), its
   contents in the monospace one. */
.pane { height: var(--_pane); overflow: auto; }
.console, .trace, .hex, .module { font: 12.5px/${ROW_PX}px var(--_mono); }
.console { margin: 0; padding: 6px 10px; white-space: pre-wrap; word-break: break-word; }
.stderr { color: var(--_bad); }
.system { color: var(--_muted); }
.input { font-style: italic; }
.stdin { display: flex; gap: 6px; padding: 4px 8px; border-top: 1px solid var(--_border); }
.stdin input { flex: 1; font-family: var(--_mono); background: transparent; border: 1px solid var(--_border); border-radius: var(--_radius); padding: 2px 6px; }
.trace { position: relative; }
.trace .rows { position: absolute; left: 0; right: 0; top: 0; padding: 0 10px; white-space: pre; }
.trace .line { height: ${ROW_PX}px; }
.tools { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 4px 8px; border-bottom: 1px solid var(--_border); font: 12.5px var(--_font); position: sticky; top: 0; z-index: 1; background: var(--_bg); }
.tools input { width: 9em; font-family: var(--_mono); background: transparent; border: 1px solid var(--_border); border-radius: var(--_radius); padding: 1px 6px; }
.muted { color: var(--_muted); }
.hex { padding: 4px 10px; white-space: pre; }
.hex .a { color: var(--_muted); }
.hex .z { color: var(--_muted); }
.hex mark { background: var(--_hl); color: inherit; border-radius: 2px; }
.module { padding: 6px 10px; white-space: pre-wrap; }
.module ul { margin: 0 0 8px; padding-left: 1.2em; }
.module h4 { margin: 4px 0; font: 600 12.5px var(--_font); }
`;

// panesOf reads the panes attribute: known names, in the given order.
function panesOf(attr) {
  const names = (attr ?? "output trace memory module").split(/[\s,]+/).filter((p) => p in PANES);
  return names.length ? [...new Set(names)] : ["output"];
}

function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, "");
    else if (v !== false && v != null) el.setAttribute(k, v);
  }
  el.append(...children);
  return el;
}

function hex(n, width) {
  return n.toString(16).padStart(width, "0");
}

let uid = 0;
const visible = new IntersectionObserver((entries) => {
  for (const e of entries) {
    if (e.isIntersecting) {
      visible.unobserve(e.target);
      e.target._becameVisible();
    }
  }
}, { rootMargin: "200px" });

class WasmScopeElement extends HTMLElement {
  static get observedAttributes() {
    return ["height", "panes", "src", "name", "readonly"];
  }

  constructor() {
    super();
    this._uid = ++uid;
    this._root = this.attachShadow({ mode: "open" });
    this._id = 0; // the runtime's session, 0 until opened
    this._program = null; // {name, src} as last loaded into the session
    this._running = false;
    this._traceKept = 0;
    this._memAddr = 0;
    this._built = false;
  }

  connectedCallback() {
    if (!this._built) {
      if (document.readyState === "loading" && !this.hasAttribute("src") && !this.textContent.trim()) {
        // Upgraded while the parser is still inside the element: its WAT
        // is not there yet.
        document.addEventListener("DOMContentLoaded", () => this.connectedCallback(), { once: true });
        return;
      }
      this._build();
    }
    visible.observe(this);
  }

  disconnectedCallback() {
    visible.unobserve(this);
    if (this._id && ops) {
      ops.close(this._id).catch(() => {});
      this._id = 0;
      this._program = null;
    }
  }

  attributeChangedCallback(name, old, now) {
    if (!this._built || old === now) return;
    if (name === "height") this._applyHeight();
    if (name === "panes") this._buildTabs();
    if (name === "src" || name === "name") this._programChanged();
    if (name === "readonly") this._code.readOnly = now !== null;
    // args, env, stdin, invoke and trace are read at each run.
  }

  // _programChanged forgets the program as fetched and loaded, so the
  // next look or run uses what src (or name) says now; a shown element
  // loads it at once, an autorun one runs it.
  _programChanged() {
    this._fetched = null;
    this._given = null;
    this._program = null;
    this._edited = false;
    this._result = null;
    this._clearConsole();
    this._setStatus("", "");
    this._label();
    this._showSource();
    if (!this._visible) return;
    if (this.hasAttribute("autorun")) this.run();
    else this._prepare().catch((err) => this._setStatus(err.message, "bad"));
  }

  // ---- structure ----

  _build() {
    this._built = true;
    const id = (s) => `ws${this._uid}-${s}`;
    this._ids = id;
    const style = h("style", { text: css });
    this._name = h("span", { class: "name" });
    this._runBtn = h("button", { class: "primary", type: "button", onclick: () => this.run() }, "Run");
    this._stopBtn = h("button", { type: "button", disabled: true, onclick: () => this.stop() }, "Stop");
    this._status = h("span", { class: "status", role: "status", "aria-live": "polite" });
    this._open = h("a", { target: "_blank", rel: "noopener", hidden: true, "aria-label": "Open in the playground" }, "Open in playground ↗");
    const bar = h("div", { class: "bar", role: "toolbar" }, this._name, this._runBtn, this._stopBtn, this._status, this._open);

    this._code = h("textarea", { class: "code", part: "code", spellcheck: "false", autocomplete: "off", autocapitalize: "off", hidden: true });
    this._code.addEventListener("input", () => {
      this._edited = true;
      this._updateShareLink();
    });
    this._code.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        this.run();
      }
    });
    this._binary = h("div", { class: "binary", hidden: true });

    this._tabs = h("div", { class: "tabs", role: "tablist" });
    this._tabs.addEventListener("keydown", (e) => this._tabKey(e));
    this._panes = {};

    this._console = h("pre", { class: "console" });
    this._stdinInput = h("input", { type: "text", autocomplete: "off", placeholder: "the program waits for input: type a line, Enter sends it" });
    this._stdinForm = h(
      "form",
      { class: "stdin", hidden: true, onsubmit: (e) => this._sendStdin(e) },
      this._stdinInput,
      h("button", { type: "submit" }, "Send"),
      h("button", { type: "button", onclick: () => this._eof() }, "EOF"),
    );
    this._console.append(h("span", { class: "system", text: "Run the program: its output shows here." }));
    this._panes.output = h("div", { class: "pane output", tabindex: "0" }, this._console);

    this._traceRows = h("div", { class: "rows" });
    this._traceSpacer = h("div", { class: "spacer" });
    this._traceInfo = h("div", { class: "tools muted" }, "Run to record the executed instructions.");
    this._traceList = h("div", { class: "trace" }, this._traceSpacer, this._traceRows);
    this._panes.trace = h("div", { class: "pane", tabindex: "0" }, this._traceInfo, this._traceList);
    this._panes.trace.addEventListener("scroll", () => this._renderTraceRows(), { passive: true });

    this._memInput = h("input", { type: "text", value: "0x0" });
    this._memIdx = 0;
    this._memSelect = h("select", {
      hidden: true,
      onchange: async () => {
        this._memIdx = Number(this._memSelect.value);
        this._memAddr = await this._firstWrite();
        this._renderMemory();
      },
    });
    this._memInfo = h("span", { class: "muted" });
    this._hex = h("div", { class: "hex" });
    const memTools = h(
      "form",
      { class: "tools", onsubmit: (e) => this._memGo(e) },
      this._memSelect,
      h("label", {}, "Address ", this._memInput),
      h("button", { type: "submit" }, "Go"),
      h("button", { type: "button", "aria-label": "Previous rows", onclick: () => this._memPage(-1) }, "◀"),
      h("button", { type: "button", "aria-label": "Next rows", onclick: () => this._memPage(1) }, "▶"),
      this._memInfo,
    );
    this._panes.memory = h("div", { class: "pane", tabindex: "0" }, memTools, this._hex);

    this._callSelect = h("select");
    this._callArgs = h("input", { type: "text", placeholder: "e.g. 1 2" });
    this._callForm = h(
      "form",
      { class: "tools", onsubmit: (e) => this._call(e) },
      h("label", {}, "Call ", this._callSelect),
      this._callArgs,
      h("button", { type: "submit" }, "Call"),
    );
    this._moduleInfo = h("div", { class: "module" }, h("span", { class: "muted" }, "Loads with the runtime."));
    this._panes.module = h("div", { class: "pane", tabindex: "0" }, this._callForm, this._moduleInfo);

    this._paneBox = h("div", {}, ...Object.values(this._panes), this._stdinForm);
    this._root.append(style, h("div", { class: "box", part: "box" }, bar, this._code, this._binary, this._tabs, this._paneBox));

    this._label();
    this._applyHeight();
    this._buildTabs();
    this._showSource();
  }

  // _label names the controls after the program, for screen readers.
  _label() {
    const n = this._programName();
    this._name.textContent = n;
    this._runBtn.setAttribute("aria-label", `Run ${n}`);
    this._stopBtn.setAttribute("aria-label", `Stop ${n}`);
    this._code.setAttribute("aria-label", `WAT source of ${n}`);
    this._stdinInput.setAttribute("aria-label", `Standard input of ${n}`);
    this._root.querySelector(".bar").setAttribute("aria-label", `${n}: run controls`);
    this._memInput.setAttribute("aria-label", `Memory address in ${n}`);
    this._memSelect.setAttribute("aria-label", `Memory of ${n} to show`);
    this._callSelect.setAttribute("aria-label", `Exported function of ${n}`);
    this._callArgs.setAttribute("aria-label", `Call arguments for ${n}`);
    this._tabs.setAttribute("aria-label", `Results of ${n}`);
    this._traceList.setAttribute("aria-label", `Instruction trace of ${n}`);
    this._hex.setAttribute("aria-label", `Memory of ${n}`);
    this._console.setAttribute("aria-label", `Output of ${n}`);
  }

  _programName() {
    if (this.getAttribute("name")) return this.getAttribute("name");
    if (this._given) return this._given.name;
    const src = this.getAttribute("src");
    if (src) return decodeURIComponent(new URL(src, document.baseURI).pathname.split("/").pop() || "module.wasm");
    return "snippet.wat";
  }

  _applyHeight() {
    const hgt = this.getAttribute("height");
    if (hgt) this.style.setProperty("--wasmscope-height", hgt);
    else this.style.removeProperty("--wasmscope-height");
  }

  _buildTabs() {
    const panes = panesOf(this.getAttribute("panes"));
    this._shown = panes;
    this._tabs.replaceChildren();
    this._tabButtons = {};
    for (const [name, pane] of Object.entries(this._panes)) {
      pane.hidden = true;
      pane.setAttribute("role", "tabpanel");
      pane.id = this._ids("pane-" + name);
    }
    for (const name of panes) {
      const b = h("button", {
        type: "button",
        role: "tab",
        id: this._ids("tab-" + name),
        "aria-controls": this._ids("pane-" + name),
        onclick: () => this._select(name, false),
      }, PANES[name]);
      this._panes[name].setAttribute("aria-labelledby", b.id);
      this._tabButtons[name] = b;
      this._tabs.append(b);
    }
    this._tabs.hidden = panes.length < 2;
    this._select(panes[0], false);
  }

  // _select shows a pane; focus moves only when the user moved it with
  // the keyboard inside the tab list.
  _select(name, focus) {
    if (!this._tabButtons[name]) return;
    this._current = name;
    for (const [n, b] of Object.entries(this._tabButtons)) {
      const on = n === name;
      b.setAttribute("aria-selected", String(on));
      b.tabIndex = on ? 0 : -1;
      this._panes[n].hidden = !on;
    }
    this._stdinForm.hidden = !(name === "output" && this._waiting);
    if (focus) this._tabButtons[name].focus({ preventScroll: true });
    this._renderPane();
  }

  _tabKey(e) {
    const i = this._shown.indexOf(this._current);
    let j = -1;
    if (e.key === "ArrowRight") j = (i + 1) % this._shown.length;
    else if (e.key === "ArrowLeft") j = (i - 1 + this._shown.length) % this._shown.length;
    else if (e.key === "Home") j = 0;
    else if (e.key === "End") j = this._shown.length - 1;
    if (j < 0) return;
    e.preventDefault();
    this._select(this._shown[j], true);
  }

  // ---- the program ----

  // setProgram replaces the element's program: WAT text or module bytes.
  setProgram(program, name) {
    const src = asProgram(program);
    this._given = { name: name || (typeof src === "string" ? "snippet.wat" : "module.wasm"), src };
    this._edited = false;
    this._program = null;
    this._result = null;
    if (!this._built) return; // connecting builds the element from _given
    this._clearConsole();
    this._setStatus("", "");
    this._label();
    this._showSource();
    if (this._id && ops) this._loadInto(ops).catch((err) => this._setStatus(err.message, "bad"));
  }

  // source resolves to the program as the element holds it now: edited
  // text, given with setProgram, fetched from src, or the inline WAT.
  async _source() {
    const name = this._programName();
    if (this._edited && !this._code.hidden) return { name, src: this._code.value };
    if (this._given) return { name, src: this._given.src };
    const src = this.getAttribute("src");
    if (src) {
      if (!this._fetched) {
        this._fetched = (async () => {
          const resp = await fetch(new URL(src, document.baseURI));
          if (!resp.ok) throw new Error(`${src}: HTTP ${resp.status}`);
          return asProgram(new Uint8Array(await resp.arrayBuffer()));
        })();
        this._fetched.catch(() => (this._fetched = null));
      }
      const got = await this._fetched;
      this._showSourceText(got);
      return { name, src: got };
    }
    return { name, src: this._inlineWat() };
  }

  _inlineWat() {
    const s = this.querySelector('script[type="text/wat"], template, textarea');
    const text = s ? (s.tagName === "TEMPLATE" ? s.innerHTML : s.textContent) : this.textContent;
    return dedent(text);
  }

  _showSource() {
    if (this.getAttribute("src") && !this._given) {
      this._code.hidden = true;
      this._binary.hidden = false;
      this._binary.textContent = `${this._programName()}: loads when shown or run`;
      return;
    }
    this._showSourceText(this._given ? this._given.src : this._inlineWat());
  }

  _showSourceText(src) {
    if (typeof src === "string") {
      this._code.hidden = false;
      this._binary.hidden = true;
      if (!this._edited) this._code.value = src;
      this._code.rows = Math.min(src.trimEnd().split("\n").length, 30);
      this._code.readOnly = this.hasAttribute("readonly");
    } else {
      this._code.hidden = true;
      this._binary.hidden = false;
      this._binary.textContent = `${this._programName()}: binary module, ${src.length} bytes`;
    }
  }

  // _becameVisible starts the runtime download and loads the program, so
  // its module and memory show before it runs; autorun runs it.
  _becameVisible() {
    this._visible = true;
    if (this.hasAttribute("autorun")) {
      this.run();
      return;
    }
    this._prepare().catch((err) => this._setStatus(err.message, "bad"));
  }

  async _prepare() {
    if (!this._status.textContent) this._setStatus("loading the runtime…", "");
    const a = await api();
    if (this._gen !== generation) {
      this._id = 0; // its session went with the old worker
      this._program = null;
    }
    if (!this._id) {
      this._gen = generation;
      this._id = await a.open({ outputLimit: RUN_OUTPUT_LIMIT });
    }
    const src = await this._source();
    if (!this._program || this._program.src !== src.src || this._program.name !== src.name) {
      await this._loadInto(a, src);
    }
    return a;
  }

  // _engineRestarted is told that the engine's worker was replaced: a
  // crash is said in red; the next run opens a new session.
  _engineRestarted(d) {
    this._program = null;
    if (d.crash && this._built) {
      this._setStatus(d.reason + ". The engine was restarted: run again.", "bad");
      this._append("system", d.reason + ". The engine was restarted.\n");
    }
  }

  // _loadInto compiles the program into the session and shows its module.
  async _loadInto(a, src) {
    if (!src) {
      this._program = null;
      src = await this._source();
    }
    const info = await a.load(this._id, src.name, src.src);
    if (info && info.error) {
      this._program = null;
      this._setStatus(info.error, "bad");
      this._clearConsole();
      this._append("system", info.error + "\n");
      this._info = null;
      this._renderModule();
      return false;
    }
    this._program = src;
    this._info = info;
    if (!this._running && !this._result) this._setStatus(info.summary, "");
    this._renderModule();
    this._updateShareLink();
    this._renderPane();
    return true;
  }

  async _updateShareLink() {
    const a = ops;
    if (!a || !this._built) return;
    const name = this._programName();
    const src = this._edited && !this._code.hidden ? this._code.value : this._program?.src;
    if (src === undefined) return;
    const r = await a.share(name, src);
    this._open.hidden = false;
    if (r.error) {
      // Say so instead of offering a link that would not reopen it.
      this._open.removeAttribute("href");
      this._open.className = "muted";
      this._open.textContent = "too large for a share link";
      this._open.title = r.error;
      return;
    }
    this._open.className = "";
    this._open.textContent = "Open in playground ↗";
    this._open.href = new URL("#" + r.fragment, base).href;
    this._open.title = "Open this program in the wasmscope playground";
  }

  // ---- running ----

  // run runs the program afresh (its _start, or the invoke attribute's
  // export) and resolves to the result.
  async run(invoke) {
    if (this._running) return null;
    this._running = true;
    this._runBtn.disabled = true;
    this._stopBtn.disabled = false;
    try {
      this._setStatus("loading the runtime…", "");
      const a = await this._prepare();
      if (!this._program) return null;
      this._clearConsole();
      this._traceKept = 0;
      this._setStatus("running…", "");
      const t0 = performance.now();
      const opts = {
        trace: this.getAttribute("trace") !== "off",
        invoke: typeof invoke === "string" ? invoke : this.getAttribute("invoke") || undefined,
      };
      if (this.hasAttribute("args")) opts.args = this.getAttribute("args");
      if (this.hasAttribute("env")) opts.env = this.getAttribute("env").replace(/;\s*/g, "\n");
      if (this.hasAttribute("stdin")) opts.stdin = this.getAttribute("stdin").replace(/\\n/g, "\n");
      const res = await a.run(this._id, opts, (kind, detail) => this._event(kind, detail));
      this._result = res;
      this._showResult(res, performance.now() - t0);
      this._traceKept = res.traceKept || 0;
      this._memAddr = await this._firstWrite();
      this._renderPane();
      this.dispatchEvent(new CustomEvent("wasmscope-done", { detail: res, bubbles: true, composed: true }));
      return res;
    } catch (err) {
      this._setStatus(err.message, "bad");
      return null;
    } finally {
      this._running = false;
      this._runBtn.disabled = false;
      this._stopBtn.disabled = true;
      this._setWaiting(false);
    }
  }

  stop() {
    if (this._id && this._running) ops.engine.stop("stop", [this._id]);
  }

  _event(kind, detail) {
    if (kind === "output") {
      this._append(detail.stream, detail.text);
      this.dispatchEvent(new CustomEvent("wasmscope-output", { detail, bubbles: true, composed: true }));
    } else if (kind === "waiting") {
      this._setWaiting(detail.waiting);
    }
  }

  _setWaiting(w) {
    this._waiting = w;
    this._stdinForm.hidden = !(w && this._current === "output");
    if (w) this._setStatus("waiting for input on stdin", "");
  }

  _sendStdin(e) {
    e.preventDefault();
    if (!this._id) return;
    ops.stdin(this._id, this._stdinInput.value + "\n");
    this._stdinInput.value = "";
  }

  _eof() {
    if (this._id) ops.eof(this._id);
  }

  _clearConsole() {
    this._console.replaceChildren();
    this._consoleSize = 0;
  }

  // _append adds console text, keeping the last CONSOLE_CAP characters so
  // a program that floods its output cannot grow the host page without
  // bound.
  _append(stream, text) {
    const last = this._console.lastElementChild;
    if (last && last.className === stream) last.textContent += text;
    else this._console.append(h("span", { class: stream, text }));
    this._consoleSize = (this._consoleSize || 0) + text.length;
    while (this._consoleSize > CONSOLE_CAP && this._console.firstElementChild) {
      const first = this._console.firstElementChild;
      const over = this._consoleSize - CONSOLE_CAP;
      if (first.textContent.length <= over) {
        this._consoleSize -= first.textContent.length;
        first.remove();
      } else {
        first.textContent = first.textContent.slice(over);
        this._consoleSize -= over;
      }
    }
    const pane = this._panes.output;
    pane.scrollTop = pane.scrollHeight; // the pane's own box, never the page
  }

  _showResult(res, ms) {
    const took = ` · ${ms < 1000 ? Math.round(ms) + " ms" : (ms / 1000).toFixed(2) + " s"}`;
    switch (res.outcome) {
      case "returned":
        this._setStatus(res.exitCode === null ? `${res.what} → ${res.values.join(", ") || "(no results)"}${took}` : `exit status 0${took}`, "good");
        break;
      case "exited":
        this._setStatus(`exit status ${res.exitCode}${took}`, res.exitCode === 0 ? "good" : "bad");
        break;
      case "trapped":
        this._setStatus(`trap: ${res.trap.split("\n")[0]}`, "bad");
        break;
      case "stopped":
        this._setStatus("stopped", "");
        break;
      case "ready":
        // A reactor: initialized (_initialize ran), nothing invoked.
        this._setStatus(`initialized: nothing to run without invoke${took}`, "good");
        break;
      default:
        this._setStatus(res.error || "the run failed", "bad");
        if (res.error && !this._console.textContent.includes(res.error)) this._append("system", `error: ${res.error}\n`);
    }
  }

  _setStatus(text, kind) {
    this._status.textContent = text;
    this._status.title = text;
    this._status.className = "status " + kind;
  }

  // ---- panes ----

  _renderPane() {
    if (this._current === "trace") this._renderTrace();
    else if (this._current === "memory") this._renderMemory();
  }

  async _renderTrace() {
    const a = ops;
    if (!a || !this._id || !this._result) return;
    const t = await a.trace(this._id, 0, 0);
    this._traceKept = t.kept;
    if (this.getAttribute("trace") === "off") this._traceInfo.textContent = "The trace is off for this example (trace=\"off\").";
    else if (t.total > t.kept) this._traceInfo.textContent = `${t.kept} instructions kept of ${t.total} executed (the most recent)`;
    else this._traceInfo.textContent = `${t.kept} trace entries`;
    this._traceSpacer.style.height = `${t.kept * ROW_PX}px`;
    this._renderTraceRows();
  }

  async _renderTraceRows() {
    const a = ops;
    if (!a || !this._id || !this._result) return;
    const pane = this._panes.trace;
    const top = Math.max(0, pane.scrollTop - this._traceInfo.offsetHeight);
    const first = Math.floor(top / ROW_PX);
    const count = Math.ceil(pane.clientHeight / ROW_PX) + 2;
    const lines = (await a.trace(this._id, first, count)).lines || [];
    this._traceRows.style.transform = `translateY(${first * ROW_PX}px)`;
    this._traceRows.replaceChildren(...lines.map((l) => h("div", { class: "line", text: l })));
  }

  async _firstWrite() {
    const a = ops;
    const d = a && this._id ? await a.hexdump(this._id, this._memIdx, 0, 0) : null;
    if (!d || d.error || !d.written || d.written.length === 0) return 0;
    // Start at the first written row, unless it is near enough to the
    // start of memory that address 0 stays in view with it.
    const row = d.written[0][0] - (d.written[0][0] % 16);
    return row < (HEX_ROWS / 2) * 16 ? 0 : row;
  }

  _memGo(e) {
    e.preventDefault();
    const v = this._memInput.value.trim();
    const n = /^0x[0-9a-f]+$/i.test(v) ? parseInt(v, 16) : /^\d+$/.test(v) ? parseInt(v, 10) : NaN;
    if (Number.isNaN(n)) {
      this._memInfo.textContent = `${JSON.stringify(v)} is not an address: write 0x10 or 16`;
      return;
    }
    this._memAddr = n - (n % 16);
    this._renderMemory();
  }

  _memPage(dir) {
    this._memAddr = Math.max(0, this._memAddr + dir * HEX_ROWS * 16);
    this._renderMemory();
  }

  async _renderMemory() {
    const a = ops;
    if (!a || !this._id) return;
    if (this._memIdx >= (this._info?.memories || 1)) this._memIdx = 0;
    const d = await a.hexdump(this._id, this._memIdx, this._memAddr, HEX_ROWS);
    this._renderMemSelect(d && !d.error ? d.memories : 0);
    if (!d || d.error || d.memories === 0) {
      let why = "Loads with the runtime.";
      if (this._info && this._info.memories === 0) why = "This module has no memory.";
      else if (this._info) why = "Run the program to see its memory (data segments included).";
      this._hex.replaceChildren(h("span", { class: "muted" }, why));
      this._memInfo.textContent = "";
      return;
    }
    if (this._memAddr >= d.size) {
      this._memAddr = 0;
      return this._renderMemory();
    }
    this._memInput.value = "0x" + this._memAddr.toString(16);
    const rows = d.rows.map((r) => {
      const row = h("div", { class: "row", "data-addr": String(r.addr) }, h("span", { class: "a" }, hex(r.addr, 8)), "  ");
      let ascii = "";
      for (let i = 0; i < 16; i++) {
        if (i === 8) row.append(" ");
        if (i >= r.bytes.length) {
          row.append("   ");
          continue;
        }
        const b = r.bytes[i];
        const text = hex(b, 2);
        if (r.written & (1 << i)) row.append(h("mark", { title: `0x${hex(r.addr + i, 0)} written by the run` }, text));
        else if (b === 0) row.append(h("span", { class: "z" }, text));
        else row.append(text);
        row.append(" ");
        ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".";
      }
      row.append(" |" + ascii + "|");
      return row;
    });
    this._hex.replaceChildren(...rows);
    const pages = d.size / 65536;
    const w = (d.written || []).reduce((n, [s, e]) => n + (e - s), 0);
    this._memInfo.textContent = `${pages} page${pages === 1 ? "" : "s"}` + (w ? ` · ${w} byte${w === 1 ? "" : "s"} written by the run, marked` : this._result ? "" : " · before the run: data segments");
  }

  // _renderMemSelect offers the module's memories when it has several.
  _renderMemSelect(n) {
    this._memSelect.hidden = n < 2;
    if (this._memSelect.options.length === n) return;
    this._memSelect.replaceChildren(...Array.from({ length: n }, (_, i) => h("option", { value: String(i) }, `memory ${i}`)));
    this._memSelect.value = String(this._memIdx);
  }

  _renderModule() {
    const info = this._info;
    if (!info) {
      this._callForm.hidden = true;
      this._moduleInfo.replaceChildren(h("span", { class: "muted" }, "The module did not load."));
      return;
    }
    const funcs = (info.exports || []).filter((e) => e.kind === "func");
    this._callSelect.replaceChildren(...funcs.map((e) => h("option", { value: e.name }, e.name)));
    this._callForm.hidden = funcs.length === 0;
    const list = (items, fmt) => (items && items.length ? h("ul", {}, ...items.map((x) => h("li", { text: fmt(x) }))) : h("p", { class: "muted", text: "none" }));
    this._moduleInfo.replaceChildren(
      h("div", { class: "muted", text: `${info.name}: ${info.format}, ${info.summary}` }),
      h("h4", { text: "Exports" }),
      list(info.exports, (e) => `${e.kind} ${e.name} ${e.type}`),
      h("h4", { text: "Imports" }),
      list(info.imports, (i) => `${i.module}.${i.name}: ${i.kind} ${i.type}`),
    );
  }

  _call(e) {
    e.preventDefault();
    const name = this._callSelect.value;
    if (name) this.run(`${name} ${this._callArgs.value}`.trim());
  }
}

// dedent removes the indentation the host page's HTML gave the snippet.
function dedent(text) {
  const lines = text.replace(/^\s*\n/, "").replace(/\s+$/, "").split("\n");
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^[ \t]*/)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join("\n") + "\n";
}

if (!customElements.get("wasm-scope")) customElements.define("wasm-scope", WasmScopeElement);

export default wasmscope;
