// Every route file, walked through the real Remix handler on the seeded demo municipality: a GET
// as a visitor (and as a resident and a clerk) never answers 5xx, whatever the id in the path
// (tampered, huge, of another kind of topic); a topic someone may not see answers exactly as a
// topic that does not exist, on pages and resource routes alike (count, open data, comments,
// flag, follow, sponsor, close, edit, manage).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { topics } from "#db/schema";
import { seedDemo } from "#db/seed";
import { db } from "~/utils/db.server";
import { createPerson, type TestPerson } from "../../support/fixtures";
import { CookieJar, createTestApp, locationOf, type TestApp } from "../../support/handler";

let app: TestApp;
let resident: TestPerson;
let clerk: TestPerson;

/** Topic ids of the seeded demo, by what a visitor may see of them. */
const ids = {
  petition: 0,
  draftPetition: 0,
  hiddenPetition: 0,
  discussion: 0,
  hiddenDiscussion: 0,
  missing: 0,
};

interface RouteEntry {
  id: string;
  /** The full URL pattern, e.g. "/petitions/:id/count". */
  pattern: string;
  hasLoader: boolean;
  hasAction: boolean;
}

let routes: RouteEntry[] = [];

/** Every route module of the build with its full path (parents' paths joined), the layout root left out. */
function routeTable(build: TestApp["build"]): RouteEntry[] {
  const byId = build.routes;
  const fullPath = (id: string): string => {
    const route = byId[id]!;
    const own = route.path ?? "";
    const parent = route.parentId && route.parentId !== "root" ? fullPath(route.parentId) : "";
    return [parent, own].filter(Boolean).join("/");
  };
  return Object.values(byId)
    .filter((r) => r.id !== "root")
    .map((r) => ({
      id: r.id,
      pattern: `/${fullPath(r.id)}`,
      hasLoader: typeof r.module.loader === "function",
      hasAction: typeof r.module.action === "function",
    }));
}

/** The values a tampering person puts where an id goes. */
const TAMPERED_IDS = ["abc", "0", "-1", "1.5", "1e3", "0x10", "99999999999999999999999", "9007199254740993", "%00", "%3Cscript%3E", "1%20OR%201%3D1"];

function fill(pattern: string, id: string): string {
  return pattern.replace(":id", id).replace(":token", id).replace("*", `no/such/${id}`);
}

async function getAs(who: "visitor" | "resident" | "clerk", path: string): Promise<Response> {
  const person = who === "resident" ? resident : who === "clerk" ? clerk : null;
  return app.get(path, { cookieJar: person ? new CookieJar(person.cookie) : undefined });
}

beforeAll(async () => {
  app = await createTestApp();
  await seedDemo();
  resident = await createPerson({ roles: ["resident"] });
  clerk = await createPerson({ roles: ["clerk"] });
  routes = routeTable(app.build);

  const publicOf = (kind: "petition" | "discussion") =>
    db
      .select({ id: topics.id })
      .from(topics)
      .where(and(eq(topics.kind, kind), eq(topics.isPublic, true), eq(topics.hidden, false)))
      .all()
      .map((r) => r.id);
  const petitions = publicOf("petition");
  const discussions = publicOf("discussion");
  ids.petition = petitions[0]!;
  ids.hiddenPetition = petitions[1]!;
  ids.discussion = discussions[0]!;
  ids.hiddenDiscussion = discussions[1]!;
  // Hidden by moderation: what the queue's "hide" writes on the topic.
  db.update(topics).set({ hidden: true }).where(inArray(topics.id, [ids.hiddenPetition, ids.hiddenDiscussion])).run();
  ids.draftPetition = db
    .select({ id: topics.id })
    .from(topics)
    .where(and(eq(topics.kind, "petition"), eq(topics.isPublic, false), eq(topics.status, "draft")))
    .get()!.id;
  ids.missing = (db.select({ id: topics.id }).from(topics).all().reduce((max, r) => Math.max(max, r.id), 0) ?? 0) + 1000;
});

afterAll(() => {
  // Nothing to stop: the database file is removed with the test process.
});

describe("the route table", () => {
  it("covers every route file with a path to request", () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.map((r) => r.pattern)).toEqual(expect.arrayContaining(["/petitions/:id/count", "/topics/:id/comments", "/profile/data", "/admin/outbox"]));
  });
});

// A walk requests every route several times: its time grows with each route and kind, and a loaded
// two-core machine takes about 20 s where a quiet one takes 5.
const WALK_TIMEOUT_MS = 90_000;

describe("a GET never answers 5xx", () => {
  for (const who of ["visitor", "resident", "clerk"] as const) {
    it(`on any route as a ${who}, with real and tampered ids`, async () => {
      const failures: string[] = [];
      for (const route of routes) {
        const values = /:id|:token|\*/.test(route.pattern)
          ? [String(ids.petition), String(ids.discussion), String(ids.draftPetition), String(ids.hiddenPetition), String(ids.missing), ...TAMPERED_IDS]
          : [""];
        for (const value of values) {
          const path = fill(route.pattern, value);
          const response = await getAs(who, path);
          if (response.status >= 500) failures.push(`${response.status} GET ${path} (${route.id})`);
        }
      }
      expect(failures).toEqual([]);
    }, WALK_TIMEOUT_MS);
  }

  it("with hostile query strings on every route", async () => {
    const failures: string[] = [];
    const queries = [
      "?page=-1&q=%27%20OR%201%3D1--&status=%3Cscript%3E&sort=x&kind=x&names=999999999999&view=x&format=x",
      "?page=99999999999999999999&page=2&id=abc&token=" + "x".repeat(5000) + "&redirectTo=%2F%2Fevil.example",
      "?q=" + "%E2%80%AE".repeat(500) + "&from=2024-13-45&to=yesterday&actor=%00&email=%3Cx%3E&user=..%2F..",
      // Full-text search syntax: quotes, operators, columns, prefixes.
      '?q=%22&kind=petition',
      "?q=NEAR(park%20bank&page=0",
      "?q=title%3Abomen%20OR%20*",
      "?q=-park%20%5Ebank%20AND%20(",
      "?q=%22%22%22%20%7B%7D%20%5B%5D",
    ];
    for (const route of routes) {
      for (const query of queries) {
        for (const who of ["visitor", "clerk"] as const) {
          const path = fill(route.pattern, String(ids.petition)) + query;
          const response = await getAs(who, path);
          if (response.status >= 500) failures.push(`${response.status} GET ${path.slice(0, 120)} as ${who} (${route.id})`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, WALK_TIMEOUT_MS);
});

describe("a topic someone may not see answers as one that does not exist", () => {
  /** What a GET answers, with the id taken out of a redirect, so two ids can be compared. */
  async function answer(who: "visitor" | "resident", pattern: string, id: number): Promise<string> {
    const response = await getAs(who, fill(pattern, String(id)));
    // Read the redirect decoded, and take the id out only where it is a whole path segment: a
    // small id ("2") is also inside "%2F".
    const raw = locationOf(response);
    const location = raw === null || raw === undefined ? undefined : decodeURIComponent(raw).replace(new RegExp(`/${id}(?=[/?&#]|$)`, "g"), "/ID");
    return `${response.status} ${location ?? ""}`.trim();
  }

  it("on every route with a topic id, for visitors and residents", async () => {
    const idRoutes = routes.filter((r) => r.pattern.includes(":id") && r.hasLoader);
    expect(idRoutes.length).toBeGreaterThan(10);
    const leaks: string[] = [];
    for (const route of idRoutes) {
      for (const who of ["visitor", "resident"] as const) {
        const missing = await answer(who, route.pattern, ids.missing);
        for (const [what, id] of [
          ["hidden petition", ids.hiddenPetition],
          ["hidden discussion", ids.hiddenDiscussion],
          ["draft petition", ids.draftPetition],
        ] as const) {
          const got = await answer(who, route.pattern, id);
          if (got !== missing) leaks.push(`${who} GET ${route.pattern} with a ${what}: ${got}, a missing topic: ${missing}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it("is a 404 on the resource routes for a signed-in resident", async () => {
    const resourceRoutes = [
      "/petitions/:id",
      "/petitions/:id/count",
      "/petitions/:id/data.json",
      "/petitions/:id/data.csv",
      "/discussions/:id",
      "/topics/:id/comments",
      "/topics/:id/flag",
      "/topics/:id/follow",
    ];
    const wrong: string[] = [];
    for (const pattern of resourceRoutes) {
      for (const id of [ids.hiddenPetition, ids.hiddenDiscussion, ids.missing]) {
        const response = await getAs("resident", fill(pattern, String(id)));
        if (response.status !== 404) wrong.push(`${fill(pattern, String(id))}: ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("is a 404 for a petition id on a discussion route and the other way round", async () => {
    for (const path of [`/discussions/${ids.petition}`, `/discussions/${ids.petition}/close`, `/petitions/${ids.discussion}`, `/petitions/${ids.discussion}/count`, `/petitions/${ids.discussion}/data.csv`, `/petitions/${ids.discussion}/manage`]) {
      const response = await getAs("clerk", path);
      expect(response.status, path).toBe(404);
    }
  });

  it("still shows the clerk the hidden topic where moderation needs it", async () => {
    expect((await getAs("clerk", `/discussions/${ids.hiddenDiscussion}`)).status).toBe(200);
    expect((await getAs("clerk", `/petitions/${ids.hiddenPetition}`)).status).toBe(200);
    expect((await getAs("clerk", `/petitions/${ids.hiddenPetition}/manage`)).status).toBe(200);
  });

  it("stays a 404 on posts to a hidden topic's resource routes", async () => {
    const posts: Array<[string, Record<string, string>]> = [
      [`/topics/${ids.hiddenDiscussion}/comments`, { intent: "post", body: "Een reactie op iets verborgens." }],
      [`/topics/${ids.hiddenDiscussion}/flag`, { reason: "spam" }],
      [`/topics/${ids.hiddenDiscussion}/follow`, { intent: "follow" }],
      [`/topics/${ids.hiddenPetition}/comments`, { intent: "post", body: "Een reactie op iets verborgens.", stance: "for" }],
      [`/topics/${ids.hiddenPetition}/follow`, { intent: "follow" }],
      [`/petitions/${ids.hiddenPetition}`, { intent: "sign" }],
      [`/petitions/${ids.hiddenPetition}/sign`, { intent: "sign" }],
      [`/petitions/${ids.draftPetition}`, { intent: "sign" }],
      [`/discussions/${ids.hiddenDiscussion}/close`, { conclusion: "Een conclusie die lang genoeg is.", confirm: "on" }],
    ];
    for (const [path, form] of posts) {
      const response = await app.post(path, form, { cookieJar: new CookieJar(resident.cookie) });
      expect(response.status, path).toBe(404);
    }
  });
});
