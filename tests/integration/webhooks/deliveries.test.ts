// Webhooks end to end against a real HTTP receiver in the test process: written in the event's
// transaction, signed as documented, retried with backoff until delivered exactly once, never for
// hidden or private topics, never to an address the rules refuse, batched and resumable.
import crypto from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, topics, webhookDeliveries, webhookEndpoints } from "#db/schema";
import { updateSettings } from "~/modules/settings/settings.server";
import { recordTopicEvent } from "~/modules/topics/outcomes.server";
import { insertTopic } from "~/modules/topics/topics.server";
import { deliverWebhooks, expireWebhookDeliveries } from "~/modules/webhooks/webhooks.delivery.server";
import { registerEndpoint, sendTestEvent, setEndpointPaused } from "~/modules/webhooks/webhooks.server";
import { db } from "~/utils/db.server";
import { backoffMs } from "~/utils/outbox";
import { createPerson, type TestPerson } from "../../support/fixtures";

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A receiver whose answers the test sets: a status per request in turn, then 200. */
function receiver() {
  const received: Received[] = [];
  let answers: number[] = [];
  let hang = false;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body });
      if (hang) return;
      const status = answers.shift() ?? 200;
      if (status >= 300 && status < 400) res.writeHead(status, { Location: "/elsewhere" });
      else res.writeHead(status);
      res.end();
    });
  });
  return {
    server,
    received,
    answer(...statuses: number[]) {
      answers = statuses;
    },
    hang(on: boolean) {
      hang = on;
    },
    reset() {
      received.length = 0;
      answers = [];
      hang = false;
    },
  };
}

const hook = receiver();
let port = 0;
let admin: TestPerson;

const allowLoopback = (on: boolean) => updateSettings(null, { webhookAllowedNetworks: on ? "127.0.0.0/8" : "" });

function publicTopic(options: { isPublic?: boolean; hidden?: boolean } = {}) {
  const id = db.transaction((tx) => insertTopic(tx, { kind: "discussion", title: "Meer bankjes in het park", body: "Tekst", authorId: admin.id, status: "open", isPublic: options.isPublic ?? true }));
  if (options.hidden) db.update(topics).set({ hidden: true }).where(eq(topics.id, id)).run();
  return id;
}

function closeTopic(topicId: number, at = new Date()) {
  return db.transaction((tx) => recordTopicEvent(tx, { topicId, type: "closed", payload: {}, actor: { id: admin.id, roles: ["admin"] }, at }));
}

const deliveriesOf = (endpointId: number) => db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)).orderBy(webhookDeliveries.id).all();

async function endpoint(eventTypes = ["*"], path = "/hook"): Promise<{ id: number; secret: string }> {
  const result = await registerEndpoint({ id: admin.id }, { url: `http://127.0.0.1:${port}${path}`, description: "Zaaksysteem", eventTypes });
  if (!result.ok) throw new Error(result.reason);
  return { id: result.endpointId, secret: result.secret };
}

/** The documented recipe, as a receiver writes it. */
function verifies(secret: string, request: Received, nowSeconds = Date.now() / 1000): boolean {
  const timestamp = String(request.headers["inspraak-webhook-timestamp"]);
  const signature = String(request.headers["inspraak-webhook-signature"]);
  const expected = "v1=" + crypto.createHmac("sha256", secret).update(`${timestamp}.${request.body}`).digest("hex");
  return signature === expected && Math.abs(nowSeconds - Number(timestamp)) <= 300;
}

beforeAll(async () => {
  await new Promise<void>((resolve) => hook.server.listen(0, "127.0.0.1", resolve));
  port = (hook.server.address() as { port: number }).port;
  admin = await createPerson({ roles: ["admin"] });
});

afterAll(() => new Promise<void>((resolve) => hook.server.close(() => resolve())));

beforeEach(() => {
  hook.reset();
  allowLoopback(true);
  // Each test starts with no endpoint and nothing due.
  db.delete(webhookEndpoints).run();
});

describe("a public topic event", () => {
  it("is written for every endpoint that hears it, in the event's transaction, and not when it rolls back", async () => {
    const all = await endpoint(["*"]);
    const closedOnly = await endpoint(["closed"]);
    const other = await endpoint(["decided"]);
    const topicId = publicTopic();
    expect(() =>
      db.transaction((tx) => {
        recordTopicEvent(tx, { topicId, type: "closed", payload: {}, actor: null });
        throw new Error("the kind's own write failed");
      }),
    ).toThrow();
    expect([...deliveriesOf(all.id), ...deliveriesOf(closedOnly.id), ...deliveriesOf(other.id)]).toEqual([]);

    closeTopic(topicId);
    expect(deliveriesOf(all.id)).toHaveLength(1);
    expect(deliveriesOf(closedOnly.id)).toHaveLength(1);
    expect(deliveriesOf(other.id)).toHaveLength(0);
    // The same request again is the same event: nothing new to deliver.
    closeTopic(topicId);
    expect(deliveriesOf(all.id)).toHaveLength(1);
  });

  it("is POSTed as JSON, signed as documented, with public words only", async () => {
    const { id, secret } = await endpoint(["*"]);
    const topicId = publicTopic();
    closeTopic(topicId);
    expect(await deliverWebhooks(new Date())).toBe(1);
    expect(hook.received).toHaveLength(1);
    const [request] = hook.received;
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(verifies(secret, request!)).toBe(true);
    expect(verifies("whsec_someone-else", request!)).toBe(false);
    const body = JSON.parse(request!.body);
    expect(body).toEqual({
      id: expect.stringMatching(/^event-\d+$/),
      type: "closed",
      occurredAt: expect.any(String),
      topic: { id: topicId, kind: "discussion", title: "Meer bankjes in het park", url: `http://localhost:3000/discussions/${topicId}` },
      data: {},
    });
    // Who acted is never sent: not their id, not their name, not their email.
    expect(request!.body).not.toContain(admin.id);
    expect(request!.body).not.toContain(admin.email);
    expect(deliveriesOf(id)[0]).toMatchObject({ status: "sent", attempts: 1, lastStatus: 200 });
    expect(request!.headers["inspraak-webhook-id"]).toBe(`delivery-${deliveriesOf(id)[0]!.id}`);
  });
});

describe("a failing receiver", () => {
  it("is retried with exponential backoff and then gets the delivery exactly once", async () => {
    const { id, secret } = await endpoint(["*"]);
    closeTopic(publicTopic());
    hook.answer(500, 503);
    const t0 = new Date();
    expect(await deliverWebhooks(t0)).toBe(0);
    let row = deliveriesOf(id)[0]!;
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatus: 500, lastError: "HTTP 500" });
    expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + backoffMs(1));

    // Not due yet: nothing is tried.
    expect(await deliverWebhooks(new Date(t0.getTime() + 30_000))).toBe(0);
    expect(hook.received).toHaveLength(1);

    const t1 = new Date(t0.getTime() + backoffMs(1));
    expect(await deliverWebhooks(t1)).toBe(0);
    row = deliveriesOf(id)[0]!;
    expect(row).toMatchObject({ status: "pending", attempts: 2, lastStatus: 503 });
    expect(row.nextAttemptAt.getTime()).toBe(t1.getTime() + backoffMs(2));
    expect(backoffMs(2)).toBe(2 * backoffMs(1));

    const t2 = new Date(t1.getTime() + backoffMs(2));
    expect(await deliverWebhooks(t2)).toBe(1);
    expect(await deliverWebhooks(new Date(t2.getTime() + 3_600_000))).toBe(0);
    expect(deliveriesOf(id)[0]).toMatchObject({ status: "sent", attempts: 3, lastStatus: 200, lastError: null });
    // Three attempts, one delivery: the same id each time, each freshly signed.
    expect(hook.received).toHaveLength(3);
    expect(new Set(hook.received.map((r) => r.headers["inspraak-webhook-id"])).size).toBe(1);
    expect(hook.received.every((r) => verifies(secret, r))).toBe(true);
  });

  it("is given up after eight attempts", async () => {
    const { id } = await endpoint(["*"]);
    closeTopic(publicTopic());
    hook.answer(...Array(8).fill(500));
    let at = Date.now();
    for (let i = 1; i <= 8; i++) {
      await deliverWebhooks(new Date(at));
      at += backoffMs(i);
    }
    expect(deliveriesOf(id)[0]).toMatchObject({ status: "failed", attempts: 8 });
    expect(await deliverWebhooks(new Date(at + 86_400_000))).toBe(0);
    expect(hook.received).toHaveLength(8);
  });

  it("that redirects is not followed, and one that does not answer times out", async () => {
    const { id } = await endpoint(["*"]);
    closeTopic(publicTopic());
    hook.answer(302);
    await deliverWebhooks(new Date());
    expect(deliveriesOf(id)[0]).toMatchObject({ status: "pending", lastStatus: 302, lastError: "HTTP 302: redirect not followed" });
    expect(hook.received.map((r) => r.path)).toEqual(["/hook"]);

    hook.hang(true);
    await deliverWebhooks(new Date(Date.now() + backoffMs(1)), { timeoutMs: 200 });
    expect(deliveriesOf(id)[0]).toMatchObject({ status: "pending", attempts: 2, lastStatus: null, lastError: expect.stringMatching(/no answer within/) });
  });
});

describe("hidden and private content", () => {
  it("is never delivered: a hidden topic writes nothing, a topic hidden or private by its turn is withheld", async () => {
    const { id } = await endpoint(["*"]);
    closeTopic(publicTopic({ hidden: true }));
    expect(deliveriesOf(id)).toHaveLength(0);

    const later = publicTopic();
    closeTopic(later);
    db.update(topics).set({ hidden: true }).where(eq(topics.id, later)).run();
    const draft = publicTopic({ isPublic: false });
    closeTopic(draft);

    expect(await deliverWebhooks(new Date())).toBe(0);
    expect(deliveriesOf(id).map((d) => d.status)).toEqual(["withheld", "withheld"]);
    expect(hook.received).toHaveLength(0);
  });
});

describe("addresses the app may not reach", () => {
  it("are refused at registration: loopback, private, link-local, also by name", async () => {
    allowLoopback(false);
    for (const url of [`http://127.0.0.1:${port}/hook`, `http://localhost:${port}/hook`, "http://10.1.2.3/hook", "http://192.168.0.8/", "http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://[fd00::1]/"]) {
      const result = await registerEndpoint({ id: admin.id }, { url, description: "", eventTypes: ["*"] });
      expect(result, url).toEqual({ ok: false, reason: "webhook.error.address", field: "url" });
    }
    expect(db.select().from(webhookEndpoints).all()).toEqual([]);
  });

  it("are refused again at delivery, after resolving the name, when the setting no longer allows them", async () => {
    const byName = await registerEndpoint({ id: admin.id }, { url: `http://localhost:${port}/hook`, description: "", eventTypes: ["*"] });
    if (!byName.ok) throw new Error(byName.reason);
    const byAddress = await endpoint(["*"]);
    closeTopic(publicTopic());
    allowLoopback(false);
    expect(await deliverWebhooks(new Date())).toBe(0);
    expect(hook.received).toHaveLength(0);
    for (const endpointId of [byName.endpointId, byAddress.id]) {
      expect(deliveriesOf(endpointId)[0]).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringMatching(/refused address/) });
    }
  });
});

describe("the delivery job", () => {
  it("works in batches, resumes where it stopped and sends each delivery once", async () => {
    const { id } = await endpoint(["*"]);
    for (let i = 0; i < 5; i++) closeTopic(publicTopic());
    expect(deliveriesOf(id)).toHaveLength(5);
    // A run cut short (a restart) after three deliveries, read two at a time.
    expect(await deliverWebhooks(new Date(), { batch: 2, maxRows: 3 })).toBe(3);
    expect(deliveriesOf(id).map((d) => d.status)).toEqual(["sent", "sent", "sent", "pending", "pending"]);
    expect(await deliverWebhooks(new Date(), { batch: 2 })).toBe(2);
    expect(await deliverWebhooks(new Date(), { batch: 2 })).toBe(0);
    const ids = hook.received.map((r) => r.headers["inspraak-webhook-id"]);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
  });

  it("keeps a paused endpoint's deliveries until it is resumed", async () => {
    const { id } = await endpoint(["*"]);
    setEndpointPaused({ id: admin.id }, id, true);
    closeTopic(publicTopic());
    expect(await deliverWebhooks(new Date())).toBe(0);
    expect(deliveriesOf(id)[0]).toMatchObject({ status: "pending", attempts: 0 });
    setEndpointPaused({ id: admin.id }, id, false);
    expect(await deliverWebhooks(new Date())).toBe(1);
  });

  it("sends a test event, audited, and forgets deliveries after 90 days", async () => {
    const { id, secret } = await endpoint(["decided"]);
    const test = sendTestEvent({ id: admin.id }, id);
    expect(test.ok).toBe(true);
    expect(await deliverWebhooks(new Date())).toBe(1);
    expect(JSON.parse(hook.received[0]!.body)).toMatchObject({ type: "test", topic: null });
    expect(verifies(secret, hook.received[0]!)).toBe(true);
    const actions = db.select({ action: auditLog.action, after: auditLog.after }).from(auditLog).where(eq(auditLog.entityId, String(id))).all();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["webhook.create", "webhook.test"]));
    // The secret never reaches the audit log.
    expect(JSON.stringify(actions)).not.toContain(secret);
    expect(await expireWebhookDeliveries(new Date(Date.now() + 91 * 86_400_000))).toBeGreaterThanOrEqual(1);
    expect(deliveriesOf(id)).toEqual([]);
  });
});
