// Playwright runs the playground's end-to-end tests in the system's
// Chromium against "go run serve.go" on a free port.
const { defineConfig } = require("@playwright/test");
const { execFileSync } = require("node:child_process");
const path = require("node:path");

// The config is evaluated by the runner and again by each worker; the port
// is chosen once and handed down through the environment.
if (!process.env.WASMSCOPE_E2E_PORT) {
  process.env.WASMSCOPE_E2E_PORT = execFileSync(process.execPath, [
    "-e",
    "const s = require('net').createServer().listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); });",
  ]).toString();
}
const port = process.env.WASMSCOPE_E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;

module.exports = defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  // One worker: the machine is small and the timings the suite reports
  // (load time, Stop latency) should not compete with other pages.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "./playwright-report" }]],
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    screenshot: "on",
    trace: "off",
    acceptDownloads: true,
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "light", use: { colorScheme: "light" } },
  ],
  webServer: {
    command: `go run serve.go -addr 127.0.0.1:${port}`,
    cwd: path.join(__dirname, ".."),
    url: `${baseURL}/`,
    // A stale page is rebuilt first, which takes a while on a small machine.
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
