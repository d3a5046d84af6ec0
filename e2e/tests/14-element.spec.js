// Issue 12, item 9: the element reacts to attribute changes, shows memory
// before the first run, and names its controls without glyphs.
const { test, expect } = require("@playwright/test");
const { expectConsole } = require("./helpers");

async function host(page, path, html) {
  await page.route(`**/${path}`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="en"><meta charset="utf-8"><title>host</title>
        <script type="module" src="embed.js"></script><body>${html}</body></html>`,
    }),
  );
  await page.goto("/" + path);
}

test("setAttribute('src', …) runs the new program, not the old", async ({ page }) => {
  await host(page, "src.html", `<wasm-scope id="el" src="examples/hello.wat" panes="output"></wasm-scope>`);
  const el = page.locator("wasm-scope");
  await el.getByRole("button", { name: "Run hello.wat" }).click();
  await expectConsole(el, "Hello, World!");
  await page.evaluate(() => document.getElementById("el").setAttribute("src", "examples/cio.wasm"));
  const run = el.getByRole("button", { name: "Run cio.wasm" });
  await expect(run).toBeVisible();
  await expectConsole(el, "Hello, World!", { not: true });
  await run.click();
  await expectConsole(el, "hello from C");
  await expectConsole(el, "Hello, World!", { not: true });
});

test("the Memory pane shows memory before the first run", async ({ page }) => {
  await host(page, "mem.html", `<wasm-scope panes="memory output"><script type="text/wat">(module (memory 1) (data (i32.const 0) "Hi!") (func (export "_start")))</script></wasm-scope>`);
  const el = page.locator("wasm-scope");
  await expect(el.locator('.hex .row[data-addr="0"]')).toContainText("48 69 21");
});

test("controls are named without glyphs", async ({ page }) => {
  await host(page, "names.html", `<wasm-scope name="a.wat"><script type="text/wat">(module (func (export "_start")))</script></wasm-scope>`);
  const el = page.locator("wasm-scope");
  await expect(el.getByRole("button", { name: "Run a.wat" })).toHaveText("Run");
  await expect(el.getByRole("button", { name: "Stop a.wat" })).toHaveText("Stop");
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Run", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Stop", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Previous rows", includeHidden: true })).toBeAttached();
});

test("properties reflect the attributes, wasmscope-ready fires once mounted, run() resolves to the result", async ({ page }) => {
  await page.addInitScript(() => {
    window.readyEvents = 0;
    document.addEventListener("wasmscope-ready", () => window.readyEvents++);
  });
  await host(page, "props.html", `<wasm-scope id="el" name="p.wat" invoke="add 1 2" panes="output"><script type="text/wat">(module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))</script></wasm-scope>`);
  await expect.poll(() => page.evaluate(() => window.readyEvents)).toBe(1);
  const r = await page.evaluate(async () => {
    const el = document.getElementById("el");
    const seen = { name: el.name, invoke: el.invoke, autorun: el.autorun };
    el.args = "a b";
    el.readonly = true;
    seen.argsAttr = el.getAttribute("args");
    seen.readonlyAttr = el.hasAttribute("readonly");
    el.invoke = "add 40 2";
    const res = await el.run();
    return { ...seen, outcome: res.outcome, values: res.values };
  });
  expect(r).toEqual({ name: "p.wat", invoke: "add 1 2", autorun: false, argsAttr: "a b", readonlyAttr: true, outcome: "returned", values: ["42"] });
  await expect(page.locator("wasm-scope").locator(".status")).toContainText("add(40, 2) → 42");
});
