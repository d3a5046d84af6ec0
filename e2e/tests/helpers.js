// Shared steps of the playground's end-to-end tests.
const { expect } = require("@playwright/test");
const fs = require("node:fs");
const path = require("node:path");

const examples = path.join(__dirname, "..", "..", "static", "examples");
const testdata = path.join(__dirname, "..", "..", "playground", "testdata");

// open navigates to the page and waits for the Go runtime.
async function open(page, query = "") {
  await page.goto("/" + query);
  await expect(page.locator("#status")).not.toHaveText(/loading/);
}

// example picks a built-in example and waits until it is loaded.
async function example(page, name) {
  await page.selectOption("#examples", name);
  // A big module (the Go example) takes seconds to compile.
  await expect(page.locator("#progname")).toHaveText(name, { timeout: 180_000 });
}

// upload gives the file chooser a file made of name and bytes.
async function upload(page, name, buffer) {
  await page.setInputFiles("#file", { name, mimeType: "application/octet-stream", buffer: Buffer.from(buffer) });
}

// fixture reads a test program of static/examples or playground/testdata.
function fixture(name) {
  for (const dir of [examples, testdata]) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) return fs.readFileSync(p);
  }
  throw new Error("no fixture " + name);
}

// tab shows one of the result panes.
async function tab(page, name) {
  // By role and name: a tab's name may end with a badge ("Trace 19").
  await page.getByRole("tab", { name: new RegExp("^" + name, "i") }).click();
  await expect(page.locator(`#pane-${name}`)).toBeVisible();
}

// sourceText reads the program text from the editor (CodeMirror, whose
// element holds its API as wsEditor).
async function sourceText(page, root = page) {
  // null until main.wasm has mounted the editor
  return root.locator("#source").evaluate((el) => (el.wsEditor ? el.wsEditor.text() : null));
}

// expectSource waits until the editor's text matches want (a string or
// a RegExp).
async function expectSource(page, want, root = page) {
  const poll = expect.poll(() => sourceText(page, root), { timeout: 20_000 });
  if (want instanceof RegExp) await poll.toMatch(want);
  else await poll.toBe(want);
}

// typeSource replaces the editor's text as a person typing (pasting) it.
async function typeSource(page, text, root = page) {
  await root.locator("#source .cm-content").fill(text);
}

// consoleText reads what the console (an xterm.js terminal, whose element
// holds its API as wsConsole) holds: the terminal's DOM has the rows in
// view only. root is the page or an element's locator.
async function consoleText(root) {
  // null until main.wasm has mounted the console
  return root.locator("#console").evaluate((el) => (el.wsConsole ? el.wsConsole.text() : null));
}

// expectConsole waits until the console's text contains want (a string)
// or matches it (a RegExp); not: until it does not.
async function expectConsole(root, want, { timeout = 20_000, not = false } = {}) {
  const poll = expect.poll(() => consoleText(root), { timeout });
  const p = not ? poll.not : poll;
  if (want instanceof RegExp) await p.toMatch(want);
  else await p.toContain(want);
}

// shot saves a screenshot into the test's output folder (a CI artifact).
async function shot(page, testInfo, name) {
  await page.screenshot({ path: testInfo.outputPath(name + ".png") });
}

module.exports = { open, example, upload, fixture, tab, shot, sourceText, expectSource, typeSource, consoleText, expectConsole };
