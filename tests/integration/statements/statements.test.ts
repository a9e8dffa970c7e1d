import { describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { auditLog, settings as settingsTable } from "#db/schema";
import * as privacy from "~/routes/privacy";
import * as accessibility from "~/routes/accessibility";
import * as adminStatement from "~/routes/admin.statements.$statement";
import { updateSettings } from "~/modules/settings/settings.server";
import { db } from "~/utils/db.server";
import { createPerson } from "../../support/fixtures";
import { expectPermissions } from "../../support/permissions";
import { callRoute } from "../../support/routes";

const page = async (route: typeof privacy, path: string, locale: "nl" | "en") =>
  (await callRoute(route, { path, headers: { "Accept-Language": locale } })).data.html as string;

describe("the privacy statement", () => {
  it("names the legal basis of each processing, the privacy officer, the complaint to the Autoriteit Persoonsgegevens and every kind of data with how long it is kept", async () => {
    const nl = await page(privacy, "/privacy", "nl");
    expect(nl).toContain("privacy@voorbeeldstad.example");
    expect(nl).toContain("Autoriteit Persoonsgegevens");
    expect(nl).toMatch(/postcode \(om handtekeningen/);
    expect(nl.match(/<em>Grondslag<\/em>/g)?.length).toBeGreaterThanOrEqual(6);
    expect(nl.match(/<em>Bewaartermijn<\/em>/g)?.length).toBeGreaterThanOrEqual(5);
    const en = await page(privacy, "/privacy", "en");
    expect(en).toContain("Autoriteit Persoonsgegevens");
    expect(en.match(/<em>Legal basis<\/em>/g)?.length).toBeGreaterThanOrEqual(6);
    // Unsubscribe records (email_opt_outs): what is kept and for how long.
    expect(nl).toMatch(/<strong>Afmeldingen voor e-mail<\/strong>: .*e-mailadres.*<em>Bewaartermijn<\/em>: zolang de afmelding geldt/);
    expect(en).toMatch(/<strong>Email unsubscribes<\/strong>: .*email address.*<em>Kept<\/em>: as long as the unsubscribe applies/);
    // Proposals and amendments do not exist (yet): the statement does not speak of them.
    for (const html of [nl, en]) expect(html).not.toMatch(/voorstellen|amendement|proposals|amendments/i);
  });

  it("follows the settings: the privacy officer's contact is a setting", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    updateSettings(admin.id, { privacyOfficerContact: "fg@ergens.example" });
    try {
      expect(await page(privacy, "/privacy", "nl")).toContain("fg@ergens.example");
    } finally {
      updateSettings(admin.id, { privacyOfficerContact: "privacy@voorbeeldstad.example" });
    }
  });
});

describe("the accessibility statement", () => {
  it("follows the Dutch model: scope, status, how it was evaluated, known issues with a plan, contact and date", async () => {
    const nl = await page(accessibility, "/accessibility", "nl");
    for (const heading of ["Toepassingsgebied", "Nalevingsstatus", "Hoe we dit hebben onderzocht", "Bekende problemen en wat we eraan doen", "Contact", "Datum"]) {
      expect(nl).toMatch(new RegExp(`<h[2-4][^>]*>${heading}</h[2-4]>`));
    }
    expect(nl).toContain("voldoet gedeeltelijk");
    expect(nl).toContain("<em>Plan</em>");
    expect(nl).toContain("toegankelijkheid@voorbeeldstad.example");
    expect(nl).toContain("7 december 2026");
    const en = await page(accessibility, "/accessibility", "en");
    expect(en).toContain("partially complies");
    expect(en).not.toMatch(/meets WCAG/);
  });
});

describe("the admin edits the statements", () => {
  it("only admins open or change a statement; a refusal changes nothing", async () => {
    await expectPermissions({ route: adminStatement, request: () => ({ path: "/admin/statements/privacy", params: { statement: "privacy" } }), allowed: ["admin"] });
    await expectPermissions({
      route: adminStatement,
      request: () => ({ path: "/admin/statements/accessibility", params: { statement: "accessibility" }, form: { intent: "save", nl: "# Overgenomen", en: "" } }),
      allowed: ["admin"],
      onRefused: () => expect(db.select().from(settingsTable).where(eq(settingsTable.key, "statement.accessibility.nl")).get()).toBeUndefined(),
    });
    const admin = await createPerson({ roles: ["admin"] });
    await callRoute(adminStatement, { path: "/admin/statements/accessibility", params: { statement: "accessibility" }, cookie: admin.cookie, form: { intent: "reset", nl: "", en: "" } });
  });

  it("an admin's text replaces the default in its language only, is sanitised, audited, and the default comes back on reset", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const opened = await callRoute(adminStatement, { path: "/admin/statements/privacy", params: { statement: "privacy" }, cookie: admin.cookie });
    expect(opened.data.texts.nl.isDefault).toBe(true);
    expect(opened.data.texts.nl.text).toContain("Autoriteit Persoonsgegevens");

    // The English text sent back unchanged (with a browser's CRLF) stays the default.
    const saved = await callRoute(adminStatement, {
      path: "/admin/statements/privacy",
      params: { statement: "privacy" },
      cookie: admin.cookie,
      form: { intent: "save", nl: "## Eigen tekst\n\nBel ons.<script>alert(1)</script>", en: opened.data.texts.en.text.replace(/\n/g, "\r\n") },
    });
    expect(saved.status).toBe(302);
    const nl = await page(privacy, "/privacy", "nl");
    expect(nl).toContain("Eigen tekst");
    expect(nl).not.toContain("<script>");
    expect(await page(privacy, "/privacy", "en")).toContain("Autoriteit Persoonsgegevens");
    const entries = db.select().from(auditLog).where(and(eq(auditLog.actorId, admin.id), like(auditLog.entityId, "statement.%"))).all();
    expect(entries.map((e) => e.entityId)).toEqual(["statement.privacy.nl"]);

    // Saving the same again writes nothing.
    await callRoute(adminStatement, { path: "/admin/statements/privacy", params: { statement: "privacy" }, cookie: admin.cookie, form: { intent: "save", nl: "## Eigen tekst\n\nBel ons.<script>alert(1)</script>", en: "" } });
    expect(db.select().from(auditLog).where(and(eq(auditLog.actorId, admin.id), like(auditLog.entityId, "statement.%"))).all()).toHaveLength(1);

    await callRoute(adminStatement, { path: "/admin/statements/privacy", params: { statement: "privacy" }, cookie: admin.cookie, form: { intent: "reset", nl: "", en: "" } });
    expect(await page(privacy, "/privacy", "nl")).toContain("Autoriteit Persoonsgegevens");
  });

  it("refuses a text that is too long beside its field, and an unknown statement is not found", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const tooLong = await callRoute(adminStatement, { path: "/admin/statements/privacy", params: { statement: "privacy" }, cookie: admin.cookie, form: { intent: "save", nl: "x".repeat(30_001), en: "" } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.data.errors.nl).toBeTruthy();
    expect(db.select().from(settingsTable).where(eq(settingsTable.key, "statement.privacy.nl")).get()).toBeUndefined();
    const unknown = await callRoute(adminStatement, { path: "/admin/statements/cookies", params: { statement: "cookies" }, cookie: admin.cookie });
    expect(unknown.status).toBe(404);
  });
});
