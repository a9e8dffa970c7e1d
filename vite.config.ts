/// <reference types="vitest/config" />
import { vitePlugin as remix } from "@remix-run/dev";
import { realpathSync } from "node:fs";
import { defineConfig, searchForWorkspaceRoot } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// The Remix plugin breaks .tsx imports under vitest ("can't detect preamble"), so it is only
// loaded for real builds.
const isVitest = Boolean(process.env.VITEST);

export default defineConfig({
  plugins: [
    !isVitest &&
      remix({
        buildDirectory: process.env.BUILD_DIR ?? "build",
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
        },
      }),
    tsconfigPaths(),
  ],
  build: { target: "es2022" },
  // A git worktree may link node_modules from another checkout: vitest serves the Utrecht CSS
  // (?url imports) from there, which Vite refuses outside the workspace unless allowed.
  server: { fs: { allow: [searchForWorkspaceRoot(process.cwd()), realpathSync("node_modules")] } },
  test: {
    include: ["tests/unit/**/*.test.{ts,tsx}", "tests/integration/**/*.test.{ts,tsx}"],
    setupFiles: ["tests/support/setup.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    // `import x from "./a.css?url"` gives the stylesheet's URL, as in the real build (vitest would
    // otherwise turn every CSS import into ""), so documents rendered in tests link their CSS.
    css: { include: [/\.css\?url$/] },
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
