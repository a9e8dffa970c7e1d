// The shape the participation core keeps (issue #8): app/utils never imports a module, and no
// shared file names a kind of topic; kinds are named only in their own module, routes and
// messages, and in the composition root (app/kinds.ts, app/kinds.server.ts).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

const KIND_LITERAL = /["'](petition|discussion|proposal|bylaw|vote)["']/;
/** Where a kind may be named: its own module and routes, the message catalogues, the composition root. */
const MAY_NAME_KINDS = [/^app\/modules\/(petitions|discussions|proposals|bylaws|votes)\//, /^app\/routes\/(petitions|discussions|proposals|bylaws|votes)[.\/]/, /^app\/i18n\//, /^app\/kinds(\.server)?\.ts$/];

describe("the participation core", () => {
  const app = filesUnder("app").map((f) => f.split(path.sep).join("/"));

  it("app/utils imports no module", () => {
    const offenders = app.filter((f) => f.startsWith("app/utils/") && /from ["']~\/modules\//.test(fs.readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("no shared file names a kind of topic", () => {
    const offenders = [...app, "server.js"]
      .filter((f) => !MAY_NAME_KINDS.some((allowed) => allowed.test(f)))
      .flatMap((f) =>
        fs
          .readFileSync(f, "utf8")
          .split("\n")
          .map((line, i) => ({ line, at: `${f}:${i + 1}` }))
          .filter(({ line }) => KIND_LITERAL.test(line))
          .map(({ at, line }) => `${at}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
