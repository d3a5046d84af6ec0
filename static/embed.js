// embed.js turns WebAssembly snippets on any page into runnable, traceable
// examples. Include it once:
//
//   <script type="module" src="https://…/wasmscope/embed.js"></script>
//   <wasm-scope src="hello.wasm"></wasm-scope>
//   <wasm-scope invoke="add 1 2"><script type="text/wat">(module …)</script></wasm-scope>
//
// Attributes of <wasm-scope> (each also a property: el.src, el.args, …;
// readonly, autorun are booleans), read again whenever they change:
//   src       URL of a .wasm or .wat file (else the WAT inside the element);
//             a new src loads (and, with autorun, runs) the new program
//   name      the program's file name (default: from src, or "snippet.wat")
//   panes     which result panes to show, in order: "output debug memory
//             trace files module" (default "output trace memory module")
//   args      command-line arguments, split like a shell ("a 'b c'")
//   env       environment, "KEY=value" entries separated by ";" or new lines
//   stdin     text given to standard input, then end of input ("\n": a new line)
//   invoke    an export to call instead of _start, with arguments: "add 1 2"
//   autorun   run as soon as the element is visible
//   height    the height of the result panes (any CSS length)
//   trace     "off" to run without recording the instruction trace
//   readonly  the WAT cannot be edited
//
// Methods: el.run() (resolves to the result), el.stop(),
// el.setProgram(textOrBytes, name). Events (bubbling, composed):
// "wasmscope-ready" once the element's UI is mounted, "wasmscope-output"
// ({stream, text}) and "wasmscope-done" (the result: {what, outcome,
// exitCode, trap, error, values}).
//
// The element is themed with CSS custom properties set on it or an
// ancestor: --wasmscope-bg, --wasmscope-fg, --wasmscope-muted,
// --wasmscope-border, --wasmscope-accent, --wasmscope-accent-fg,
// --wasmscope-highlight, --wasmscope-error, --wasmscope-font,
// --wasmscope-mono, --wasmscope-radius, --wasmscope-height; its parts
// "box" and "code" (the program text) take ::part() rules.
//
// Scripting: wasmscope.run(bytesOrText, {args, env, stdin, files, trace,
// invoke}) resolves to {stdout, stderr, exitCode, outcome, trap, values,
// refused, trace, memory, files} (refused: what growth of memory the
// store's budget refused, which the program saw as memory.grow = -1),
// with the whole stdout and stderr up to
// RUN_OUTPUT_LIMIT (16 MiB; beyond, the most recent 16 MiB); wasmscope is
// an EventTarget that fires "output" and "done" for its runs.
//
// RATIONALE: this file is only a loader and the custom element's shell.
// The element's UI is the playground's own (the Go side of main.wasm,
// web/mount.go): the same panes, mounted into the element's shadow root
// with a session of its own. main.wasm is large, so it is fetched once per
// page, and only when an element first becomes visible or something is
// run; compiled once, it runs in one Web Worker (engine.js), where every
// element has its own session (its own VM instance and in-memory
// filesystem), and once on the page's thread for the UIs. Until then an
// element shows its name and its WAT. Shadow DOM keeps the host page's
// CSS out and the element's in. Nothing here needs special headers or
// SharedArrayBuffer, so plain static hosting is enough.

const base = new URL(".", import.meta.url);

// RUN_OUTPUT_LIMIT is how much stdout and stderr wasmscope.run keeps for
// its result (all of it up to this size; beyond, the most recent).
const RUN_OUTPUT_LIMIT = 16 << 20;

let runtime = null;

// The engine's operations as wasmscope.run calls them: each resolves to
// the worker's answer (engine.js has the protocol). run takes the event
// callback as its last argument.
const OPS = ["open", "close", "load", "stop", "stdin", "eof", "trace", "memory", "hexdump", "files", "readFile", "share", "unshare", "crash"];

// loadRuntime starts the engine's worker once (engine.js, which fetches
// and compiles main.wasm), resolving to its operations.
function loadRuntime() {
  if (runtime) return runtime;
  runtime = (async () => {
    if (typeof globalThis.WasmscopeEngine !== "function") await loadScript(new URL("engine.js", base));
    const engine = new globalThis.WasmscopeEngine(base);
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

let ui = null;

// loadUI starts the UI side once: the bundle of the page's libraries
// (ui.js), Go's wasm_exec.js, and main.wasm (the module the engine
// compiled) run on the page's thread, where web/mount.go defines
// WasmscopeUI.mount.
function loadUI() {
  if (ui) return ui;
  ui = (async () => {
    const a = await loadRuntime();
    if (!globalThis.WasmscopeUI) await loadScript(new URL("ui.js", base));
    if (typeof globalThis.Go !== "function") await loadScript(new URL("wasm_exec.js", base));
    const mounted = new Promise((resolve) => (globalThis.wasmscopeMountReady = resolve));
    globalThis.wasmscopeEmbed = true;
    const go = new globalThis.Go();
    const instance = await WebAssembly.instantiate(await a.engine.module, go.importObject);
    go.run(instance);
    await mounted;
    return a;
  })();
  ui.catch(() => {
    ui = null;
  });
  return ui;
}

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
  return loadRuntime();
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

// ---- the element: a shell around the Go UI ------------------------------

const DEFAULT_PANES = "output trace memory module";

// Attributes and the properties that reflect them.
const STRING_ATTRS = ["src", "name", "panes", "args", "env", "stdin", "invoke", "height", "trace"];
const BOOL_ATTRS = ["readonly", "autorun"];

const visible = new IntersectionObserver(
  (entries) => {
    for (const e of entries) {
      if (e.isIntersecting) {
        visible.unobserve(e.target);
        e.target._mount();
      }
    }
  },
  { rootMargin: "200px" },
);

// The shell's look until the UI is mounted: the program's name and text.
const previewCSS = `
:host { display: block; margin: 1em 0; color: var(--wasmscope-fg, inherit); font: 14px/1.45 var(--wasmscope-font, system-ui, sans-serif); text-align: left; }
:host([hidden]) { display: none; }
.box { border: 1px solid var(--wasmscope-border, #d9dde5); border-radius: var(--wasmscope-radius, 6px); background: var(--wasmscope-bg, transparent); }
.bar { padding: 6px 8px; border-bottom: 1px solid var(--wasmscope-border, #d9dde5); display: flex; gap: 12px; }
.name { font: 600 12.5px var(--wasmscope-mono, ui-monospace, monospace); }
.muted { color: var(--wasmscope-muted, #667085); font-size: 12.5px; }
pre { margin: 0; padding: 8px 10px; font: 12.5px/1.5 var(--wasmscope-mono, ui-monospace, monospace); overflow: auto; max-height: 24em; }
`;

class WasmScopeElement extends HTMLElement {
  static get observedAttributes() {
    return [...STRING_ATTRS, ...BOOL_ATTRS];
  }

  constructor() {
    super();
    this._root = this.attachShadow({ mode: "open" });
    this._handle = null; // the mounted UI (web/mount.go)
    this._mounting = null;
    this._given = null; // {name, src} from setProgram
  }

  connectedCallback() {
    if (document.readyState === "loading" && !this.hasAttribute("src") && !this.textContent.trim()) {
      // Upgraded while the parser is still inside the element: its WAT
      // is not there yet.
      document.addEventListener("DOMContentLoaded", () => this.connectedCallback(), { once: true });
      return;
    }
    this._applyHeight();
    if (!this._handle) this._preview();
    visible.observe(this);
  }

  disconnectedCallback() {
    visible.unobserve(this);
    if (this._handle) {
      this._handle.unmount();
      this._handle = null;
      this._mounting = null;
    }
  }

  attributeChangedCallback(name, old, now) {
    if (old === now) return;
    if (name === "height") this._applyHeight();
    if (!this._handle) {
      if (name === "src" || name === "name") {
        this._given = null;
        if (this.isConnected) this._preview();
      }
      return;
    }
    this._handle.configure(this._config());
    if (name === "src" || name === "name") {
      if (name === "src") this._given = null;
      this._loadProgram()
        .then(() => this.hasAttribute("autorun") && this._handle?.run())
        .catch((err) => this._fail(err));
    }
  }

  // ---- properties ----

  // run runs the program (its _start, or the invoke attribute's export)
  // and resolves to the result, as "wasmscope-done" tells it.
  async run() {
    await this._mount();
    const done = new Promise((resolve) => this.addEventListener("wasmscope-done", (e) => resolve(e.detail), { once: true }));
    this._handle.run();
    return done;
  }

  stop() {
    this._handle?.stop();
  }

  // setProgram replaces the element's program: WAT text or module bytes.
  setProgram(program, name) {
    const src = asProgram(program);
    this._given = { name: name || (typeof src === "string" ? "snippet.wat" : "module.wasm"), src };
    if (this._handle) {
      this._handle.configure(this._config());
      this._loadProgram().catch((err) => this._fail(err));
    } else if (this.isConnected) {
      this._preview();
    }
  }

  // ---- the program ----

  _programName() {
    if (this.getAttribute("name")) return this.getAttribute("name");
    if (this._given) return this._given.name;
    const src = this.getAttribute("src");
    if (src) return decodeURIComponent(new URL(src, document.baseURI).pathname.split("/").pop() || "module.wasm");
    return "snippet.wat";
  }

  _inlineWat() {
    const s = this.querySelector('script[type="text/wat"], template, textarea');
    const text = s ? (s.tagName === "TEMPLATE" ? s.innerHTML : s.textContent) : this.textContent;
    return dedent(text);
  }

  // _source resolves to the program as the attributes say now: given
  // with setProgram, fetched from src, or the WAT inside the element.
  async _source() {
    if (this._given) return this._given.src;
    const src = this.getAttribute("src");
    if (!src) return this._inlineWat();
    const resp = await fetch(new URL(src, document.baseURI));
    if (!resp.ok) throw new Error(`${src}: HTTP ${resp.status}`);
    return asProgram(new Uint8Array(await resp.arrayBuffer()));
  }

  async _loadProgram() {
    const src = await this._source();
    this._handle?.load(this._programName(), src);
  }

  _config() {
    const c = { name: this._programName(), trace: this.getAttribute("trace") !== "off", readonly: this.hasAttribute("readonly") };
    c.panes = this.getAttribute("panes") ?? DEFAULT_PANES;
    for (const k of ["args", "env", "stdin", "invoke"]) if (this.hasAttribute(k)) c[k] = this.getAttribute(k);
    return c;
  }

  // ---- the shell ----

  _applyHeight() {
    const h = this.getAttribute("height");
    if (h) this.style.setProperty("--wasmscope-height", h);
    else this.style.removeProperty("--wasmscope-height");
  }

  // _preview shows the name and the WAT until the UI is mounted.
  _preview() {
    const box = el("div", "box");
    box.setAttribute("part", "box");
    const bar = el("div", "bar");
    bar.append(el("span", "name", this._programName()));
    const src = this._given ? this._given.src : this.getAttribute("src") ? null : this._inlineWat();
    if (typeof src === "string") {
      const pre = el("pre", "code", src);
      pre.setAttribute("part", "code");
      pre.setAttribute("aria-label", `WAT source of ${this._programName()}`);
      box.append(bar, pre);
    } else {
      bar.append(el("span", "muted", src ? "binary module: loads when shown or run" : "loads when shown or run"));
      box.append(bar);
    }
    const style = document.createElement("style");
    style.textContent = previewCSS;
    this._root.replaceChildren(style, box);
  }

  // _mount loads the runtime (once per page) and mounts the UI into the
  // shadow root; then loads the program and, with autorun, runs it.
  _mount() {
    if (this._mounting) return this._mounting;
    visible.unobserve(this);
    this._mounting = (async () => {
      const a = await loadUI();
      this._handle = globalThis.WasmscopeUI.mount(this._root, this, {
        engine: a.engine,
        styleURL: new URL("style.css", base).href,
        playgroundURL: base.href,
        panes: this.getAttribute("panes") ?? DEFAULT_PANES,
      });
      this._handle.configure(this._config());
      this.dispatchEvent(new CustomEvent("wasmscope-ready", { bubbles: true, composed: true }));
      await this._loadProgram();
    })();
    this._mounting.then(
      () => this.hasAttribute("autorun") && this._handle.run(),
      (err) => this._fail(err),
    );
    return this._mounting;
  }

  _fail(err) {
    const status = this._root.getElementById("status");
    if (status) {
      status.textContent = err.message;
      status.className = "status bad";
    } else {
      this._root.append(el("p", "muted", `wasmscope: ${err.message}`));
    }
  }
}

for (const k of STRING_ATTRS) {
  Object.defineProperty(WasmScopeElement.prototype, k, {
    get() {
      return this.getAttribute(k);
    },
    set(v) {
      if (v === null || v === undefined) this.removeAttribute(k);
      else this.setAttribute(k, String(v));
    },
  });
}
for (const k of BOOL_ATTRS) {
  Object.defineProperty(WasmScopeElement.prototype, k, {
    get() {
      return this.hasAttribute(k);
    },
    set(v) {
      this.toggleAttribute(k, !!v);
    },
  });
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
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
