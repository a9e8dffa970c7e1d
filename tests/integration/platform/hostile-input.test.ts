// Hostile input on every form action, through the real Remix handler on the seeded demo: empty
// forms, unknown intents, 100 KB strings, wrong types, duplicated fields, script tags and SQL
// fragments, posted as a resident and as a clerk. The answer is a message or a 4xx, never a 5xx;
// bad input writes nothing. The fields are the ones the app's own pages render for each action.
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { topics } from "#db/schema";
import { seedDemo } from "#db/seed";
import { db, sqlite } from "~/utils/db.server";
import * as accountSchemas from "~/modules/accounts/accounts.schema";
import { COMMENT_INTENTS, COMMENT_SCHEMAS } from "~/modules/participation/comments.schema";
import * as discussionSchemas from "~/modules/discussions/discussions.schema";
import * as moderationSchemas from "~/modules/participation/moderation.schema";
import * as petitionSchemas from "~/modules/petitions/petitions.schema";
import { createPerson, TEST_PASSWORD, type TestPerson } from "../../support/fixtures";
import { CookieJar, createTestApp, ORIGIN, type Form, type TestApp } from "../../support/handler";

let app: TestApp;
const ids = { petition: 0, discussion: 0, draftPetition: 0 };

/** The field names of a zod form schema (objects, refined objects, discriminated unions). */
function shapeKeys(schema: unknown): string[] {
  let s = schema as { shape?: Record<string, unknown>; _def?: { schema?: unknown; options?: unknown[] } };
  while (s?._def?.schema) s = s._def.schema as typeof s;
  if (s?.shape) return Object.keys(s.shape);
  return s?._def?.options?.flatMap(shapeKeys) ?? [];
}

/**
 * What the pages do not always show (forms for one's own comment, a signable petition, a clerk's
 * next intent): the intents and schema fields of each action, added to what the pages render.
 */
const KNOWN: Record<string, { intents?: string[]; schemas: unknown[] }> = {
  "/topics/:id/comments": { intents: [...COMMENT_INTENTS], schemas: Object.values(COMMENT_SCHEMAS) },
  "/petitions/:id": { intents: ["sign", "withdraw", "submit"], schemas: [petitionSchemas.GuestSignatureForm, petitionSchemas.ResidentSignatureForm] },
  "/petitions/:id/manage": {
    intents: ["publish", "reject", "respond", "schedule-debate", "record-debate", "add-next-step", "complete-next-step"],
    schemas: [petitionSchemas.RejectForm, petitionSchemas.RespondForm, petitionSchemas.ScheduleDebateForm, petitionSchemas.DebateOutcomeForm, petitionSchemas.NextStepForm, petitionSchemas.CompleteStepForm],
  },
  "/petitions/new": { schemas: [petitionSchemas.PetitionForm] },
  "/petitions/:id/edit": { schemas: [petitionSchemas.PetitionForm] },
  "/discussions/new": { schemas: [discussionSchemas.NewDiscussionSchema] },
  "/discussions/:id/close": { schemas: [discussionSchemas.CloseDiscussionSchema] },
  "/moderation": { schemas: [moderationSchemas.DecisionSchema] },
  "/moderation/blocks": { intents: ["preview", "block", "unblock"], schemas: [moderationSchemas.BlockSchema] },
  "/topics/:id/follow": { intents: ["follow", "unfollow"], schemas: [] },
  "/register": { schemas: [accountSchemas.RegisterForm] },
  "/sign-in": { schemas: [accountSchemas.SignInForm] },
  "/forgot-password": { schemas: [accountSchemas.ForgotPasswordForm] },
  "/reset-password": { schemas: [accountSchemas.ResetPasswordForm] },
  "/profile": { intents: ["update", "delete"], schemas: [accountSchemas.ProfileForm, accountSchemas.DeleteAccountForm] },
  "/admin/users": { intents: ["assign", "revoke"], schemas: [] },
  // The confirm button of an emailed link, whose page a test visit without a valid token never shows.
  "/verify-email": { intents: ["confirm", "resend"], schemas: [z.object({ token: z.string(), redirectTo: z.string() })] },
  "/petitions/confirm/:token": { schemas: [] },
  // The buttons of a guest's private signature page and of an unsubscribe link, shown only with a valid token.
  "/petitions/signature/:token": { intents: ["withdraw", "stop-emails", "erase"], schemas: [] },
  "/unsubscribe/:token": { schemas: [] },
};

/** Per action pattern (e.g. "/topics/:id/comments"): the field names and intents its forms post. */
const formsByAction = new Map<string, { fields: Set<string>; intents: Set<string> }>();
let actionRoutes: string[] = [];

const LONG = "A".repeat(100_000);
const HOSTILE: string[] = [
  "",
  "   ",
  LONG,
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "'; DROP TABLE users; --",
  "1 OR 1=1",
  "-1",
  "0",
  "1e309",
  "NaN",
  "99999999999999999999",
  "2024-02-31",
  "\u0000\u202e\ud800",
  "javascript:alert(1)",
  "//evil.example/%2e%2e",
  "/\t/evil.example",
  "=HYPERLINK(\"http://evil.example\")",
  "on",
];

/** Tables whose rows only the content of a valid post adds. */
const CONTENT_TABLES = [
  "topics",
  "comments",
  "comment_upvotes",
  "flags",
  "moderation_actions",
  "signatures",
  "petition_sponsors",
  "follows",
  "outcomes",
  "next_steps",
  "topic_events",
  "users",
  "user_roles",
  "audit_log",
  "email_outbox",
  "notifications",
  "settings",
];

function rowCounts(): Record<string, number> {
  return Object.fromEntries(CONTENT_TABLES.map((t) => [t, (sqlite().prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]));
}

/** Every text cell of every table longer than the longest field the app accepts (50 000 characters). */
function overlongCells(): string[] {
  const tables = (sqlite().prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' AND name NOT LIKE '__drizzle%'").all() as Array<{ name: string }>).map((r) => r.name);
  const found: string[] = [];
  for (const table of tables) {
    const columns = (sqlite().prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>).map((c) => c.name);
    for (const column of columns) {
      const row = sqlite().prepare(`SELECT count(*) AS n FROM "${table}" WHERE typeof("${column}") = 'text' AND length("${column}") > 50000`).get() as { n: number };
      if (row.n > 0) found.push(`${table}.${column}`);
    }
  }
  return found;
}

/** The URL pattern of a route path, with topic ids put back as :id. */
function patternOf(path: string): string {
  return path
    .replace(/^\/(petitions|discussions|topics)\/\d+/, "/$1/:id")
    .replace(/\?.*$/, "");
}

function decode(value: string): string {
  return value.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

/** Reads the post forms of a rendered page: where they go, which fields they send, which intents. */
function harvestForms(html: string, pagePath: string) {
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = match[1]!;
    if (!/method="post"/i.test(attrs)) continue;
    const action = decode(/action="([^"]*)"/.exec(attrs)?.[1] ?? pagePath.replace(/\?.*$/, ""));
    const pattern = patternOf(action.startsWith("/") ? action : pagePath);
    const entry = formsByAction.get(pattern) ?? { fields: new Set<string>(), intents: new Set<string>() };
    for (const field of match[2]!.matchAll(/<(?:input|textarea|select|button)\b([^>]*)>/g)) {
      const name = /\bname="([^"]+)"/.exec(field[1]!)?.[1];
      if (!name) continue;
      entry.fields.add(decode(name));
      const value = /\bvalue="([^"]*)"/.exec(field[1]!)?.[1];
      if (name === "intent" && value) entry.intents.add(decode(value));
    }
    formsByAction.set(pattern, entry);
  }
}

function fullPath(build: TestApp["build"], id: string): string {
  const route = build.routes[id]!;
  const parent = route.parentId && route.parentId !== "root" ? fullPath(build, route.parentId) : "";
  return [parent, route.path ?? ""].filter(Boolean).join("/");
}

function fill(pattern: string): string {
  if (pattern.startsWith("/discussions/:id")) return pattern.replace(":id", String(ids.discussion));
  if (pattern.startsWith("/topics/:id")) return pattern.replace(":id", String(ids.discussion));
  if (pattern === "/petitions/:id/edit") return pattern.replace(":id", String(ids.draftPetition));
  return pattern.replace(":id", String(ids.petition)).replace(":token", "not-a-token");
}

/** A fresh person for one route, the author of the draft so its edit form is theirs to post. */
async function fuzzer(who: "resident" | "clerk"): Promise<TestPerson> {
  const person = await createPerson({ roles: who === "clerk" ? ["resident", "clerk"] : ["resident"] });
  db.update(topics).set({ authorId: person.id }).where(eq(topics.id, ids.draftPetition)).run();
  return person;
}

/** The fields and intents to post to an action: what its pages render plus what its schemas name. */
function formOf(pattern: string): { fields: string[]; intents: Array<string | undefined> } {
  const found = formsByAction.get(pattern);
  const known = KNOWN[pattern];
  const fields = new Set([...(found?.fields ?? []), ...(known?.schemas.flatMap(shapeKeys) ?? [])]);
  fields.delete("intent");
  const intents = new Set([...(found?.intents ?? []), ...(known?.intents ?? [])]);
  return { fields: [...fields], intents: intents.size > 0 ? [...intents] : [undefined] };
}

let ipCounter = 0;
const nextIp = () => `10.77.${(++ipCounter >> 8) & 255}.${ipCounter & 255}`;

beforeAll(async () => {
  app = await createTestApp();
  await seedDemo();
  const first = (kind: "petition" | "discussion", isPublic: boolean) =>
    db.select({ id: topics.id }).from(topics).where(and(eq(topics.kind, kind), eq(topics.isPublic, isPublic))).get()!.id;
  ids.petition = db.select({ id: topics.id }).from(topics).where(and(eq(topics.kind, "petition"), eq(topics.status, "open"))).get()!.id;
  ids.discussion = first("discussion", true);
  ids.draftPetition = first("petition", false);

  const patterns = Object.values(app.build.routes)
    .filter((r) => r.id !== "root")
    .map((r) => ({ pattern: `/${fullPath(app.build, r.id)}`, action: typeof r.module.action === "function", loader: typeof r.module.loader === "function" }));
  actionRoutes = patterns.filter((p) => p.action).map((p) => p.pattern);

  // The forms every role is shown, on every page, and on the pages behind a search.
  const extraPages = ["/moderation/blocks?user=demo-resident", "/moderation/blocks?user=demo-resident-2"];
  for (const roles of [null, ["resident"], ["clerk"], ["admin"], ["councillor"]] as const) {
    const person = roles ? await createPerson({ roles: [...roles] }) : null;
    for (const { pattern, loader } of [...patterns, ...extraPages.map((pattern) => ({ pattern, loader: true }))]) {
      if (!loader || pattern.includes("*")) continue;
      const paths = pattern.includes(":id") ? [fill(pattern), pattern.replace(":id", String(ids.draftPetition))] : [fill(pattern)];
      for (const path of paths) {
        const response = await app.get(path, { cookieJar: person ? new CookieJar(person.cookie) : undefined });
        if (response.headers.get("Content-Type")?.startsWith("text/html")) harvestForms(await response.text(), path);
      }
    }
  }
});

/** Every redirect answered to a hostile post, where a browser would go. */
const offSite: string[] = [];

async function post(cookie: string | null, path: string, form: Form): Promise<Response> {
  const response = await app.post(path, form, { cookieJar: cookie ? new CookieJar(cookie) : undefined, ip: nextIp() });
  const location = response.headers.get("Location");
  if (location && new URL(location, ORIGIN).origin !== ORIGIN) offSite.push(`POST ${path} -> ${JSON.stringify(location)}`);
  return response;
}

// Every action, field and hostile value: the time grows with each form and kind, and a loaded
// two-core machine takes about 20 s where a quiet one takes 5.
const WALK_TIMEOUT_MS = 90_000;

describe("the forms found", () => {
  it("include the app's main forms and their intents", () => {
    expect([...formsByAction.keys()]).toEqual(expect.arrayContaining(["/topics/:id/comments", "/petitions/:id/manage", "/profile", "/moderation/blocks", "/sign-in"]));
    expect([...formsByAction.get("/topics/:id/comments")!.intents]).toEqual(expect.arrayContaining(["post"]));
    expect([...formsByAction.get("/profile")!.intents]).toEqual(expect.arrayContaining(["update", "delete"]));
    // Every action answers somewhere; the ones without a page of their own are posted blind.
    expect(actionRoutes.length).toBeGreaterThan(15);
  });
});

describe("hostile posts to every action", () => {
  for (const who of ["resident", "clerk"] as const) {
    it(`never answer 5xx and write nothing when empty or of an unknown intent (${who})`, async () => {
      const failures: string[] = [];
      const before = rowCounts();
      for (const pattern of actionRoutes) {
        if (pattern === "/sign-out") continue;
        const person = await fuzzer(who);
        const path = fill(pattern);
        const forms: Form[] = [{}, { intent: "drop-tables" }, { intent: ["post", "delete"] }, { intent: LONG }];
        for (const form of forms) {
          const response = await post(person.cookie, path, form);
          if (response.status >= 500) failures.push(`${response.status} POST ${path} ${JSON.stringify(form).slice(0, 60)} as ${who}`);
        }
      }
      expect(failures).toEqual([]);
      const after = rowCounts();
      // Empty posts may change no content; only the fresh test accounts (users, roles) were added.
      const changed = CONTENT_TABLES.filter((t) => !["users", "user_roles"].includes(t) && after[t] !== before[t]);
      expect(changed.map((t) => `${t}: ${before[t]} -> ${after[t]}`)).toEqual([]);
    });

    it(`never answer 5xx to hostile values in every field (${who})`, async () => {
      const failures: string[] = [];
      for (const pattern of actionRoutes) {
        if (pattern === "/sign-out") continue;
        const person = await fuzzer(who);
        const path = fill(pattern);
        const { fields: fieldNames, intents } = formOf(pattern);
        for (const intent of intents) {
          for (const value of HOSTILE) {
            const form: Record<string, string | string[]> = Object.fromEntries(fieldNames.map((f) => [f, value]));
            if (intent) form.intent = intent;
            const response = await post(person.cookie, path, form);
            if (response.status >= 500) failures.push(`${response.status} POST ${path} intent=${intent} value=${JSON.stringify(value.slice(0, 30))} as ${who}`);
          }
          // Every field twice, with different values.
          const doubled: Record<string, string[]> = Object.fromEntries(fieldNames.map((f) => [f, ["1", "<b>twee</b>"]]));
          if (intent) doubled.intent = [intent, intent];
          const response = await post(person.cookie, path, doubled);
          if (response.status >= 500) failures.push(`${response.status} POST ${path} intent=${intent} doubled fields as ${who}`);
        }
      }
      expect(failures).toEqual([]);
      expect(overlongCells()).toEqual([]);
    }, WALK_TIMEOUT_MS);
  }

  it("as a visitor too, on every action", async () => {
    const failures: string[] = [];
    for (const pattern of actionRoutes) {
      const path = fill(pattern);
      const { fields: fieldNames, intents } = formOf(pattern);
      for (const intent of intents) {
        for (const value of ["", LONG, "<script>alert(1)</script>", "'; DROP TABLE users; --"]) {
          const response = await post(null, path, { ...Object.fromEntries(fieldNames.map((f) => [f, value])), ...(intent ? { intent } : {}) });
          if (response.status >= 500) failures.push(`${response.status} POST ${path} intent=${intent} value=${JSON.stringify(value.slice(0, 30))}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(overlongCells()).toEqual([]);
  });

  it("never redirect off the site, whatever the redirectTo", async () => {
    const hostile = ["https://evil.example", "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/%09/evil.example", "javascript:alert(1)"];
    for (const redirectTo of hostile) {
      const person = await createPerson();
      const answers = [
        await post(null, "/language", { locale: "en", redirectTo }),
        await post(person.cookie, "/language", { locale: "nl", redirectTo }),
        await post(null, "/sign-in", { email: person.email, password: TEST_PASSWORD, redirectTo }),
        await post(person.cookie, "/verify-email", { intent: "resend", redirectTo }),
      ];
      expect(answers.map((a) => a.status).filter((status) => status >= 500), JSON.stringify(redirectTo)).toEqual([]);
    }
    expect(offSite).toEqual([]);
  });
});
