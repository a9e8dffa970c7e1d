import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { translator } from "~/i18n";
import { DECISIONS } from "~/modules/participation/moderation.rules";
import { auditActionLabel } from "~/modules/participation/components/audit-labels";
import { auditChanges, auditSettingLabel } from "~/modules/participation/audit-words.server";

/**
 * Every audit action code the app writes: the literal ones found in the source (written directly,
 * or handed to the outcome service as an event's `audit`), and the moderation decisions per kind of thing.
 */
function actionCodes(): string[] {
  const codes = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name)) {
        const source = fs.readFileSync(file, "utf8");
        if (!source.includes("recordAudit(") && !/\baudit: \{/.test(source)) continue;
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

  it("says what changed in words, without JSON or internal ids", () => {
    const nl = translator("nl");
    expect(auditActionLabel("petition.publish", nl)).toBe("Petitie gepubliceerd");
    expect(auditActionLabel("made.up", nl)).toBe("made.up");
    const published = auditChanges({ entityType: "topic", entityId: "3", topicKind: "petition", before: { status: "submitted" }, after: { status: "open", closesAt: "2027-03-01T10:00:00.000Z" } }, nl, "nl");
    expect(published).toEqual([
      { field: "Status", from: nl("petition.status.submitted"), to: "Open" },
      { field: "Sluit op", to: expect.stringContaining("maart 2027") },
    ]);
    const blocked = auditChanges(
      { entityType: "user", entityId: "u-1", before: { blockedAt: null, blockedUntil: null }, after: { blockedAt: "2026-12-07T09:00:00.000Z", blockedUntil: null } },
      translator("en"),
      "en",
    );
    expect(blocked).toEqual([{ field: "Blocked since", from: "(empty)", to: expect.stringContaining("December 2026") }]);
    expect(auditChanges({ entityType: "topic", entityId: "3", topicKind: "petition", before: { status: "open" }, after: { status: "debated", outcomeId: 12 } }, nl, "nl").map((c) => c.field)).toEqual(["Status"]);
    expect(auditChanges({ entityType: "user", entityId: "u-1", before: { roles: ["resident"] }, after: { roles: ["resident", "clerk"] } }, nl, "nl")).toEqual([
      { field: "Rollen", from: "Inwoner", to: "Inwoner, Griffie" },
    ]);
    expect(auditChanges({ entityType: "comment", entityId: "5", before: { hidden: false }, after: { hidden: true, hiddenBy: "flags" } }, nl, "nl")).toEqual([
      { field: "Verborgen", from: "nee", to: "ja" },
      { field: "Verborgen", to: "na meldingen" },
    ]);
    for (const change of [...published, ...blocked]) expect(Object.values(change).join(" ")).not.toMatch(/[{}]|outcomeId/);
  });

  it("names settings and statement texts as the admin pages do", () => {
    const nl = translator("nl");
    expect(auditChanges({ entityType: "setting", entityId: "petitionDebateThreshold", before: 2000, after: 2500 }, nl, "nl")).toEqual([
      { field: nl("admin.setting.petitionDebateThreshold"), from: "2000", to: "2500" },
    ]);
    expect(auditSettingLabel("statement.privacy.en", nl)).toBe(`${nl("admin.statements.privacy")} · ${nl("admin.statements.text.en")}`);
    const long = auditChanges({ entityType: "setting", entityId: "statement.privacy.nl", before: null, after: "x".repeat(500) }, nl, "nl");
    expect(long[0]!.to).toBe("een tekst van 500 tekens");
  });
});
