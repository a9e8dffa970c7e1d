// The admin pages of webhooks through their loaders and actions: only admins, everything audited,
// bad input answered beside its field in Dutch and English with nothing written; and the demo's
// own receiver, which follows the documented recipe and refuses replays.
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog, demoWebhookReceipts, webhookDeliveries, webhookEndpoints } from "#db/schema";
import * as list from "~/routes/admin.webhooks._index";
import * as create from "~/routes/admin.webhooks.new";
import * as endpointPage from "~/routes/admin.webhooks.$id";
import * as receiverRoute from "~/routes/demo.webhook-receiver";
import * as receivedPage from "~/routes/demo.webhook-receiver_.received";
import { updateSettings } from "~/modules/settings/settings.server";
import { demoReceiverSecret, receiveDemoDelivery } from "~/modules/webhooks/webhooks.receiver.server";
import { signDelivery } from "~/modules/webhooks/webhooks.signature.server";
import { db } from "~/utils/db.server";
import { reloadEnv } from "~/utils/env.server";
import { createPerson } from "../../support/fixtures";
import { expectPermissions } from "../../support/permissions";
import { callRoute } from "../../support/routes";

const endpointCount = () => db.select().from(webhookEndpoints).all().length;

async function registered(): Promise<number> {
  const admin = await createPerson({ roles: ["admin"] });
  const result = await callRoute(create, { path: "/admin/webhooks/new", cookie: admin.cookie, form: { url: "http://127.0.0.1:9/hook", description: "Zaaksysteem", eventTypes: ["*"] } });
  return result.data.created.id as number;
}

beforeEach(() => updateSettings(null, { webhookAllowedNetworks: "127.0.0.0/8" }));

describe("who manages webhooks", () => {
  it("only admins read the pages", async () => {
    const id = await registered();
    await expectPermissions({ route: list, request: () => ({ path: "/admin/webhooks" }), allowed: ["admin"] });
    await expectPermissions({ route: create, request: () => ({ path: "/admin/webhooks/new" }), allowed: ["admin"] });
    await expectPermissions({ route: endpointPage, request: () => ({ path: `/admin/webhooks/${id}`, params: { id: String(id) } }), allowed: ["admin"] });
  });

  it("only admins register, and a refusal writes nothing", async () => {
    let before = 0;
    await expectPermissions({
      route: create,
      request: () => {
        before = endpointCount();
        return { path: "/admin/webhooks/new", form: { url: "https://zaken.example.nl/hook", eventTypes: ["*"] } };
      },
      allowed: ["admin"],
      onRefused: () => expect(endpointCount()).toBe(before),
    });
  });

  it("only admins send a test event, pause, make a new key or delete", async () => {
    const id = await registered();
    const deliveries = () => db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id)).all().length;
    let before = 0;
    for (const form of [{ intent: "test" }, { intent: "pause" }, { intent: "rotate" }, { intent: "delete", confirm: "on" }] as Array<Record<string, string>>) {
      await expectPermissions({
        route: endpointPage,
        request: () => {
          before = deliveries();
          return { path: `/admin/webhooks/${id}`, params: { id: String(id) }, form };
        },
        // The admin comes last: their delete is the last request.
        allowed: ["admin"],
        onRefused: () => {
          expect(deliveries()).toBe(before);
          expect(db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get()).toBeDefined();
        },
      });
    }
  });
});

describe("registering an endpoint", () => {
  it("shows a generated secret once and audits without it", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const result = await callRoute(create, { path: "/admin/webhooks/new", cookie: admin.cookie, form: { url: "http://127.0.0.1:9/zaak", description: "Zaaksysteem", eventTypes: ["decided", "closed"] } });
    expect(result.status).toBe(200);
    const { id, secret } = result.data.created;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(result.headers.get("Cache-Control")).toBe("no-store");
    const page = await callRoute(endpointPage, { path: `/admin/webhooks/${id}`, params: { id: String(id) }, cookie: admin.cookie });
    expect(JSON.stringify(page.data)).not.toContain(secret);
    expect(page.data.endpoint.secretHint).toBe(`…${secret.slice(-4)}`);
    const audit = db.select().from(auditLog).where(eq(auditLog.entityType, "webhook")).all().filter((a) => a.entityId === String(id));
    expect(audit.map((a) => a.action)).toEqual(["webhook.create"]);
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it.each([
    ["nl", "ftp://zaken.example.nl/hook", "url", /moet beginnen met https:\/\/ of http:\/\//],
    ["en", "ftp://zaken.example.nl/hook", "url", /must start with https:\/\/ or http:\/\//],
    ["nl", "http://10.0.0.7/hook", "url", /niet op het openbare internet/],
    ["en", "http://169.254.169.254/latest", "url", /not on the public internet/],
    ["en", "", "url", /./],
  ] as const)("in %s, %s is refused beside its field, nothing written", async (locale, url, field, message) => {
    const admin = await createPerson({ roles: ["admin"], locale });
    updateSettings(null, { webhookAllowedNetworks: "" });
    const before = endpointCount();
    const result = await callRoute(create, { path: "/admin/webhooks/new", cookie: admin.cookie, headers: { "Accept-Language": locale }, form: { url, eventTypes: ["*"] } });
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
    expect(result.data.errors[field]).toMatch(message);
    expect(endpointCount()).toBe(before);
  });

  it("a repeated post (a double click) is the same registration, with the same secret", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const form = { url: "http://127.0.0.1:9/zaak", eventTypes: ["*"], submission: "double-click-key-0123" };
    const before = endpointCount();
    const [first, second] = await Promise.all([1, 2].map(() => callRoute(create, { path: "/admin/webhooks/new", cookie: admin.cookie, form })));
    expect(endpointCount()).toBe(before + 1);
    expect(second!.data.created).toEqual(first!.data.created);
    expect(db.select().from(auditLog).where(eq(auditLog.action, "webhook.create")).all().filter((a) => a.entityId === String(first!.data.created.id))).toHaveLength(1);
  });

  it("asks for at least one event and refuses event types not in the catalogue", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const none = await callRoute(create, { path: "/admin/webhooks/new", cookie: admin.cookie, form: { url: "http://127.0.0.1:9/hook" } });
    expect(none.data.errors.eventTypes).toBe("Kies minstens één gebeurtenis.");
    const unknown = await callRoute(create, { path: "/admin/webhooks/new", cookie: admin.cookie, form: { url: "http://127.0.0.1:9/hook", eventTypes: ["signature-added"] } });
    expect(unknown.data.errors.eventTypes).toBe("Kies gebeurtenissen uit de lijst.");
  });
});

describe("an endpoint's page", () => {
  it("sends a test event, pauses, edits and deletes (after confirming), each audited", async () => {
    const admin = await createPerson({ roles: ["admin"] });
    const id = await registered();
    const post = (form: Record<string, string | string[]>) => callRoute(endpointPage, { path: `/admin/webhooks/${id}`, params: { id: String(id) }, cookie: admin.cookie, form });
    expect((await post({ intent: "test" })).status).toBe(302);
    expect(db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id)).all().map((d) => d.eventType)).toEqual(["test"]);
    expect((await post({ intent: "pause" })).status).toBe(302);
    const edited = await post({ intent: "update", url: "ftp://x", eventTypes: ["*"] });
    expect(edited.status).toBe(400);
    expect(edited.data.errors.url).toBe("Het adres moet beginnen met https:// of http://.");
    expect((await post({ intent: "update", url: "http://127.0.0.1:9/nieuw", description: "Nieuw", eventTypes: ["decided"] })).status).toBe(302);
    expect(db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get()).toMatchObject({ url: "http://127.0.0.1:9/nieuw", eventTypes: ["decided"], paused: true });
    const unconfirmed = await post({ intent: "delete" });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.data.errors.confirm).toMatch(/Vink aan/);
    expect((await post({ intent: "delete", confirm: "on" })).status).toBe(302);
    expect(db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get()).toBeUndefined();
    const actions = db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, String(id))).all().map((a) => a.action).filter((a) => a.startsWith("webhook."));
    expect(actions).toEqual(["webhook.create", "webhook.test", "webhook.pause", "webhook.update", "webhook.delete"]);
  });
});

describe("the demo receiver", () => {
  const signed = (body: string, at: Date, id = "delivery-1", secret = demoReceiverSecret()) => {
    const timestamp = Math.floor(at.getTime() / 1000);
    return new Headers({ "Inspraak-Webhook-Id": id, "Inspraak-Webhook-Timestamp": String(timestamp), "Inspraak-Webhook-Signature": signDelivery(secret, timestamp, body) });
  };

  it("accepts a delivery signed as documented, refuses a replay, answers a retry without taking it twice", () => {
    const now = new Date();
    const body = JSON.stringify({ id: "event-9", type: "closed" });
    const headers = signed(body, now, "delivery-9");
    expect(receiveDemoDelivery({ headers, body, now })).toEqual({ status: 200, verdict: "accepted" });
    // The very same request again, within the window: a replay.
    expect(receiveDemoDelivery({ headers, body, now: new Date(now.getTime() + 60_000) })).toEqual({ status: 409, verdict: "replayed" });
    // The same delivery, signed anew (our retry after a lost answer): taken once.
    expect(receiveDemoDelivery({ headers: signed(body, new Date(now.getTime() + 1_000), "delivery-9"), body, now: new Date(now.getTime() + 1_000) })).toEqual({ status: 200, verdict: "duplicate" });
    // Replayed after the window: too old.
    expect(receiveDemoDelivery({ headers, body, now: new Date(now.getTime() + 301_000) })).toEqual({ status: 400, verdict: "stale" });
    // Tampered with, or signed with another secret.
    expect(receiveDemoDelivery({ headers, body: body.replace("closed", "decided"), now })).toEqual({ status: 401, verdict: "bad-signature" });
    expect(receiveDemoDelivery({ headers: signed(body, now, "delivery-10", "whsec_not-the-demo-secret-at-all"), body, now })).toEqual({ status: 401, verdict: "bad-signature" });
    const verdicts = db.select({ verdict: demoWebhookReceipts.verdict }).from(demoWebhookReceipts).all().map((r) => r.verdict);
    expect(verdicts.filter((v) => v === "accepted")).toHaveLength(1);
  });

  it("exists only in demo mode", async () => {
    const body = JSON.stringify({ id: "event-1", type: "test" });
    const post = () => callRoute(receiverRoute, { method: "POST", path: "/demo/webhook-receiver", headers: Object.fromEntries(signed(body, new Date(), "delivery-77")) });
    process.env.DEMO = "false";
    reloadEnv();
    expect((await callRoute(receivedPage, { path: "/demo/webhook-receiver/received" })).status).toBe(404);
    expect((await callRoute(receiverRoute, { path: "/demo/webhook-receiver" })).status).toBe(404);
    process.env.DEMO = "true";
    reloadEnv();
    try {
      expect((await callRoute(receivedPage, { path: "/demo/webhook-receiver/received" })).status).toBe(200);
      expect((await post()).status).toBe(415);
    } finally {
      process.env.DEMO = "false";
      reloadEnv();
    }
  });
});
