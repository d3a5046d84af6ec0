// The page loads its Go runtime and says it is ready.
const { test, expect } = require("@playwright/test");

test("the page loads the runtime and is ready", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("#status")).toHaveText(/^ready/);
  await expect(page.locator("h1")).toHaveText("wasmscope");
  await page.screenshot({ path: test.info().outputPath("ready.png") });
});
