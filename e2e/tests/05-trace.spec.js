// Issue 5, item 5: the trace: lines with depth, function, offset,
// instruction and values; host calls with arguments; filter; download;
// a cap, and speed with a million traced instructions.
const fs = require("node:fs");
const { test, expect } = require("@playwright/test");
const { open, example, upload, fixture, tab, shot } = require("./helpers");

test("the hello world's trace names fd_write with its arguments", async ({ page }, testInfo) => {
  await open(page);
  await example(page, "hello.wat");
  // Tracing is off by default; the Trace pane has the switch.
  await tab(page, "trace");
  await expect(page.locator("#trace-info")).toContainText("tracing is off");
  await page.getByRole("button", { name: "Record the trace" }).click();
  await expect(page.locator("#trace-on")).toBeChecked();
  await tab(page, "output");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.locator("#status")).toHaveText(/exit status 0/);
  await tab(page, "trace");
  const rows = page.locator("#trace .vlist-rows div");
  await expect(rows.filter({ hasText: "fd_write(fd=1, iovs=0x10, iovs_len=1, nwritten=0x18) → 0" })).toHaveCount(1);
  // i32.const 16 runs twice: the iovec's address, then fd_write's iovs.
  await expect(rows.filter({ hasText: /0 \$main\s+0x[0-9a-f]{6}  i32.const 16\s+→ 16/ })).toHaveCount(2);
  await expect(rows.filter({ hasText: /mem\[0x14\]\s+← 0e 00 00 00/ })).toHaveCount(1);
  await expect(page.locator("#trace .host")).toHaveCount(1);
  await shot(page, testInfo, "trace");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download .txt" }).click()]);
  expect(download.suggestedFilename()).toBe("trace.txt");
  const text = fs.readFileSync(await download.path(), "utf8");
  expect(text).toContain("fd_write(fd=1");
  expect(text).toContain("i32.store");
});

test("the trace filters by function", async ({ page }) => {
  await open(page);
  await upload(page, "stderr.wat", fixture("stderr.wat"));
  await page.setChecked("#trace-on", true);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.locator("#status")).toHaveText(/exit status 0/);
  await tab(page, "trace");
  await page.selectOption("#trace-filter", { label: "$main" });
  const rows = page.locator("#trace .vlist-rows div");
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allTextContents()) {
    expect(text).toMatch(/\$main/);
  }
});

test("a million traced instructions: capped, the page stays fast, Stop works", async ({ page }, testInfo) => {
  await open(page);
  await example(page, "loop.wat");
  await page.setChecked("#trace-on", true);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await tab(page, "trace");
  // Let it trace past the cap of the ring.
  await expect(page.locator("#trace-info")).toContainText("traced events are kept", { timeout: 30_000 });
  const t0 = Date.now();
  await page.locator("#trace").evaluate((el) => { el.scrollTop = 0; });
  await expect(page.locator("#trace .vlist-rows div").first()).toBeVisible();
  const scrollMs = Date.now() - t0;
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(page.locator("#status")).toHaveText(/stopped/);
  const rows = await page.locator("#trace .vlist-rows div").count();
  expect(rows).toBeLessThan(200); // only the rows in view exist
  await shot(page, testInfo, "big-trace");
  console.log(`METRICS {"traceScrollWhileRunningMs": ${scrollMs}}`);
  expect(scrollMs).toBeLessThan(1000);
});
