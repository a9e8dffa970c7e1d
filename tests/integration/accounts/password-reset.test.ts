import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { emailOutbox, emailTokens, sessions } from "#db/schema";
import * as forgot from "~/routes/forgot-password";
import * as reset from "~/routes/reset-password";
import * as signIn from "~/routes/sign-in";
import { getUser, verifyPassword } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { createPerson, TEST_PASSWORD } from "../../support/fixtures";
import { startMailCatcher } from "../../support/mail";
import { callRoute, CookieJar } from "../../support/routes";
import { browse, pathOf, uniqueEmail, uniqueIp, userByEmail } from "./helpers";

let mail: Awaited<ReturnType<typeof startMailCatcher>>;
beforeAll(async () => {
  mail = await startMailCatcher();
});
afterAll(async () => {
  await mail.stop();
});

const NEW_PASSWORD = "a brand new passphrase";
const outboxCount = () => db.select({ n: sql<number>`count(*)` }).from(emailOutbox).get()!.n;
const whoIs = (cookie: string) => getUser(new Request("http://localhost/", { headers: { Cookie: cookie } }));

async function requestLink(email: string) {
  const result = await callRoute(forgot, { path: "/forgot-password", form: { email }, ip: uniqueIp() });
  await mail.flush();
  return { result, link: mail.linkTo(email) };
}

describe("forgot password", () => {
  it("answers the same for a known and an unknown address, and mails only the known one", async () => {
    const person = await createPerson({ locale: "en" });
    const before = outboxCount();
    const known = await callRoute(forgot, { path: "/forgot-password", form: { email: person.email }, ip: uniqueIp() });
    const unknownAddress = uniqueEmail("nobody");
    const unknown = await callRoute(forgot, { path: "/forgot-password", form: { email: unknownAddress }, ip: uniqueIp() });
    expect({ s: known.status, l: known.location, d: known.data }).toEqual({ s: unknown.status, l: unknown.location, d: unknown.data });
    expect(known.location).toBe("/forgot-password?sent=1");
    expect(outboxCount()).toBe(before + 1);
    const delivered = await mail.flush();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.to).toEqual([person.email]);
    expect(delivered[0]!.subject).toBe("Set a new password for Gemeente Voorbeeldstad");
    expect(mail.linkTo(person.email)).toMatch(/^http:\/\/localhost:3000\/reset-password\?token=[\w-]{43}$/);
  });

  it("a reset link lives one hour", async () => {
    const person = await createPerson();
    await requestLink(person.email);
    const token = db.select().from(emailTokens).where(and(eq(emailTokens.userId, person.id), eq(emailTokens.purpose, "reset-password"))).get()!;
    expect(token.expiresAt.getTime() - token.createdAt.getTime()).toBe(3_600_000);
  });

  it("is rate limited per address: the 4th request in an hour gets a 429 and no mail", async () => {
    const person = await createPerson();
    for (let i = 0; i < 3; i++) expect((await requestLink(person.email)).result.status).toBe(302);
    const before = outboxCount();
    const limited = await callRoute(forgot, { path: "/forgot-password", form: { email: person.email }, ip: uniqueIp() });
    expect(limited.status).toBe(429);
    expect(limited.data.errors.form).toMatch(/te vaak/);
    expect(outboxCount()).toBe(before);
  });
});

describe("resetting the password", () => {
  it("sets the new password, ends every other session, signs in, and the link works once", async () => {
    const person = await createPerson({ verified: false });
    const otherDevice = person.cookie;
    const { link } = await requestLink(person.email);
    const path = pathOf(link!);

    const page = await callRoute(reset, { path });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ state: "valid" });

    const token = new URL(link!).searchParams.get("token")!;
    const jar = new CookieJar();
    const done = await browse(jar, reset, { path, form: { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } });
    expect(done.status).toBe(302);
    expect(done.location).toBe("/");
    expect((await whoIs(jar.header()))?.id).toBe(person.id);
    expect(await whoIs(otherDevice)).toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.userId, person.id)).all()).toHaveLength(1);

    const stored = userByEmail(person.email)!;
    expect(await verifyPassword(stored.passwordHash!, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(stored.passwordHash!, TEST_PASSWORD)).toBe(false);
    // Following the emailed link proved the mailbox.
    expect(stored.emailVerifiedAt).toBeInstanceOf(Date);

    const changed = (await mail.flush()).find((m) => m.to.includes(person.email))!;
    expect(changed.subject).toBe("Uw wachtwoord is gewijzigd");

    const again = await callRoute(reset, { path, form: { token, password: "yet another password", confirmPassword: "yet another password" } });
    expect(again.status).toBe(410);
    expect(again.data.errors.form).toBe("Deze link is al gebruikt. Een link werkt maar één keer.");
    expect((await callRoute(reset, { path })).data).toMatchObject({ state: "used" });
    expect(await verifyPassword(userByEmail(person.email)!.passwordHash!, NEW_PASSWORD)).toBe(true);

    const signedIn = await callRoute(signIn, { path: "/sign-in", form: { email: person.email, password: NEW_PASSWORD }, ip: uniqueIp() });
    expect(signedIn.status).toBe(302);
  });

  it("an expired link changes nothing", async () => {
    const person = await createPerson();
    const { link } = await requestLink(person.email);
    db.update(emailTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(emailTokens.userId, person.id)).run();
    const token = new URL(link!).searchParams.get("token")!;
    expect((await callRoute(reset, { path: pathOf(link!) })).status).toBe(410);
    const result = await callRoute(reset, { path: pathOf(link!), form: { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } });
    expect(result.status).toBe(410);
    expect(result.data.errors.form).toMatch(/verlopen/);
    expect(await verifyPassword(userByEmail(person.email)!.passwordHash!, TEST_PASSWORD)).toBe(true);
    expect(await whoIs(person.cookie)).not.toBeNull();
  });

  it("a newer link replaces the older one", async () => {
    const person = await createPerson();
    const { link: first } = await requestLink(person.email);
    const { link: second } = await requestLink(person.email);
    expect(second).not.toBe(first);
    expect((await callRoute(reset, { path: pathOf(first!) })).data).toMatchObject({ state: "unknown" });
    expect((await callRoute(reset, { path: pathOf(second!) })).data).toMatchObject({ state: "valid" });
  });

  it("refuses two different passwords or a short one, keeping the link usable", async () => {
    const person = await createPerson();
    const { link } = await requestLink(person.email);
    const token = new URL(link!).searchParams.get("token")!;
    const mismatch = await callRoute(reset, { path: pathOf(link!), form: { token, password: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.data.errors).toEqual({ confirmPassword: "De twee wachtwoorden zijn niet gelijk." });
    const short = await callRoute(reset, { path: pathOf(link!), form: { token, password: "short", confirmPassword: "short" } });
    expect(short.data.errors.password).toBe("Gebruik minstens 10 tekens.");
    expect((await callRoute(reset, { path: pathOf(link!) })).data).toMatchObject({ state: "valid" });
  });

  it("a made-up token is a 404 page, not an error", async () => {
    const result = await callRoute(reset, { path: "/reset-password?token=nope" });
    expect(result.status).toBe(404);
    expect(result.data).toMatchObject({ state: "unknown", token: null });
    const posted = await callRoute(reset, { path: "/reset-password", form: { token: "nope", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } });
    expect(posted.status).toBe(410);
    expect(posted.data.errors.form).toMatch(/ongeldig/);
  });
});
