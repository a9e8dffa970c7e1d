import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, settings as settingsTable, userRoles } from "#db/schema";
import * as adminLayout from "~/routes/admin";
import * as adminHome from "~/routes/admin._index";
import * as adminUsers from "~/routes/admin.users";
import * as adminSettings from "~/routes/admin.settings";
import * as adminOutbox from "~/routes/admin.outbox";
import { getSetting, getSettings } from "~/modules/settings/settings.server";
import { db } from "~/utils/db.server";
import { CookieJar } from "../../support/routes";
import { createTestApp } from "../../support/handler";
import { enqueueEmail } from "~/utils/email.server";
import { createPerson, type TestPerson } from "../../support/fixtures";
import { expectPermissions } from "../../support/permissions";
import { callRoute } from "../../support/routes";

const rolesOf = (userId: string) =>
  db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId)).all().map((r) => r.role).sort();

function settingsForm(overrides: Record<string, string> = {}) {
  const current = getSettings() as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries({ ...current, defaultLocale: current.defaultLocale ?? "", ...overrides }).map(([k, v]) => [k, String(v)]),
  );
}

describe("who may use the administration", () => {
  it("only admins see the admin pages", async () => {
    for (const [route, path] of [
      [adminLayout, "/admin"],
      [adminHome, "/admin"],
      [adminUsers, "/admin/users"],
      [adminSettings, "/admin/settings"],
      [adminOutbox, "/admin/outbox"],
    ] as const) {
      await expectPermissions({ route, request: () => ({ path }), allowed: ["admin"] });
    }
  });

  it("only admins assign roles; a refusal changes nothing", async () => {
    let target: TestPerson;
    await expectPermissions({
      route: adminUsers,
      request: async () => {
        target = await createPerson();
        return { path: "/admin/users", form: { intent: "assign", userId: target.id, role: "admin" } };
      },
      allowed: ["admin"],
      onAllowed: () => expect(rolesOf(target.id)).toEqual(["admin", "resident"]),
      onRefused: () => expect(rolesOf(target.id)).toEqual(["resident"]),
    });
  });

  it("only admins change settings", async () => {
    await expectPermissions({
      route: adminSettings,
      request: () => ({ path: "/admin/settings", form: settingsForm({ municipalityName: "Gemeente Ergens" }) }),
      allowed: ["admin"],
      onRefused: () => expect(getSetting("municipalityName")).toBe("Gemeente Voorbeeldstad"),
    });
    // The admin's attempt ran last and succeeded; put it back for the other tests.
    const admin = await createPerson({ roles: ["admin"] });
    await callRoute(adminSettings, { path: "/admin/settings", cookie: admin.cookie, form: settingsForm({ municipalityName: "Gemeente Voorbeeldstad" }) });
  });
});

describe("users and roles", () => {
  it("finds people by name or email, case-insensitively, with % and _ taken literally", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const stamp = Date.now();
    const a = await createPerson({ name: `Zoë 100% Zoekbaar ${stamp}` });
    const b = await createPerson({ email: `zoek_mij_${stamp}@example.org` });
    await createPerson({ name: `Zoe 100 Zoekbaar ${stamp}` });
    const byName = await callRoute(adminUsers, { path: `/admin/users?q=${encodeURIComponent(`zoë 100%`)}`, cookie: admin.cookie });
    expect(byName.data.users.map((u: { id: string }) => u.id)).toEqual([a.id]);
    const byEmail = await callRoute(adminUsers, { path: `/admin/users?q=ZOEK_MIJ_${stamp}`, cookie: admin.cookie });
    expect(byEmail.data.users.map((u: { id: string }) => u.id)).toEqual([b.id]);
    expect(byEmail.data.users[0].roles).toEqual(["resident"]);
    const underscore = await callRoute(adminUsers, { path: `/admin/users?q=zoek_mij_${stamp}`.replace(/_/g, "%5F"), cookie: admin.cookie });
    expect(underscore.data.total).toBe(1);
  });

  it("pages through the list by key, forwards and back, and reads a tampered cursor as the first page", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    for (let i = 0; i < 26; i++) await createPerson({ name: `Paginated ${i}` });
    const first = await callRoute(adminUsers, { path: "/admin/users?q=paginated", cookie: admin.cookie });
    expect(first.data).toMatchObject({ total: 26, more: false, prev: null });
    expect(first.data.users).toHaveLength(25);
    const second = await callRoute(adminUsers, { path: `/admin/users?q=paginated&after=${first.data.next}`, cookie: admin.cookie });
    expect(second.data.users).toHaveLength(1);
    expect(second.data.next).toBeNull();
    expect(second.data.back).toBe(`?q=paginated&after=${first.data.next}`);
    const back = await callRoute(adminUsers, { path: `/admin/users?q=paginated&before=${second.data.prev}`, cookie: admin.cookie });
    expect(back.data.users.map((u: { id: string }) => u.id)).toEqual(first.data.users.map((u: { id: string }) => u.id));
    expect(back.data.prev).toBeNull();
    for (const cursor of ["x", "W1sxXV0", Buffer.from('["a",1]').toString("base64url"), "%00", "a".repeat(5000)]) {
      const silly = await callRoute(adminUsers, { path: `/admin/users?q=paginated&after=${encodeURIComponent(cursor)}`, cookie: admin.cookie });
      expect(silly.status, cursor).toBe(200);
      expect(silly.data.users).toHaveLength(25);
    }
    const long = await callRoute(adminUsers, { path: "/admin/users?page=-3&q=" + "x".repeat(300), cookie: admin.cookie });
    expect(long.status).toBe(200);
    expect(long.data).toMatchObject({ q: "" });
  });

  it("assigns and revokes with an audit entry holding the roles before and after", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const person = await createPerson({ name: "Gerda" });
    const assigned = await callRoute(adminUsers, {
      path: "/admin/users",
      cookie: admin.cookie,
      form: { intent: "assign", userId: person.id, role: "clerk", back: "?q=Gerda" },
    });
    expect(assigned.status).toBe(302);
    expect(assigned.location).toBe("/admin/users?q=Gerda");
    expect(rolesOf(person.id)).toEqual(["clerk", "resident"]);

    const again = await callRoute(adminUsers, { path: "/admin/users", cookie: admin.cookie, form: { intent: "assign", userId: person.id, role: "clerk", back: "//evil" } });
    expect(again.location).toBe("/admin/users");

    await callRoute(adminUsers, { path: "/admin/users", cookie: admin.cookie, form: { intent: "revoke", userId: person.id, role: "resident" } });
    expect(rolesOf(person.id)).toEqual(["clerk"]);

    const audit = db.select().from(auditLog).where(and(eq(auditLog.entityType, "user"), eq(auditLog.entityId, person.id))).all();
    expect(audit.map((e) => ({ action: e.action, actorId: e.actorId, before: e.before, after: e.after }))).toEqual([
      { action: "role.assign", actorId: admin.id, before: { roles: ["resident"] }, after: { roles: ["clerk", "resident"] } },
      { action: "role.revoke", actorId: admin.id, before: { roles: ["clerk", "resident"] }, after: { roles: ["clerk"] } },
    ]);
  });

  it("an admin cannot revoke their own admin role, but may revoke another admin's", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const own = await callRoute(adminUsers, { path: "/admin/users", cookie: admin.cookie, form: { intent: "revoke", userId: admin.id, role: "admin" } });
    expect(own.status).toBe(422);
    expect(own.data.errors.form).toBe("U kunt uw eigen beheerdersrol niet intrekken. Vraag een andere beheerder.");
    expect(rolesOf(admin.id)).toEqual(["admin"]);

    const other = await createPerson({ roles: ["admin"] });
    await callRoute(adminUsers, { path: "/admin/users", cookie: admin.cookie, form: { intent: "revoke", userId: other.id, role: "admin" } });
    expect(rolesOf(other.id)).toEqual([]);
  });

  it("a tampered user id is a 404 and a bad role a 400, changing nothing", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const missing = await callRoute(adminUsers, { path: "/admin/users", cookie: admin.cookie, form: { intent: "assign", userId: "u-does-not-exist", role: "clerk" } });
    expect(missing.status).toBe(404);
    const person = await createPerson();
    const badRole = await callRoute(adminUsers, { path: "/admin/users", cookie: admin.cookie, form: { intent: "assign", userId: person.id, role: "superuser" } });
    expect(badRole.status).toBe(400);
    const badIntent = await callRoute(adminUsers, { path: "/admin/users", cookie: admin.cookie, form: { intent: "drop", userId: person.id, role: "clerk" } });
    expect(badIntent.status).toBe(400);
    expect(rolesOf(person.id)).toEqual(["resident"]);
  });
});

describe("settings", () => {
  it("renders one field per setting, booleans as yes/no", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const result = await callRoute(adminSettings, { path: "/admin/settings", cookie: admin.cookie });
    const fields = (result.data.sections as Array<{ fields: unknown[] }>).flatMap((s) => s.fields) as Array<{ key: string; kind: string }>;
    expect(fields.map((f) => f.key)).toEqual(Object.keys(getSettings()));
    expect(fields.find((f) => f.key === "commentRequireVerifiedEmail")!.kind).toBe("boolean");
    expect(result.data.envLocale).toBe("nl");
  });

  it("saves valid values with an audit entry per changed key, and unsets the default language", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const saved = await callRoute(adminSettings, {
      path: "/admin/settings",
      cookie: admin.cookie,
      form: settingsForm({ municipalityName: "Gemeente Teststad", defaultLocale: "en", commentRequireVerifiedEmail: "false", flagHideThreshold: "7" }),
    });
    expect(saved.status).toBe(302);
    expect(getSettings()).toMatchObject({ municipalityName: "Gemeente Teststad", defaultLocale: "en", commentRequireVerifiedEmail: false, flagHideThreshold: 7 });
    const entries = db.select().from(auditLog).where(and(eq(auditLog.action, "settings.update"), eq(auditLog.actorId, admin.id))).all();
    expect(entries.map((e) => e.entityId).sort()).toEqual(["commentRequireVerifiedEmail", "defaultLocale", "flagHideThreshold", "municipalityName"]);

    await callRoute(adminSettings, { path: "/admin/settings", cookie: admin.cookie, form: settingsForm({ defaultLocale: "", municipalityName: "Gemeente Voorbeeldstad" }) });
    expect(getSetting("defaultLocale")).toBeUndefined();
    expect(db.select().from(settingsTable).where(eq(settingsTable.key, "defaultLocale")).get()).toBeUndefined();
    const unset = db.select().from(auditLog).where(and(eq(auditLog.entityId, "defaultLocale"), eq(auditLog.actorId, admin.id))).all().at(-1)!;
    expect(unset).toMatchObject({ before: "en", after: null });
  });

  it("refuses invalid values beside their fields and saves none of the form", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const before = getSettings();
    const result = await callRoute(adminSettings, {
      path: "/admin/settings",
      cookie: admin.cookie,
      form: settingsForm({ municipalityName: "Other name", petitionDurationDays: "3", defaultLocale: "fr", flagHideThreshold: "many" }),
    });
    expect(result.status).toBe(400);
    expect(Object.keys(result.data.errors).sort()).toEqual(["defaultLocale", "flagHideThreshold", "petitionDurationDays"]);
    expect(getSettings()).toEqual(before);
  });

  it("refuses an emptied municipality name beside the field instead of saying it was saved", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const before = getSettings();
    const result = await callRoute(adminSettings, { path: "/admin/settings", cookie: admin.cookie, form: settingsForm({ municipalityName: "   " }) });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ municipalityName: "Vul dit veld in." });
    expect(getSettings()).toEqual(before);
  });

  it("says the allowed range and unit of an out-of-range or unreadable number, in the admin's language", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const result = await callRoute(adminSettings, {
      path: "/admin/settings",
      cookie: admin.cookie,
      form: settingsForm({ petitionDurationDays: "3", petitionResponseThreshold: "2000000", flagHideThreshold: "many", commentEditWindowMinutes: "" }),
    });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({
      petitionDurationDays: "Kies een heel getal van 7 tot en met 365 dagen.",
      petitionResponseThreshold: "Kies een heel getal van 1 tot en met 1.000.000 handtekeningen.",
      flagHideThreshold: "Kies een heel getal van 1 tot en met 100 meldingen.",
      commentEditWindowMinutes: "Kies een heel getal van 0 tot en met 1.440 minuten.",
    });
    const english = await createPerson({ roles: ["admin"], locale: "en" });
    const en = await callRoute(adminSettings, { path: "/admin/settings", cookie: english.cookie, form: settingsForm({ petitionDurationDays: "400" }) });
    expect(en.data.errors).toEqual({ petitionDurationDays: "Choose a whole number from 7 to 365 days." });
  });

  it("shows every number setting's range and unit, and the name's length, on the page", async () => {
    const app = await createTestApp();
    const admin = await createPerson({ roles: ["admin"] });
    const html = (await (await app.get("/admin/settings", { cookieJar: new CookieJar(admin.cookie) })).text()).replace(/<!-- -->/g, "");
    expect(html).toContain("Van 7 tot en met 365 dagen.");
    expect(html).toContain("Van 1 tot en met 1.000.000 handtekeningen.");
    expect(html).toContain("Van 2 tot en met 80 tekens.");
  });

  it("refuses a debate threshold below the response threshold, in the admin's language", async () => {
    const admin = await createPerson({ roles: ["admin"], locale: "en" });
    const before = getSettings();
    const result = await callRoute(adminSettings, {
      path: "/admin/settings",
      cookie: admin.cookie,
      form: settingsForm({ petitionResponseThreshold: "5000", petitionDebateThreshold: "100" }),
    });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({ petitionDebateThreshold: "The debate threshold cannot be lower than the threshold for a response from the council." });
    expect(getSettings()).toEqual(before);
  });
});

describe("the outbox viewer", () => {
  it("lists recent mail and shows one message's text; bad ids are 404s", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    db.transaction((tx) =>
      enqueueEmail(tx, {
        to: "lezer@example.org",
        locale: "nl",
        subject: "auth.email.reset.subject",
        paragraphs: [["auth.email.reset.body"]],
        action: { label: "auth.email.reset.action", url: "http://localhost:3000/reset-password?token=abc" },
      }),
    );
    const list = await callRoute(adminOutbox, { path: "/admin/outbox", cookie: admin.cookie });
    expect(list.data.smtp).toBe(false);
    const row = list.data.list.messages[0];
    expect(row).toMatchObject({ toAddress: "lezer@example.org", status: "pending", attempts: 0, lastError: null });
    expect(row.text).toBeUndefined();

    const one = await callRoute(adminOutbox, { path: `/admin/outbox?id=${row.id}`, cookie: admin.cookie });
    expect(one.data.message.text).toContain("Nieuw wachtwoord instellen: http://localhost:3000/reset-password?token=abc");

    for (const id of ["abc", "0", "99999999", "1; DROP TABLE email_outbox"]) {
      expect((await callRoute(adminOutbox, { path: `/admin/outbox?id=${encodeURIComponent(id)}`, cookie: admin.cookie })).status, id).toBe(404);
    }
  });
});
