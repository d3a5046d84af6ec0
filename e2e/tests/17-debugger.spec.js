// Issue 13: the page drives the engine's debugger (vm/debug): instruction
// breakpoints set by clicking a line of the Debug listing, step out, pause
// on a trap with the trapping frame's state, a watchpoint set from the
// Memory pane, which instruction last wrote a byte, stepping back from the
// end of a run and reverse continue.
const { test, expect } = require("@playwright/test");
const { open, example, upload, fixture, tab, shot, expectConsole } = require("./helpers");

test("a click on a listing line sets an instruction breakpoint; step out", async ({ page }, testInfo) => {
  await open(page);
  await example(page, "fib.wat");
  await page.uncheck("#trace-on");
  await page.fill("#breakpoints", "fib");
  await page.click("#run");
  await expect(page.locator("#status")).toHaveText(/paused \(breakpoint\) in \$fib/);
  // The else arm's second call: n - 2.
  const line = page.locator("#debug-wat .ln", { hasText: "i32.const 2" }).last();
  await line.click();
  await expect(line).toHaveClass(/\bbp\b/);
  await expect(page.locator("#debug-bps li")).toHaveCount(2);
  // The entry breakpoint goes (from the configuration field and the list).
  await page.fill("#breakpoints", "");
  await page.locator("#debug-bps li", { hasText: "$fib at" }).first().locator("button").click();
  await expect(page.locator("#debug-bps li")).toHaveCount(1);
  await page.click("#run");
  await expect(page.locator("#status")).toHaveText(/paused \(breakpoint\) in \$fib/);
  await expect(page.locator("#debug-wat .cur")).toContainText("i32.const 2");
  // The deepest fib(2) is the first to reach its second call, with n = 2.
  await expect(page.locator("#debug-locals")).toContainText(/\$n\s+i32\s+2\b/);
  const depth = await page.locator("#debug-frames li").count();
  await shot(page, testInfo, "instruction-breakpoint");

  // Step out: back in the caller, one frame fewer.
  await line.click(); // clear it, so the callers do not stop there
  await expect(page.locator("#debug-bps li.muted")).toHaveCount(1);
  await page.click("#stepout");
  await expect(page.locator("#status")).toHaveText(/paused \(stepped out\) in \$fib/);
  await expect(page.locator("#debug-frames li")).toHaveCount(depth - 1);
  // A caller frame is selectable: its locals show.
  await page.locator("#debug-frames li").nth(1).click();
  await expect(page.locator("#debug-frames li.sel")).toHaveText(/\$fib at/);
  await expect(page.locator("#debug-locals")).toContainText(/\$n\s+i32\s+4\b/);
  await page.click("#stop");
  await expect(page.locator("#status")).toHaveText(/stopped/);
});

test("a trap pauses with the trapping frame's state", async ({ page }, testInfo) => {
  await open(page);
  await upload(page, "divzero.wat", Buffer.from(`(module
    (func $div (param $a i32) (param $b i32) (result i32)
      local.get $a
      local.get $b
      i32.div_s)
    (func (export "_start")
      (drop (call $div (i32.const 7) (i32.const 0)))))`));
  await page.click("#run");
  await expect(page.locator("#status")).toHaveText(/paused \(trap\) in \$div/);
  await expect(page.locator("#debug-where")).toContainText("integer divide by zero");
  await expect(page.locator("#debug-wat .cur")).toContainText("i32.div_s");
  await expect(page.locator("#debug-locals")).toContainText(/\$a\s+i32\s+7/);
  await expect(page.locator("#debug-locals")).toContainText(/\$b\s+i32\s+0/);
  await expect(page.locator("#debug-stack li")).toHaveCount(2);
  await expect(page.locator("#debug-frames li")).toHaveCount(2);
  await expectConsole(page, "integer divide by zero");
  await expect(page.locator("#console .xterm-bold").first()).toContainText("integer divide by zero");
  await shot(page, testInfo, "trap");
  await page.click("#run"); // Continue: the run ends as trapped
  await expect(page.locator("#status")).toHaveText(/trap/);
  await expect(page.locator("#run")).toHaveText("Run");
});

test("a watchpoint on the address of Hello stops at its i32.store; last write; back from the end; reverse continue", async ({ page }, testInfo) => {
  await open(page);
  await example(page, "hello.wat");
  // The iovec's buf field at 16 holds the address of "Hello".
  await tab(page, "memory");
  await page.click('#hexdump [data-a="10"]');
  await page.fill("#watch-len", "4");
  await page.click("#watch-add");
  await tab(page, "debug");
  await expect(page.locator("#debug-bps")).toContainText("write to 0x10..0x14");
  await page.click("#run");
  await expect(page.locator("#status")).toHaveText(/paused \(watchpoint\) in \$main/);
  await expect(page.locator("#debug-where")).toContainText(/\$main at 0x[0-9a-f]+ \(i32\.store\) wrote 4 bytes at 0x10/);
  await shot(page, testInfo, "watchpoint");

  // Which instruction last wrote byte 0x11, and its trace row.
  await tab(page, "memory");
  await page.click('#hexdump [data-a="11"]');
  await expect(page.locator("#last-write")).toContainText(/0x11 last written by \$main at 0x[0-9a-f]+ \(i32\.store\)/);
  await page.click("#mem-writer");
  await expect(page.locator("#pane-trace")).toBeVisible();
  await expect(page.locator("#trace")).toContainText("i32.store");

  // On to the end, then step back until the store is the instruction
  // just run.
  await page.click("#run");
  await expect(page.locator("#status")).toHaveText(/exit status 0/);
  await expectConsole(page, /^Hello, World!\n/);
  await tab(page, "debug");
  await expect(page.locator("#back-step")).toBeEnabled();
  const stores = page.locator("#debug-wat .ln", { hasText: "i32.store" });
  // (The first i32.store wrote the address; the second the length.)
  for (let i = 0; i < 20; i++) {
    const before = await page.locator("#scrub-info").textContent();
    await page.getByRole("button", { name: "Step back", exact: true }).click();
    await expect(page.locator("#status")).toHaveText(/paused \(went back\)/);
    await expect(page.locator("#scrub-info")).not.toHaveText(before);
    if (/\bcur\b/.test(await stores.first().getAttribute("class"))) break;
  }
  await expect(stores.first()).toHaveClass(/\bcur\b/);
  await expect(page.locator("#debug-stack")).toContainText(/i32\s+16/);
  // The output was not written again.
  await expectConsole(page, /^Hello, World!\n/);
  await shot(page, testInfo, "stepped-back");

  // Forward again: the store writes again, the watchpoint stops; on to
  // the end, then reverse continue goes back to that stop.
  await page.click("#run");
  await expect(page.locator("#status")).toHaveText(/paused \(watchpoint\) in \$main/);
  await page.click("#run");
  await expect(page.locator("#status")).toHaveText(/exit status 0/);
  await page.getByRole("button", { name: "Reverse continue", exact: true }).click();
  await expect(page.locator("#status")).toHaveText(/paused \(reverse continue\) in \$main/);
  await expect(page.locator("#debug-where")).toContainText("i32.store");
  // The scrubber goes to any instruction: after the first, then before it.
  await page.locator("#scrub").fill("1");
  await expect(page.locator("#scrub-info")).toContainText(/instruction 1 of \d+/);
  await expect(page.locator("#debug-wat .cur")).toContainText("i32.const 0");
  await expect(page.locator("#debug-stack")).toContainText(/i32\s+16/);
  await page.locator("#scrub").fill("0");
  await expect(page.locator("#debug-where")).toContainText("before the first instruction of _start");
});

test("Pause while the program waits for stdin shows the host call", async ({ page }) => {
  await open(page);
  await upload(page, "echo.wat", fixture("echo.wat"));
  await page.click("#run");
  await expect(page.locator("#stdin-form")).toHaveClass(/waiting/);
  await page.click("#pause");
  await expect(page.locator("#status")).toHaveText(/paused \(paused\) in \$?fd_read/);
  await expect(page.locator("#debug-frames li")).toHaveCount(2);
  await expect(page.locator("#debug-frames li").nth(1)).toContainText("$main");
  await expect(page.locator("#debug-wat .cur")).toContainText("call $fd_read");
  // Input while paused is read once the run goes on.
  await tab(page, "output");
  await page.fill("#stdin", "hi");
  await page.press("#stdin", "Enter");
  await expectConsole(page, "hi\nhi", { not: true });
  await page.click("#run");
  await tab(page, "output");
  await expectConsole(page, "hi\nhi");
  await expect(page.locator("#stdin-form")).toHaveClass(/waiting/);
  await page.click("#stop");
  await expect(page.locator("#status")).toHaveText(/stopped/);
});
