import { beforeAll, describe, expect, it } from "vitest";
import type Database from "better-sqlite3";
import { notifications } from "#db/schema";
import { countUnread } from "~/modules/notifications/notifications.server";
import { insertTopic } from "~/modules/topics/topics.server";
import * as home from "~/routes/_index";
import * as openData from "~/routes/open-data.$kind";
import * as petitionList from "~/routes/petitions._index";
import * as discussionList from "~/routes/discussions._index";
import * as adminUsers from "~/routes/admin.users";
import * as audit from "~/routes/audit";
import * as inbox from "~/routes/inbox";
import * as search from "~/routes/search";
import * as moderation from "~/routes/moderation._index";
import * as outbox from "~/routes/admin.outbox";
import { registeredJobs, runDueJobs } from "~/utils/jobs.server";
import { db, sqlite } from "~/utils/db.server";
import { createPerson, type TestPerson } from "../../support/fixtures";
import { callRoute, type CallOptions, type RouteModule } from "../../support/routes";

// Built for a big city: every list reads what its page shows. These tests read the query plans
// of the pages' own statements (captured while the page loads) and refuse a full scan of a big
// table or a sort of all its rows, which is what made pages grow with the database.

const BIG_TABLES = ["topics", "signatures", "comments", "notifications", "audit_log", "users", "flags", "topic_events", "moderation_actions", "email_outbox"];

interface Captured {
  sql: string;
  args: unknown[];
}

/** Runs `work` and returns every statement it ran, with its arguments. */
async function statementsDuring<T>(work: () => Promise<T> | T): Promise<{ value: T; statements: Captured[] }> {
  const raw = sqlite();
  const prepare = raw.prepare;
  const statements: Captured[] = [];
  raw.prepare = function (this: Database.Database, source: string) {
    const statement = prepare.call(this, source) as Database.Statement;
    for (const method of ["all", "get", "run", "iterate"] as const) {
      const original = statement[method] as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        statements.push({ sql: source, args });
        return original.apply(statement, args);
      };
    }
    return statement;
  } as typeof raw.prepare;
  try {
    return { value: await work(), statements };
  } finally {
    raw.prepare = prepare;
  }
}

/** Runs a page's loader and returns every statement it ran, with its arguments. */
async function statementsOf(route: RouteModule, options: CallOptions): Promise<{ status: number; statements: Captured[] }> {
  const { value, statements } = await statementsDuring(() => callRoute(route, options));
  return { status: value.status, statements };
}

/** What SQLite would do for a statement: full scans of big tables and sorts of whole results. */
function wasteIn({ sql, args }: Captured): string[] {
  if (!/^\s*(WITH|SELECT|UPDATE|DELETE)/i.test(sql)) return [];
  const plan = sqlite()
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...(args as never[])) as Array<{ detail: string }>;
  return plan
    .map((row) => row.detail)
    .filter((detail) => {
      const scan = /^SCAN (\w+)(?: AS \w+)?$/.exec(detail);
      // A page of a list must not sort every row to show a few (a LIMIT with a sort); ranking
      // by relevance sorts the matches of a full-text query, never the table, and is allowed.
      const sorts = /USE TEMP B-TREE FOR (RIGHT PART OF |LAST \d+ TERMS OF )?ORDER BY/.test(detail) && /\blimit\b/i.test(sql) && !/\bMATCH\b/.test(sql);
      // A walk of the table in its rowid order (newest first) that stops at the page is no full
      // scan: the first page of a list ordered by id reads just its rows.
      const pageByRowid = scan && /\blimit\b/i.test(sql) && new RegExp(`order by "${scan[1]}"\\."id" (asc|desc)`, "i").test(sql) && !plan.some((row) => /TEMP B-TREE/.test(row.detail));
      return (scan && BIG_TABLES.includes(scan[1]!) && !pageByRowid) || sorts;
    })
    .map((detail) => `${detail}  <-  ${sql.slice(0, 160)}`);
}

/**
 * Without statistics SQLite plans as for big tables (about a million rows, ten per index key),
 * which is what the city's database looks like; the few rows of a test file would otherwise make
 * a full scan the cheapest plan.
 */
function forgetStatistics() {
  sqlite().exec("DELETE FROM sqlite_stat1; ANALYZE sqlite_schema;");
}

/** A page cursor as the list pages write them (app/utils/keyset.server.ts). */
const cursor = (key: Array<number | string>) => Buffer.from(JSON.stringify(key)).toString("base64url");

let clerk: TestPerson;
let admin: TestPerson;
let resident: TestPerson;

beforeAll(async () => {
  clerk = await createPerson({ roles: ["resident", "clerk"] });
  admin = await createPerson({ roles: ["admin"] });
  resident = await createPerson();
  db.transaction((tx) => {
    for (let i = 0; i < 60; i++) {
      insertTopic(tx, { kind: "petition", title: `Petitie ${i} over het Stadspark`, authorId: resident.id, status: i % 3 ? "open" : "closed", isPublic: true });
      insertTopic(tx, { kind: "discussion", title: `Discussie ${i} over parkeren`, authorId: resident.id, status: "open", isPublic: true });
    }
  });
  forgetStatistics();
});

describe("every list page reads through an index in the order it shows", () => {
  const pages: Array<[string, () => [RouteModule, CallOptions]]> = [
    ["home", () => [home, { path: "/" }]],
    ["petitions, newest", () => [petitionList, { path: "/petitions?sort=newest" }]],
    ["petitions, most signed", () => [petitionList, { path: "/petitions" }]],
    ["discussions", () => [discussionList, { path: "/discussions" }]],
    ["search", () => [search, { path: "/search?q=park" }]],
    ["the inbox", () => [inbox, { path: "/inbox", cookie: resident.cookie }]],
    ["accounts (admin)", () => [adminUsers, { path: "/admin/users", cookie: admin.cookie }]],
    ["audit log", () => [audit, { path: "/audit", cookie: clerk.cookie }]],
    // Deep pages and filters: read by key from where the last page ended, never by OFFSET.
    ...(["open", "closed", "awaiting-response", "debated", "all"] as const).flatMap((status) =>
      (["signatures", "newest", "closing"] as const).map((sort): [string, () => [RouteModule, CallOptions]] => [
        `petitions, ${status}, by ${sort}, a deep page`,
        () => [petitionList, { path: `/petitions?status=${status}&sort=${sort}&after=${cursor([3, 1_000])}` }],
      ]),
    ),
    ["petitions, a previous page", () => [petitionList, { path: `/petitions?status=closed&before=${cursor([3, 1_000])}` }]],
    ["discussions, open, a deep page", () => [discussionList, { path: `/discussions?status=open&after=${cursor([Date.now(), 1_000])}` }]],
    ["accounts (admin), a deep page", () => [adminUsers, { path: `/admin/users?after=${cursor([Date.now(), "x"])}`, cookie: admin.cookie }]],
    ["audit log, by action, a deep page", () => [audit, { path: `/audit?action=comment.hide&after=${cursor([Date.now(), 1_000])}`, cookie: clerk.cookie }]],
    ["audit log, by person, a previous page", () => [audit, { path: `/audit?actor=${clerk.id}&before=${cursor([Date.now(), 1_000])}`, cookie: clerk.cookie }]],
    ["moderation, what is flagged", () => [moderation, { path: "/moderation", cookie: clerk.cookie }]],
    ["moderation, what is flagged, a deep page", () => [moderation, { path: `/moderation?after=${cursor([Date.now(), 1_000])}`, cookie: clerk.cookie }]],
    ["moderation, what is flagged, a previous page", () => [moderation, { path: `/moderation?before=${cursor([Date.now(), 1_000])}`, cookie: clerk.cookie }]],
    ["outbox (admin)", () => [outbox, { path: "/admin/outbox", cookie: admin.cookie }]],
    ["outbox (admin), a deep page", () => [outbox, { path: `/admin/outbox?after=${cursor([1_000])}`, cookie: admin.cookie }]],
    ["moderation, what is hidden", () => [moderation, { path: "/moderation?view=hidden", cookie: clerk.cookie }]],
    ["open data of a kind, a deep page", () => [openData, { path: "/open-data/petition?after=1000&limit=100", params: { kind: "petition" } }]],
    ["moderation, what is hidden, a deep page", () => [moderation, { path: `/moderation?view=hidden&after=${cursor([Date.now(), "comment", 1_000])}`, cookie: clerk.cookie }]],
  ];
  for (const [name, page] of pages) {
    it(name, async () => {
      const [route, options] = page();
      const { status, statements } = await statementsOf(route, options);
      expect(status).toBe(200);
      expect(statements.length).toBeGreaterThan(0);
      expect(statements.flatMap(wasteIn)).toEqual([]);
    });
  }
});

describe("the background jobs read only what they change", () => {
  // Run every hour or day over the whole city: each must find its work through an index, never by
  // reading every petition, signature or notice (the anonymisation and the clean-up of expired
  // signatures opened a transaction per petition, and the digest read every pending notice at once).
  const jobs = ["support-anonymise", "petitions-delete-expired-signatures", "daily-digest", "outbox-retention", "accounts-erase-deleted"];
  for (const name of jobs) {
    it(name, async () => {
      const job = registeredJobs().find((j) => j.name === name);
      expect(job, name).toBeDefined();
      forgetStatistics();
      const { statements } = await statementsDuring(() => job!.run(new Date(Date.now() + 400 * 86_400_000)));
      expect(statements.flatMap(wasteIn)).toEqual([]);
    });
  }
});

describe("the unread badge", () => {
  it("counts no further than 100, through the unread index", async () => {
    const person = await createPerson();
    db.insert(notifications)
      .values(Array.from({ length: 150 }, () => ({ userId: person.id, type: "notification.test", data: {} })))
      .run();
    expect(countUnread(person.id)).toBe(100);
    expect(countUnread(person.id, 10)).toBe(10);
    expect(countUnread(resident.id)).toBe(0);
  });
});

describe("planner statistics", () => {
  it("are refreshed by a daily job", async () => {
    const job = registeredJobs().find((j) => j.name === "database-optimize");
    expect(job?.everyMs).toBe(24 * 60 * 60_000);
    forgetStatistics();
    await runDueJobs(new Date(), [job!]);
    const analysed = sqlite().prepare("SELECT DISTINCT tbl FROM sqlite_stat1").all() as Array<{ tbl: string }>;
    expect(analysed.map((r) => r.tbl)).toContain("topics");
  });
});
