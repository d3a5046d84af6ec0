// Issue 5, item 8: the Module pane: sections, imports, exports; calling an
// export with typed arguments.
const { test, expect } = require("@playwright/test");
const { open, example, tab, shot, expectConsole } = require("./helpers");

test("add 1 2 → 3", async ({ page }, testInfo) => {
  await open(page);
  await example(page, "add.wat");
  await tab(page, "module");
  await expect(page.locator("#module-info")).toContainText("(func (param i32 i32) (result i32))");
  await page.selectOption("#call-export", "add");
  await page.fill("#call-args", "1 2");
  await page.getByRole("button", { name: "Call", exact: true }).click();
  await expect(page.locator("#call-result")).toHaveText("→ 3");
  await expectConsole(page, "add(1, 2) → 3");
  await page.fill("#call-args", "1");
  await page.press("#call-args", "Enter");
  await expect(page.locator("#call-result")).toContainText("1 arguments given, the function takes 2");
  await shot(page, testInfo, "call");
});

test("sections, imports and exports of a binary module", async ({ page }) => {
  await open(page);
  await example(page, "cio.wasm");
  await tab(page, "module");
  const info = page.locator("#module-info");
  await expect(info).toContainText("wasi_snapshot_preview1.fd_write");
  await expect(info).toContainText("_start");
  await expect(info.locator("tr", { hasText: /^code/ })).toHaveCount(1);
  await expect(info.locator("tr", { hasText: /^import/ })).toContainText("0x");
});

test("fib 20 from the Module pane", async ({ page }) => {
  await open(page);
  await example(page, "fib.wat");
  await page.uncheck("#trace-on");
  await tab(page, "module");
  await page.selectOption("#call-export", "fib");
  await page.fill("#call-args", "20");
  await page.press("#call-args", "Enter");
  await expect(page.locator("#call-result")).toHaveText("→ 6765");
});
