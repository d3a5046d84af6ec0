// Issue 5, item 1: the upload box (file chooser, drop anywhere) and the
// built-in examples.
const { test, expect } = require("@playwright/test");
const { open, example, upload, fixture, shot, expectSource } = require("./helpers");

test("the file chooser loads a .wat file", async ({ page }, testInfo) => {
  await open(page);
  await upload(page, "hello.wat", fixture("hello.wat"));
  await expect(page.locator("#progname")).toHaveText("hello.wat");
  await expectSource(page, /Hello, World!/);
  await expect(page.locator("#status")).toHaveText(/loaded hello.wat/);
  await shot(page, testInfo, "chosen");
});

test("a .wasm file dropped anywhere on the page loads", async ({ page }, testInfo) => {
  await open(page);
  const bytes = [...fixture("cio.wasm")];
  // A real drop: a DataTransfer holding a File, dispatched on the console.
  const dt = await page.evaluateHandle((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], "cio.wasm", { type: "application/wasm" }));
    return dt;
  }, bytes);
  await page.dispatchEvent("#console", "dragenter", { dataTransfer: dt });
  await page.dispatchEvent("#console", "dragover", { dataTransfer: dt });
  await expect(page.locator("body")).toHaveClass(/dragging/);
  await shot(page, testInfo, "dragging");
  await page.dispatchEvent("#console", "drop", { dataTransfer: dt });
  await expect(page.locator("#progname")).toHaveText("cio.wasm");
  await expect(page.locator("body")).not.toHaveClass(/dragging/);
  await expect(page.locator("#proginfo")).toHaveText(/binary/);
  await expectSource(page, /wasi_snapshot_preview1/);
});

test("every built-in example loads", async ({ page }) => {
  test.setTimeout(300_000); // the Go program is 2.7 MB to compile
  await open(page);
  for (const name of ["hello.wat", "add.wat", "fib.wat", "loop.wat", "shapes.wat", "cio.wasm", "goio.wasm"]) {
    await example(page, name);
    await expect(page.locator("#error")).toBeHidden();
  }
});
