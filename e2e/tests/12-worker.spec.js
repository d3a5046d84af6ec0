// Issue 12: the engine runs in a Web Worker. The page never dies (memory
// bombs are refused, a dead worker is replaced and says so in red, no Go
// runtime text reaches the console) and never freezes (a flood of output
// leaves its timers on time).
const { test, expect } = require("@playwright/test");
const { open, example, upload, fixture, tab, shot, expectConsole } = require("./helpers");
const { timers, lateness } = require("./timers");

// goText collects console messages that are the Go runtime's own words.
function goText(page) {
  const seen = [];
  page.on("console", (m) => {
    if (/fatal error|goroutine \d|panic:|runtime: out of memory/.test(m.text())) seen.push(m.text());
  });
  return seen;
}

// switchPane clicks a pane's tab and answers the milliseconds until the
// frame that shows the pane, measured in the page.
async function switchPane(page, name) {
  return page.evaluate(
    (name) =>
      new Promise((resolve) => {
        const t0 = performance.now();
        document.getElementById("tab-" + name).click();
        const check = () => {
          if (!document.getElementById("pane-" + name).hidden) resolve(Math.round(performance.now() - t0));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    name,
  );
}

test("memory bombs are refused and the next run works", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const said = goText(page);
  await open(page);
  await upload(page, "bigmemory.wat", fixture("bigmemory.wat"));
  await expect(page.locator("#progname")).toHaveText("bigmemory.wat");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.locator("#error")).toContainText("memory 0 (65536 pages) needs 4 GiB of host memory, more than the store's budget allows");

  await upload(page, "growbomb.wat", fixture("growbomb.wat"));
  await expect(page.locator("#progname")).toHaveText("growbomb.wat");
  await page.uncheck("#trace-on");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  // memory.grow returned -1 near the budget of 512 MiB (8192 pages, less
  // what the module's code holds): exit status 8191/256.
  await expectConsole(page, "exit status 31", { timeout: 200_000 });
  // The page says why the memory stopped growing, which the program saw
  // only as -1: the budget, the memory and the size refused.
  const refusal = /the store's memory budget of 512 MiB refused to grow memory 0 to \d+ bytes/;
  await expect(page.locator("#error")).toHaveText(refusal);
  await expectConsole(page, refusal);
  await shot(page, testInfo, "grow-refused");

  await example(page, "hello.wat");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expectConsole(page, "Hello, World!");
  expect(said).toEqual([]);
});

test("a crash of the engine's worker is said in red, and the next run works", async ({ page }, testInfo) => {
  const said = goText(page);
  await open(page);
  await example(page, "hello.wat");
  // The "crash" operation panics on a goroutine of the worker's Go
  // runtime, which ends it as any fatal error would.
  await page.evaluate(() => window.wasmscopeEngine.call("crash").catch(() => {}));
  const err = page.locator("#error");
  await expect(err).toContainText("the engine failed: panic: wasmscope: crash requested");
  await expect(err).toContainText("The engine was restarted");
  await expect(err).toHaveCSS("color", /rgb\((1[5-9]\d|2\d\d), \d{1,2}, \d{1,2}\)/); // red
  await shot(page, testInfo, "crashed");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expectConsole(page, "Hello, World!");
  await expect(page.locator("#status")).toHaveText(/exit status 0/);
  expect(said).toEqual([]);
});

test("200,000 lines of output reach the console fast while the page's timers stay on time", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await open(page);
  const wat = fixture("spam.wat").toString().replace("100000", "200000");
  await upload(page, "spam200k.wat", Buffer.from(wat));
  await expect(page.locator("#progname")).toHaveText("spam200k.wat");
  await page.uncheck("#trace-on");
  await timers(page);
  const t0 = Date.now();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  // Meanwhile, switch panes: each switch is timed in the page from the
  // click to the frame after it that shows the pane.
  const switches = [];
  for (const name of ["memory", "trace", "files", "module", "debug", "output"]) {
    switches.push(await switchPane(page, name));
  }
  await expectConsole(page, "exit status 0", { timeout: 120_000 });
  const ms = Date.now() - t0;
  const late = await lateness(page);
  const running = await page.evaluate(() => window.gaps.length);
  switches.sort((a, b) => a - b);
  console.log(
    `METRICS ${JSON.stringify({
      lines200kMs: ms,
      lines200kTimerLateMedianMs: late.median,
      lines200kTimerLateP95Ms: late.p95,
      lines200kPaneSwitchMedianMs: switches[Math.floor(switches.length / 2)],
      lines200kPaneSwitchMaxMs: switches[switches.length - 1],
      timerSamples: running,
    })}`,
  );
  expect(switches[switches.length - 1]).toBeLessThan(1000);
  await expectConsole(page, /bytes cut/);
  await shot(page, testInfo, "200k");
  // Generous bounds: the suite shares two cores with everything else
  // (at a load average of 20 the 95th percentile reached 419 ms; on an
  // idle machine it is under 50). A page that does the engine's work, or
  // lays out every line, is late by seconds.
  expect(ms).toBeLessThan(15_000);
  expect(late.p95).toBeLessThan(1000);
});

test("stdin stays interactive and Stop ends a program waiting for it", async ({ page }) => {
  await open(page);
  await upload(page, "echo.wat", fixture("echo.wat"));
  await expect(page.locator("#progname")).toHaveText("echo.wat");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.locator("#stdin-form")).toHaveClass(/waiting/);
  await page.fill("#stdin", "first");
  await page.press("#stdin", "Enter");
  // What was typed, then the program's echo of it.
  await expectConsole(page, /^first\nfirst$/);
  await page.fill("#stdin", "second");
  await page.press("#stdin", "Enter");
  await expectConsole(page, /^first\nfirst\nsecond\nsecond$/);
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(page.locator("#status")).toHaveText(/^stopped/);
  await example(page, "hello.wat");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expectConsole(page, "Hello, World!");
});

test("wasmscope.run refuses memory bombs, returns the whole stdout, and the next run works", async ({ page }) => {
  test.setTimeout(240_000);
  const said = goText(page);
  // A page with an element beside the scripted runs: the bombs leave it
  // working too.
  const add = `(module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))`;
  await page.route("**/bombs.html", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><meta charset="utf-8"><title>bombs</title><script type="module" src="embed.js"></script>
        <body><wasm-scope name="add.wat" invoke="add 2 3" panes="output"><script type="text/wat">${add}</script></wasm-scope></body>`,
    }),
  );
  await page.goto("/bombs.html");
  const texts = {
    big: fixture("bigmemory.wat").toString(),
    grow: fixture("growbomb.wat").toString(),
    spam: fixture("spam.wat").toString().replace("100000", "200000"),
  };
  const r = await page.evaluate(async (t) => {
    const { wasmscope } = await import("./embed.js");
    const big = await wasmscope.run(t.big).then(() => "ran", (err) => err.message);
    const grow = await wasmscope.run(t.grow);
    const spam = await wasmscope.run(t.spam);
    const add = await wasmscope.run(`(module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))`, { invoke: "add 2 3" });
    return { big, grow: grow.exitCode, growRefused: grow.refused, spamLength: spam.stdout.length, spamEnd: spam.stdout.slice(-10), add: add.values };
  }, texts);
  expect(r.big).toContain("memory 0 (65536 pages) needs 4 GiB of host memory, more than the store's budget allows");
  expect(r.grow).toBe(31);
  expect(r.growRefused).toMatch(/^the store's memory budget of 512 MiB refused to grow memory 0 to \d+ bytes/);
  expect(r.spamLength).toBe(200_000 * 5);
  expect(r.spamEnd).toBe("line\nline\n");
  expect(r.add).toEqual(["5"]);
  const el = page.locator("wasm-scope");
  await el.getByRole("button", { name: "Run add.wat" }).click();
  await expect(el.locator(".status")).toContainText("add(2, 3) → 5");
  expect(said).toEqual([]);
});
