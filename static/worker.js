// worker.js is the engine's Web Worker: it starts main.wasm (the module
// the page compiled, posted in the "init" message) and dispatches the
// page's calls to the Go side's wasmscopeAPI. The protocol is written down
// in engine.js.
//
// RATIONALE: Go's js/wasm runtime writes its own messages (a fatal error,
// a panic's goroutine dump) through globalThis.fs.writeSync, which
// wasm_exec.js points at the console when fs is not defined. It is defined
// here first, so those lines are kept and sent to the page with the exit
// message instead of filling the console; the page says in one line what
// happened.
"use strict";

let goLog = "";
const decoder = new TextDecoder("utf-8");
const enosys = () => Object.assign(new Error("not implemented"), { code: "ENOSYS" });

globalThis.fs = new Proxy(
  {
    constants: { O_WRONLY: -1, O_RDWR: -1, O_CREAT: -1, O_TRUNC: -1, O_APPEND: -1, O_EXCL: -1, O_DIRECTORY: -1 },
    writeSync(fd, buf) {
      goLog = (goLog + decoder.decode(buf)).slice(-16384);
      return buf.length;
    },
    write(fd, buf, offset, length, position, callback) {
      if (offset !== 0 || length !== buf.length || position !== null) {
        callback(enosys());
        return;
      }
      callback(null, this.writeSync(fd, buf));
    },
  },
  {
    // Every other file operation fails as wasm_exec.js's own stub does.
    get(target, key) {
      if (key in target) return target[key];
      return (...args) => {
        const cb = args[args.length - 1];
        if (typeof cb === "function") cb(enosys());
      };
    },
  },
);

const queue = [];
let api = null;

function post(m) {
  postMessage(m);
}

// wasmscopeEmit sends an event not tied to a call (id 0): the playground
// session's updates.
globalThis.wasmscopeEmit = (kind, detail) => post({ t: "event", id: 0, kind, detail });
globalThis.wasmscopeWorker = true;

async function dispatch(m) {
  const fn = api[m.op];
  if (typeof fn !== "function") {
    post({ t: "reply", id: m.id, error: `wasmscope engine: no operation ${JSON.stringify(m.op)}` });
    return;
  }
  const onEvent = (kind, detail) => post({ t: "event", id: m.id, kind, detail });
  try {
    const value = await fn(...(m.args || []), onEvent);
    post({ t: "reply", id: m.id, value });
  } catch (err) {
    post({ t: "reply", id: m.id, error: String(err && err.message ? err.message : err) });
  }
}

onmessage = async (e) => {
  const m = e.data;
  if (m.t === "init") {
    importScripts(m.execURL);
    const go = new Go();
    let code = 0;
    go.exit = (c) => {
      code = c;
    };
    const ready = new Promise((resolve) => (globalThis.wasmscopeReady = resolve));
    const instance = await WebAssembly.instantiate(m.module, go.importObject);
    go.run(instance).then(() => post({ t: "exit", code, log: goLog }));
    await ready;
    api = globalThis.wasmscopeAPI;
    post({ t: "ready" });
    for (const q of queue.splice(0)) dispatch(q);
    return;
  }
  if (m.t === "call") {
    if (api) dispatch(m);
    else queue.push(m);
  }
};
