// Issue 5, item 7: the in-memory filesystem: files placed before the run,
// files the program wrote, downloads.
const fs = require("node:fs");
const { test, expect } = require("@playwright/test");
const { open, upload, fixture, tab, shot, expectConsole } = require("./helpers");

test("files placed before the run and written by it can be downloaded", async ({ page }, testInfo) => {
  await open(page);
  await upload(page, "echo.wat", fixture("echo.wat"));
  await page.setInputFiles("#add-file", [
    { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("placed\n") },
    { name: "data.bin", mimeType: "application/octet-stream", buffer: Buffer.from([1, 2, 3]) },
  ]);
  await expect(page.locator("#files-in li")).toHaveCount(2);
  // Remove one again.
  await page.click('#files-in [data-remove="1"]');
  await expect(page.locator("#files-in li")).toHaveCount(1);
  await page.fill("#stdin-initial", "typed ahead\n");
  await page.check("#stdin-eof");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expectConsole(page, "typed ahead");
  await expect(page.locator("#status")).toHaveText(/exit status 0/);
  await tab(page, "files");
  await expect(page.locator("#files [data-download]")).toHaveCount(2);
  await expect(page.locator('#files [data-download="/notes.txt"]')).toHaveCount(1);
  await expect(page.locator('#files [data-download="/out.txt"]')).toHaveCount(1);
  await expect(page.locator("#tab-files .badge")).toHaveText("2");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click('#files [data-download="/out.txt"]')]);
  expect(download.suggestedFilename()).toBe("out.txt");
  expect(fs.readFileSync(await download.path(), "utf8")).toBe("bye\n");
  await shot(page, testInfo, "files");
});

test("a program's files show while it still runs", async ({ page }) => {
  await open(page);
  // echo.wat writes out.txt only after EOF; cio.wasm opens shout.txt before
  // it reads stdin.
  await page.selectOption("#examples", "cio.wasm");
  await expect(page.locator("#progname")).toHaveText("cio.wasm");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.locator("#stdin-form")).toHaveClass(/waiting/);
  await tab(page, "files");
  await expect(page.locator('#files [data-download="/shout.txt"]')).toHaveCount(1);
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(page.locator("#status")).toHaveText(/stopped/);
});
