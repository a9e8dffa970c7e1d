// Nothing personal and nothing hidden leaves through the open API. On the demo municipality (a
// petition rejected as offensive, a comment hidden by a clerk, a closed vote with secret ballots,
// drafts) plus a topic hidden by moderation, a private draft and a closed meeting, every answer of
// every address is walked and checked field by field: no field named for a person, no value that
// is a person's name, email, id, postcode or ballot code, no text of anything a visitor may not read.
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed";
import { SHARED_COLUMNS } from "~/modules/topics/topics.opendata.server";
import { kindServerManifest } from "~/modules/topics/topics.kinds.server";
import { sqlite } from "~/utils/db.server";
import { createTestApp, type TestApp } from "../../support/handler";

let app: TestApp;
const answers = new Map<string, unknown>();
const secrets = new Map<string, string>();
let hiddenTopic = 0;
let privateDraft = 0;
let offensive = 0;
let closedMeeting = 0;

/** Field names that would name or point at a person, or a ballot (a vote's number of ballots is its public turnout). */
const PERSONAL_KEYS = /^(author|authorId|user|userId|actor|actorId|email|name|displayName|postcode|birthDate|ballot|ballotCode|code|councillor|councillorId|recordedBy|createdBy|hiddenBy|signatures?)$/i;

function remember(what: string, values: unknown[], minLength = 6) {
  for (const value of values) if (typeof value === "string" && value.trim().length >= minLength) secrets.set(value, what);
}

async function get(path: string): Promise<any> {
  const response = await app.get(path);
  expect(response.status, path).toBe(200);
  const body = await response.json();
  answers.set(path, body);
  return body;
}

async function walk(first: string): Promise<any[]> {
  const items: any[] = [];
  for (let path: string | null = first; path; ) {
    const page = await get(path);
    items.push(...page.items);
    path = page.next;
  }
  return items;
}

beforeAll(async () => {
  app = await createTestApp();
  await seedDemo();
  const raw = sqlite();
  const firstOf = (sql: string) => (raw.prepare(sql).get() as { id: number }).id;
  offensive = firstOf("SELECT topic_id AS id FROM petitions WHERE hide_text = 1");
  hiddenTopic = firstOf("SELECT id FROM topics WHERE is_public = 1 AND hidden = 0 AND kind = 'discussion' ORDER BY id LIMIT 1");
  raw.prepare("UPDATE topics SET hidden = 1, hidden_reason = 'spam' WHERE id = ?").run(hiddenTopic);
  privateDraft = Number(
    raw.prepare("INSERT INTO topics (kind, title, summary, status, is_public, author_id) VALUES ('petition', 'Mijn geheime concept over de Dorpsstraat', 'Nog niet af', 'draft', 0, 'demo-resident')").run().lastInsertRowid,
  );
  raw.prepare("INSERT INTO petitions (topic_id, request) VALUES (?, 'Nog niet af')").run(privateDraft);
  closedMeeting = Number(
    raw.prepare("INSERT INTO meetings (body, title, starts_at, place, is_public, created_at) VALUES ('council', 'Besloten overleg over personeelszaken', ?, 'Kamer 3', 0, ?)").run(Date.now() + 86_400_000, Date.now()).lastInsertRowid,
  );

  // What must never come out, and why.
  for (const u of raw.prepare("SELECT id, email, display_name, postcode, birth_date FROM users").all() as any[]) {
    remember("a user id", [u.id], 8);
    remember("an email address", [u.email]);
    remember("a person's name", [u.display_name]);
    remember("a postcode", [u.postcode], 4);
    remember("a birth date", [u.birth_date]);
  }
  for (const s of raw.prepare("SELECT name, email, postcode FROM signatures").all() as any[]) {
    remember("a signer's name", [s.name]);
    remember("a signer's email address", [s.email]);
    remember("a signer's postcode", [s.postcode], 4);
  }
  for (const b of raw.prepare("SELECT code FROM ballots UNION SELECT code FROM ballot_choices").all() as any[]) remember("a ballot code", [b.code], 4);
  for (const c of raw.prepare("SELECT body FROM comments").all() as any[]) remember("a comment", [c.body], 12);
  // A draft may carry the same words as a published topic (a resubmission): those words are public.
  const published = new Set((raw.prepare("SELECT title, summary FROM topics WHERE is_public = 1 AND hidden = 0").all() as any[]).flatMap((t) => [t.title, t.summary]));
  for (const t of raw.prepare("SELECT title, summary FROM topics WHERE is_public = 0 OR hidden = 1").all() as any[]) {
    remember("the text of a topic a visitor may not read", [t.title, t.summary].filter((text) => !published.has(text)), 10);
  }
  for (const p of raw.prepare("SELECT withheld_title, withheld_request, withheld_body FROM petitions WHERE hide_text = 1").all() as any[]) {
    remember("the withheld text of a petition", [p.withheld_title, p.withheld_request, p.withheld_body], 10);
  }
  for (const p of raw.prepare("SELECT body FROM council_positions").all() as any[]) remember("a councillor's position", [p.body], 12);
  for (const m of raw.prepare("SELECT title FROM meetings WHERE is_public = 0").all() as any[]) remember("a closed meeting", [m.title], 6);
  expect([...secrets.values()]).toEqual(expect.arrayContaining(["an email address", "a ballot code", "a comment", "the withheld text of a petition"]));

  // Every address, every page.
  const topics = await walk("/api/v1/topics?limit=7");
  for (const topic of topics) {
    await get(`/api/v1/topics/${topic.id}`);
    await walk(`/api/v1/topics/${topic.id}/timeline?limit=3`);
    await get(`/api/v1/topics/${topic.id}/outcome`);
  }
  for (const meeting of await walk("/api/v1/meetings?limit=2")) await get(`/api/v1/meetings/${meeting.id}`);
  await get("/api/v1/counts");
});

/** Every field of an answer, with its path: "items.3.title". */
function* fields(value: unknown, path = ""): Generator<[string, unknown]> {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* fields(v, `${path}.${i}`);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      yield [`${path}.${k}`, v];
      yield* fields(v, `${path}.${k}`);
    }
  }
}

describe("the open API leaks nothing", () => {
  it("walked every topic, meeting and page of the demo", () => {
    expect(answers.size).toBeGreaterThan(50);
    const kinds = new Set((answers.get("/api/v1/counts") as { items: Array<{ kind: string }> }).items.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(["bylaw", "discussion", "petition", "proposal", "vote"]);
  });

  it("has no field named for a person or a ballot, anywhere", () => {
    const named: string[] = [];
    for (const [path, body] of answers) for (const [field] of fields(body)) if (PERSONAL_KEYS.test(field.split(".").at(-1)!)) named.push(`${path}: ${field}`);
    expect(named).toEqual([]);
  });

  it("has no value that is personal data or the text of something hidden", () => {
    const leaks: string[] = [];
    for (const [path, body] of answers) {
      for (const [field, value] of fields(body)) {
        if (typeof value !== "string") continue;
        for (const [secret, what] of secrets) if (value.includes(secret)) leaks.push(`${path} ${field}: ${what} (${secret.slice(0, 30)})`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it("gives each topic exactly the shared fields and its kind's own, and only public, visible topics", () => {
    const raw = sqlite();
    const visible = new Set((raw.prepare("SELECT id FROM topics WHERE is_public = 1 AND hidden = 0").all() as Array<{ id: number }>).map((r) => r.id));
    const topics = [...answers.entries()].filter(([path]) => /^\/api\/v1\/topics\/\d+$/.test(path)).map(([, body]) => body as Record<string, unknown>);
    expect(topics.length).toBe(visible.size);
    for (const topic of topics) {
      expect(visible.has(topic.id as number)).toBe(true);
      expect(Object.keys(topic).sort()).toEqual([...SHARED_COLUMNS, ...kindServerManifest(String(topic.kind)).openData.columns].sort());
    }
    const offensiveTopic = answers.get(`/api/v1/topics/${offensive}`) as Record<string, unknown>;
    expect(offensiveTopic).toMatchObject({ status: "rejected", title: null, summary: null, rejectionCode: "offensive" });
  });

  it("never shows the hidden topic, the private draft or the closed meeting, even by id", async () => {
    const shownTopics = new Set<number>();
    for (const body of answers.values()) for (const [field, value] of fields(body)) if (field.endsWith(".url") && typeof value === "string" && !value.includes("/meetings/")) shownTopics.add(Number(/\/(\d+)$/.exec(value)?.[1]));
    for (const id of [hiddenTopic, privateDraft]) {
      expect(shownTopics.has(id)).toBe(false);
      for (const part of ["", "/timeline", "/outcome"]) expect((await app.get(`/api/v1/topics/${id}${part}`)).status).toBe(404);
    }
    expect((await app.get(`/api/v1/meetings/${closedMeeting}`)).status).toBe(404);
  });

  it("shows no internal timeline events", () => {
    const raw = sqlite();
    const internal = new Set((raw.prepare("SELECT id FROM topic_events WHERE is_public = 0").all() as Array<{ id: number }>).map((r) => r.id));
    const shown = [...answers.entries()].filter(([path]) => path.includes("/timeline")).flatMap(([, body]) => (body as { items: Array<{ id: number }> }).items.map((e) => e.id));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((id) => internal.has(id))).toEqual([]);
  });
});
