// Resident verification end to end through the routes: the desk, the letter codes for a mailing,
// a person entering their code, revoking, and what stays private.
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, letterCodes, neighbourhoods, residentVerifications, users } from "#db/schema";
import * as desk from "~/routes/residents.desk";
import * as letters from "~/routes/residents.letter-codes";
import * as lettersCsv from "~/routes/residents.letter-codes[.]csv";
import * as verify from "~/routes/residents.verify";
import { collectPersonalData } from "~/modules/accounts/accounts.server";
import { generateLetterCodes, redeemLetterCode } from "~/modules/residents/residents.server";
import { db } from "~/utils/db.server";
import { createPerson, deleteAndErase, type TestPerson } from "../../support/fixtures";
import { callRoute } from "../../support/routes";

let clerk: TestPerson;

beforeAll(async () => {
  db.insert(neighbourhoods).values({ name: "Centrum", postcodeFrom: 9901, postcodeTo: 9905 }).onConflictDoNothing().run();
  clerk = await createPerson({ roles: ["resident", "clerk"] });
});

const account = (id: string) => db.select().from(users).where(eq(users.id, id)).get()!;
const auditOf = (id: string) => db.select().from(auditLog).where(eq(auditLog.entityId, id)).all();

/** Makes codes for the given address lines through the route, and returns the rows of the CSV. */
async function mailMerge(lines: string[], validDays = "30") {
  const result = await callRoute(lettersCsv, { path: "/residents/letter-codes.csv", cookie: clerk.cookie, form: { addresses: lines.join("\n"), validDays } });
  expect(result.status).toBe(200);
  expect(result.headers.get("Content-Type")).toContain("text/csv");
  expect(result.headers.get("Content-Disposition")).toMatch(/^attachment; filename="lettercodes-\d{4}-\d{2}-\d{2}\.csv"$/);
  expect(result.headers.get("Cache-Control")).toBe("no-store");
  return (result.data as string).trim().split("\r\n").map((row) => row.split(","));
}

describe("at the desk", () => {
  it("a clerk finds a person by email and verifies them, recording what was checked; the audit log says so without the date of birth", async () => {
    const person = await createPerson({ email: "Anna.Desk@Example.org" });
    const found = await callRoute(desk, { path: "/residents/desk?email=anna.desk%40example.org", cookie: clerk.cookie });
    expect(found.data.person.id).toBe(person.id);
    expect(found.data.person.residentVerifiedAt).toBeNull();

    const path = `/residents/desk?email=${encodeURIComponent(person.email)}`;
    const done = await callRoute(desk, { path, cookie: clerk.cookie, form: { intent: "verify", userId: person.id, postcode: "9903 ab", birthDate: "17-05-1984", evidence: "passport" } });
    expect(done.status).toBe(302);
    expect(done.location).toBe(path);
    const row = account(person.id);
    expect(row.residentVerifiedAt).toBeInstanceOf(Date);
    expect(row.postcode).toBe("9903AB");
    expect(row.birthDate).toBe("1984-05-17");
    const history = db.select().from(residentVerifications).where(eq(residentVerifications.userId, person.id)).all();
    expect(history).toMatchObject([{ method: "desk", evidence: "passport", verifiedBy: clerk.id, postcode: "9903AB", revokedAt: null }]);
    const audit = auditOf(person.id);
    expect(audit).toMatchObject([{ action: "resident.verify", actorId: clerk.id, entityType: "user" }]);
    expect(JSON.stringify(audit)).not.toContain("1984");

    // A double click: the same verification again is done, not a second one.
    const again = await callRoute(desk, { path, cookie: clerk.cookie, form: { intent: "verify", userId: person.id, postcode: "9903AB", birthDate: "1984-05-17", evidence: "passport" } });
    expect(again.status).toBe(302);
    expect(db.select().from(residentVerifications).where(eq(residentVerifications.userId, person.id)).all()).toHaveLength(1);
    // Different details are refused: a verification is revoked first, never silently replaced.
    const other = await callRoute(desk, { path, cookie: clerk.cookie, form: { intent: "verify", userId: person.id, postcode: "9904AB", birthDate: "1984-05-17", evidence: "passport" } });
    expect(other.status).toBe(422);
    expect(other.data.errors.form).toContain("al geverifieerd");
  });

  it("refuses bad input beside its field and changes nothing", async () => {
    const person = await createPerson();
    const path = `/residents/desk?email=${encodeURIComponent(person.email)}`;
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ postcode: "1012 LG", birthDate: "1984-05-17", evidence: "passport" }, "postcode", "niet in de gemeente"],
      [{ postcode: "99AB", birthDate: "1984-05-17", evidence: "passport" }, "postcode", "geldige postcode"],
      [{ postcode: "9903AB", birthDate: "31-02-1984", evidence: "passport" }, "birthDate", "geldige geboortedatum"],
      [{ postcode: "9903AB", birthDate: "2099-01-01", evidence: "passport" }, "birthDate", "geldige geboortedatum"],
      [{ postcode: "9903AB", birthDate: "1984-05-17", evidence: "selfie" }, "evidence", "Kies wat u gecontroleerd"],
      [{ postcode: "9903AB", birthDate: "1984-05-17" }, "evidence", "Kies wat u gecontroleerd"],
    ];
    for (const [form, field, words] of cases) {
      const result = await callRoute(desk, { path, cookie: clerk.cookie, form: { intent: "verify", userId: person.id, ...form } });
      expect(result.status, JSON.stringify(form)).toBeGreaterThanOrEqual(400);
      expect(result.status).toBeLessThan(500);
      expect(result.data.errors[field], JSON.stringify(form)).toContain(words);
    }
    expect(account(person.id).residentVerifiedAt).toBeNull();
    expect(db.select().from(residentVerifications).where(eq(residentVerifications.userId, person.id)).all()).toHaveLength(0);
    const unknown = await callRoute(desk, { path, cookie: clerk.cookie, form: { intent: "verify", userId: "u-nobody", postcode: "9903AB", birthDate: "1984-05-17", evidence: "passport" } });
    expect(unknown.status).toBe(404);
  });

  it("a clerk revokes a verification with a reason; the date of birth goes with it", async () => {
    const person = await createPerson();
    const path = `/residents/desk?email=${encodeURIComponent(person.email)}`;
    await callRoute(desk, { path, cookie: clerk.cookie, form: { intent: "verify", userId: person.id, postcode: "9903AB", birthDate: "1990-01-02", evidence: "brp-record" } });
    const noReason = await callRoute(desk, { path, cookie: clerk.cookie, form: { intent: "revoke", userId: person.id } });
    expect(noReason.status).toBe(400);
    expect(account(person.id).residentVerifiedAt).not.toBeNull();
    const revoked = await callRoute(desk, { path, cookie: clerk.cookie, form: { intent: "revoke", userId: person.id, reason: "moved-away" } });
    expect(revoked.status).toBe(302);
    const row = account(person.id);
    expect(row.residentVerifiedAt).toBeNull();
    expect(row.birthDate).toBeNull();
    expect(db.select().from(residentVerifications).where(eq(residentVerifications.userId, person.id)).get()).toMatchObject({ revokedBy: clerk.id, revocationReason: "moved-away" });
    expect(auditOf(person.id).map((a) => a.action)).toEqual(["resident.verify", "resident.revoke"]);
    // Verified again later: a new row, the old one kept as history.
    await callRoute(desk, { path, cookie: clerk.cookie, form: { intent: "verify", userId: person.id, postcode: "9905AB", birthDate: "1990-01-02", evidence: "passport" } });
    expect(db.select().from(residentVerifications).where(eq(residentVerifications.userId, person.id)).all()).toHaveLength(2);
  });
});

describe("letter codes", () => {
  it("come as a mail merge file, one code per address; only their hashes are stored", async () => {
    const rows = await mailMerge(["Stadhuisplein 1; 9901 AB; Voorbeeldstad", "Kerkstraat 2; 9902 CD; Voorbeeldstad"]);
    expect(rows[0]).toEqual(["adres", "code", "geldig_tot"]);
    expect(rows).toHaveLength(3);
    expect(rows[1]![0]).toBe('"Stadhuisplein 1; 9901 AB; Voorbeeldstad"');
    const code = rows[1]![1]!;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(rows[2]![1]).not.toBe(code);
    const stored = db.select().from(letterCodes).all();
    expect(JSON.stringify(stored)).not.toContain(code.replace(/-/g, ""));
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(JSON.stringify(stored)).not.toContain("Stadhuisplein");
    expect(db.select().from(auditLog).where(eq(auditLog.action, "resident.letter-codes")).all().at(-1)).toMatchObject({ actorId: clerk.id, after: { count: 2 } });
  });

  it("are refused for a list with a problem, naming each line on the form, and none is made", async () => {
    const before = db.select().from(letterCodes).all().length;
    const refused = async (form: Record<string, string>) => {
      const result = await callRoute(lettersCsv, { path: "/residents/letter-codes.csv", cookie: clerk.cookie, form });
      expect(result.status).toBe(303);
      expect(result.location).toMatch(/^\/residents\/letter-codes\?/);
      return (await callRoute(letters, { path: result.location!, cookie: clerk.cookie })).data.errors;
    };
    expect((await refused({ addresses: "Stadhuisplein 1; 9901 AB\nDamrak 1; 1012 LG; Amsterdam\nKerkstraat", validDays: "30" })).addresses).toBe(
      "Regel 2: deze postcode ligt niet in de gemeente. Regel 3: er staat geen postcode in.",
    );
    const many = Array.from({ length: 12 }, (_, i) => `Damrak ${i}; 1012 LG`).join("\n");
    expect((await refused({ addresses: many, validDays: "30" })).addresses).toContain("Regel 10: deze postcode ligt niet in de gemeente. En nog 2 andere regels met een probleem.");
    expect((await refused({ addresses: "Stadhuisplein 1; 9901 AB", validDays: "3" })).validDays).toBe("Vul een aantal dagen in van 7 tot 365.");
    expect((await refused({ addresses: "", validDays: "30" })).addresses).toContain("Kies een bestand");
    expect(db.select().from(letterCodes).all().length).toBe(before);
    // A tampered address shows no made-up problem and no error.
    const tampered = await callRoute(letters, { path: "/residents/letter-codes?lines=1.<script>~99999999.no-postcode&more=-4&invalid=x", cookie: clerk.cookie });
    expect(tampered.status).toBe(200);
    expect(tampered.data.errors).toBeUndefined();
  });

  it("are made from an uploaded file as well", async () => {
    const form = new FormData();
    form.set("addressFile", new File(["Markt 1; 9901 AB\r\nMarkt 2; 9901 AB\r\n"], "adressen.csv", { type: "text/csv" }));
    form.set("addresses", "");
    form.set("validDays", "14");
    const request = new Request("http://localhost:3000/residents/letter-codes.csv", { method: "POST", body: form, headers: { Cookie: clerk.cookie, "x-inspraak-client-ip": "127.0.0.1" } });
    const response = (await lettersCsv.action({ request, params: {}, context: {} } as never)) as Response;
    expect(response.status).toBe(200);
    const rows = (await response.text()).trim().split("\r\n");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(/^"Markt 1; 9901 AB",[A-Z2-9-]{14},\d{4}-\d{2}-\d{2}$/);
  });

  it("verify a person once: the code is used up, and a second person or a second try is refused", async () => {
    const [code] = (await mailMerge(["Kerkstraat 2; 9902 CD; Voorbeeldstad"])).slice(1).map((r) => r[1]!);
    const jan = await createPerson();
    const piet = await createPerson();
    const wrongDate = await callRoute(verify, { path: "/residents/verify", cookie: jan.cookie, form: { code: code!, birthDate: "30-02-2000" } });
    expect(wrongDate.status).toBe(400);
    expect(wrongDate.data.errors.birthDate).toContain("geldige geboortedatum");

    const done = await callRoute(verify, { path: "/residents/verify", cookie: jan.cookie, form: { code: code!.toLowerCase().replace(/-/g, " "), birthDate: "2000-02-29" } });
    expect(done.status).toBe(302);
    expect(account(jan.id)).toMatchObject({ postcode: "9902CD", birthDate: "2000-02-29" });
    expect(account(jan.id).residentVerifiedAt).toBeInstanceOf(Date);
    const page = await callRoute(verify, { path: "/residents/verify", cookie: jan.cookie });
    expect(page.data.verification.postcode).toBe("9902CD");

    const reused = await callRoute(verify, { path: "/residents/verify", cookie: piet.cookie, form: { code: code!, birthDate: "2000-02-29" } });
    expect(reused.status).toBe(422);
    expect(reused.data.errors.code).toContain("al gebruikt");
    expect(account(piet.id).residentVerifiedAt).toBeNull();
    const twice = await callRoute(verify, { path: "/residents/verify", cookie: jan.cookie, form: { code: code!, birthDate: "2000-02-29" } });
    expect(twice.data.errors.form).toContain("al geverifieerd");
    expect(auditOf(jan.id)).toMatchObject([{ action: "resident.verify", actorId: jan.id }]);
  });

  it("are refused once expired, and an unknown code says so", async () => {
    const made = generateLetterCodes(clerk.id, { addresses: "Kerkstraat 3; 9902 CD", validDays: 7 }, new Date(Date.now() - 8 * 86_400_000));
    expect(made.ok).toBe(true);
    const code = (made as { rows: Array<{ code: string }> }).rows[0]!.code;
    const person = await createPerson();
    const expired = await callRoute(verify, { path: "/residents/verify", cookie: person.cookie, form: { code, birthDate: "1970-01-01" } });
    expect(expired.data.errors.code).toContain("verlopen");
    const unknown = await callRoute(verify, { path: "/residents/verify", cookie: person.cookie, form: { code: "ABCD-EFGH-JKLM", birthDate: "1970-01-01" } });
    expect(unknown.data.errors.code).toContain("kennen we niet");
    const nonsense = await callRoute(verify, { path: "/residents/verify", cookie: person.cookie, form: { code: "<script>", birthDate: "1970-01-01" } });
    expect(nonsense.status).toBe(422);
    expect(account(person.id).residentVerifiedAt).toBeNull();
  });

  it("can be tried only so often: guessing stops at the limit, also with a right code", async () => {
    const [code] = (await mailMerge(["Kerkstraat 4; 9902 CD"])).slice(1).map((r) => r[1]!);
    const guesser = await createPerson();
    for (let i = 0; i < 10; i++) {
      const wrong = await callRoute(verify, { path: "/residents/verify", cookie: guesser.cookie, ip: "10.9.9.9", form: { code: "ABCD-EFGH-JKLM", birthDate: "1970-01-01" } });
      expect(wrong.status).toBe(422);
    }
    const limited = await callRoute(verify, { path: "/residents/verify", cookie: guesser.cookie, ip: "10.9.9.9", form: { code: code!, birthDate: "1970-01-01" } });
    expect(limited.status).toBe(429);
    expect(account(guesser.id).residentVerifiedAt).toBeNull();
  });

  it("two tabs using one code at once verify one person once", async () => {
    const made = generateLetterCodes(clerk.id, { addresses: "Kerkstraat 5; 9902 CD", validDays: 30 });
    const code = (made as { rows: Array<{ code: string }> }).rows[0]!.code;
    const [a, b] = await Promise.all([createPerson(), createPerson()]);
    const results = [redeemLetterCode(a.id, { code, birthDate: "1970-01-01" }), redeemLetterCode(b.id, { code, birthDate: "1970-01-01" })];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "code-used" }]);
  });
});

describe("who may", () => {
  it("only clerks open the desk and make letter codes; a resident is refused and nothing is made", async () => {
    const resident = await createPerson();
    const before = db.select().from(letterCodes).all().length;
    for (const [route, path, form] of [
      [desk, "/residents/desk", undefined],
      [desk, "/residents/desk", { intent: "verify", userId: resident.id, postcode: "9903AB", birthDate: "1984-05-17", evidence: "passport" }],
      [letters, "/residents/letter-codes", undefined],
      [lettersCsv, "/residents/letter-codes.csv", { addresses: "Stadhuisplein 1; 9901 AB", validDays: "30" }],
    ] as const) {
      const result = await callRoute(route, { path, cookie: resident.cookie, form });
      expect(result.status, path).toBe(403);
    }
    expect(account(resident.id).residentVerifiedAt).toBeNull();
    expect(db.select().from(letterCodes).all().length).toBe(before);
    const visitor = await callRoute(verify, { path: "/residents/verify" });
    expect(visitor.status).toBe(302);
    expect(visitor.location).toMatch(/^\/sign-in/);
  });
});

describe("privacy", () => {
  it("download-my-data holds the verifications; deleting the account erases them and the date of birth", async () => {
    const person = await createPerson();
    const path = `/residents/desk?email=${encodeURIComponent(person.email)}`;
    await callRoute(desk, { path, cookie: clerk.cookie, form: { intent: "verify", userId: person.id, postcode: "9903AB", birthDate: "1984-05-17", evidence: "passport" } });
    const data = JSON.stringify(collectPersonalData(person.id));
    expect(data).toContain("1984-05-17");
    expect(data).toContain("passport");
    await deleteAndErase(person);
    expect(account(person.id).birthDate).toBeNull();
    expect(account(person.id).residentVerifiedAt).toBeNull();
    expect(db.select().from(residentVerifications).where(eq(residentVerifications.userId, person.id)).all()).toHaveLength(0);
  });
});
