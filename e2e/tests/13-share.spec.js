// Issue 12, item 8: a share link carries the run configuration (args,
// env, stdin, breakpoints, placed files) and a built-in example by its
// name.
const { test, expect } = require("@playwright/test");
const { open, example, upload, fixture, expectConsole } = require("./helpers");

test("a share link round trip keeps the program, args, env, stdin, breakpoints and files", async ({ page, context }) => {
  await open(page);
  await upload(page, "echo.wat", fixture("echo.wat"));
  await expect(page.locator("#progname")).toHaveText("echo.wat");
  await page.fill("#args", `one "two words"`);
  await page.fill("#env", "USER=ada");
  await page.fill("#stdin-initial", "abc\n");
  await page.check("#stdin-eof");
  await page.fill("#breakpoints", "main");
  await page.setInputFiles("#add-file", { name: "in.txt", mimeType: "text/plain", buffer: Buffer.from("placed") });
  await expect(page.locator("#files-in")).toContainText("/in.txt");
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.locator("#status")).toHaveText(/share link/);
  const link = page.url();
  expect(link).toContain("#");

  const again = await context.newPage();
  await again.goto(link);
  await expect(again.locator("#progname")).toHaveText("echo.wat");
  await expect(again.locator("#args")).toHaveValue(`one "two words"`);
  await expect(again.locator("#env")).toHaveValue("USER=ada");
  await expect(again.locator("#stdin-initial")).toHaveValue("abc\n");
  await expect(again.locator("#stdin-eof")).toBeChecked();
  await expect(again.locator("#breakpoints")).toHaveValue("main");
  await expect(again.locator("#files-in")).toContainText("/in.txt");
  // The breakpoint holds: the run pauses on entry to $main.
  await again.getByRole("button", { name: "Run", exact: true }).click();
  await expect(again.locator("#status")).toHaveText(/paused \(breakpoint\)/);
  await again.getByRole("button", { name: "Continue", exact: true }).click();
  await expectConsole(again, /^abc\n/);
  await expect(again.locator("#status")).toHaveText(/exit status 0/);
});

test("a built-in example is shared by its name", async ({ page, context }) => {
  await open(page);
  await example(page, "cio.wasm");
  await page.fill("#args", "x");
  await page.getByRole("button", { name: "Share", exact: true }).click();
  await expect(page.locator("#status")).toHaveText(/share link/);
  const link = page.url();
  expect(link).toContain("example=cio.wasm");
  expect(link.length).toBeLessThan(200);
  const again = await context.newPage();
  await again.goto(link);
  await expect(again.locator("#progname")).toHaveText("cio.wasm");
  await expect(again.locator("#args")).toHaveValue("x");
});
