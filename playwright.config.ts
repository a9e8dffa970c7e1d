import { defineConfig } from "@playwright/test";

// Ports are derived from E2E_PORT so that several runs can share a machine.
const port = Number(process.env.E2E_PORT ?? 3300);
const smtpPort = port + 1;
const mailApiPort = port + 2;
const buildDir = process.env.BUILD_DIR ?? "build";
const database = `tests/.tmp/e2e-${port}.db`;

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: `tests/.tmp/playwright-${port}`,
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "nl-NL",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      command: `node tests/e2e/mail-catcher.mjs ${smtpPort} ${mailApiPort}`,
      url: `http://127.0.0.1:${mailApiPort}/health`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
    {
      command: `rm -f ${database} ${database}-wal ${database}-shm && node server.js`,
      url: `http://localhost:${port}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        PORT: String(port),
        BUILD_DIR: buildDir,
        DATABASE_PATH: database,
        BASE_URL: `http://localhost:${port}`,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        DEMO: "true",
        JOBS: "true",
        LOG_LEVEL: "warn",
        SESSION_SECRET: "e2e-secret-e2e-secret-e2e-secret",
      },
    },
  ],
});
