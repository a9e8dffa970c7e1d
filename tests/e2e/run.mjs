// `npm run test:e2e`: makes sure Debian's Chromium is there, builds the app, runs Playwright.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `Chromium was not found at ${chromium}.\n` +
        "Install Debian's package (sudo apt-get update && sudo apt-get install -y chromium) or set CHROMIUM_PATH.",
    );
    process.exit(1);
  }
  console.log("Installing Debian's chromium package for the browser tests...");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}
process.env.CHROMIUM_PATH = chromium;

fs.mkdirSync("tests/.tmp", { recursive: true });
if (!process.env.E2E_SKIP_BUILD) {
  const build = spawnSync("npx", ["remix", "vite:build"], { stdio: "inherit", env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// No server code and no message catalogue in the browser's chunks (tests/bundle/check.mjs).
const bundle = spawnSync("node", ["tests/bundle/check.mjs"], { stdio: "inherit", env: process.env });
if (bundle.status !== 0) process.exit(bundle.status ?? 1);
const run = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], { stdio: "inherit", env: process.env });
process.exit(run.status ?? 1);
