// Issue 6: the sample tutorial page. Every snippet runs in place, with its
// output, a line of its trace and a byte of its memory checked; the six
// elements of the page share one download of main.wasm.
const { test, expect } = require("@playwright/test");
const { expectConsole } = require("./helpers");

// The book's steps in order: the element's program name, what its run
// prints or returns, a trace line, and a memory byte (address, hex).
const steps = [
  { name: "add.wat", status: "add(1, 2) → 3", output: "add(1, 2) → 3", trace: /i32\.add\s+1, 2 → 3/, byte: [0, "73"] },
  { name: "stack.wat", status: "add(40, 2) → 42", output: "add(40, 2) → 42", trace: /local\.get \$b\s+→ 2/, byte: [8, "74"] },
  { name: "call.wat", status: "twice_plus_one(20) → 41", output: "→ 41", trace: /1 \$double\s+0x[0-9a-f]+\s+call \$double\(20\)/, byte: [0, "73"] },
  { name: "store.wat", status: "store(16, 42)", output: "store(16, 42)", trace: /mem\[0x10\]\s+← 2a 00 00 00/, byte: [16, "2a"], written: true },
  { name: "fib.wat", status: "main(10) → 55", output: "main(10) → 55", trace: /call \$fib\(10\)/, byte: [32, "37"], written: true },
  { name: "hello.wat", status: "exit status 0", output: "Hello, World!", trace: /fd_write\(fd=1, iovs=0x10, iovs_len=1, nwritten=0x18\) → 0/, byte: [0, "48"], stdout: true },
];

// scope returns the element that runs the program name.
function scope(page, name) {
  return page.locator("wasm-scope", { has: page.locator(`.name:text-is("${name}")`) });
}

test("the tutorial runs every step, with its trace and memory, from one main.wasm", async ({ page }, testInfo) => {
  const wasmRequests = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.endsWith("/main.wasm")) wasmRequests.push(r.url());
  });
  await page.goto("/tutorial.html");
  await expect(page.locator("wasm-scope")).toHaveCount(steps.length);
  await page.screenshot({ path: testInfo.outputPath("tutorial-top.png") });

  for (const s of steps) {
    const el = scope(page, s.name);
    await el.scrollIntoViewIfNeeded();
    // The source shows before anything runs.
    await expect(el.locator("[part=code]")).toContainText("(module");
    await el.getByRole("button", { name: `Run ${s.name}` }).click();
    await expect(el.locator(".status")).toContainText(s.status);
    await expectConsole(el, s.output);
    if (s.stdout) {
      await expectConsole(el, /^Hello, World!\n/);
    }

    await el.getByRole("tab", { name: "Trace" }).click();
    const trace = el.getByRole("tabpanel");
    await expect(trace).toContainText(/\d+ lines/);
    // The trace list is virtual (and follows the end): scroll through it
    // from the top until the line shows.
    await trace.locator(".vlist").evaluate((list) => (list.scrollTop = 0));
    await expect(async () => {
      await trace.locator(".vlist").evaluate((list) => (list.scrollTop += list.clientHeight / 2));
      await expect(trace.locator(".vlist-rows div").filter({ hasText: s.trace })).toHaveCount(1, { timeout: 200 });
    }).toPass({ timeout: 10_000 });
    await el.screenshot({ path: testInfo.outputPath(`${s.name}-trace.png`) });

    await el.getByRole("tab", { name: "Memory" }).click();
    const [addr, value] = s.byte;
    const row = el.locator(`.hex .row[data-addr="${addr - (addr % 16)}"]`);
    await expect(row).toBeVisible();
    // Bytes of a row: 16 hex pairs after the address column.
    const bytes = (await row.innerText()).trim().split(/\s+/).slice(1, 17);
    expect(bytes[addr % 16]).toBe(value);
    if (s.written) {
      await expect(row.locator("mark").first()).toHaveText(value);
    }
    await el.screenshot({ path: testInfo.outputPath(`${s.name}-memory.png`) });
    await el.getByRole("tab", { name: "Output" }).click();
  }
  await page.screenshot({ path: testInfo.outputPath("tutorial-end.png"), fullPage: true });
  expect(wasmRequests).toHaveLength(1);
});

test("an element whose runtime has not loaded shows its code, and loads it when it comes into view", async ({ page }) => {
  const wasmRequests = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.endsWith("/main.wasm")) wasmRequests.push(r.url());
  });
  // A short window: only the first element is in view.
  await page.setViewportSize({ width: 900, height: 500 });
  await page.route("**/lazy.html", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><meta charset="utf-8"><script type="module" src="embed.js"></script>
        <p>Text above the fold.</p><div style="height: 3000px"></div>
        <wasm-scope name="below.wat" invoke="f"><script type="text/wat">(module (func (export "f") (result i32) i32.const 7))</script></wasm-scope>`,
    }),
  );
  await page.goto("/lazy.html");
  const el = scope(page, "below.wat");
  await expect(el.locator("[part=code]")).toContainText("i32.const 7");
  await page.waitForTimeout(1000);
  expect(wasmRequests).toHaveLength(0);
  await el.scrollIntoViewIfNeeded();
  await expect(el.locator(".status")).toContainText("1 function");
  expect(wasmRequests).toHaveLength(1);
  await el.getByRole("button", { name: "Run below.wat" }).click();
  await expect(el.locator(".status")).toContainText("f() → 7");
});
