import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "#db/schema";
import * as language from "~/routes/language";
import { getLocale } from "~/utils/locale.server";
import { db } from "~/utils/db.server";
import { createPerson } from "../../support/fixtures";
import { callRoute, CookieJar } from "../../support/routes";

describe("the language switch", () => {
  it("sets the cookie and goes back to the page", async () => {
    const jar = new CookieJar();
    const result = jar.take(await callRoute(language, { path: "/language", form: { locale: "en", redirectTo: "/search?q=park" } }));
    expect(result.status).toBe(302);
    expect(result.location).toBe("/search?q=park");
    expect(result.headers.get("Set-Cookie")).toMatch(/^lang=en; Path=\/; Max-Age=\d+; SameSite=Lax; HttpOnly$/);
    expect(await getLocale(new Request("http://localhost/", { headers: { Cookie: jar.header(), "Accept-Language": "nl" } }))).toBe("en");
  });

  it("also stores the language on a signed-in person's account, which wins over the cookie", async () => {
    const person = await createPerson({ locale: "nl" });
    await callRoute(language, { path: "/language", cookie: person.cookie, form: { locale: "en", redirectTo: "/" } });
    expect(db.select({ locale: users.locale }).from(users).where(eq(users.id, person.id)).get()!.locale).toBe("en");
    const request = new Request("http://localhost/", { headers: { Cookie: `${person.cookie}; lang=nl` } });
    expect(await getLocale(request)).toBe("en");
  });

  it.each([
    [{ locale: "de", redirectTo: "/privacy" }, "/privacy", null],
    [{ locale: "en", redirectTo: "https://evil.example" }, "/", "lang=en"],
    [{ locale: "en", redirectTo: "//evil.example" }, "/", "lang=en"],
    [{ locale: "x".repeat(10_000) }, "/", null],
  ])("ignores what it does not know: %j", async (form, location, cookie) => {
    const result = await callRoute(language, { path: "/language", form });
    expect(result.location).toBe(location);
    const set = result.headers.get("Set-Cookie");
    if (cookie) expect(set).toContain(cookie);
    else expect(set).toBeNull();
  });

  it("falls back from cookie to Accept-Language to the default", async () => {
    expect(await getLocale(new Request("http://localhost/", { headers: { "Accept-Language": "de-DE, en;q=0.8, nl;q=0.5" } }))).toBe("en");
    expect(await getLocale(new Request("http://localhost/", { headers: { "Accept-Language": "fr" } }))).toBe("nl");
    expect(await getLocale(new Request("http://localhost/"))).toBe("nl");
  });

  it("a GET goes home and changes nothing", async () => {
    const result = await callRoute(language, { path: "/language?locale=en" });
    expect(result.location).toBe("/");
    expect(result.headers.get("Set-Cookie")).toBeNull();
  });
});
