import { describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { sessions } from "#db/schema";
import * as signIn from "~/routes/sign-in";
import * as signOut from "~/routes/sign-out";
import * as auth from "~/utils/auth.server";
import { getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { reloadEnv } from "~/utils/env.server";
import { createPerson, TEST_PASSWORD } from "../../support/fixtures";
import { callRoute, CookieJar } from "../../support/routes";
import { browse, uniqueEmail, uniqueIp } from "./helpers";

const whoIs = (cookie: string) => getUser(new Request("http://localhost/", { headers: { Cookie: cookie } }));

describe("signing in", () => {
  it("starts a session and goes back to where the person was", async () => {
    const person = await createPerson({ locale: "en" });
    const jar = new CookieJar();
    const result = await browse(jar, signIn, {
      path: "/sign-in",
      form: { email: person.email.toUpperCase(), password: TEST_PASSWORD, redirectTo: "/inbox?x=1" },
      ip: uniqueIp(),
    });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/inbox?x=1");
    expect(jar.has("inspraak_session")).toBe(true);
    expect(jar.header()).toContain("lang=en");
    expect((await whoIs(jar.header()))?.id).toBe(person.id);
    const setCookie = result.headers.getSetCookie().find((c) => c.startsWith("inspraak_session="))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
  });

  it.each([["https://evil.example/"], ["//evil.example"], ["/\\evil.example"], ["javascript:alert(1)"]])(
    "never redirects off-site (%s)",
    async (redirectTo) => {
      const person = await createPerson();
      const result = await callRoute(signIn, { path: "/sign-in", form: { email: person.email, password: TEST_PASSWORD, redirectTo }, ip: uniqueIp() });
      expect(result.location).toBe("/");
    },
  );

  it("answers a wrong password and an unknown address identically, and checks a hash for both", async () => {
    const person = await createPerson();
    const verify = vi.spyOn(auth, "verifyPassword");
    const wrongPassword = await callRoute(signIn, { path: "/sign-in", form: { email: person.email, password: "not the password" }, ip: uniqueIp() });
    const unknownEmail = await callRoute(signIn, { path: "/sign-in", form: { email: `x${person.email}`, password: "not the password" }, ip: uniqueIp() });
    expect(verify).toHaveBeenCalledTimes(2);
    verify.mockRestore();
    expect(wrongPassword.status).toBe(400);
    const strip = (r: typeof wrongPassword) => ({ status: r.status, errors: r.data.errors, headers: [...r.headers.keys()] });
    expect(strip(unknownEmail)).toEqual(strip(wrongPassword));
    expect(wrongPassword.data.errors).toEqual({ form: "Het e-mailadres of het wachtwoord klopt niet." });
    expect(wrongPassword.data.values.password).toBeUndefined();
    expect(wrongPassword.headers.get("Set-Cookie")).toBeNull();
  });

  it("lets a person with an unconfirmed address in, marked as unconfirmed", async () => {
    const person = await createPerson({ verified: false });
    const jar = new CookieJar();
    await browse(jar, signIn, { path: "/sign-in", form: { email: person.email, password: TEST_PASSWORD }, ip: uniqueIp() });
    expect(await whoIs(jar.header())).toMatchObject({ id: person.id, emailVerified: false });
  });

  it("limits attempts per account, even with the right password afterwards, in the visitor's language", async () => {
    const person = await createPerson();
    for (let i = 0; i < 8; i++) {
      const r = await callRoute(signIn, { path: "/sign-in", form: { email: person.email, password: `guess ${i}` }, ip: uniqueIp() });
      expect(r.status).toBe(400);
    }
    const limited = await callRoute(signIn, {
      path: "/sign-in",
      form: { email: person.email, password: TEST_PASSWORD },
      ip: uniqueIp(),
      headers: { "Accept-Language": "en" },
    });
    expect(limited.status).toBe(429);
    expect(limited.data.errors.form).toBe("You tried this too often. Please try again in a few minutes.");
    expect(limited.headers.get("Set-Cookie")).toBeNull();
    expect(db.select().from(sessions).where(eq(sessions.userId, person.id)).all()).toHaveLength(1); // only the fixture's
  });

  it("limits attempts per client address across accounts", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 20; i++) {
      await callRoute(signIn, { path: "/sign-in", form: { email: uniqueEmail("spray"), password: "whatever" }, ip });
    }
    const person = await createPerson();
    const limited = await callRoute(signIn, { path: "/sign-in", form: { email: person.email, password: TEST_PASSWORD }, ip });
    expect(limited.status).toBe(429);
  });

  it("counts only failed sign-ins against a shared office address: thirty colleagues sign in from one address", async () => {
    const ip = uniqueIp();
    const colleagues = await Promise.all(Array.from({ length: 30 }, () => createPerson()));
    for (const colleague of colleagues) {
      const result = await callRoute(signIn, { path: "/sign-in", form: { email: colleague.email, password: TEST_PASSWORD }, ip });
      expect(result.status).toBe(302);
    }
    for (let i = 0; i < 20; i++) await callRoute(signIn, { path: "/sign-in", form: { email: uniqueEmail("spray"), password: "whatever" }, ip });
    const limited = await callRoute(signIn, { path: "/sign-in", form: { email: colleagues[0].email, password: TEST_PASSWORD }, ip });
    expect(limited.status).toBe(429);
  });

  it("a successful sign-in forgets the earlier failures of that account", async () => {
    const person = await createPerson();
    for (let i = 0; i < 7; i++) await callRoute(signIn, { path: "/sign-in", form: { email: person.email, password: "nope nope" }, ip: uniqueIp() });
    expect((await callRoute(signIn, { path: "/sign-in", form: { email: person.email, password: TEST_PASSWORD }, ip: uniqueIp() })).status).toBe(302);
    for (let i = 0; i < 7; i++) await callRoute(signIn, { path: "/sign-in", form: { email: person.email, password: "nope nope" }, ip: uniqueIp() });
    expect((await callRoute(signIn, { path: "/sign-in", form: { email: person.email, password: TEST_PASSWORD }, ip: uniqueIp() })).status).toBe(302);
  });

  it("refuses malformed input with field messages, and 1 MB passwords without hashing them", async () => {
    const verify = vi.spyOn(auth, "verifyPassword");
    const result = await callRoute(signIn, { path: "/sign-in", form: { email: "nope", password: "x".repeat(1_000_000) }, ip: uniqueIp() });
    expect(result.status).toBe(400);
    expect(Object.keys(result.data.errors).sort()).toEqual(["email", "password"]);
    expect(verify).not.toHaveBeenCalled();
    verify.mockRestore();
  });

  it("lists the demo accounts only in demo mode", async () => {
    expect((await callRoute(signIn, { path: "/sign-in" })).data.demo).toBeNull();
    process.env.DEMO = "true";
    reloadEnv();
    try {
      const { data } = await callRoute(signIn, { path: "/sign-in" });
      expect(data.demo.password).toBe("voorbeeldstad");
      expect(data.demo.accounts.map((a: { email: string }) => a.email)).toContain("beheer@voorbeeldstad.example");
    } finally {
      process.env.DEMO = "false";
      reloadEnv();
    }
  });
});

describe("signing out", () => {
  it("ends the session on POST", async () => {
    const person = await createPerson();
    const jar = new CookieJar(person.cookie);
    const result = await browse(jar, signOut, { path: "/sign-out", form: {} });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/");
    expect(jar.has("inspraak_session")).toBe(false);
    expect(await whoIs(person.cookie)).toBeNull();
  });

  it("does nothing on GET (a link or prefetch cannot sign anyone out)", async () => {
    const person = await createPerson();
    const result = await callRoute(signOut, { path: "/sign-out", cookie: person.cookie });
    expect(result.status).toBe(302);
    expect(await whoIs(person.cookie)).not.toBeNull();
  });
});
