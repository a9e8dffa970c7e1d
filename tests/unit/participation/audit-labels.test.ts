import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { translator } from "~/i18n";
import { DECISIONS } from "~/modules/participation/moderation.rules";
import { auditActionLabel, auditEntityHref, auditEntityLabel } from "~/modules/participation/components/audit-labels";

/** Every audit action code the app writes: the literal ones found in the source, and the moderation decisions per kind of thing. */
function actionCodes(): string[] {
  const codes = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name)) {
        const source = fs.readFileSync(file, "utf8");
        if (!source.includes("recordAudit(")) continue;
        for (const line of source.split("\n").filter((l) => /\baction: /.test(l))) {
          for (const match of line.matchAll(/"([a-z-]+\.[a-z-]+)"/g)) codes.add(match[1]);
        }
      }
    }
  };
  walk(path.resolve("app"));
  for (const kind of ["comment", "topic"]) for (const decision of [...DECISIONS, "auto-hide"]) codes.add(`${kind}.${decision}`);
  return [...codes].sort();
}

describe("the audit log in words", () => {
  const codes = actionCodes();

  it("finds the codes the app writes", () => {
    expect(codes).toEqual(expect.arrayContaining(["petition.publish", "settings.update", "user.block", "user.block-expired", "role.assign", "comment.hide", "topic.auto-hide"]));
  });

  it.each(["nl", "en"] as const)("has words for every action code in %s", (locale) => {
    const t = translator(locale);
    for (const code of codes) expect(auditActionLabel(code, t), code).not.toBe(code);
  });

  it("names and links the thing an entry is about", () => {
    const nl = translator("nl");
    expect(auditActionLabel("petition.publish", nl)).toBe("Petitie gepubliceerd");
    expect(auditActionLabel("made.up", nl)).toBe("made.up");
    expect(auditEntityLabel("petition", "3", translator("en"))).toBe("Petition 3");
    expect(auditEntityHref("petition", "3")).toBe("/petitions/3");
    expect(auditEntityHref("discussion", "11")).toBe("/discussions/11");
    expect(auditEntityHref("user", "u-1")).toBeNull();
    expect(auditEntityHref("petition", "3/../../admin")).toBeNull();
  });
});
