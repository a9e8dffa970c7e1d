// Webhooks for the back office (issue #13): an admin registers endpoints; every public topic event
// is written as a delivery per subscribed endpoint in the event's own transaction (called by the
// outcome service), and the job in webhooks.delivery.server.ts sends them. Each use case here is
// one function returning `{ ok: true, ... } | { ok: false, reason }`, audited.
import dns from "node:dns/promises";
import { and, desc, eq } from "drizzle-orm";
import { TEST_EVENT_TYPE, webhookDeliveries, webhookEndpoints } from "#db/schema";
import { getSetting } from "~/modules/settings/settings.server";
import type { WatchedTopicEvent } from "~/modules/topics/outcomes.server";
import { SHARED_EVENTS, type EventPayload } from "~/modules/topics/timeline.events";
import { registeredKinds } from "~/modules/topics/topics.kinds";
import { topicPath } from "~/modules/topics/topics.paths";
import { recordAudit } from "~/utils/audit.server";
import { db, type DB, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { keysetCondition, keysetOrderBy, keysetPage, type KeyOrder } from "~/utils/keyset.server";
import type { PageCursor } from "~/utils/keyset";
import type { Refusal } from "~/utils/refusal";
import { checkEndpointUrl, hears, mayConnectTo, parseIp, parseNetworks, type Network } from "./webhooks.rules";
import { newWebhookSecret } from "./webhooks.signature.server";

type Actor = { id: string };

/** The networks the admin allowed besides the public internet (the setting, parsed). */
export function allowedNetworks(): Network[] {
  return parseNetworks(getSetting("webhookAllowedNetworks")) ?? [];
}

/** Every event type an endpoint can subscribe to: the shared ones, then each kind's own public ones. */
export function subscribableEventTypes(): Array<{ kind: string | null; types: string[] }> {
  const publicTypes = (catalogue: Record<string, { public: boolean }>) => Object.entries(catalogue).filter(([, spec]) => spec.public).map(([type]) => type);
  const shared = publicTypes(SHARED_EVENTS);
  return [
    { kind: null, types: shared },
    ...registeredKinds()
      .map((k) => ({ kind: k.kind as string, types: publicTypes(k.events).filter((t) => !shared.includes(t)) }))
      .filter((group) => group.types.length > 0),
  ];
}

const RESOLVE_TIMEOUT_MS = 3_000;

/**
 * Whether the URL's host may be reached now: an address literal is checked as it is, a name by
 * every address DNS gives for it (all must be allowed: the connection may use any of them).
 * Checked again at every delivery, after resolving again (a name can be pointed elsewhere later).
 */
export async function checkEndpointAddress(url: URL, allowed: readonly Network[] = allowedNetworks()): Promise<{ ok: true } | Refusal> {
  const literal = parseIp(url.hostname);
  if (literal) return mayConnectTo(literal, allowed) ? { ok: true } : { ok: false, reason: "webhook.error.address", field: "url" };
  let addresses: Array<{ address: string }>;
  try {
    addresses = await Promise.race([
      dns.lookup(url.hostname, { all: true, verbatim: true }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), RESOLVE_TIMEOUT_MS).unref()),
    ]);
  } catch {
    return { ok: false, reason: "webhook.error.unresolvable", field: "url" };
  }
  const refused = addresses.some(({ address }) => {
    const ip = parseIp(address);
    return !ip || !mayConnectTo(ip, allowed);
  });
  return refused ? { ok: false, reason: "webhook.error.address", field: "url" } : { ok: true };
}

export interface EndpointInput {
  url: string;
  description: string;
  /** Given by the admin, or undefined to have one made (shown once). */
  secret?: string;
  eventTypes: string[];
  /** The form's submission key: a repeat of the same post is the same registration. */
  submissionKey?: string | null;
}

async function checkInput(input: Pick<EndpointInput, "url" | "eventTypes">): Promise<{ ok: true; url: string } | Refusal> {
  const url = checkEndpointUrl(input.url);
  if (!url.ok) return { ok: false, reason: url.reason, field: "url" };
  if (input.eventTypes.length === 0) return { ok: false, reason: "webhook.error.noEvents", field: "eventTypes" };
  const known = new Set(["*", ...subscribableEventTypes().flatMap((g) => g.types)]);
  if (!input.eventTypes.every((t) => known.has(t))) return { ok: false, reason: "webhook.error.unknownEvent", field: "eventTypes" };
  const reachable = await checkEndpointAddress(url.url);
  if (!reachable.ok) return reachable;
  return { ok: true, url: url.url.href };
}

/** Registers an endpoint; the secret is returned once (the admin copies it into the receiver). */
export async function registerEndpoint(actor: Actor, input: EndpointInput): Promise<{ ok: true; endpointId: number; secret: string; generated: boolean } | Refusal> {
  const checked = await checkInput(input);
  if (!checked.ok) return checked;
  const generated = input.secret === undefined;
  return db.transaction((tx) => {
    const inserted = tx
      .insert(webhookEndpoints)
      .values({ url: checked.url, description: input.description, secret: input.secret ?? newWebhookSecret(), eventTypes: input.eventTypes, createdBy: actor.id, submissionKey: input.submissionKey ?? null })
      .onConflictDoNothing()
      .returning({ id: webhookEndpoints.id, secret: webhookEndpoints.secret })
      .get();
    if (!inserted) {
      // The same post again (a double click): the registration it made, and its secret, which the
      // first answer may never have shown.
      const made = tx
        .select({ id: webhookEndpoints.id, secret: webhookEndpoints.secret })
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.createdBy, actor.id), eq(webhookEndpoints.submissionKey, input.submissionKey ?? "")))
        .get()!;
      return { ok: true as const, endpointId: made.id, secret: made.secret, generated };
    }
    // The secret is never written to the audit log: only that there is one.
    recordAudit(tx, { actorId: actor.id, action: "webhook.create", entityType: "webhook", entityId: inserted.id, after: { url: checked.url, description: input.description, eventTypes: input.eventTypes } });
    return { ok: true as const, endpointId: inserted.id, secret: inserted.secret, generated };
  });
}

export function findEndpoint(id: number) {
  return db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get();
}

type EndpointRow = NonNullable<ReturnType<typeof findEndpoint>>;

/** What the admin pages show of an endpoint: never its secret, only how it ends. */
export function endpointView(row: EndpointRow) {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    paused: row.paused,
    secretHint: `…${row.secret.slice(-4)}`,
    createdAt: row.createdAt,
  };
}

export function listEndpoints() {
  // An admin registers a handful: the whole list is one page.
  return db.select().from(webhookEndpoints).orderBy(webhookEndpoints.id).limit(200).all().map(endpointView);
}

const notFound: Refusal = { ok: false, reason: "webhook.error.notFound" };

export async function updateEndpoint(actor: Actor, id: number, input: Omit<EndpointInput, "secret">): Promise<{ ok: true } | Refusal> {
  const before = findEndpoint(id);
  if (!before) return notFound;
  const checked = await checkInput(input);
  if (!checked.ok) return checked;
  db.transaction((tx) => {
    tx.update(webhookEndpoints).set({ url: checked.url, description: input.description, eventTypes: input.eventTypes, updatedAt: new Date() }).where(eq(webhookEndpoints.id, id)).run();
    recordAudit(tx, {
      actorId: actor.id, action: "webhook.update", entityType: "webhook", entityId: id,
      before: { url: before.url, description: before.description, eventTypes: before.eventTypes },
      after: { url: checked.url, description: input.description, eventTypes: input.eventTypes },
    });
  });
  return { ok: true };
}

/** Pauses or resumes: a paused endpoint's deliveries wait, and go out in order when it is resumed. */
export function setEndpointPaused(actor: Actor, id: number, paused: boolean): { ok: true; already: boolean } | Refusal {
  return db.transaction((tx) => {
    const before = tx.select({ paused: webhookEndpoints.paused }).from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get();
    if (!before) return notFound;
    if (before.paused === paused) return { ok: true as const, already: true };
    tx.update(webhookEndpoints).set({ paused, updatedAt: new Date() }).where(eq(webhookEndpoints.id, id)).run();
    recordAudit(tx, { actorId: actor.id, action: paused ? "webhook.pause" : "webhook.resume", entityType: "webhook", entityId: id, before: { paused: before.paused }, after: { paused } });
    return { ok: true as const, already: false };
  });
}

/** A new secret, returned once; deliveries from now on are signed with it. */
export function rotateEndpointSecret(actor: Actor, id: number): { ok: true; secret: string } | Refusal {
  const secret = newWebhookSecret();
  return db.transaction((tx) => {
    const changed = tx.update(webhookEndpoints).set({ secret, updatedAt: new Date() }).where(eq(webhookEndpoints.id, id)).run().changes;
    if (changed === 0) return notFound;
    recordAudit(tx, { actorId: actor.id, action: "webhook.rotate-secret", entityType: "webhook", entityId: id });
    return { ok: true as const, secret };
  });
}

/** Removes an endpoint and its delivery log; a repeat finds nothing and is the same request. */
export function deleteEndpoint(actor: Actor, id: number): { ok: true } {
  db.transaction((tx) => {
    const before = tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get();
    if (!before) return;
    tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).run();
    recordAudit(tx, { actorId: actor.id, action: "webhook.delete", entityType: "webhook", entityId: id, before: { url: before.url, description: before.description, eventTypes: before.eventTypes } });
  });
  return { ok: true };
}

/** What a receiver gets in the body of every delivery (documented on the admin page). */
export interface DeliveryBody {
  /** The event's id, the same for every endpoint ("event-123"; "test-…" for a test event). */
  id: string;
  type: string;
  occurredAt: string;
  topic: { id: number; kind: string; title: string; url: string } | null;
  /** The event's public payload: words and numbers only, never a name. */
  data: EventPayload;
}

/**
 * Writes a delivery for every endpoint that hears this event, inside the event's transaction, so
 * it goes out if and only if the event was committed. Only public event types of a topic that is
 * not hidden; whether the topic is public is decided when the delivery's turn comes (a kind may
 * record its event before it makes the topic public in the same transaction). Watches every event
 * of the outcome service (wired in app/kinds.server.ts): with no endpoint registered it costs one
 * read of a tiny table.
 */
export function enqueueEventDeliveries(tx: DB | Tx, event: WatchedTopicEvent): number {
  if (!event.isPublic) return 0;
  if (event.topic.hidden) return 0;
  const endpoints = tx.select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes }).from(webhookEndpoints).all();
  const hearing = endpoints.filter((e) => hears(e.eventTypes, event.type));
  if (hearing.length === 0) return 0;
  const body: DeliveryBody = {
    id: `event-${event.eventId}`,
    type: event.type,
    occurredAt: event.at.toISOString(),
    topic: { id: event.topic.id, kind: event.topic.kind, title: event.topic.title, url: new URL(topicPath(event.topic), env().BASE_URL).href },
    data: event.payload,
  };
  const text = JSON.stringify(body);
  return tx
    .insert(webhookDeliveries)
    .values(hearing.map((e) => ({ endpointId: e.id, topicEventId: event.eventId, topicId: event.topic.id, eventType: event.type, body: text, nextAttemptAt: event.at })))
    .onConflictDoNothing()
    .run().changes;
}

/** The "send test event" button: a delivery of type "test" to this endpoint alone, sent by the job within seconds. */
export function sendTestEvent(actor: Actor, id: number, now = new Date()): { ok: true; deliveryId: number } | Refusal {
  return db.transaction((tx) => {
    const endpoint = tx.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).get();
    if (!endpoint) return notFound;
    const body: DeliveryBody = { id: `test-${now.getTime()}`, type: TEST_EVENT_TYPE, occurredAt: now.toISOString(), topic: null, data: { message: "Test event from Inspraak" } };
    const deliveryId = tx
      .insert(webhookDeliveries)
      .values({ endpointId: id, topicEventId: null, topicId: null, eventType: TEST_EVENT_TYPE, body: JSON.stringify(body), nextAttemptAt: now, createdAt: now })
      .returning({ id: webhookDeliveries.id })
      .get().id;
    recordAudit(tx, { actorId: actor.id, action: "webhook.test", entityType: "webhook", entityId: id, after: { deliveryId } });
    return { ok: true as const, deliveryId };
  });
}

export const DELIVERY_KEY_TYPES = ["number"] as const;
const DELIVERY_ORDER: KeyOrder = { columns: [webhookDeliveries.id], descending: true };

/** One page of an endpoint's delivery log, newest first, by key along (endpoint_id, id). */
export function listDeliveries(endpointId: number, options: { cursor: PageCursor | null; pageSize: number }) {
  const rows = db
    .select({
      id: webhookDeliveries.id,
      eventType: webhookDeliveries.eventType,
      topicId: webhookDeliveries.topicId,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatus: webhookDeliveries.lastStatus,
      lastError: webhookDeliveries.lastError,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, endpointId), keysetCondition(DELIVERY_ORDER, options.cursor)))
    .orderBy(...keysetOrderBy(DELIVERY_ORDER, options.cursor))
    .limit(options.pageSize + 1)
    .all();
  const page = keysetPage(rows, options.pageSize, options.cursor, (row) => [row.id]);
  return { deliveries: page.rows, next: page.next, prev: page.prev };
}

/** The newest delivery of an endpoint, for the list's "last delivery" column. */
export function lastDelivery(endpointId: number) {
  return db
    .select({ status: webhookDeliveries.status, createdAt: webhookDeliveries.createdAt })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(1)
    .get();
}
