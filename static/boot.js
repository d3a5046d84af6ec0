// boot.js starts the playground: the engine's worker (engine.js) and, on
// this page, the Go side of the page (the same main.wasm, compiled once)
// that finds the page's elements by id and renders. Until then the status
// line says the runtime is loading, and a failure to load says why.
"use strict";
(async () => {
  const status = document.getElementById("status");
  try {
    const engine = new WasmscopeEngine(new URL(".", location.href));
    globalThis.wasmscopeEngine = engine;
    const go = new Go();
    const instance = await WebAssembly.instantiate(await engine.module, go.importObject);
    go.run(instance).then(() => {
      status.textContent = "the page's runtime exited; reload the page";
      status.classList.add("bad");
    });
  } catch (err) {
    status.textContent = "could not load main.wasm: " + err;
    status.classList.add("bad");
  }
})();
