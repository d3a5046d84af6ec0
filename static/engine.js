// engine.js runs wasmscope's engine (main.wasm) in a dedicated Web Worker
// and is the one way the page and the <wasm-scope> element talk to it. It
// defines globalThis.WasmscopeEngine; the playground (boot.js) and
// embed.js load it as a classic script.
//
// RATIONALE: the engine in a worker leaves the page's thread to rendering,
// so a runaway loop, an output flood or a traced run cannot make the page
// late. main.wasm is compiled once per page and the WebAssembly.Module is
// posted to the worker (a Module is cloneable), so the worker never
// downloads or compiles it again. The worker is started from a tiny blob
// that importScripts() worker.js, because new Worker() refuses a script of
// another origin and embeds are meant to load from another site. Stdin
// needs no SharedArrayBuffer: the Go runtime in the worker blocks a
// goroutine on a channel and returns to its event loop, where the next
// message ("stdin") arrives. Stop asks the engine; when the worker has not
// answered within stopGraceMs (a host call that does not return, a Go
// runtime that is stuck), it is terminated and started afresh. A worker
// that dies (a Go fatal error such as running out of memory, a panic) is
// detected by its exit message or its error event; the engine says so and
// starts a new worker, so the next run works.

/**
 * The message protocol between the page (this file) and the worker
 * (worker.js, which dispatches to the Go side: web/api.go for element
 * sessions, web/engine.go for the playground). Written down once here.
 *
 * Page → worker:
 * @typedef {{t: "init", module: WebAssembly.Module, execURL: string}} InitMsg
 *   The compiled main.wasm and where wasm_exec.js is; sent once per worker.
 * @typedef {{t: "call", id: number, op: string, args: any[]}} CallMsg
 *   Calls wasmscopeAPI[op](...args, onEvent) in the worker; onEvent(kind,
 *   detail) becomes EventMsg with the same id. Ops: see web/api.go (open,
 *   close, load, run, stop, stdin, eof, trace, memory, hexdump, files,
 *   readFile, share, unshare) and web/engine.go (the "pg.*" ops of the
 *   playground's session, whose answers and details are JSON text of the
 *   Go types named there). The debugger's ops: pg.step, pg.stepOver,
 *   pg.stepOut, pg.runTo (pgRunArgs with offset), pg.funcSource(index)
 *   and pg.debug(JSON pgDebugReq: break, toggle, watch, delete,
 *   lastWrite, back, goto).
 * @typedef {{op: "break"|"toggle"|"watch"|"delete"|"lastWrite"|"back"|"goto",
 *   name?: string, offset?: number, count?: number, addr?: number,
 *   len?: number, id?: number, how?: "step"|"over"|"out"|"continue"}} PgDebugReq
 *
 * Worker → page:
 * @typedef {{t: "ready"}} ReadyMsg
 *   The Go runtime is up and the API registered.
 * @typedef {{t: "reply", id: number, value?: any, error?: string}} ReplyMsg
 *   The answer to CallMsg id (a Promise's value once it settles).
 * @typedef {{t: "event", id: number, kind: string, detail: any}} EventMsg
 *   An event of call id's run ("output" {stream, text}, "waiting"
 *   {waiting}, "done" result), or with id 0 an event of a UI session
 *   ("pg:ID", ID the session's from "pg.open": JSON text of web's
 *   pgUpdate).
 * @typedef {{t: "exit", code: number, log: string}} ExitMsg
 *   The Go runtime exited (a fatal error: log holds the last lines it
 *   wrote, which go nowhere else).
 *
 * Engine events (engine.on(kind, fn)):
 *   "restart" {reason: string, crash: boolean} — the worker was replaced;
 *   sessions opened before are gone.
 */

"use strict";

(() => {
  if (globalThis.WasmscopeEngine) return;

  const stopGraceMs = 250;
  const modules = new Map(); // main.wasm URL → Promise<WebAssembly.Module>

  // compile fetches and compiles main.wasm once per URL.
  function compile(url) {
    const key = String(url);
    if (!modules.has(key)) {
      const p = (async () => {
        try {
          return await WebAssembly.compileStreaming(fetch(url));
        } catch (err) {
          // A static host that sends .wasm with another type: compile the
          // bytes instead.
          const resp = await fetch(url);
          if (!resp.ok) throw new Error(`wasmscope: fetching ${url}: HTTP ${resp.status}`);
          return WebAssembly.compile(await resp.arrayBuffer());
        }
      })();
      p.catch(() => modules.delete(key));
      modules.set(key, p);
    }
    return modules.get(key);
  }

  // crashText turns what the Go runtime wrote before it died into one
  // line for people: the cause, not the goroutine dump.
  function crashText(log) {
    const lines = String(log || "").split("\n").map((l) => l.trim()).filter(Boolean);
    const fatal = lines.find((l) => /^(fatal error|panic|runtime: out of memory)/.test(l));
    if (/out of memory/.test(log)) return "the engine ran out of memory (the program needed more than the browser gives it)";
    if (fatal) return "the engine failed: " + fatal;
    return lines.length ? "the engine failed: " + lines[0] : "the engine stopped unexpectedly";
  }

  class Engine {
    /** @param {string|URL} base the folder of main.wasm, worker.js, wasm_exec.js */
    constructor(base) {
      this.base = new URL(".", new URL(base, location.href));
      this.module = compile(new URL("main.wasm", this.base));
      this.next = 1;
      this.pending = new Map(); // id → {resolve, reject, onEvent}
      this.listeners = new Map();
      this.generation = 0;
      this._start();
    }

    _start() {
      const gen = ++this.generation;
      const workerURL = new URL("worker.js", this.base).href;
      const blob = new Blob([`importScripts(${JSON.stringify(workerURL)});`], { type: "text/javascript" });
      const blobURL = URL.createObjectURL(blob);
      const w = new Worker(blobURL);
      URL.revokeObjectURL(blobURL);
      this.worker = w;
      this.ready = new Promise((resolve, reject) => {
        this._ready = resolve;
        this._notReady = reject;
      });
      this.ready.catch(() => {});
      w.onmessage = (e) => {
        if (gen === this.generation) this._message(e.data);
      };
      w.onerror = (e) => {
        e.preventDefault(); // said in the page instead of the console
        if (gen === this.generation) this.restart(crashText(e.message), true);
      };
      this.module.then(
        (module) => w.postMessage({ t: "init", module, execURL: new URL("wasm_exec.js", this.base).href }),
        (err) => this._notReady(err),
      );
    }

    _message(m) {
      switch (m.t) {
        case "ready":
          this._ready();
          break;
        case "reply": {
          const p = this.pending.get(m.id);
          if (!p) return;
          this.pending.delete(m.id);
          if (m.error !== undefined) p.reject(new Error(m.error));
          else p.resolve(m.value);
          break;
        }
        case "event": {
          if (m.id === 0) this._emit(m.kind, m.detail);
          else this.pending.get(m.id)?.onEvent?.(m.kind, m.detail);
          break;
        }
        case "exit":
          this.restart(crashText(m.log), true);
          break;
      }
    }

    _emit(kind, detail) {
      for (const fn of this.listeners.get(kind) || []) {
        try {
          fn(detail);
        } catch (err) {
          setTimeout(() => {
            throw err;
          });
        }
      }
    }

    /** on listens to engine events: "restart", or the worker's id-0 events ("pg:ID"). */
    on(kind, fn) {
      if (!this.listeners.has(kind)) this.listeners.set(kind, []);
      this.listeners.get(kind).push(fn);
    }

    /** off stops fn listening to kind. */
    off(kind, fn) {
      const l = (this.listeners.get(kind) || []).filter((f) => f !== fn);
      if (l.length) this.listeners.set(kind, l);
      else this.listeners.delete(kind);
    }

    /**
     * call runs op in the worker and resolves to its answer.
     * @param {string} op
     * @param {any[]} args
     * @param {(kind: string, detail: any) => void} [onEvent]
     * @returns {Promise<any>}
     */
    async call(op, args = [], onEvent) {
      await this.ready;
      const id = this.next++;
      return new Promise((resolve, reject) => {
        this.pending.set(id, { resolve, reject, onEvent });
        this.worker.postMessage({ t: "call", id, op, args });
      });
    }

    /**
     * stop asks the engine to stop (op with args) and, when it has not
     * answered within 250 ms, terminates the worker and starts a new one.
     * Resolves to true when the engine stopped the run itself.
     */
    async stop(op, args = []) {
      let timer;
      const late = new Promise((resolve) => (timer = setTimeout(() => resolve("late"), stopGraceMs)));
      const asked = this.call(op, args).then(() => "stopped", () => "stopped");
      const how = await Promise.race([asked, late]);
      clearTimeout(timer);
      if (how === "late") {
        this.restart(`the engine did not stop within ${stopGraceMs} ms and was restarted`, false);
        return false;
      }
      return true;
    }

    /** restart replaces the worker; what it held is gone. */
    restart(reason, crash) {
      this.worker.terminate();
      const err = new Error(reason);
      err.restarted = true;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      this._start();
      this._emit("restart", { reason, crash });
    }
  }

  globalThis.WasmscopeEngine = Engine;
})();
