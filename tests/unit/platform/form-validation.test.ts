// Issue #9 point 17: where the server validates a form, the browser's own bubbles must not come
// first (their words differ from the app's and they report one field at a time): every post form
// with fields to fill in has noValidate.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return full.endsWith(".tsx") ? [full] : [];
  });
}

const FIELD = /<(TextField|TextArea|SelectField|textarea|select)\b|<input\b(?![^>]*type="(hidden|submit|checkbox|radio)")/;

describe("post forms with fields", () => {
  it("leave validation to the server (noValidate)", () => {
    const missing: string[] = [];
    for (const file of [...sources("app/routes"), ...sources("app/modules"), ...sources("app/components")]) {
      const source = fs.readFileSync(file, "utf8");
      for (const m of source.matchAll(/<(Form|fetcher\.Form|form)\b([^>]*)>([\s\S]*?)<\/\1>/g)) {
        const attributes = m[2]!;
        if (!/method="post"/.test(attributes)) continue;
        if (FIELD.test(m[3]!) && !/\bnoValidate\b/.test(attributes)) missing.push(`${path.relative(".", file)}: <${m[1]}${attributes}>`);
      }
    }
    expect(missing).toEqual([]);
  });
});
