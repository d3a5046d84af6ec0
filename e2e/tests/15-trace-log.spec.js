// Issue 12, item 6: the Trace pane over the engine's event log. The log
// stays in the worker; the pane asks for the rows in view only, so a
// million-row trace scrolls, filters and jumps to an instruction count
// quickly; a traced run costs a small multiple of an untraced one and the
// page's timers stay on time meanwhile; the Memory pane marks exactly the
// bytes the log's memory-write records name.
const { test, expect } = require("@playwright/test");
const { open, example, upload, tab, shot } = require("./helpers");
const { timers, lateness, percentiles } = require("./timers");

// million.wat: 100,000 calls of $step from $main's loop, about 1.6 million
// events, then it stores the sum at 0 and exits.
const million = `(module
  (memory 1)
  (func $step (param i32) (result i32)
    (i32.add (local.get 0) (i32.const 3)))
  (func $main (export "_start")
    (local $i i32) (local $sum i32)
    (loop $l
      (local.set $sum (call $step (local.get $sum)))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 100000))))
    (i32.store (i32.const 0) (local.get $sum))))`;

// count reads the pane's "1.4M lines", "120k lines" or "512 lines".
function count(info) {
  const m = /([\d.]+)([Mk]?) lines/.exec(info);
  if (!m) throw new Error("no line count in " + JSON.stringify(info));
  return Number(m[1]) * { M: 1e6, k: 1e3, "": 1 }[m[2]];
}

// rowsText returns the trace rows in view.
async function rowsText(page) {
  return page.locator("#trace .vlist-rows div").allTextContents();
}

test("a million-row trace scrolls, filters and jumps to an instruction", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await open(page);
  await upload(page, "million.wat", Buffer.from(million));
  await expect(page.locator("#progname")).toHaveText("million.wat");
  await page.setChecked("#trace-on", true);
  await timers(page);
  const t0 = Date.now();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.locator("#status")).toHaveText(/exit status 0/, { timeout: 120_000 });
  const runMs = Date.now() - t0;
  const late = await lateness(page);
  await tab(page, "trace");
  const info = page.locator("#trace-info");
  await expect(info).toContainText(/M lines/);
  const lines = count(await info.textContent());
  expect(lines).toBeGreaterThan(1_000_000);
  // The last row is $main's end; only the rows in view exist.
  await expect(page.locator("#trace .vlist-rows div").last()).toContainText("$main");
  expect(await page.locator("#trace .vlist-rows div").count()).toBeLessThan(100);

  // Scroll to the middle: the rows there are drawn.
  let t = Date.now();
  await page.locator("#trace").evaluate((el) => { el.scrollTop = el.scrollHeight / 2; });
  await expect.poll(async () => (await page.locator("#trace .vlist-rows div").first().getAttribute("title")) || "").toMatch(/instruction [5-9]\d{5}$/);
  const scrollMs = Date.now() - t;

  // Jump to instruction 1,000,000: its row is highlighted and in view.
  t = Date.now();
  await page.fill("#trace-goto", "1000000");
  await page.press("#trace-goto", "Enter");
  const mark = page.locator("#trace .vlist-rows div.mark");
  await expect(mark).toHaveAttribute("title", "instruction 1000000");
  await expect(mark).toBeInViewport();
  const jumpMs = Date.now() - t;
  await shot(page, testInfo, "jumped");

  // Filter by $step: every row is $step's, and fewer of them.
  t = Date.now();
  await page.selectOption("#trace-filter", { label: "$step" });
  await expect.poll(async () => (await rowsText(page)).every((r) => r.includes("$step"))).toBe(true);
  const filterMs = Date.now() - t;
  await expect(info).toContainText(/lines/);
  const stepLines = count(await info.textContent());
  expect(stepLines).toBeLessThan(lines);
  // A jump under the filter lands on $step's first row at that count or later.
  await page.fill("#trace-goto", "700000");
  await page.press("#trace-goto", "Enter");
  await expect(mark).toBeInViewport();
  expect(await mark.textContent()).toContain("$step");
  await shot(page, testInfo, "filtered");

  // The Memory pane marks the 4 bytes of the final store, from the log,
  // and finds the instruction that wrote the selected byte in the trace.
  await page.selectOption("#trace-filter", "");
  await tab(page, "memory");
  await expect(page.locator("#mem-info")).toContainText("4 bytes written");
  await page.fill("#mem-addr", "0x2");
  await page.press("#mem-addr", "Enter");
  await page.getByRole("button", { name: "Writer in trace", exact: true }).click();
  await expect(page.locator("#pane-trace")).toBeVisible();
  await expect(mark).toBeInViewport();
  expect(await mark.textContent()).toMatch(/\$main .*i32\.store/);

  // The whole trace downloads, in parts: every row, one a line.
  await tab(page, "trace");
  t = Date.now();
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 120_000 }), page.getByRole("button", { name: "Download .txt" }).click()]);
  let downloaded = 0;
  for await (const chunk of await download.createReadStream()) downloaded += chunk.toString().split("\n").length - 1;
  const downloadMs = Date.now() - t;
  expect(downloaded).toBe(Number(/^(\d+) lines/.exec(await info.getAttribute("title"))[1]));

  console.log(`METRICS ${JSON.stringify({ millionDownloadMs: downloadMs, millionRows: lines, millionTracedRunMs: runMs, millionTimerLateMedianMs: late.median, millionTimerLateP95Ms: late.p95, millionScrollMs: scrollMs, millionJumpMs: jumpMs, millionFilterMs: filterMs })}`);
  expect(scrollMs).toBeLessThan(2000);
  expect(jumpMs).toBeLessThan(2000);
  expect(filterMs).toBeLessThan(5000);
});

// callBest calls fib(n) from the Module pane three times each untraced and
// traced, alternating (a loaded machine slows one run now and then), and
// returns the best times and the page's timers during the traced calls.
async function callBest(page, n, want) {
  const best = { false: Infinity, true: Infinity };
  const gaps = []; // the page's timers during the traced runs, pooled
  for (let i = 0; i < 3; i++) {
    for (const traced of [false, true]) {
      await page.setChecked("#trace-on", traced);
      await page.selectOption("#call-export", "fib");
      await page.fill("#call-args", String(n));
      if (traced) await timers(page);
      const t0 = Date.now();
      await page.press("#call-args", "Enter");
      await expect(page.locator("#call-result")).toHaveText(want, { timeout: 60_000 });
      best[traced] = Math.min(best[traced], Date.now() - t0);
      if (traced) gaps.push(...(await lateness(page)).gaps);
      await page.fill("#call-args", "");
      await page.locator("#call-result").evaluate((el) => { el.textContent = ""; });
    }
  }
  return { untraced: best.false, traced: best.true, ratio: Number((best.true / best.false).toFixed(2)), late: percentiles(gaps) };
}

test("traced fib(20) costs a small multiple of untraced, and the page's timers stay on time", async ({ page }) => {
  test.setTimeout(180_000);
  await open(page);
  await example(page, "fib.wat");
  await tab(page, "module");
  const f20 = await callBest(page, 20, "→ 6765");
  // fib(25), 11 times the work: the round trips to the worker weigh less.
  const f25 = await callBest(page, 25, "→ 75025");
  console.log(`METRICS ${JSON.stringify({ fib20Ms: f20.untraced, fib20TracedMs: f20.traced, fib20TracedRatio: f20.ratio, fib20TracedTimerLateMedianMs: f20.late.median, fib20TracedTimerLateP95Ms: f20.late.p95, fib25Ms: f25.untraced, fib25TracedMs: f25.traced, fib25TracedRatio: f25.ratio, fib25TracedTimerLateP95Ms: f25.late.p95 })}`);
  await tab(page, "trace");
  await expect(page.locator("#trace-info")).toContainText("lines");
  // Generous bounds for a loaded two-core machine; the METRICS line has
  // the measurement.
  expect(f20.ratio).toBeLessThan(10);
  // A long traced run costs more (the reason the trace is off by
  // default): 2.5–10.5× measured; far beyond means the indexing regressed
  // (a function call per record made it 40×).
  expect(f25.ratio).toBeLessThan(20);
  expect(f20.late.p95).toBeLessThan(500);
});
