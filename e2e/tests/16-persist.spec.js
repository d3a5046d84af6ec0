// Issue 12, item 8: the virtual filesystem can be kept across reloads in
// IndexedDB, off by default, with a switch (remembered) and a "clear"
// button. note.wat prints /note.txt when it exists ("no note" when not),
// then writes it.
const { test, expect } = require("@playwright/test");
const { open, upload, fixture, consoleText } = require("./helpers");

// runNote loads note.wat and runs it; it resolves to what it printed.
async function runNote(page) {
  await upload(page, "note.wat", fixture("note.wat"));
  await expect(page.locator("#progname")).toHaveText("note.wat");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.locator("#status")).toHaveText(/exit status 0/);
  // What it printed: the console's text before the page's "exit status" line.
  const text = await consoleText(page);
  return text.slice(0, text.lastIndexOf("exit status"));
}

async function reload(page) {
  await page.reload();
  await expect(page.locator("#status")).not.toHaveText(/loading/);
}

test("files are kept across reloads only when the switch is on, and clear forgets them", async ({ page }) => {
  await open(page);
  await page.locator("details:has(#persist-on)").evaluate((d) => { d.open = true; });
  // Off by default: the note written is not kept.
  await expect(page.locator("#persist-on")).not.toBeChecked();
  expect(await runNote(page)).toBe("no note\n");
  await reload(page);
  await page.locator("details:has(#persist-on)").evaluate((d) => { d.open = true; });
  await page.check("#persist-on");
  expect(await runNote(page)).toBe("no note\n");

  // On (and remembered across the reload): the note written is there.
  await reload(page);
  await page.locator("details:has(#persist-on)").evaluate((d) => { d.open = true; });
  await expect(page.locator("#persist-on")).toBeChecked();
  expect(await runNote(page)).toBe("kept across reloads\n");

  // Clear: gone after the reload.
  await page.getByRole("button", { name: "Clear kept files", exact: true }).click();
  await expect(page.locator("#status")).toHaveText(/cleared/);
  await reload(page);
  expect(await runNote(page)).toBe("no note\n");

  // Off again: nothing is placed from what is kept, and nothing is saved.
  await page.locator("details:has(#persist-on)").evaluate((d) => { d.open = true; });
  await page.uncheck("#persist-on");
  expect(await runNote(page)).toBe("no note\n");
  await reload(page);
  await expect(page.locator("#persist-on")).not.toBeChecked();
  expect(await runNote(page)).toBe("no note\n");
});
