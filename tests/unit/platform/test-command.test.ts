// What `npm test` runs: a type error or a client chunk with server code fails it (issue #9 point 21, issue #8).
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { check, useBuild } from "../../bundle/check.mjs";

const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };

describe("npm test", () => {
  it("type-checks before the tests", () => {
    expect(pkg.scripts.typecheck).toBe("tsc --noEmit");
    expect(pkg.scripts.test!.split("&&").map((s) => s.trim())[0]).toBe("npm run typecheck");
  });

  it("checks the client bundle after building it for the browser tests", () => {
    expect(pkg.scripts.test).toContain("npm run test:e2e");
    expect(fs.readFileSync("tests/e2e/run.mjs", "utf8")).toContain("tests/bundle/check.mjs");
  });
});

describe("the client bundle check", () => {
  const dir = path.resolve("tests/.tmp/bundle-check");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A client build of two routes whose chunks hold the given text. */
  function fakeBuild(chunks: Record<string, string>) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, "client/assets"), { recursive: true });
    const route = (id: string, module: string) => ({ id, module: `/assets/${module}`, imports: [] });
    const manifest = {
      entry: { module: "/assets/entry.js", imports: [] },
      routes: { root: route("root", "root.js"), "routes/_index": route("routes/_index", "home.js"), "routes/petitions.$id": route("routes/petitions.$id", "petition.js") },
    };
    fs.writeFileSync(path.join(dir, "client/assets/manifest-test.js"), `window.__remixManifest=${JSON.stringify(manifest)};`);
    for (const name of ["entry.js", "root.js", "home.js", "petition.js", "shared.js"]) {
      fs.writeFileSync(path.join(dir, "client/assets", name), chunks[name] ?? "export const x=1;");
    }
    useBuild(dir);
  }

  it("passes a bundle without server code or catalogues", async () => {
    fakeBuild({});
    const { problems, sizes } = await check();
    expect(problems).toEqual([]);
    expect(sizes.home.files).toBe(4);
  });

  it("fails on drizzle tables, password_hash or node built-ins in any chunk", async () => {
    fakeBuild({ "shared.js": 'const users=sqliteTable("users",{passwordHash:text("password_hash")});import fs from"node:fs";' });
    const { problems } = await check();
    expect(problems.join("\n")).toMatch(/drizzle table/);
    expect(problems.join("\n")).toMatch(/password_hash/);
    expect(problems.join("\n")).toMatch(/node built-in/);
  });

  it("fails when a catalogue is in the home page's first load, also through a static import", async () => {
    const { catalogs } = await import("~/i18n");
    fakeBuild({ "home.js": 'import"./shared.js";', "shared.js": `const en=${JSON.stringify({ intro: catalogs.en["home.intro"] })};` });
    const { problems } = await check();
    expect(problems.join("\n")).toMatch(/home page's first load .* contains the en catalogue/);
  });
});
