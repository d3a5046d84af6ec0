// Issue 14: the C example (built with -g, its source embedded) debugged as
// C in the Source pane: the source shown, a breakpoint by clicking a line,
// stepping over lines, a variable changing; a module whose DWARF is broken
// still runs and the pane says why its debug information was not read.
const { test, expect } = require("@playwright/test");
const fs = require("node:fs");
const path = require("node:path");
const { open, example, upload, fixture, tab, shot, expectConsole } = require("./helpers");

const cioSource = fs.readFileSync(path.join(__dirname, "..", "..", "static", "examples", "src", "cio.c"), "utf8").split("\n");
const lineOf = (text) => cioSource.findIndex((l) => l.includes(text)) + 1;

test("the C example's source: break on a line, step over two lines, a variable changes", async ({ page }, testInfo) => {
  await open(page);
  await example(page, "cio.wasm");
  await page.fill("#stdin-initial", "ab\ncd\n");
  await page.check("#stdin-eof");
  await page.uncheck("#trace-on");
  await tab(page, "source");
  await expect(page.locator("#src-info")).toContainText("cio.c (embedded in the module)");
  const loop = lineOf("lines++;");
  const view = page.locator("#src-view");
  const line = view.locator(".cm-line").nth(loop - 1);
  await expect(line).toContainText("lines++;");
  // A click in the breakpoint gutter on that line.
  await line.scrollIntoViewIfNeeded();
  const box = await line.boundingBox();
  const gutter = await view.locator(".ws-bp-gutter").boundingBox();
  await page.mouse.click(gutter.x + gutter.width / 2, box.y + box.height / 2);
  await expect(view.locator(".ws-bp")).toHaveCount(1);
  await expect(page.locator("#debug-bps")).toContainText(`cio.c:${loop}`);
  await page.click("#run");
  await expect(page.locator("#status")).toHaveText(/paused \(breakpoint\)/);
  await tab(page, "source");
  await expect(view.locator(".ws-current")).toContainText("lines++;");
  await expect(page.locator("#src-vars")).toContainText(/lines\s+int\s+0/);
  await expect(page.locator("#src-frames li").first()).toContainText(`main at cio.c:${loop}`);
  await shot(page, testInfo, "source-breakpoint");
  await page.click("#src-next");
  await expect(view.locator(".ws-current")).toContainText(cioSource[loop].trim());
  await page.click("#src-next");
  await expect(view.locator(".ws-current")).toContainText(cioSource[loop + 1].trim());
  await expect(page.locator("#src-vars")).toContainText(/lines\s+int\s+1/);
  await shot(page, testInfo, "source-stepped");
  await page.click("#stop");
  await expect(page.locator("#status")).toHaveText(/stopped/);
});

test("a module with broken DWARF runs, and the Source pane says why", async ({ page }) => {
  await open(page);
  const bin = Buffer.from(fs.readFileSync(path.join(__dirname, "..", "..", "static", "examples", "cio.wasm")));
  const at = bin.indexOf(".debug_info");
  for (let k = at + 11 + 12; k < at + 11 + 4000; k++) bin[k] = 0xff;
  await upload(page, "broken.wasm", bin);
  await expect(page.locator("#progname")).toHaveText("broken.wasm");
  await page.check("#stdin-eof");
  await page.click("#run");
  await expectConsole(page, "0 lines written to shout.txt");
  await tab(page, "source");
  await expect(page.locator("#src-info")).toContainText("the debug information could not be read");
});
