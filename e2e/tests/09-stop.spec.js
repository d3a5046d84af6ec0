// Issue 5, item 9: a runaway program never freezes the tab, and Stop takes
// effect within 100 ms.
const { test, expect } = require("@playwright/test");
const { open, example, shot, expectConsole } = require("./helpers");

for (const traced of [false, true]) {
  test(`Stop ends loop br 0 end within 100 ms${traced ? " (traced)" : ""}`, async ({ page }, testInfo) => {
    await open(page);
    await example(page, "loop.wat");
    await page.setChecked("#trace-on", traced);
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expect(page.locator("#status")).toHaveText(/running/);
    await page.waitForTimeout(1000);
    // The page still paints: the running clock moves.
    const a = await page.locator("#status").textContent();
    await page.waitForTimeout(300);
    const b = await page.locator("#status").textContent();
    expect(a).not.toBe(b);
    // Measure from the click to the status saying stopped, in the page.
    const ms = await page.evaluate(() => new Promise((resolve) => {
      const status = document.getElementById("status");
      const t0 = performance.now();
      const obs = new MutationObserver(() => {
        if (status.textContent.startsWith("stopped")) {
          obs.disconnect();
          resolve(performance.now() - t0);
        }
      });
      obs.observe(status, { childList: true, characterData: true, subtree: true });
      document.getElementById("stop").click();
    }));
    console.log(`METRICS {"stopLatencyMs${traced ? "Traced" : ""}": ${ms.toFixed(1)}}`);
    await expectConsole(page, "stopped");
    await shot(page, testInfo, "stopped");
    expect(ms).toBeLessThan(100);
    // The next run works.
    await example(page, "hello.wat");
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expectConsole(page, "Hello, World!");
  });
}
