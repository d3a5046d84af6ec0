// The page's look: the layout at 1280×800 and on a narrow window, the
// light and the dark theme. The screenshots are kept for review.
const { test, expect } = require("@playwright/test");
const { open, example, tab, shot, expectConsole } = require("./helpers");

for (const scheme of ["light", "dark"]) {
  test(`${scheme} theme at 1280×800`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    await open(page);
    await example(page, "fib.wat");
    await page.fill("#breakpoints", "fib");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect(page.locator("#status")).toHaveText(/paused/);
    await shot(page, testInfo, `${scheme}-debug`);
    await tab(page, "memory");
    await shot(page, testInfo, `${scheme}-memory`);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const dark = bg === "rgb(20, 22, 28)";
    expect(dark).toBe(scheme === "dark");
  });
}

test("a narrow window stacks the panes under the program", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 420, height: 860 });
  await open(page);
  await example(page, "hello.wat");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expectConsole(page, "Hello, World!");
  // Nothing overlaps: the run configuration ends above the tabs, the
  // tabs above the console.
  const config = await page.locator(".config").boundingBox();
  const tabs = await page.locator(".tabs").boundingBox();
  const out = await page.locator("#console").boundingBox();
  expect(tabs.y).toBeGreaterThanOrEqual(config.y + config.height);
  expect(out.y).toBeGreaterThanOrEqual(tabs.y + tabs.height);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, testInfo, "narrow");
  await page.screenshot({ path: testInfo.outputPath("narrow-full.png"), fullPage: true });
});
