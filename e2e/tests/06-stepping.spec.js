// Issue 5, item 6: Run, Pause, Step, Step over, Continue, breakpoints on
// functions; the paused state as WAT with the current line, value stack,
// locals and globals.
const { test, expect } = require("@playwright/test");
const { open, example, tab, shot } = require("./helpers");

test("a breakpoint on fib pauses with n = 20, steps and continues", async ({ page }, testInfo) => {
  await open(page);
  await example(page, "fib.wat");
  await page.uncheck("#trace-on");
  await page.fill("#breakpoints", "fib");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.locator("#status")).toHaveText(/paused \(breakpoint\) in \$fib/);
  await expect(page.locator("#pane-debug")).toBeVisible();
  await expect(page.locator("#debug-locals")).toContainText(/\$n\s+i32\s+20/);
  await expect(page.locator("#debug-wat .cur")).toContainText("local.get $n");
  await expect(page.locator("#debug-frames li")).toHaveCount(2);
  await shot(page, testInfo, "breakpoint");

  await page.getByRole("button", { name: "Step", exact: true }).click();
  await expect(page.locator("#status")).toHaveText(/paused \(step\)/);
  await expect(page.locator("#debug-stack")).toContainText(/i32\s+20/);

  // Continue: the recursive call hits the breakpoint again with n = 19.
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.locator("#debug-locals")).toContainText(/\$n\s+i32\s+19/);
  await expect(page.locator("#debug-frames li")).toHaveCount(3);

  await page.fill("#breakpoints", "");
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(page.locator("#status")).toHaveText(/stopped/);
});

test("keyboard: F11 steps, F10 steps over a call, F8 continues", async ({ page }, testInfo) => {
  await open(page);
  await example(page, "fib.wat");
  await page.uncheck("#trace-on");
  await page.locator("body").press("F11"); // i32.const 0
  await expect(page.locator("#status")).toHaveText(/paused \(step\) in \$main/);
  await page.locator("body").press("F11"); // i32.const 20
  await expect(page.locator("#debug-wat .cur")).toContainText("call $fib");
  await page.locator("body").press("F10"); // over call $fib
  await expect(page.locator("#status")).toHaveText(/paused \(stepped over the call\) in \$main/);
  await expect(page.locator("#debug-stack")).toContainText("6765");
  await expect(page.locator("#debug-wat .cur")).toContainText("i32.store");
  await shot(page, testInfo, "stepped-over");
  await page.locator("body").press("F8");
  await expect(page.locator("#status")).toHaveText(/exit status 0/);
  await tab(page, "memory");
  await page.click('#hexdump [data-a="0"]');
  await expect(page.locator(`#inspector [data-type="i32"]`)).toContainText("6765");
});

test("Pause stops a running program where it is", async ({ page }) => {
  await open(page);
  await example(page, "loop.wat");
  await page.uncheck("#trace-on");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.locator("#status")).toHaveText(/running/);
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  await expect(page.locator("#status")).toHaveText(/paused \(paused\) in \$spin/);
  await expect(page.locator("#debug-wat .cur")).toBeVisible();
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(page.locator("#status")).toHaveText(/stopped/);
});
