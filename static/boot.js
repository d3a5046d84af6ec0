// boot.js starts the Go runtime (main.wasm) of the playground page. The Go
// side finds the page's elements by id and takes over; until then the
// status line says the runtime is loading, and a failure to load says why.
"use strict";
(async () => {
  const status = document.getElementById("status");
  try {
    const go = new Go();
    const { instance } = await WebAssembly.instantiateStreaming(fetch("main.wasm"), go.importObject);
    go.run(instance).then(() => {
      status.textContent = "the runtime exited; reload the page";
    });
  } catch (err) {
    status.textContent = "could not load main.wasm: " + err;
    status.classList.add("bad");
  }
})();
