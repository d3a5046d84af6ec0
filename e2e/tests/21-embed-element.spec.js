// Issue 6: the <wasm-scope> element and the wasmscope JS API on a host
// page of their own: attributes, several elements side by side on one
// runtime (isolated, none blocking the others), the scripting API and its
// events, stdin typed into an element, and keyboard use without focus
// stealing or scrolling the host page.
const { test, expect } = require("@playwright/test");
const { expectConsole } = require("./helpers");

// host serves html as a page of the site (so embed.js loads relative to
// it, as on a tutorial site) and opens it, counting main.wasm downloads.
async function host(page, path, html) {
  const downloads = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.endsWith("/main.wasm")) downloads.push(r.url());
  });
  await page.route(`**/${path}`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><meta charset="utf-8"><title>host</title>
        <script type="module" src="embed.js"></script>
        <style>body { font-family: serif; max-width: 50rem; margin: 1rem auto; } button { color: red !important; } pre { display: none; }</style>
        <body>${html}</body></html>`,
    }),
  );
  await page.goto("/" + path);
  return downloads;
}

function scope(page, name) {
  return page.locator("wasm-scope", { has: page.locator(`.name:text-is("${name}")`) });
}

const spin = `(module (func (export "_start") (loop $forever br $forever)))`;
const store = `(module (memory (export "memory") 1)
  (func (export "put") (param i32 i32) (i32.store8 (local.get 0) (local.get 1))))`;

test("two elements share one main.wasm, run side by side, and keep their own instances", async ({ page }, testInfo) => {
  const downloads = await host(
    page,
    "two.html",
    `<wasm-scope name="spin.wat" panes="output"><script type="text/wat">${spin}</script></wasm-scope>
     <wasm-scope name="a.wat" invoke="put 5 170" panes="memory output"><script type="text/wat">${store}</script></wasm-scope>
     <wasm-scope name="b.wat" invoke="put 6 187" panes="memory output"><script type="text/wat">${store}</script></wasm-scope>`,
  );
  const spinner = scope(page, "spin.wat");
  const a = scope(page, "a.wat");
  const b = scope(page, "b.wat");
  await expect(a.locator(".status")).toContainText("1 function");

  // A runaway loop in one element leaves the others usable.
  await spinner.getByRole("button", { name: "Run spin.wat" }).click();
  await expect(spinner.locator(".status")).toContainText("running");
  await a.getByRole("button", { name: "Run a.wat" }).click();
  await expect(a.locator(".status")).toContainText("put(5, 170)");
  await b.getByRole("button", { name: "Run b.wat" }).click();
  await expect(b.locator(".status")).toContainText("put(6, 187)");
  await expect(spinner.locator(".status")).toContainText("running");
  await page.screenshot({ path: testInfo.outputPath("side-by-side.png") });
  await spinner.getByRole("button", { name: "Stop spin.wat" }).click();
  await expect(spinner.locator(".status")).toContainText("stopped");

  // Each wrote only its own memory: same module, separate instances.
  const row = (el) => el.locator('.hex .row[data-addr="0"]');
  await expect(row(a).locator("mark")).toHaveText("aa");
  await expect(row(b).locator("mark")).toHaveText("bb");
  const bytes = async (el) => (await row(el).innerText()).trim().split(/\s+/).slice(1, 17);
  expect((await bytes(a)).slice(5, 7)).toEqual(["aa", "00"]);
  expect((await bytes(b)).slice(5, 7)).toEqual(["00", "bb"]);
  // The host page's CSS (red buttons, hidden <pre>) does not reach inside.
  await expect(a.getByRole("button", { name: "Run a.wat" })).not.toHaveCSS("color", "rgb(255, 0, 0)");
  await expect(a.locator(".hex")).toBeVisible();
  expect(downloads).toHaveLength(1);
});

test("attributes: src, args, env, stdin, panes and height", async ({ page }, testInfo) => {
  await host(
    page,
    "attrs.html",
    `<wasm-scope src="examples/cio.wasm" args="one 'two words'" env="USER=ada; LANG=C" stdin="abc\\ndef\\n" panes="output module" height="9em" autorun></wasm-scope>`,
  );
  const el = scope(page, "cio.wasm");
  await expectConsole(el, "hello from C one two words");
  await expectConsole(el, "USER=ada");
  await expectConsole(el, "read: ABC");
  await expectConsole(el, "read: DEF");
  await expectConsole(el, "2 lines written to shout.txt");
  await expect(el.locator(".status")).toContainText("exit status 0");
  // Only the panes asked for, in that order, at the height asked for.
  await expect(el.getByRole("tab")).toHaveText(["Output", "Module"]);
  const h = await el.locator(".pane.output").evaluate((p) => p.getBoundingClientRect().height);
  expect(Math.abs(h - 9 * 14)).toBeLessThan(2); // 9em of the element's 14px font
  // Too large for a link: it says so instead of offering one.
  await expect(el.getByText("too large for a share link")).toHaveAttribute("title", /too large to share/);
  await el.getByRole("tab", { name: "Module" }).click();
  await expect(el.getByRole("tabpanel")).toContainText("wasi_snapshot_preview1.fd_write");
  await expect(el.locator(".binary")).toContainText("binary module");
  await el.screenshot({ path: testInfo.outputPath("cio.png") });
});

test("stdin typed into an element while its program waits", async ({ page }) => {
  await host(page, "stdin.html", `<wasm-scope src="examples/cio.wasm" panes="output"></wasm-scope>`);
  const el = scope(page, "cio.wasm");
  await el.getByRole("button", { name: "Run cio.wasm" }).click();
  const input = el.getByRole("textbox", { name: "Standard input of cio.wasm" });
  await expect(input).toBeVisible();
  await expect(el.locator(".status")).toHaveText("waiting for input on stdin");
  await input.fill("typed here");
  await input.press("Enter");
  await expectConsole(el, "read: TYPED HERE");
  await el.getByRole("button", { name: "EOF" }).click();
  await expectConsole(el, "1 lines written to shout.txt");
  await expect(input).toBeHidden();
});

test("wasmscope.run: output, exit code, trace, memory, files, and events", async ({ page }) => {
  await host(page, "api.html", `<p>No elements here.</p>`);
  const r = await page.evaluate(async () => {
    const events = [];
    wasmscope.addEventListener("output", (e) => events.push(["output", e.detail.stream, e.detail.text]));
    wasmscope.addEventListener("done", (e) => events.push(["done", e.detail.exitCode]));
    const hello = await (await fetch("examples/hello.wat")).text();
    const run = await wasmscope.run(hello, { trace: true });
    const cio = new Uint8Array(await (await fetch("examples/cio.wasm")).arrayBuffer());
    const c = await wasmscope.run(cio, { args: ["x"], env: { USER: "grace" }, stdin: "hi\n", files: { "/data/in.txt": "given" } });
    const add = await wasmscope.run(`(module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))`, { invoke: "add 2 3" });
    const trap = await wasmscope.run(`(module (func $boom (export "_start") unreachable))`);
    let bad;
    try {
      await wasmscope.run("(module\n  (func i32.bogus))", { name: "bad.wat" });
    } catch (err) {
      bad = err.message;
    }
    let png;
    try {
      await wasmscope.run(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), { name: "photo.wasm" });
    } catch (err) {
      png = err.message;
    }
    return {
      stdout: run.stdout,
      exitCode: run.exitCode,
      fdWrite: run.trace.find((l) => l.includes("fd_write(")),
      traceLines: run.trace.length,
      mem0: run.memory[0],
      memSize: run.memory.length,
      events,
      cStdout: c.stdout,
      cFiles: c.files.map((f) => f.path),
      addValues: add.values,
      addExit: add.exitCode,
      trap: trap.trap,
      trapOutcome: trap.outcome,
      bad,
      png,
    };
  });
  expect(r.stdout).toBe("Hello, World!\n");
  expect(r.exitCode).toBe(0);
  expect(r.fdWrite).toMatch(/fd_write\(fd=1, iovs=0x10, iovs_len=1, nwritten=0x18\) → 0/);
  expect(r.traceLines).toBeGreaterThan(10);
  expect(r.mem0).toBe(0x48); // "H"
  expect(r.memSize).toBe(65536);
  expect(r.events).toContainEqual(["output", "stdout", "Hello, World!\n"]);
  expect(r.events).toContainEqual(["done", 0]);
  expect(r.cStdout).toContain("hello from C x");
  expect(r.cStdout).toContain("USER=grace");
  expect(r.cStdout).toContain("read: HI");
  expect(r.cFiles).toEqual(expect.arrayContaining(["/data/in.txt", "/shout.txt"]));
  expect(r.addValues).toEqual(["5"]);
  expect(r.addExit).toBeNull();
  expect(r.trapOutcome).toBe("trapped");
  expect(r.trap).toMatch(/unreachable/);
  expect(r.trap).toMatch(/\$boom/);
  expect(r.bad).toMatch(/bad\.wat:2:\d+/); // the text error names its line and column
  expect(r.png).toMatch(/photo\.wasm is a PNG image, not a WebAssembly module/);
});

test("keyboard: Tab reaches the controls, arrows move between panes; no focus stealing, no page scroll", async ({ page }, testInfo) => {
  await host(
    page,
    "keys.html",
    `<label>Your notes <input id="notes"></label>
     <wasm-scope name="k.wat" invoke="f" autorun><script type="text/wat">(module (memory 1) (func (export "f") (result i32) i32.const 9))</script></wasm-scope>
     <div style="height: 2000px"></div>`,
  );
  await page.focus("#notes");
  await page.keyboard.type("abc");
  const el = scope(page, "k.wat");
  // autorun ran it, while the reader kept typing where they were.
  await expect(el.locator(".status")).toContainText("f() → 9");
  await expect(page.locator("#notes")).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await page.keyboard.type("def");
  await expect(page.locator("#notes")).toHaveValue("abcdef");

  // Tab into the element: Run first, and Enter runs.
  await page.keyboard.press("Tab");
  await expect(el.getByRole("button", { name: "Run k.wat" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expectConsole(el, "f() → 9");
  // On to the tabs: arrows select the next pane, which shows.
  await el.getByRole("tab", { name: "Output" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(el.getByRole("tab", { name: "Trace" })).toBeFocused();
  await expect(el.getByRole("tab", { name: "Trace" })).toHaveAttribute("aria-selected", "true");
  await expect(el.getByRole("tabpanel")).toContainText("i32.const 9");
  await page.keyboard.press("End");
  await expect(el.getByRole("tab", { name: "Module" })).toBeFocused();
  await expect(el.getByRole("tabpanel")).toContainText("Exports");
  // Every control has a name.
  for (const b of await el.getByRole("button").all()) {
    expect((await b.getAttribute("aria-label")) || (await b.innerText())).toBeTruthy();
  }
  await page.screenshot({ path: testInfo.outputPath("keyboard.png") });
});

test("an edit that does not parse says where, and the fixed text runs", async ({ page }) => {
  await host(page, "edit.html", `<wasm-scope name="e.wat" invoke="f"><script type="text/wat">(module (func (export "f") (result i32) i32.const 1))</script></wasm-scope>`);
  const el = scope(page, "e.wat");
  const code = el.getByRole("textbox", { name: "WAT source of e.wat" });
  await expect(el.locator(".status")).toContainText("loaded e.wat");
  await code.fill('(module\n  (func (export "f") (result i32)\n    i32.const 1\n    i32.bogus))');
  await code.press("Control+Enter");
  await expect(el.locator(".status")).toContainText(/e\.wat:4:5/);
  await expect(el.getByRole("alert")).toContainText("i32.bogus");
  await code.fill('(module (func (export "f") (result i32) i32.const 2))');
  await el.getByRole("button", { name: "Run e.wat" }).click();
  await expect(el.locator(".status")).toContainText("f() → 2");
});

test("a module with two memories: the Memory pane offers both", async ({ page }) => {
  await host(
    page,
    "mems.html",
    `<wasm-scope name="m.wat" invoke="f" panes="memory"><script type="text/wat">(module (memory $a 1) (memory $b 1)
      (func (export "f") (i32.store8 $b (i32.const 3) (i32.const 0x77))))</script></wasm-scope>`,
  );
  const el = scope(page, "m.wat");
  await el.getByRole("button", { name: "Run m.wat" }).click();
  await expect(el.locator(".status")).toContainText("f()");
  const which = el.getByRole("combobox", { name: "Memory of m.wat to show" });
  await expect(which).toBeVisible();
  await expect(el.locator('.hex .row[data-addr="0"] mark')).toHaveCount(0);
  await which.selectOption("1");
  await expect(el.locator('.hex .row[data-addr="0"] mark')).toHaveText("77");
});
