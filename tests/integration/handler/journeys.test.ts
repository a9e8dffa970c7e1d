// Journeys through the real Remix request handler (tests/support/handler.ts): route matching,
// loaders and actions, single fetch, headers exports, error boundaries and the full document from
// entry.server.tsx and root.tsx, with cookies kept by a jar and mail over real SMTP.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { neighbourhoods, signatures, topics } from "#db/schema";
import { db } from "~/utils/db.server";
import { findSessionUser } from "~/utils/auth.server";
import { createPetition, publishPetition, submitPetition } from "~/modules/petitions/petitions.lifecycle.server";
import { createPerson } from "../../support/fixtures";
import { CookieJar, createTestApp, locationOf, pathOf, setCookieOf, type TestApp, type TestBrowser } from "../../support/handler";
import { startMailCatcher } from "../../support/mail";

let app: TestApp;
let mail: Awaited<ReturnType<typeof startMailCatcher>>;

beforeAll(async () => {
  [app, mail] = await Promise.all([createTestApp(), startMailCatcher()]);
  if (db.select().from(neighbourhoods).all().length === 0) {
    db.insert(neighbourhoods).values({ name: "Centrum", postcodeFrom: 9901, postcodeTo: 9905 }).run();
  }
});
afterAll(async () => {
  await mail.stop();
});

let petitionCounter = 0;
/** An open petition: written and submitted by a resident, published by a clerk (the services). */
async function openPetition(): Promise<number> {
  petitionCounter++;
  const author = findSessionUser((await createPerson({ roles: ["resident"] })).id)!;
  const clerk = findSessionUser((await createPerson({ roles: ["clerk"] })).id)!;
  const created = createPetition(author, {
    title: `Meer bomen in het Stadspark, deel ${petitionCounter}`,
    request: "Wij vragen de gemeenteraad om dit jaar vijftig bomen te planten in het Stadspark.",
    background: "Het park is te **warm** in de zomer.",
  });
  if (!created.ok) throw new Error(JSON.stringify(created));
  const submitted = submitPetition(author, created.topicId);
  if (!submitted.ok) throw new Error(JSON.stringify(submitted));
  const published = publishPetition(clerk, created.topicId);
  if (!published.ok) throw new Error(JSON.stringify(published));
  return created.topicId;
}

/** The count the petition page shows, read from the rendered document. */
function shownCount(html: string): number | null {
  const match = /class="inspraak-petitions-count">([\d.]+) (?:handtekening(?:en)?|signatures?)</.exec(html);
  return match ? Number(match[1]!.replace(/\./g, "")) : null;
}

function supportCount(id: number): number {
  return db.select({ n: topics.supportCount }).from(topics).where(eq(topics.id, id)).get()!.n;
}

/**
 * The one post form on a page whose button has this name, as a browser without JavaScript would
 * submit it: its action and its fields (hidden ones included).
 */
function formWithButton(html: string, button: string): { action: string; fields: Record<string, string> } {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].filter((f) => /method="post"/i.test(f[1]!) && f[2]!.includes(`>${button}</button>`));
  expect(forms, `one form with the button "${button}"`).toHaveLength(1);
  const [, attributes, body] = forms[0]!;
  const decode = (v: string) => v.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  const action = decode(/\baction="([^"]*)"/.exec(attributes!)![1]!);
  const fields: Record<string, string> = {};
  for (const input of body!.matchAll(/<input\b([^>]*)>/g)) {
    const name = /\bname="([^"]*)"/.exec(input[1]!)?.[1];
    if (name) fields[decode(name)] = decode(/\bvalue="([^"]*)"/.exec(input[1]!)?.[1] ?? "");
  }
  return { action, fields };
}

/** The HTML of a document response, without the markers React puts between adjacent text nodes. */
async function document(response: Response): Promise<string> {
  expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
  return (await response.text()).replace(/<!-- -->/g, "");
}

/** What a document shows: its HTML without scripts (the page's messages travel in its data script). */
function shown(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
}

describe("documents", () => {
  it("renders the full document in Dutch, with the manifest, the stylesheets and the nonce", async () => {
    const response = await app.get("/");
    expect(response.status).toBe(200);
    const html = await document(response);
    expect(html).toMatch(/^<!DOCTYPE html><html lang="nl" class="utrecht-root">/);
    expect(html).toContain("<title>Praat mee · Gemeente Voorbeeldstad · Inspraak</title>");
    expect(html).toContain('aria-label="Hoofdmenu"');
    expect(html).toContain(">Inloggen</a>");
    // links exports from root.tsx reach <Links />, the hydration scripts carry the request's nonce.
    expect(html).toContain('<link rel="stylesheet" href="/app/styles/app.css"/>');
    expect(html).toContain("window.__remixManifest");
    expect(html).toMatch(/<script nonce="test-nonce"/);
    expect(html).not.toMatch(/<script(?![^>]*nonce="test-nonce")[^>]*>/);
  });

  it("speaks English to a browser that asks for it", async () => {
    const html = await document(await app.get("/", { headers: { "Accept-Language": "en-GB,en;q=0.9,nl;q=0.5" } }));
    expect(html).toMatch(/^<!DOCTYPE html><html lang="en"/);
    expect(html).toContain('aria-label="Main menu"');
    expect(html).toContain(">Sign in</a>");
  });

  it("answers an unknown path with the 404 page inside the shell, in the person's language", async () => {
    const dutch = await app.get("/nope");
    expect(dutch.status).toBe(404);
    const nl = await document(dutch);
    expect(nl).toMatch(/^<!DOCTYPE html><html lang="nl"/);
    expect(nl).toContain("<h1");
    expect(nl).toContain("Pagina niet gevonden");
    expect(nl).toContain('aria-label="Hoofdmenu"');

    const english = await app.get("/nope/deeper?x=1", { headers: { "Accept-Language": "en" } });
    expect(english.status).toBe(404);
    const en = await document(english);
    expect(en).toMatch(/^<!DOCTYPE html><html lang="en"/);
    expect(en).toContain("Page not found");

    // A tampered id on a real route is a 404 too, not a 500.
    expect((await app.get("/petitions/12abc")).status).toBe(404);
    expect((await app.get("/petitions/999999")).status).toBe(404);
  });
});

describe("a resident's journey", () => {
  const name = "Anna de Vries";
  const email = `anna-${Date.now()}@example.org`;
  const password = "correct horse battery";
  let anna: TestBrowser;

  it("registers, confirms the address from the email, signs in and sees their profile", async () => {
    anna = app.browser();
    const registered = await anna.post("/register", { displayName: name, email, password, locale: "nl" });
    expect(registered.status).toBe(302);
    expect(locationOf(registered)).toBe("/register?sent=1");
    expect(await document(await anna.get("/register?sent=1"))).toContain("Controleer uw e-mail");

    const delivered = await mail.flush();
    expect(delivered.map((m) => m.to)).toContainEqual([email]);
    const link = mail.linkTo(email);
    expect(link).toMatch(/^http:\/\/localhost:3000\/verify-email\?token=/);

    // Opening the link (as a mail filter does too) shows a button and confirms nothing.
    const opened = await anna.get(pathOf(link!));
    expect(opened.status).toBe(200);
    expect(opened.headers.get("Cache-Control")).toBe("no-store");
    const page = await document(opened);
    expect(page).toContain("Druk op de knop hieronder om uw e-mailadres te bevestigen.");
    expect(anna.jar.has("inspraak_toast")).toBe(false);
    expect(await document(await anna.get(pathOf(link!)))).toContain("Bevestig mijn e-mailadres</button>");

    const button = formWithButton(page, "Bevestig mijn e-mailadres");
    expect(button.fields).toEqual({ intent: "confirm", token: new URL(link!).searchParams.get("token") });
    const confirmed = await anna.post(button.action, button.fields);
    expect(confirmed.status).toBe(302);
    expect(locationOf(confirmed)).toBe("/sign-in");
    expect(anna.jar.has("inspraak_toast")).toBe(true);
    const signInPage = await document(await anna.get("/sign-in"));
    expect(signInPage).toContain("Uw e-mailadres is bevestigd.");
    // The toast is shown once: the page cleared its cookie.
    expect(anna.jar.has("inspraak_toast")).toBe(false);

    const wrong = await anna.post("/sign-in", { email, password: "not the password" });
    // An action that returns data renders the whole page again, with the message.
    expect(wrong.status).toBe(400);
    expect(await document(wrong)).toContain("Het e-mailadres of het wachtwoord klopt niet.");
    expect(anna.jar.has("inspraak_session")).toBe(false);

    const signedIn = await anna.post("/sign-in", { email, password, redirectTo: "" });
    expect(signedIn.status).toBe(302);
    const session = setCookieOf(signedIn, "inspraak_session");
    expect(session).toBeDefined();
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Lax/i);
    expect(anna.jar.has("inspraak_session")).toBe(true);

    const home = await document(await anna.get(locationOf(signedIn)!));
    // The name is isolated (FSI ... PDI), so a right-to-left override in it cannot turn the sentence.
    expect(home).toContain(`Welkom, \u2068${name}\u2069. U bent ingelogd.`);
    expect(home).toContain(`Mijn profiel (${name})`);

    const profile = await anna.get("/profile");
    expect(profile.status).toBe(200);
    const html = await document(profile);
    expect(html).toContain(`value="${name}"`);
    expect(html).toContain(email);
  });

  it("signs an open petition with one click; signing again keeps the count at one", async () => {
    expect(anna, "the journey above signed Anna in").toBeDefined();
    const id = await openPetition();

    // A new account has no postcode: the first signature gives one (and declares residence), later ones are one click.
    const signed = await anna.post(`/petitions/${id}`, { intent: "sign", postcode: "9903 AB", residence: "on" });
    expect(signed.status).toBe(302);
    expect(locationOf(signed)).toBe(`/petitions/${id}`);
    const page = await anna.get(`/petitions/${id}`);
    expect(page.status).toBe(200);
    // The route's headers export keeps the microcache hint for visitors only.
    expect(page.headers.get("X-Inspraak-Microcache")).toBeNull();
    const html = await document(page);
    expect(shownCount(html)).toBe(1);
    expect(html).toContain("Bedankt! Uw handtekening telt mee.");

    const again = await anna.post(`/petitions/${id}`, { intent: "sign" });
    expect(again.status).toBe(302);
    const second = await document(await anna.get(`/petitions/${id}`));
    expect(shownCount(second)).toBe(1);
    expect(second).toContain("U had deze petitie al ondertekend.");
    expect(shown(second)).not.toContain("Bedankt! Uw handtekening telt mee.");
    expect(supportCount(id)).toBe(1);
  });

  it("is refused the clerks' queue and the admin pages with the 403 page", async () => {
    for (const path of ["/petitions/moderation", "/admin"]) {
      const response = await anna.get(path);
      expect(response.status, path).toBe(403);
      const html = await document(response);
      expect(html).toMatch(/^<!DOCTYPE html><html lang="nl"/);
      expect(html).toContain("Geen toegang");
      expect(html).toContain(`Mijn profiel (${name})`);
    }
  });
});

describe("a guest signs", () => {
  it("by name, email and postcode; the emailed link counts the signature once, however often it is followed", async () => {
    const id = await openPetition();
    const guest = app.browser();
    const address = `gast-${Date.now()}@example.org`;

    const anonymous = await guest.get(`/petitions/${id}`);
    expect(anonymous.headers.get("X-Inspraak-Microcache")).toBe("2");
    expect(shownCount(await document(anonymous))).toBe(0);

    const posted = await guest.post(`/petitions/${id}`, {
      intent: "sign",
      name: "Gerrit Gast",
      email: address,
      postcode: "9903 AB",
      residence: "on",
    });
    expect(posted.status).toBe(302);
    const pending = await document(await guest.get(`/petitions/${id}`));
    expect(pending).toContain("Kijk in uw e-mail");
    expect(shownCount(pending)).toBe(0);

    await mail.flush();
    const link = mail.linkTo(address, /https?:\/\/\S+\/petitions\/confirm\/[A-Za-z0-9_-]+/);
    expect(link).not.toBeNull();

    // A mail filter follows the link first: the page says what would be confirmed, and nothing counts.
    const scanner = app.browser();
    for (const _opening of [1, 2]) {
      const scanned = await scanner.get(pathOf(link!));
      expect(scanned.status).toBe(200);
      expect(scanned.headers.get("Cache-Control")).toBe("no-store");
      expect(scanner.jar.has("inspraak_toast")).toBe(false);
      const html = await document(scanned);
      expect(html).toContain(`U heeft de petitie ‘Meer bomen in het Stadspark, deel ${petitionCounter}’ ondertekend.`);
      expect(html).toContain("Bevestig mijn handtekening</button>");
      // Whoever holds the link sees the page: nothing about the signer is on it.
      for (const secret of ["Gerrit", address, address.split("@")[0]!, "9903"]) expect(html).not.toContain(secret);
    }
    expect(supportCount(id)).toBe(0);
    expect(shownCount(await document(await app.get(`/petitions/${id}`)))).toBe(0);

    // The link opens in a browser without the guest's cookies, as it would from a mail app; the guest
    // presses the button, and once more from a second tab.
    const reader = app.browser();
    const page = await document(await reader.get(pathOf(link!)));
    const button = formWithButton(page, "Bevestig mijn handtekening");
    expect(button).toEqual({ action: pathOf(link!), fields: {} });
    for (const [attempt, toast] of [
      [1, "Bedankt! Uw handtekening is bevestigd en telt mee."],
      [2, "Uw handtekening was al bevestigd."],
    ] as const) {
      const pressed = await reader.post(button.action, button.fields);
      expect(pressed.status, `attempt ${attempt}`).toBe(302);
      expect(locationOf(pressed)).toBe(`/petitions/${id}`);
      const html = await document(await reader.get(`/petitions/${id}`));
      expect(html).toContain(toast);
      expect(shownCount(html)).toBe(1);
    }
    expect(supportCount(id)).toBe(1);
    // Opened after it counted, the link goes to the petition with the same message.
    const late = app.browser();
    const reopened = await late.get(pathOf(link!));
    expect(reopened.status).toBe(302);
    expect(locationOf(reopened)).toBe(`/petitions/${id}`);
    expect(await document(await late.get(`/petitions/${id}`))).toContain("Uw handtekening was al bevestigd.");
    expect(supportCount(id)).toBe(1);
  });

  it("an unknown or malformed link is a 404 page in the reader's language, opened or pressed", async () => {
    for (const token of ["this-token-was-never-issued-0000", "x".repeat(3000), "%E2%80%AE%00"]) {
      for (const [language, text] of [
        ["nl", "Deze link is ongeldig. Controleer of u de hele link uit de e-mail gebruikt."],
        ["en", "This link is not valid. Check that you used the whole link from the email."],
      ] as const) {
        const headers = { "Accept-Language": language };
        for (const response of [await app.get(`/petitions/confirm/${token}`, { headers }), await app.post(`/petitions/confirm/${token}`, {}, { headers })]) {
          expect(response.status, `${token.slice(0, 12)} ${language}`).toBe(404);
          expect(response.headers.get("Cache-Control")).toBe("no-store");
          const html = await document(response);
          expect(html).toContain(text);
          expect(html).not.toMatch(/(Bevestig mijn handtekening|Confirm my signature)<\/button>/);
        }
      }
      const headers = { "Accept-Language": "en" };
      const opened = await app.get(`/verify-email?token=${token}`, { headers });
      const pressed = await app.post(`/verify-email?token=${token}`, { intent: "confirm", token: decodeURIComponent(token.replace("%00", "")) }, { headers });
      for (const response of [opened, pressed]) {
        expect(response.status).toBe(404);
        expect(response.headers.get("Cache-Control")).toBe("no-store");
        expect(await document(response)).toContain("This link is not valid or was replaced by a newer link.");
      }
    }
  });
});

describe("permissions through the handler", () => {
  it("sends a visitor to sign in and brings them back; clerks and admins get in", async () => {
    for (const path of ["/petitions/moderation", "/admin"]) {
      const response = await app.get(path);
      expect(response.status, path).toBe(302);
      expect(locationOf(response)).toBe(`/sign-in?redirectTo=${encodeURIComponent(path)}`);
    }
    const clerk = app.browser();
    clerk.jar.store((await createPerson({ roles: ["clerk"] })).cookie);
    expect((await clerk.get("/petitions/moderation")).status).toBe(200);
    const admin = app.browser();
    admin.jar.store((await createPerson({ roles: ["admin"] })).cookie);
    expect((await admin.get("/admin")).status).toBe(200);
  });
});

describe("what Remix answers on its own", () => {
  it("refuses a cross-site post with a bare 500, without running the action: server.js's 403 guard is what people see", async () => {
    const id = await openPetition();
    const resident = await createPerson({ roles: ["resident"] });
    const jar = new CookieJar(resident.cookie);
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const document = await app.post(`/petitions/${id}`, { intent: "sign" }, { cookieJar: jar, origin: "https://evil.example" });
      expect(document.status).toBe(500);
      expect(await document.text()).toBe("");
      const singleFetch = await app.post(`/petitions/${id}.data`, { intent: "sign" }, { cookieJar: jar, origin: "https://evil.example" });
      expect(singleFetch.status).toBe(500);
      expect(quiet).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining("does not match `origin`") }));
    } finally {
      quiet.mockRestore();
    }
    const signed = db.select().from(signatures).where(and(eq(signatures.topicId, id), eq(signatures.userId, resident.id))).all();
    expect(signed).toEqual([]);
    expect(supportCount(id)).toBe(0);

    // The same post from this site counts.
    const sameSite = await app.post(`/petitions/${id}`, { intent: "sign", postcode: "9903 AB", residence: "on" }, { cookieJar: jar });
    expect(sameSite.status).toBe(302);
    expect(supportCount(id)).toBe(1);
  });

  it("serves single-fetch data: a loader as a turbo-stream, an action's redirect as a 202 payload", async () => {
    const id = await openPetition();
    const data = await app.get(`/petitions/${id}.data`);
    expect(data.status).toBe(200);
    expect(data.headers.get("Content-Type")).toBe("text/x-script");
    expect(data.headers.get("X-Remix-Response")).toBe("yes");
    expect(data.headers.get("X-Inspraak-Microcache")).toBe("2");
    const payload = await data.text();
    expect(payload.startsWith("[")).toBe(true);
    expect(payload).toContain('"routes/petitions.$id"');
    expect(payload).toContain('"supportCount"');
    expect(payload).toContain(`Meer bomen in het Stadspark, deel ${petitionCounter}`);

    const resident = await createPerson({ roles: ["resident"] });
    const jar = new CookieJar(resident.cookie);
    const signed = await app.post(`/petitions/${id}.data`, { intent: "sign", postcode: "9903 AB", residence: "on" }, { cookieJar: jar });
    expect(signed.status).toBe(202);
    const redirect = await signed.text();
    expect(redirect).toContain('"redirect"');
    expect(redirect).toContain(`"/petitions/${id}"`);
    expect(jar.has("inspraak_toast")).toBe(true);
    expect(supportCount(id)).toBe(1);

    // An unknown path's data is a 404 too.
    expect((await app.get("/nope.data")).status).toBe(404);
  });

  it("answers a non-form body with the 400 page (server.js refuses it first with 415)", async () => {
    const id = await openPetition();
    const resident = await createPerson({ roles: ["resident"] });
    const response = await app.fetch(`/petitions/${id}`, {
      method: "POST",
      body: JSON.stringify({ intent: "sign" }),
      headers: { "Content-Type": "application/json" },
      cookieJar: new CookieJar(resident.cookie),
    });
    expect(response.status).toBe(400);
    expect(await document(response)).toMatch(/^<!DOCTYPE html><html lang="nl"/);
    expect(supportCount(id)).toBe(0);
  });
});
