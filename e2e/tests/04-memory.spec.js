// Issue 5, item 4: the memory hexdump: data segments before the first
// instruction, highlights of written bytes, jump and paging, the value
// inspector, several memories.
const { test, expect } = require("@playwright/test");
const { open, example, upload, fixture, tab, shot } = require("./helpers");

test("the hexdump at 0 shows Hello, World! before and after the run", async ({ page }, testInfo) => {
  await open(page);
  await example(page, "hello.wat");
  // Step once: the instance exists, data segments are in place.
  await page.getByRole("button", { name: "Step", exact: true }).click();
  await tab(page, "memory");
  const row0 = page.locator("#hexdump .row").first();
  await expect(row0).toContainText("00000000");
  await expect(row0).toContainText("48 65 6c 6c 6f 2c 20 57  6f 72 6c 64 21 0a");
  await expect(row0).toContainText("|Hello, World!..");
  // Paused after the step: Run is Continue now.
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.locator("#status")).toHaveText(/exit status 0/);
  await tab(page, "memory");
  await expect(row0).toContainText("|Hello, World!..");
  await shot(page, testInfo, "hexdump");
});

test("a step's writes are highlighted and the inspector reads values", async ({ page }, testInfo) => {
  await open(page);
  await example(page, "hello.wat");
  await page.uncheck("#trace-on");
  // i32.const 16, i32.const 0, i32.store, i32.const 20, i32.const 14, i32.store
  for (let i = 0; i < 6; i++) await page.getByRole("button", { name: "Step", exact: true }).click();
  await tab(page, "memory");
  await expect(page.locator("#hexdump .w")).toHaveCount(1);
  await expect(page.locator("#hexdump .w")).toHaveAttribute("data-a", "14");
  await expect(page.locator("#mem-info")).toContainText("1 byte written");
  await page.click('#hexdump [data-a="14"]');
  await expect(page.locator("#inspector")).toContainText("at 0x14");
  await expect(page.locator(`#inspector [data-type="i32"]`)).toContainText("14");
  await page.click('#hexdump [data-a="0"]');
  await expect(page.locator(`#inspector [data-type="u8"]`)).toContainText("72 (0x48)");
  await shot(page, testInfo, "highlight");
});

test("jump to an address and page through", async ({ page }) => {
  await open(page);
  await example(page, "hello.wat");
  await page.getByRole("button", { name: "Step", exact: true }).click();
  await tab(page, "memory");
  await page.fill("#mem-addr", "0x1000");
  await page.press("#mem-addr", "Enter");
  await expect(page.locator("#hexdump .row").first()).toContainText("00001000");
  await page.getByRole("button", { name: "Next rows", exact: true }).click();
  await expect(page.locator("#hexdump .row").first()).toContainText("00001200");
  await page.getByRole("button", { name: "Previous rows", exact: true }).click();
  await page.getByRole("button", { name: "Previous rows", exact: true }).click();
  await expect(page.locator("#hexdump .row").first()).toContainText("00000e00");
});

test("several memories can be looked at", async ({ page }) => {
  await open(page);
  await upload(page, "twomem.wat", fixture("twomem.wat"));
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.locator("#status")).toHaveText(/exit status 0/);
  await tab(page, "memory");
  await expect(page.locator("#mem-select option")).toHaveCount(2);
  await expect(page.locator("#hexdump .row").first()).toContainText("|first");
  await page.selectOption("#mem-select", "1");
  await expect(page.locator("#hexdump .row").nth(1)).toContainText("|second");
  await expect(page.locator("#hexdump .row").nth(2)).toContainText("41");
});
