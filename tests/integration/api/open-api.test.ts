// The open API through the real Remix handler: what it answers, that its pages walk every row once
// while rows are added, that a 304 answers a client that has the current ETag and a change gives a
// 200 again, and that a bad parameter is a problem naming it, in the client's language, never a 500.
import { beforeAll, describe, expect, it } from "vitest";
import { getTableName } from "drizzle-orm";
import { registeredKinds } from "~/modules/topics/topics.kinds";
import { kindServerManifest } from "~/modules/topics/topics.kinds.server";
import { sqlite } from "~/utils/db.server";
import { createTestApp, type TestApp } from "../../support/handler";

let app: TestApp;
const raw = () => sqlite();

function addDiscussion(title: string, options: { isPublic?: boolean; hidden?: boolean; status?: string } = {}): number {
  return Number(
    raw()
      .prepare("INSERT INTO topics (kind, title, summary, status, is_public, hidden, published_at) VALUES ('discussion', ?, 'Een samenvatting.', ?, ?, ?, ?)")
      .run(title, options.status ?? "open", options.isPublic === false ? 0 : 1, options.hidden ? 1 : 0, Date.now()).lastInsertRowid,
  );
}

async function json(path: string, headers: Record<string, string> = {}) {
  const response = await app.get(path, { headers });
  const text = await response.text();
  return { response, status: response.status, body: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  app = await createTestApp();
});

describe("topics", () => {
  it("lists public topics with the shared fields and each kind's own, filtered by kind and status", async () => {
    const open = addDiscussion("Hoe maken we het plein groener?");
    const closed = addDiscussion("Waar komt het nieuwe bankje?", { status: "closed" });
    const all = await json("/api/v1/topics?limit=200");
    expect(all.status).toBe(200);
    expect(all.response.headers.get("Content-Type")).toMatch(/^application\/json/);
    const item = all.body.items.find((i: { id: number }) => i.id === open);
    expect(item).toMatchObject({ id: open, kind: "discussion", title: "Hoe maken we het plein groener?", status: "open", url: `http://localhost:3000/discussions/${open}`, concludedAt: null });
    const onlyClosed = await json("/api/v1/topics?kind=discussion&status=closed&limit=200");
    expect(onlyClosed.body.items.map((i: { id: number }) => i.id)).toEqual([closed]);
    const byStatus = await json("/api/v1/topics?status=closed");
    expect(byStatus.body.items.map((i: { id: number }) => i.id)).toContain(closed);
    expect(byStatus.body.items.every((i: { status: string }) => i.status === "closed")).toBe(true);
    const one = await json(`/api/v1/topics/${open}`);
    expect(one.body).toEqual(item);
  });

  it("answers a hidden, unpublished or missing topic alike: 404, on the topic and its parts", async () => {
    const hidden = addDiscussion("Verborgen door de moderatie", { hidden: true });
    const draft = addDiscussion("Nog niet gepubliceerd", { isPublic: false, status: "draft" });
    for (const id of [hidden, draft, 99_999_999]) {
      for (const part of ["", "/timeline", "/outcome"]) {
        const answer = await json(`/api/v1/topics/${id}${part}`);
        expect(answer.status, `${id}${part}`).toBe(404);
        expect(answer.response.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
        expect(answer.body).toMatchObject({ status: 404, title: "Niet gevonden" });
      }
    }
    const list = await json("/api/v1/topics?kind=discussion&limit=200");
    const ids = list.body.items.map((i: { id: number }) => i.id);
    expect(ids).not.toContain(hidden);
    expect(ids).not.toContain(draft);
  });

  it("walks every public topic exactly once, page by page, while new ones are added", async () => {
    const before = new Set<number>();
    for (let i = 0; i < 23; i++) before.add(addDiscussion(`Doorbladeren ${i}`));
    const seen: number[] = [];
    const added: number[] = [];
    let path: string | null = "/api/v1/topics?kind=discussion&limit=4";
    let pages = 0;
    while (path) {
      const page = await json(path);
      expect(page.status).toBe(200);
      if (page.body.next) expect(page.response.headers.get("Link")).toBe(`<${page.body.next}>; rel="next"`);
      seen.push(...page.body.items.map((i: { id: number }) => i.id));
      // Someone publishes a topic between two pages, and one in the middle is hidden by moderation.
      added.push(addDiscussion(`Tussendoor ${pages}`));
      path = page.body.next;
      pages++;
      expect(pages).toBeLessThan(100);
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before) expect(seen).toContain(id);
    // Added while walking: each comes at the end, so the walk reaches every one but the last.
    for (const id of added.slice(0, -1)) expect(seen).toContain(id);
  });
});

describe("timeline, outcome and next steps", () => {
  it("gives the public events page by page, oldest first, without internal ones", async () => {
    const id = addDiscussion("Een tijdlijn");
    const insert = raw().prepare("INSERT INTO topic_events (topic_id, kind, type, actor_id, actor_role, event_key, data, is_public, created_at) VALUES (?, 'discussion', ?, NULL, 'staff', ?, ?, ?, ?)");
    const t0 = Date.UTC(2026, 0, 1);
    insert.run(id, "published", "published", "{}", 1, t0);
    insert.run(id, "note", "note", JSON.stringify({ note: "Intern: niet voor het publiek" }), 0, t0 + 1);
    insert.run(id, "next-step-added", "next-step-added:1", JSON.stringify({ stepId: 1, description: "Ontwerp maken" }), 1, t0 + 2);
    insert.run(id, "closed", "closed", "{}", 1, t0 + 2);
    const first = await json(`/api/v1/topics/${id}/timeline?limit=2`);
    expect(first.body.items).toEqual([
      { id: expect.any(Number), type: "published", at: new Date(t0).toISOString(), data: {} },
      { id: expect.any(Number), type: "next-step-added", at: new Date(t0 + 2).toISOString(), data: { stepId: 1, description: "Ontwerp maken" } },
    ]);
    const second = await json(first.body.next);
    expect(second.body.items.map((e: { type: string }) => e.type)).toEqual(["closed"]);
    expect(second.body.next).toBeNull();
    expect(JSON.stringify([first.body, second.body])).not.toContain("Intern");
  });

  it("gives the outcomes and next steps, without who wrote them", async () => {
    const id = addDiscussion("Met een uitkomst");
    raw()
      .prepare("INSERT INTO outcomes (topic_id, type, result, body, body_html, responsible_body, author_id, decided_at) VALUES (?, 'conclusion', NULL, 'We planten **bomen**.', '<p>We planten <strong>bomen</strong>.</p>', 'College', NULL, ?)")
      .run(id, Date.UTC(2026, 1, 1));
    raw().prepare("INSERT INTO next_steps (topic_id, description, responsible_body, due_at, status) VALUES (?, 'Bomen bestellen', 'Team Groen', ?, 'planned')").run(id, Date.UTC(2026, 2, 1));
    const answer = await json(`/api/v1/topics/${id}/outcome`);
    expect(answer.body).toEqual({
      outcomes: [{ type: "conclusion", result: null, body: "We planten **bomen**.", responsibleBody: "College", decidedAt: "2026-02-01T00:00:00.000Z" }],
      nextSteps: [{ id: expect.any(Number), description: "Bomen bestellen", responsibleBody: "Team Groen", dueAt: "2026-03-01T00:00:00.000Z", status: "planned", completedAt: null }],
    });
  });
});

describe("meetings", () => {
  it("lists public meetings by start and shows an agenda, leaving out closed meetings and hidden topics", async () => {
    const at = Date.UTC(2027, 0, 10, 19);
    const addMeeting = (title: string, startsAt: number, isPublic = true) =>
      Number(raw().prepare("INSERT INTO meetings (body, title, starts_at, place, is_public, created_at) VALUES ('council', ?, ?, 'Raadzaal', ?, ?)").run(title, startsAt, isPublic ? 1 : 0, Date.now()).lastInsertRowid);
    const later = addMeeting("Raadsvergadering februari", at + 30 * 86_400_000);
    const first = addMeeting("Raadsvergadering januari", at);
    const closedMeeting = addMeeting("Besloten vergadering over een geheim", at + 86_400_000, false);
    const shown = addDiscussion("Op de agenda");
    const hiddenTopic = addDiscussion("Verborgen agendapunt", { hidden: true });
    const item = raw().prepare("INSERT INTO agenda_items (meeting_id, position, topic_id, title, description, created_at) VALUES (?, ?, ?, ?, ?, ?)");
    item.run(first, 1, null, "Opening", "", Date.now());
    item.run(first, 2, shown, null, "Bespreking", Date.now());
    item.run(first, 3, hiddenTopic, null, "", Date.now());

    const list = await json("/api/v1/meetings?limit=1");
    expect(list.body.items.map((m: { id: number }) => m.id)).toEqual([first]);
    const rest = await json(list.body.next);
    expect(rest.body.items.map((m: { id: number }) => m.id)).toEqual([later]);
    expect(JSON.stringify([list.body, rest.body])).not.toContain("geheim");

    const meeting = await json(`/api/v1/meetings/${first}`);
    expect(meeting.body).toMatchObject({ id: first, body: "council", title: "Raadsvergadering januari", place: "Raadzaal", startsAt: new Date(at).toISOString() });
    expect(meeting.body.agenda).toEqual([
      { position: 1, title: "Opening", description: "", topic: null, decision: null, decidedAt: null },
      { position: 2, title: "Op de agenda", description: "Bespreking", topic: { id: shown, kind: "discussion", url: `http://localhost:3000/discussions/${shown}` }, decision: null, decidedAt: null },
      { position: 3, title: null, description: "", topic: null, decision: null, decidedAt: null },
    ]);
    expect((await json(`/api/v1/meetings/${closedMeeting}`)).status).toBe(404);
  });
});

describe("counts", () => {
  it("counts public, visible topics per kind and status", async () => {
    const before = await json("/api/v1/counts");
    addDiscussion("Nog een open vraag");
    addDiscussion("Verborgen vraag", { hidden: true });
    addDiscussion("Concept", { isPublic: false, status: "draft" });
    const after = await json("/api/v1/counts");
    const open = (body: { items: Array<{ kind: string; status: string; count: number }> }) => body.items.find((c) => c.kind === "discussion" && c.status === "open")?.count ?? 0;
    expect(open(after.body)).toBe(open(before.body) + 1);
    expect(after.body.total).toBe(before.body.total + 1);
    expect(after.body.items.some((c: { status: string }) => c.status === "draft")).toBe(false);
  });
});

describe("ETag and caching", () => {
  it("answers 200 with an ETag, 304 with it, and 200 with a new one after a change", async () => {
    const id = addDiscussion("Een onderwerp dat verandert");
    for (const path of [`/api/v1/topics/${id}`, "/api/v1/topics?kind=discussion", `/api/v1/topics/${id}/timeline`, `/api/v1/topics/${id}/outcome`, "/api/v1/counts"]) {
      const first = await app.get(path);
      expect(first.status, path).toBe(200);
      const etag = first.headers.get("ETag")!;
      expect(etag, path).toMatch(/^W\/".+"$/);
      expect(first.headers.get("Cache-Control")).toBe("public, max-age=60");
      expect(first.headers.get("Access-Control-Allow-Origin")).toBe("*");

      const again = await app.get(path, { headers: { "If-None-Match": etag } });
      expect(again.status, path).toBe(304);
      expect(await again.text()).toBe("");
      expect(again.headers.get("ETag")).toBe(etag);

      raw().prepare("UPDATE topics SET comment_count = comment_count + 1 WHERE id = ?").run(id);
      const changed = await app.get(path, { headers: { "If-None-Match": etag } });
      expect(changed.status, path).toBe(200);
      expect(changed.headers.get("ETag")).not.toBe(etag);
    }
  });

  it("gives the timeline a new ETag when an event is recorded, and the meetings when an agenda changes", async () => {
    const id = addDiscussion("Een onderwerp met nieuws");
    const path = `/api/v1/topics/${id}/timeline`;
    const etag = (await app.get(path)).headers.get("ETag")!;
    raw().prepare("INSERT INTO topic_events (topic_id, kind, type, actor_role, event_key, data, is_public) VALUES (?, 'discussion', 'closed', 'staff', 'closed', '{}', 1)").run(id);
    const after = await app.get(path, { headers: { "If-None-Match": etag } });
    expect(after.status).toBe(200);
    expect((await after.json()).items.map((e: { type: string }) => e.type)).toEqual(["closed"]);

    const meetingsEtag = (await app.get("/api/v1/meetings")).headers.get("ETag")!;
    expect((await app.get("/api/v1/meetings", { headers: { "If-None-Match": meetingsEtag } })).status).toBe(304);
    raw().prepare("INSERT INTO meetings (body, title, starts_at, place, is_public, created_at) VALUES ('committee', 'Commissie Ruimte', ?, 'Zaal 2', 1, ?)").run(Date.UTC(2027, 5, 1), Date.now());
    expect((await app.get("/api/v1/meetings", { headers: { "If-None-Match": meetingsEtag } })).status).toBe(200);
  });

  it("gives a topic a new ETag when its kind's own table changes (a petition's text withheld)", async () => {
    const id = Number(raw().prepare("INSERT INTO topics (kind, title, status, is_public, published_at) VALUES ('petition', 'Een scheldpartij', 'open', 1, ?)").run(Date.now()).lastInsertRowid);
    raw().prepare("INSERT INTO petitions (topic_id, request) VALUES (?, 'Iets')").run(id);
    const first = await app.get(`/api/v1/topics/${id}`);
    expect((await first.json()).title).toBe("Een scheldpartij");
    raw().prepare("UPDATE petitions SET hide_text = 1 WHERE topic_id = ?").run(id);
    const after = await app.get(`/api/v1/topics/${id}`, { headers: { "If-None-Match": first.headers.get("ETag")! } });
    expect(after.status).toBe(200);
    expect((await after.json()).title).toBeNull();
  });

  it("keeps the counter of every kind for each table its open data reads", () => {
    const triggers = new Set((raw().prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string }>).map((t) => t.name));
    for (const kind of registeredKinds()) {
      for (const table of kindServerManifest(kind.kind).openData.sources) {
        for (const op of ["insert", "update", "delete"]) expect(triggers, `${kind.kind} ${getTableName(table)} ${op}`).toContain(`public_versions_${kind.kind}_${getTableName(table)}_${op}`);
      }
    }
  });

  it("does not answer 304 for a topic that was hidden after its ETag was given", async () => {
    const id = addDiscussion("Straks verborgen");
    const etag = (await app.get(`/api/v1/topics/${id}`)).headers.get("ETag")!;
    raw().prepare("UPDATE topics SET hidden = 1 WHERE id = ?").run(id);
    expect((await app.get(`/api/v1/topics/${id}`, { headers: { "If-None-Match": etag } })).status).toBe(404);
  });

  it("answers the same to a signed-in person as to a visitor: the API reads no session", async () => {
    const id = addDiscussion("Voor iedereen hetzelfde");
    const visitor = await app.get(`/api/v1/topics/${id}`);
    const withCookie = await app.get(`/api/v1/topics/${id}`, { headers: { Cookie: "inspraak_session=whatever" } });
    expect(withCookie.headers.get("ETag")).toBe(visitor.headers.get("ETag"));
    expect(withCookie.headers.get("Set-Cookie")).toBeNull();
  });
});

describe("bad requests", () => {
  it.each([
    ["/api/v1/topics?limit=0", "limit"],
    ["/api/v1/topics?limit=201", "limit"],
    ["/api/v1/topics?limit=abc", "limit"],
    ["/api/v1/topics?limit=1&limit=2", "limit"],
    ["/api/v1/topics?kind=spreadsheet", "kind"],
    ["/api/v1/topics?status=%3Cscript%3E", "status"],
    ["/api/v1/topics?cursor=not-a-cursor", "cursor"],
    ["/api/v1/topics?page=2", "page"],
    ["/api/v1/topics/abc", "id"],
    ["/api/v1/topics/0", "id"],
    ["/api/v1/topics/99999999999999999999", "id"],
    ["/api/v1/topics/1/timeline?limit=-5", "limit"],
    ["/api/v1/topics/1/timeline?cursor=eyJ4IjoxfQ", "cursor"],
    ["/api/v1/topics/1?expand=all", "expand"],
    ["/api/v1/meetings?limit=1000", "limit"],
    ["/api/v1/meetings/abc", "meeting"],
    ["/api/v1/counts?kind=petition", "kind"],
  ])("answers %s with a 400 problem naming %s, in Dutch and in English", async (path, param) => {
    const dutch = await json(path);
    expect(dutch.status).toBe(400);
    expect(dutch.response.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
    expect(dutch.response.headers.get("Cache-Control")).toBe("no-store");
    expect(dutch.body).toMatchObject({ type: "about:blank", status: 400, param, title: "Deze vraag aan de API kunnen we niet beantwoorden" });
    expect(dutch.body.detail).toMatch(/\w/);
    const english = await json(path, { "Accept-Language": "en" });
    expect(english.body).toMatchObject({ status: 400, param, title: "We cannot answer this request to the API" });
    expect(english.body.detail).not.toBe(dutch.body.detail);
  });

  it("refuses a cursor of one list on another", async () => {
    addDiscussion("Eerste");
    addDiscussion("Tweede");
    const topicsPage = await json("/api/v1/topics?limit=1");
    const cursor = new URL(topicsPage.body.next, "http://x").searchParams.get("cursor")!;
    const meetings = await json(`/api/v1/meetings?cursor=${cursor}`);
    expect(meetings.status).toBe(400);
    expect(meetings.body.param).toBe("cursor");
  });

  it("answers an address the API does not have with a 404 problem", async () => {
    const answer = await json("/api/v1/signatures");
    expect(answer.status).toBe(404);
    expect(answer.response.headers.get("Content-Type")).toMatch(/^application\/problem\+json/);
  });
});
