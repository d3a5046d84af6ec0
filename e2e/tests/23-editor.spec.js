// The program-text editor (web/js/src/editor.js, WasmscopeUI.editor):
// WAT highlighting, the breakpoint gutter's API that the Source and Debug
// panes build on, the current line, read-only mode and diagnostics.
const { test, expect } = require("@playwright/test");
const { open } = require("./helpers");

const wat = "(module\n  (func $f (result i32)\n    i32.const 1)\n  (export \"f\" (func $f)))\n";

test("the breakpoint gutter reports clicks; markers, the current line and read-only follow the API", async ({ page }) => {
  await open(page);
  await page.evaluate((text) => {
    const box = document.createElement("div");
    box.id = "ed-test";
    box.style.height = "200px";
    document.body.prepend(box);
    window.toggled = [];
    window.changes = 0;
    window.ed = WasmscopeUI.editor(box, {
      text,
      breakpoints: true,
      label: "Test program",
      onToggleBreakpoint: (line) => window.toggled.push(line),
      onChange: () => window.changes++,
    });
  }, wat);
  const ed = page.locator("#ed-test");
  await expect(page.getByRole("textbox", { name: "Test program" })).toBeVisible();
  // WAT is highlighted: the keyword "func" and the $name get their own spans.
  await expect(ed.locator(".cm-line").nth(1).locator("span", { hasText: /^func$/ })).toHaveCount(1);
  await expect(ed.locator(".cm-line").nth(1).locator("span", { hasText: /^\$f$/ })).toHaveCount(1);

  // A click in the gutter on line 3 is reported; the marker is the owner's to set.
  const line3 = await ed.locator(".cm-line").nth(2).boundingBox();
  const gutter = await ed.locator(".ws-bp-gutter").boundingBox();
  await page.mouse.click(gutter.x + gutter.width / 2, line3.y + line3.height / 2);
  expect(await page.evaluate(() => window.toggled)).toEqual([3]);
  await expect(ed.locator(".ws-bp")).toHaveCount(0);
  await page.evaluate(() => window.ed.setBreakpoints([3, 1]));
  await expect(ed.locator(".ws-bp")).toHaveCount(2);
  await page.evaluate(() => window.ed.setDisabledBreakpoints([2]));
  await expect(ed.locator(".ws-bp-off")).toHaveCount(1);
  await page.evaluate(() => window.ed.setBreakpoints([]));
  await expect(ed.locator(".ws-bp")).toHaveCount(1);

  // F9 toggles on the cursor's line.
  await ed.locator(".cm-line").nth(1).click();
  await page.keyboard.press("F9");
  expect(await page.evaluate(() => window.toggled)).toEqual([3, 2]);

  // The current line is highlighted, one at a time.
  await page.evaluate(() => window.ed.setCurrentLine(2));
  await expect(ed.locator(".ws-current")).toHaveText("  (func $f (result i32)");
  await page.evaluate(() => window.ed.setCurrentLine(4));
  await expect(ed.locator(".ws-current")).toHaveCount(1);
  await expect(ed.locator(".ws-current")).toContainText("export");
  await page.evaluate(() => window.ed.setCurrentLine(0));
  await expect(ed.locator(".ws-current")).toHaveCount(0);

  // Read-only: typing changes nothing; writable again, typing is reported.
  await page.evaluate(() => window.ed.setReadOnly(true));
  await ed.locator(".cm-line").first().click();
  await page.keyboard.type("xyz");
  expect(await page.evaluate(() => window.ed.text())).toBe(wat);
  expect(await page.evaluate(() => window.changes)).toBe(0);
  await page.evaluate(() => window.ed.setReadOnly(false));
  await page.keyboard.type(";;");
  expect(await page.evaluate(() => window.changes)).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.ed.text())).not.toBe(wat);

  // Diagnostics underline the token at line:col; setText clears them.
  await page.evaluate((text) => window.ed.setText(text), wat);
  await page.evaluate(() => window.ed.setDiagnostics([{ line: 3, col: 5, message: "unknown instruction" }]));
  await expect(ed.locator(".cm-lintRange-error")).toHaveText("i32.const");
  await page.evaluate((text) => window.ed.setText(text), wat);
  await expect(ed.locator(".cm-lintRange-error")).toHaveCount(0);
});
