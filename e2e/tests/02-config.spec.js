// Issue 5, item 2: args, environment, stdin (waiting, typed input, EOF)
// and files placed before the run; with the C and the Go example.
const { test, expect } = require("@playwright/test");
const { open, example, tab, shot, expectConsole } = require("./helpers");

for (const [name, greeting, outFile, outText] of [
  ["cio.wasm", "hello from C one two", "shout.txt", "FIRST LINE\nSECOND\n"],
  ["goio.wasm", "hello from Go one two", "reversed.txt", "second\nfirst line\n"],
]) {
  test(`${name}: args, env and a stdin round trip`, async ({ page }, testInfo) => {
    test.setTimeout(300_000); // the Go program is 2.7 MB to compile
    await open(page);
    await example(page, name);
    await page.fill("#args", "one two");
    await page.fill("#env", "USER=ada");
    await page.getByRole("button", { name: "Run", exact: true }).click();
        await expectConsole(page, greeting);
    await expectConsole(page, "USER=ada");
    // The program waits for input: the box says so.
    await expect(page.locator("#stdin-form")).toHaveClass(/waiting/);
    await expect(page.locator("#status")).toHaveText(/waiting for input/);
    await page.fill("#stdin", "first line");
    await page.press("#stdin", "Enter");
    await expectConsole(page, /read: (FIRST LINE|first line)/);
    await page.fill("#stdin", "second");
    await page.press("#stdin", "Enter");
    await shot(page, testInfo, "waiting");
    await page.getByRole("button", { name: "EOF", exact: true }).click();
    await expectConsole(page, `2 lines written to ${outFile}`);
    await expectConsole(page, "exit status 0");
    await expect(page.locator("#status")).toHaveText(/exit status 0/);

    await tab(page, "files");
    await expect(page.locator(`#files [data-download="/${outFile}"]`)).toHaveCount(1);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click(`#files [data-download="/${outFile}"]`),
    ]);
    expect(download.suggestedFilename()).toBe(outFile);
    const fs = require("node:fs");
    expect(fs.readFileSync(await download.path(), "utf8")).toBe(outText);
    await shot(page, testInfo, "files");
  });
}

test("stdin given up front with EOF, and files placed before the run", async ({ page }) => {
  await open(page);
  await example(page, "cio.wasm");
  await page.fill("#stdin-initial", "abc\n");
  await page.check("#stdin-eof");
  await page.setInputFiles("#add-file", { name: "input.txt", mimeType: "text/plain", buffer: Buffer.from("given\n") });
  await expect(page.locator("#files-in")).toContainText("/input.txt");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expectConsole(page, "read: ABC");
  await expectConsole(page, "1 lines written to shout.txt");
  await tab(page, "files");
  await expect(page.locator('#files [data-download="/input.txt"]')).toHaveCount(1);
  await expect(page.locator('#files [data-download="/shout.txt"]')).toHaveCount(1);
});
