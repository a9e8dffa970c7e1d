// Page titles: every page's <title> is in the page's language only, in one format
// ("<page> · <municipality> · Inspraak"), and no two different pages share one. Checked twice:
// each route's `meta` called directly with Dutch and with English root data, and every page of the
// seeded demo fetched through the real request handler in both languages.
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { MetaArgs, MetaDescriptor } from "@remix-run/node";
import { topics, users } from "#db/schema";
import { seedDemo } from "#db/seed";
import { catalogs, type Locale } from "~/i18n";
import { db } from "~/utils/db.server";
import { createSessionCookie } from "~/utils/auth.server";
import { CookieJar, createTestApp, pagePaths, type TestApp } from "../../support/handler";
import { demoBylaws } from "../../support/bylaws";
import { declaredMessages, routeMessages } from "~/i18n/pages.server";

const MUNICIPALITY = "Gemeente Voorbeeldstad";
const SUFFIX = ` · ${MUNICIPALITY} · Inspraak`;

let app: TestApp;
let accounts: Record<"clerk" | "admin" | "resident", string>;
const cookies: Record<"visitor" | "resident" | "clerk" | "admin", string | null> = { visitor: null, resident: null, clerk: null, admin: null };
type Who = keyof typeof cookies;
const ids = { petition: 0, closedPetition: 0, draftPetition: 0, discussion: 0, vote: 0, closedVote: 0, proposal: 0 };

beforeAll(async () => {
  app = await createTestApp();
  const seeded = await seedDemo();
  accounts = { clerk: seeded.accounts.clerk, admin: seeded.accounts.admin, resident: seeded.accounts.resident };
  for (const who of ["resident", "clerk", "admin"] as const) cookies[who] = (await createSessionCookie(seeded.accounts[who])).split(";")[0]!;
  const pick = (where: Parameters<typeof and>) => db.select({ id: topics.id }).from(topics).where(and(...where)).get()!.id;
  ids.petition = pick([eq(topics.kind, "petition"), eq(topics.status, "open")]);
  ids.closedPetition = pick([eq(topics.kind, "petition"), eq(topics.status, "closed")]);
  ids.draftPetition = pick([eq(topics.kind, "petition"), eq(topics.status, "draft")]);
  ids.discussion = pick([eq(topics.kind, "discussion"), eq(topics.isPublic, true), eq(topics.status, "open")]);
  ids.proposal = pick([eq(topics.kind, "proposal"), eq(topics.status, "collecting")]);
  ids.vote = pick([eq(topics.kind, "vote"), eq(topics.status, "open")]);
  ids.closedVote = pick([eq(topics.kind, "vote"), eq(topics.status, "closed")]);
  db.update(topics).set({ authorId: seeded.accounts.resident }).where(eq(topics.id, ids.draftPetition)).run();
});

/** Words that are one language's and not the other's: a Dutch title must contain none of the English ones, and back. */
function foreignWords(locale: Locale): Set<string> {
  const other: Locale = locale === "nl" ? "en" : "nl";
  const words = new Set<string>();
  for (const key of Object.keys(catalogs.nl) as Array<keyof typeof catalogs.nl>) {
    const mine = catalogs[locale][key];
    const theirs = catalogs[other][key];
    if (mine !== theirs && !/[{}]/.test(theirs) && theirs.length < 60) words.add(theirs);
  }
  // Drop any that are also a message of this language (e.g. "Moderatie" is never English, but "Status" is both).
  for (const value of Object.values(catalogs[locale])) words.delete(value);
  return words;
}

/** What is wrong with a title in a language: the format, and parts in the other language. */
function titleProblems(title: string, locale: Locale): string[] {
  const problems: string[] = [];
  if (!title.endsWith(SUFFIX)) return [`"${title}" does not end in "${SUFFIX}"`];
  const parts = title.slice(0, -SUFFIX.length).split(" · ");
  if (parts.some((p) => p.trim() === "")) problems.push(`"${title}" has an empty part`);
  const foreign = foreignWords(locale);
  for (const part of parts) if (foreign.has(part)) problems.push(`"${title}": "${part}" is not ${locale === "nl" ? "Dutch" : "English"}`);
  return problems;
}

// A walk of every page, in two languages, for every role: like the other walks, it grows with the
// pages, not with a fault, and gets their time limit.
const WALK_TIMEOUT_MS = 90_000;

describe("the title checker", () => {
  it("finds mixed languages and other formats", () => {
    expect(titleProblems(`Petities · Petitions${SUFFIX}`, "nl")).toEqual([`"Petities · Petitions${SUFFIX}": "Petitions" is not Dutch`]);
    expect(titleProblems(`Speeltuin · Petitie${SUFFIX}`, "en")).toEqual([`"Speeltuin · Petitie${SUFFIX}": "Petitie" is not English`]);
    expect(titleProblems("Moderatie · Inspraak", "nl")).toEqual([`"Moderatie · Inspraak" does not end in "${SUFFIX}"`]);
    expect(titleProblems(`Petities${SUFFIX}`, "nl")).toEqual([]);
    expect(titleProblems(`Speeltuin · Petition${SUFFIX}`, "en")).toEqual([]);
  });
});

/** Loader data enough for the meta of routes whose title names their topic. */
const SAMPLE_DATA: Record<string, unknown> = {
  "routes/petitions.$id": { petition: { id: 7, title: "Speeltuin Noord" } },
  "routes/petitions.$id_.edit": { id: 7, values: { title: "Speeltuin Noord" } },
  "routes/petitions.$id_.manage": { petition: { id: 7, title: "Speeltuin Noord" } },
  "routes/petitions.$id_.sponsor": { petition: { id: 7, title: "Speeltuin Noord" } },
  "routes/discussions.$id": { discussion: { id: 8, title: "Meer groen" } },
  "routes/discussions.$id_.close": { topic: { id: 8, title: "Meer groen" } },
  "routes/proposals.$id": { proposal: { id: 9, title: "Zebrapad bij de school" } },
  "routes/proposals.$id_.check": { proposal: { id: 9, title: "Zebrapad bij de school" } },
  "routes/proposals.$id_.edit": { draft: { id: 9, title: "Zebrapad bij de school" } },
  "routes/topics.$id.comments": { topic: { id: 8, title: "Meer groen" } },
  "routes/topics.$id.flag": { topic: { id: 8, title: "Meer groen" } },
};

function callMeta(routeId: string, locale: Locale, withData: boolean, error?: unknown): string | undefined {
  const meta = app.build.routes[routeId]!.module.meta as ((args: MetaArgs) => MetaDescriptor[]) | undefined;
  if (!meta) return undefined;
  // The messages the root loader sends this route's page: the root's and the route's namespaces.
  const declared = [...routeMessages(app.build.routes.root!.module), ...routeMessages(app.build.routes[routeId]!.module)];
  const root = { id: "root", data: { locale, municipality: MUNICIPALITY, messages: declaredMessages(locale, declared) }, meta: [], params: {}, pathname: "/", handle: undefined, error: undefined };
  const args = {
    data: routeId === "root" ? root.data : withData ? SAMPLE_DATA[routeId] : undefined,
    params: {},
    location: { pathname: "/", search: "", hash: "", state: null, key: "default" },
    matches: [root],
    error,
  } as unknown as MetaArgs;
  const descriptor = meta(args).find((d) => "title" in d) as { title: string } | undefined;
  return descriptor?.title;
}

describe("every route's meta", () => {
  /** Routes that render a page (resource routes and the catch-all 404 have none of their own). */
  const pageRoutes = () => Object.values(app.build.routes).filter((r) => r.id !== "root" && typeof r.module.default === "function" && r.path !== "*");

  it("exists on every page route", () => {
    const without = pageRoutes().filter((r) => !r.module.meta).map((r) => r.id);
    expect(without).toEqual([]);
  });

  it("gives a title in the page's language only, with and without loader data", () => {
    const found: string[] = [];
    for (const route of pageRoutes()) {
      for (const withData of [true, false]) {
        const nl = callMeta(route.id, "nl", withData)!;
        const en = callMeta(route.id, "en", withData)!;
        found.push(...titleProblems(nl, "nl").map((p) => `${route.id}: ${p}`), ...titleProblems(en, "en").map((p) => `${route.id}: ${p}`));
        if (nl === en) found.push(`${route.id}: the same title in Dutch and English ("${nl}")`);
      }
    }
    expect(found).toEqual([]);
  });

  it("names a topic by its title and its kind", () => {
    expect(callMeta("routes/petitions.$id", "nl", true)).toBe(`Speeltuin Noord · Petitie${SUFFIX}`);
    expect(callMeta("routes/petitions.$id", "en", true)).toBe(`Speeltuin Noord · Petition${SUFFIX}`);
    expect(callMeta("routes/discussions.$id", "en", true)).toBe(`Meer groen · Discussion${SUFFIX}`);
  });

  it("gives the inbox, home and the coming-soon pages titles of their own", () => {
    const titles = ["routes/_index", "routes/inbox", "routes/privacy", "routes/accessibility", "routes/bylaws._index", "routes/votes._index"].map((id) => callMeta(id, "nl", true));
    expect(new Set(titles).size).toBe(titles.length);
    expect(callMeta("routes/inbox", "nl", true)).toBe(`Berichten${SUFFIX}`);
    expect(callMeta("routes/inbox", "en", true)).toBe(`Messages${SUFFIX}`);
  });

  it("gives an error page the error's title, in the language (the root's meta)", () => {
    const forbidden = { status: 403, statusText: "Forbidden", internal: false, data: "Forbidden" };
    expect(callMeta("root", "nl", false, forbidden)).toBe(`Geen toegang${SUFFIX}`);
    expect(callMeta("root", "en", false, forbidden)).toBe(`No access${SUFFIX}`);
    expect(callMeta("root", "en", false, new Error("boom"))).toBe(`Something went wrong${SUFFIX}`);
  });
});

/** Pages the route walk cannot make up: filled in once the demo ids are known. */
const extraPaths = () => ["/search?q=park", "/no/such/page", "/petitions/confirm/x"];

async function titleOf(who: Who, path: string, locale: Locale): Promise<{ status: number; title: string | null; h1: string | null }> {
  const cookie = cookies[who];
  const jar = new CookieJar(cookie ?? undefined);
  if (!cookie) jar.store(`lang=${locale}`);
  const response = await app.get(path, { cookieJar: jar });
  if (!response.headers.get("Content-Type")?.startsWith("text/html")) return { status: response.status, title: null, h1: null };
  const html = await response.text();
  const match = /<title>([^<]*)<\/title>/.exec(html);
  const decode = (v: string) => v.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html.replace(/<!-- -->/g, ""));
  return { status: response.status, title: match ? decode(match[1]!) : null, h1: h1 ? decode(h1[1]!.replace(/<[^>]+>/g, "").trim()) : null };
}

describe("every page of the demo", () => {
  it("has one title in its language, its own, in Dutch and in English", async () => {
    const found: string[] = [];
    for (const locale of ["nl", "en"] as const) {
      db.update(users).set({ locale }).where(eq(users.id, accounts.clerk)).run();
      db.update(users).set({ locale }).where(eq(users.id, accounts.admin)).run();
      db.update(users).set({ locale }).where(eq(users.id, accounts.resident)).run();
      const byTitle = new Map<string, Set<string>>();
      let errorPages = 0;
      for (const who of Object.keys(cookies) as Who[]) {
        for (const path of pagePaths(app.build, { petition: [ids.petition, ids.closedPetition, ids.draftPetition], discussion: [ids.discussion], vote: [ids.vote, ids.closedVote], bylaw: demoBylaws().ids, proposal: [ids.proposal] }, [...extraPaths(), ...demoBylaws().extras])) {
          const { status, title, h1 } = await titleOf(who, path, locale);
          if (status >= 300 && status < 400) continue;
          if (title === null) {
            if (status === 200) found.push(`${locale} ${who} ${path}: no <title>`);
            continue;
          }
          for (const problem of titleProblems(title, locale)) found.push(`${locale} ${who} ${path}: ${problem}`);
          // The error page (the root's boundary) is titled by its error; a page that answers 4xx itself (an expired link) by its own title.
          const known = [400, 403, 404, 429].includes(status) ? status : 500;
          const errorHeading = catalogs[locale][`error.${known as 403}.title`];
          if (status >= 400 && h1 === errorHeading) {
            if (title !== `${errorHeading}${SUFFIX}`) found.push(`${locale} ${who} ${path}: error ${status} titled "${title}", not "${errorHeading}${SUFFIX}"`);
            errorPages++;
            continue;
          }
          const page = path.split("?")[0]!;
          byTitle.set(title, (byTitle.get(title) ?? new Set()).add(page));
        }
      }
      // The walk reaches error pages too: the unknown path, and pages a visitor may not see.
      expect(errorPages, locale).toBeGreaterThan(1);
      for (const [title, pages] of byTitle) if (pages.size > 1) found.push(`${locale}: "${title}" is the title of ${[...pages].join(", ")}`);
    }
    expect(found).toEqual([]);
  }, WALK_TIMEOUT_MS);
});
