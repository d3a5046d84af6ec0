// Issue 6: the iframe embed (embed.html) for sites that cannot add
// scripts, and share links that round-trip between the element, the
// iframe embed and the playground.
const fs = require("node:fs");
const path = require("node:path");
const { test, expect } = require("@playwright/test");
const { expectSource, sourceText, expectConsole } = require("./helpers");

const hello = fs.readFileSync(path.join(__dirname, "..", "..", "static", "examples", "hello.wat"), "utf8");

test("an iframe embed runs a program named by ?src= with the panes asked for", async ({ page }, testInfo) => {
  await page.route("**/markdown-host.html", (route) =>
    route.fulfill({
      contentType: "text/html",
      // What a Markdown host or a CMS allows: an iframe, no scripts.
      body: `<!doctype html><meta charset="utf-8"><title>notes</title><h1>My notes</h1>
        <iframe src="embed.html?src=examples/hello.wat&panes=output,memory&autorun&height=10em"
                title="hello.wat in wasmscope" width="760" height="480" style="border:0"></iframe>`,
    }),
  );
  await page.goto("/markdown-host.html");
  const frame = page.frameLocator('iframe[title="hello.wat in wasmscope"]');
  const el = frame.locator("wasm-scope");
  await expectConsole(el, "Hello, World!");
  await expect(el.locator(".status")).toContainText("exit status 0");
  await expect(el.getByRole("tab")).toHaveText(["Output", "Memory"]);
  await el.getByRole("tab", { name: "Memory" }).click();
  await expect(el.locator('.hex .row[data-addr="0"]')).toContainText("|Hello, World!...|");
  await page.screenshot({ path: testInfo.outputPath("iframe.png") });
});

test("embed.html without a program says what it needs", async ({ page }) => {
  await page.goto("/embed.html");
  await expect(page.getByRole("alert")).toContainText("nothing to show");
});

test("a share link made by the element reopens the program in the playground", async ({ page }, testInfo) => {
  await page.goto("/tutorial.html");
  const el = page.locator("wasm-scope", { has: page.locator('.name:text-is("fib.wat")') });
  await el.scrollIntoViewIfNeeded();
  // Edit the snippet: the link carries the edited text.
  const code = el.getByRole("textbox", { name: "WAT source of fib.wat" });
  const link = el.getByRole("link", { name: "Open in the playground" });
  await expect(link).toHaveAttribute("href", /#wat=/);
  const before = await link.getAttribute("href");
  await code.fill((await sourceText(page, el)).replace('"step 5: fib"', '"shared fib"'));
  // The link is remade after the edit (asynchronously, by the engine's
  // worker): wait for the new one, not the unedited link, which has the
  // same shape.
  await expect(link).not.toHaveAttribute("href", before);
  await expect(link).toHaveAttribute("href", /#wat=.*&name=fib\.wat$/);
  const href = await link.getAttribute("href");
  expect(href.length).toBeLessThan(2000);

  await page.goto(href);
  await expect(page.locator("#progname")).toHaveText("fib.wat");
  await expectSource(page, /"shared fib"/);
  await page.getByRole("tab", { name: "Module" }).click();
  await page.selectOption("#call-export", "fib");
  await page.fill("#call-args", "10");
  await page.getByRole("button", { name: "Call", exact: true }).click();
  await expect(page.locator("#call-result")).toContainText("55");
  await page.screenshot({ path: testInfo.outputPath("playground.png") });
});

test("wasmscope.shareLink round-trips text and bytes through embed.html, and refuses what is too large", async ({ page }, testInfo) => {
  await page.goto("/embed.html?wat=(module)");
  const links = await page.evaluate(async (hello) => {
    // A small binary module: (module (func (export "seven") (result i32) i32.const 7)).
    const seven = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 7, 9, 1, 5, 115, 101, 118, 101, 110, 0, 0, 10, 6, 1, 4, 0, 65, 7, 11]);
    let tooLarge;
    try {
      // Random bytes do not compress: far over the limit.
      const noise = new Uint8Array(64 << 10);
      crypto.getRandomValues(noise.subarray(0, 65536));
      noise.set([0, 97, 115, 109, 1, 0, 0, 0]);
      await wasmscope.shareLink(noise, { name: "noise.wasm" });
    } catch (err) {
      tooLarge = err.message;
    }
    return {
      text: await wasmscope.shareLink(hello, { name: "hello.wat", page: "embed" }),
      bytes: await wasmscope.shareLink(seven, { name: "seven.wasm", page: "embed" }),
      playground: await wasmscope.shareLink(hello, { name: "hello.wat" }),
      tooLarge,
    };
  }, hello);
  expect(links.tooLarge).toMatch(/noise\.wasm is too large to share as a link/);
  expect(links.text).toMatch(/\/embed\.html#wat=/);
  expect(links.playground).not.toMatch(/embed\.html/);

  await page.goto(links.text);
  const el = page.locator("wasm-scope");
  await expect(el.locator(".name")).toHaveText("hello.wat");
  await expectSource(page, hello, el);
  await el.getByRole("button", { name: "Run hello.wat" }).click();
  await expectConsole(el, "Hello, World!");
  await page.screenshot({ path: testInfo.outputPath("shared-text.png") });

  // Another fragment on the same page: the embed follows it.
  await page.goto(links.bytes);
  await expect(el.locator(".name")).toHaveText("seven.wasm");
  await expect(el.locator(".binary")).toContainText("binary module, 38 bytes");
  await el.getByRole("tab", { name: "Module" }).click();
  await page.locator("wasm-scope").getByRole("button", { name: "Call" }).click();
  await expect(el.locator(".status")).toContainText("seven() → 7");

  // The playground opens the same links.
  await page.goto(links.playground);
  await expectSource(page, hello);
});
