import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { emailOutbox, emailTokens, userRoles, users } from "#db/schema";
import * as register from "~/routes/register";
import * as verifyEmailRoute from "~/routes/verify-email";
import * as signIn from "~/routes/sign-in";
import { db } from "~/utils/db.server";
import { getUser } from "~/utils/auth.server";
import { getToast } from "~/utils/toast.server";
import { hashToken } from "~/utils/tokens.server";
import { startMailCatcher } from "../../support/mail";
import { callRoute, CookieJar } from "../../support/routes";
import { createPerson } from "../../support/fixtures";
import { browse, pathOf, uniqueEmail, uniqueIp, userByEmail } from "./helpers";

let mail: Awaited<ReturnType<typeof startMailCatcher>>;
beforeAll(async () => {
  mail = await startMailCatcher();
});
afterAll(async () => {
  await mail.stop();
});

const form = (email: string, extra: Record<string, string> = {}) => ({
  displayName: "Anna de Vries",
  email,
  password: "correct horse battery",
  locale: "nl",
  ...extra,
});


/** The message a redirect carries to the next page. */
async function toastOf(result: { headers: Headers }) {
  const cookie = result.headers.get("Set-Cookie");
  if (!cookie) return null;
  return (await getToast(new Request("http://localhost/", { headers: { Cookie: cookie.split(";")[0] } }))).toast;
}

describe("registering", () => {
  it("creates an unconfirmed resident, mails a link, and the link confirms the address", async () => {
    const email = uniqueEmail("new");
    const result = await callRoute(register, { path: "/register", form: form(email), ip: uniqueIp() });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/register?sent=1");

    const person = userByEmail(email)!;
    expect(person).toBeDefined();
    expect(person.emailVerifiedAt).toBeNull();
    expect(person.passwordHash).toMatch(/^\$argon2id\$/);
    const roles = db.select().from(userRoles).where(eq(userRoles.userId, person.id)).all();
    expect(roles.map((r) => r.role)).toEqual(["resident"]);

    const [message] = await mail.flush();
    expect(message!.to).toEqual([email]);
    expect(message!.subject).toBe("Bevestig uw e-mailadres voor Gemeente Voorbeeldstad");
    const link = mail.linkTo(email)!;
    expect(link).toMatch(/^http:\/\/localhost:3000\/verify-email\?token=/);
    expect(message!.html).toContain(link.replace(/&/g, "&amp;"));

    // Only the hash of the token is stored.
    const token = new URL(link).searchParams.get("token")!;
    const stored = db.select().from(emailTokens).where(eq(emailTokens.userId, person.id)).all();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(hashToken(token));
    expect(stored[0]!.tokenHash).not.toContain(token);
    expect(stored[0]!.expiresAt.getTime() - stored[0]!.createdAt.getTime()).toBe(24 * 3_600_000);

    // Opening the link (a person, or a mail filter that follows every link) only shows the button.
    const jar = new CookieJar();
    const opened = await browse(jar, verifyEmailRoute, { path: pathOf(link) });
    expect(opened.status).toBe(200);
    expect(opened.data).toEqual({ reason: null, token, signedIn: false, canResend: false });
    expect(opened.headers.get("Cache-Control")).toBe("no-store");
    expect(userByEmail(email)!.emailVerifiedAt).toBeNull();
    expect(db.select().from(emailTokens).where(eq(emailTokens.userId, person.id)).get()!.usedAt).toBeNull();

    const verified = await browse(jar, verifyEmailRoute, { path: pathOf(link), form: { intent: "confirm", token } });
    expect(verified.status).toBe(302);
    expect(verified.location).toBe("/sign-in");
    expect(userByEmail(email)!.emailVerifiedAt).toBeInstanceOf(Date);

    // The same link a second time, opened or pressed: the same request, told it is already done.
    const verifiedAt = userByEmail(email)!.emailVerifiedAt;
    const again = await callRoute(verifyEmailRoute, { path: pathOf(link) });
    expect(again).toMatchObject({ status: 302, location: "/sign-in" });
    expect(await toastOf(again)).toMatchObject({ message: "auth.verify.already" });
    const pressedAgain = await callRoute(verifyEmailRoute, { path: pathOf(link), form: { intent: "confirm", token } });
    expect(pressedAgain).toMatchObject({ status: 302, location: "/sign-in" });
    expect(await toastOf(pressedAgain)).toMatchObject({ message: "auth.verify.already" });
    expect(userByEmail(email)!.emailVerifiedAt).toEqual(verifiedAt);

    const signedIn = await browse(jar, signIn, { path: "/sign-in", form: { email, password: "correct horse battery" }, ip: uniqueIp() });
    expect(signedIn.status).toBe(302);
    const user = await getUser(new Request("http://localhost/", { headers: { Cookie: jar.header() } }));
    expect(user).toMatchObject({ id: person.id, emailVerified: true, roles: ["resident"] });
  });

  it("mails in the language chosen on the form", async () => {
    const email = uniqueEmail("english");
    await callRoute(register, { path: "/register", form: form(email, { locale: "en" }), ip: uniqueIp() });
    const [message] = await mail.flush();
    expect(message!.subject).toBe("Confirm your email address for Gemeente Voorbeeldstad");
    expect(message!.text).toContain("Confirm email address: http://localhost:3000/verify-email?token=");
    expect(message!.text).toContain("Open the link below and press the button ‘Confirm my email address’.");
    expect(message!.html).toContain("press the button");
    expect(userByEmail(email)!.locale).toBe("en");
  });

  it("answers the same for an address that already has an account, makes none, and warns the owner", async () => {
    const owner = await createPerson({ email: uniqueEmail("owner") });
    const fresh = await callRoute(register, { path: "/register", form: form(uniqueEmail("fresh")), ip: uniqueIp() });
    const known = await callRoute(register, {
      path: "/register",
      form: form(owner.email.toUpperCase(), { displayName: "Someone Else", password: "another password" }),
      ip: uniqueIp(),
    });
    expect({ status: known.status, location: known.location, data: known.data }).toEqual({
      status: fresh.status,
      location: fresh.location,
      data: fresh.data,
    });
    const rows = db.select().from(users).where(eq(users.emailCanonical, owner.email.toLowerCase())).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.displayName).toBe(owner.displayName);

    const delivered = await mail.flush();
    const warning = delivered.find((m) => m.to.includes(owner.email))!;
    expect(warning.subject).toBe("Iemand probeerde een account te maken met uw e-mailadres");
    expect(warning.text).toContain("http://localhost:3000/forgot-password");
  });

  it("treats Gmail dots and +tags as the same address", async () => {
    const base = `anna.devries${Date.now()}`;
    await callRoute(register, { path: "/register", form: form(`${base}@gmail.com`), ip: uniqueIp() });
    await callRoute(register, { path: "/register", form: form(`${base.replace(".", "")}+petities@gmail.com`), ip: uniqueIp() });
    const count = db.select({ n: sql<number>`count(*)` }).from(users).where(eq(users.emailCanonical, `${base.replace(".", "")}@gmail.com`)).get()!.n;
    expect(count).toBe(1);
    await mail.flush();
  });

  it("ten registrations of one address at once make one account and never fail", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        callRoute(register, { path: "/register", form: form(email, { displayName: `Racer ${i}` }), ip: uniqueIp() }),
      ),
    );
    expect(results.map((r) => `${r.status} ${r.location}`)).toEqual(Array(10).fill("302 /register?sent=1"));
    expect(db.select().from(users).where(eq(users.emailCanonical, email)).all()).toHaveLength(1);
    const delivered = await mail.flush();
    const toThem = delivered.filter((m) => m.to.includes(email));
    // One confirmation, and at most one "someone tried" warning per hour however often it is tried.
    expect(toThem.filter((m) => m.subject.startsWith("Bevestig"))).toHaveLength(1);
    expect(toThem.filter((m) => m.subject.startsWith("Iemand"))).toHaveLength(1);
  });

  it("refuses bad input with translated messages per field and writes nothing", async () => {
    const before = db.select({ n: sql<number>`count(*)` }).from(users).get()!.n;
    const result = await callRoute(register, {
      path: "/register",
      form: { displayName: "", email: "not-an-address", password: "short", locale: "fr" },
      ip: uniqueIp(),
    });
    expect(result.status).toBe(400);
    expect(result.data.errors).toEqual({
      displayName: "Vul dit veld in.",
      email: "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.",
      password: "Gebruik minstens 10 tekens.",
      locale: "Deze waarde is niet geldig.",
    });
    expect(result.data.values.password).toBeUndefined();
    expect(db.select({ n: sql<number>`count(*)` }).from(users).get()!.n).toBe(before);
  });

  it("answers in English to an English visitor", async () => {
    const result = await callRoute(register, {
      path: "/register",
      form: { displayName: "A", email: uniqueEmail(), password: "short", locale: "en" },
      headers: { "Accept-Language": "en-GB,en;q=0.9" },
      ip: uniqueIp(),
    });
    expect(result.data.errors).toEqual({ password: "Use at least 10 characters." });
  });

  it("refuses 1 MB fields without an error page", async () => {
    const huge = "x".repeat(1_000_000);
    for (const field of ["displayName", "email", "password"]) {
      const email = uniqueEmail("huge");
      const result = await callRoute(register, { path: "/register", form: form(email, { [field]: huge }), ip: uniqueIp() });
      expect(result.status, field).toBe(400);
      expect(result.data.errors[field]).toMatch(/hoogstens|geldig/);
      expect(userByEmail(email)).toBeUndefined();
    }
  });

  it("stores SQL fragments literally and sends script tags inert", async () => {
    const email = uniqueEmail("hostile");
    const name = `<script>alert("x")</script> Robert'); DROP TABLE users;--`;
    const result = await callRoute(register, { path: "/register", form: form(email, { displayName: name }), ip: uniqueIp() });
    expect(result.status).toBe(302);
    expect(userByEmail(email)!.displayName).toBe(name);
    const [message] = await mail.flush();
    expect(message!.html).not.toContain("<script>");
    expect(message!.html).toContain("&lt;script&gt;");
  });

  it("limits registrations per address of the client, with a translated 429 that changes nothing", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 10; i++) {
      const ok = await callRoute(register, { path: "/register", form: form(uniqueEmail("many")), ip });
      expect(ok.status).toBe(302);
    }
    const email = uniqueEmail("eleventh");
    const refused = await callRoute(register, { path: "/register", form: form(email), ip });
    expect(refused.status).toBe(429);
    expect(refused.data.errors.form).toBe("U heeft dit te vaak geprobeerd. Probeer het over een paar minuten opnieuw.");
    expect(userByEmail(email)).toBeUndefined();
    await mail.flush();
  });

  it("a signed-in person is sent away from the registration page", async () => {
    const person = await createPerson();
    const result = await callRoute(register, { path: "/register", cookie: person.cookie });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/");
  });
});

describe("confirmation links", () => {
  async function registered() {
    const email = uniqueEmail("link");
    await callRoute(register, { path: "/register", form: form(email), ip: uniqueIp() });
    await mail.flush();
    const link = mail.linkTo(email)!;
    return { email, link, token: new URL(link).searchParams.get("token")! };
  }

  const press = (token: string) =>
    callRoute(verifyEmailRoute, { path: `/verify-email?token=${encodeURIComponent(token)}`, form: { intent: "confirm", token } });

  it("an expired link says so, opened or pressed, and confirms nothing", async () => {
    const { email, link, token } = await registered();
    const person = userByEmail(email)!;
    db.update(emailTokens).set({ expiresAt: new Date(Date.now() - 1) }).where(eq(emailTokens.userId, person.id)).run();
    const opened = await callRoute(verifyEmailRoute, { path: pathOf(link) });
    expect(opened.status).toBe(410);
    expect(opened.data).toMatchObject({ reason: "expired", token: null });
    const pressed = await press(token);
    expect(pressed.status).toBe(410);
    expect(pressed.data).toEqual({ reason: "expired" });
    expect(pressed.headers.get("Cache-Control")).toBe("no-store");
    expect(userByEmail(email)!.emailVerifiedAt).toBeNull();
  });

  it.each([["made-up"], [""], ["x".repeat(5000)], ["a".repeat(42) + "\u0000"], ["../../etc/passwd"], ["ü".repeat(43)]])(
    "an unknown, over-long or malformed link (%s) is a 404 with a message, opened or pressed",
    async (token) => {
      const opened = await callRoute(verifyEmailRoute, { path: `/verify-email?token=${encodeURIComponent(token)}` });
      expect(opened.status).toBe(404);
      expect(opened.data).toMatchObject({ reason: "unknown", token: null });
      const pressed = await press(token);
      expect(pressed.status).toBe(404);
      expect(pressed.data).toEqual({ reason: "unknown" });
    },
  );

  it("opening a valid link changes nothing, however often; the button confirms once, even pressed twice at once", async () => {
    const { email, link, token } = await registered();
    const person = userByEmail(email)!;
    for (const _opening of [1, 2, 3]) {
      const opened = await callRoute(verifyEmailRoute, { path: pathOf(link) });
      expect(opened.status).toBe(200);
      expect(opened.headers.get("Set-Cookie")).toBeNull();
    }
    expect(userByEmail(email)!.emailVerifiedAt).toBeNull();
    expect(db.select().from(emailTokens).where(eq(emailTokens.userId, person.id)).get()!.usedAt).toBeNull();

    // A double click: both answers send the person on; the address is confirmed once.
    const [first, second] = await Promise.all([press(token), press(token)]);
    expect([first!.status, second!.status]).toEqual([302, 302]);
    expect((await Promise.all([toastOf(first!), toastOf(second!)])).map((t) => t?.message).sort()).toEqual(["auth.verify.already", "auth.verify.ok"]);
    const verifiedAt = userByEmail(email)!.emailVerifiedAt;
    expect(verifiedAt).toBeInstanceOf(Date);
    expect(await press(token)).toMatchObject({ status: 302 });
    expect(userByEmail(email)!.emailVerifiedAt).toEqual(verifiedAt);
  });

  it("the button needs no session, and an unknown intent is refused", async () => {
    const { email, token } = await registered();
    const refused = await callRoute(verifyEmailRoute, { path: "/verify-email", form: { intent: "verify", token } });
    expect(refused.status).toBe(400);
    expect(refused.data.errors.form).toBeTruthy();
    expect(userByEmail(email)!.emailVerifiedAt).toBeNull();
    const pressed = await press(token);
    expect(pressed.location).toBe("/sign-in");
    expect(userByEmail(email)!.emailVerifiedAt).toBeInstanceOf(Date);
  });

  it("a signed-in person who opens their link and presses the button goes home confirmed", async () => {
    const { email, link, token } = await registered();
    const jar = new CookieJar();
    await browse(jar, signIn, { path: "/sign-in", form: { email, password: "correct horse battery" }, ip: uniqueIp() });
    const opened = await browse(jar, verifyEmailRoute, { path: pathOf(link) });
    expect(opened.data).toMatchObject({ reason: null, token, signedIn: true, canResend: true });
    const result = await browse(jar, verifyEmailRoute, { path: pathOf(link), form: { intent: "confirm", token } });
    expect(result.location).toBe("/");
  });

  it("resending makes a new link, the old one stops working, and it is rate limited", async () => {
    const { email, link: first } = await registered();
    const jar = new CookieJar();
    await browse(jar, signIn, { path: "/sign-in", form: { email, password: "correct horse battery" }, ip: uniqueIp() });
    const ip = uniqueIp();
    const resent = await browse(jar, verifyEmailRoute, { path: "/verify-email", form: { intent: "resend", redirectTo: "/inbox" }, ip });
    expect(resent.status).toBe(302);
    expect(resent.location).toBe("/inbox");
    await mail.flush();
    const second = mail.linkTo(email)!;
    expect(second).not.toBe(first);
    expect((await callRoute(verifyEmailRoute, { path: pathOf(first) })).data).toMatchObject({ reason: "unknown" });

    await browse(jar, verifyEmailRoute, { path: "/verify-email", form: { intent: "resend" }, ip });
    await browse(jar, verifyEmailRoute, { path: "/verify-email", form: { intent: "resend" }, ip });
    const before = db.select({ n: sql<number>`count(*)` }).from(emailOutbox).get()!.n;
    const limited = await browse(jar, verifyEmailRoute, { path: "/verify-email", form: { intent: "resend" }, ip });
    expect(limited.status).toBe(429);
    expect(limited.data.errors.form).toMatch(/te vaak/);
    expect(db.select({ n: sql<number>`count(*)` }).from(emailOutbox).get()!.n).toBe(before);
    await mail.flush();
  });

  it("resending for a confirmed address sends nothing", async () => {
    const person = await createPerson();
    const before = db.select({ n: sql<number>`count(*)` }).from(emailOutbox).get()!.n;
    const result = await callRoute(verifyEmailRoute, { path: "/verify-email", form: { intent: "resend", redirectTo: "https://evil.example" }, cookie: person.cookie });
    expect(result.location).toBe("/profile");
    expect(db.select({ n: sql<number>`count(*)` }).from(emailOutbox).get()!.n).toBe(before);
    expect(
      db.select().from(emailTokens).where(and(eq(emailTokens.userId, person.id), eq(emailTokens.purpose, "verify-email"))).all(),
    ).toHaveLength(0);
  });
});
