// Issue 5, item 10: bad uploads give a clear message, and the next upload
// works.
const { test, expect } = require("@playwright/test");
const { open, upload, fixture, shot, sourceText, expectSource, typeSource, expectConsole } = require("./helpers");

const png = Buffer.concat([Buffer.from("\x89PNG\r\n\x1a\n", "latin1"), Buffer.alloc(64, 7)]);
const cio = fixture("cio.wasm");

const cases = [
  ["random bytes", "noise.wasm", Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0xff, 0x80, 0x13, 0x37]), /noise.wasm is not a WebAssembly module: it starts with the bytes de ad be ef/],
  ["a truncated module", "cut.wasm", cio.subarray(0, 300), /cut.wasm: .*(0x[0-9a-f]+|offset|byte)/],
  ["a PNG renamed .wasm", "photo.wasm", png, /photo.wasm is a PNG image, not a WebAssembly module/],
  ["WAT with a syntax error", "bad.wat", Buffer.from("(module\n  (func $f (result i32)\n    i32.const 1\n    i32.frobnicate))\n"), /bad.wat:4:\d+: .*frobnicate/],
];

for (const [what, name, bytes, message] of cases) {
  test(`${what}: a clear message, then a good upload works`, async ({ page }, testInfo) => {
    await open(page);
    await upload(page, name, bytes);
    await expect(page.locator("#error")).toBeVisible();
    await expect(page.locator("#error")).toHaveText(message);
    await expect(page.locator("#status")).toHaveClass(/bad/);
    await shot(page, testInfo, "error");
    await upload(page, "hello.wat", fixture("hello.wat"));
    await expect(page.locator("#error")).toBeHidden();
    await page.getByRole("button", { name: "Run", exact: true }).click();
    await expectConsole(page, "Hello, World!");
  });
}

test("an edit with a syntax error shows its line and column, the fix runs", async ({ page }) => {
  await open(page);
  await upload(page, "hello.wat", fixture("hello.wat"));
  // The upload is read asynchronously: wait for its text in the editor.
  await expectSource(page, /\(memory \(export "memory"\) 1\)/);
  const good = await sourceText(page);
  await typeSource(page, good.replace("(memory (export \"memory\") 1)", "(memory (export \"memory\") 1"));
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.locator("#error")).toHaveText(/hello.wat:\d+:\d+: /);
  await typeSource(page, good);
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expectConsole(page, "Hello, World!");
});

test("WAT that does not compile lands in the editor with its line selected", async ({ page }) => {
  await open(page);
  const text = "(module\n  (func $f (result i32)\n    i32.const 1\n    i32.frobnicate))\n";
  await upload(page, "bad.wat", Buffer.from(text));
  await expect(page.locator("#error")).toHaveText(/bad.wat:4:/);
  await expectSource(page, text);
  // The error's place is underlined, and the cursor is on its line.
  await expect(page.locator("#source .cm-lintRange-error")).toHaveText(/frobnicate/);
  const line = await page.locator("#source").evaluate((el) => {
    const v = el.wsEditor.view;
    return v.state.doc.lineAt(v.state.selection.main.head).number;
  });
  expect(line).toBe(4);
  // Fix it in place and run it.
  await typeSource(page, "(module (func (export \"_start\")))");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.locator("#status")).toHaveText(/exit status 0/);
  await expect(page.locator("#error")).toBeHidden();
});

test("WAT typed into the empty editor runs", async ({ page }) => {
  await open(page);
  await typeSource(page, fixture("hello.wat").toString());
  await expect(page.locator("#run")).toBeEnabled();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expectConsole(page, "Hello, World!");
  await expect(page.locator("#progname")).toHaveText("untitled.wat");
});
