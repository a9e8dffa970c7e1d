// Sends the webhooks' outbox (webhook_deliveries): the `webhook-deliveries` job in the jobs
// process, like the email outbox (app/utils/outbox.ts holds what both share: the retry schedule,
// giving up, sending in waves). Each delivery is a signed POST over a connection this module
// opens itself, to an address checked after DNS resolution (the resolver is ours, so the address
// checked is the address connected to: a name re-pointed at an internal address between checks
// is refused), without following redirects, within a timeout.
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { and, eq, gt, lte, or, sql, type SQL } from "drizzle-orm";
import { topics, webhookDeliveries, webhookEndpoints } from "#db/schema";
import { readsTopic } from "~/modules/topics/topics.permissions";
import { db } from "~/utils/db.server";
import { inBatches, yieldEvery } from "~/utils/jobs.yield";
import { logger } from "~/utils/logger.server";
import { failedAttempt, sendInWaves } from "~/utils/outbox";
import { DELIVERY_TIMEOUT_MS, mayConnectTo, parseIp, type Network } from "./webhooks.rules";
import { allowedNetworks } from "./webhooks.server";
import { HEADERS, signDelivery } from "./webhooks.signature.server";

export type PostResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

class RefusedAddress extends Error {}

/** A resolver that gives the connection only addresses the rules allow, and fails on any other. */
function guardedLookup(allowed: readonly Network[]): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 4);
      const list = addresses as dns.LookupAddress[];
      const refused = list.find(({ address }) => {
        const ip = parseIp(address);
        return !ip || !mayConnectTo(ip, allowed);
      });
      if (refused || list.length === 0) return callback(new RefusedAddress(`refused address ${refused?.address ?? "(none)"} for ${hostname}`), "", 4);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/**
 * POSTs a body with headers to a URL, reaching only allowed addresses, never following a redirect,
 * giving up after `timeoutMs`. A 2xx answer is delivered; anything else is an error to retry.
 */
export function postWebhook(url: string, headers: Record<string, string>, body: string, options: { allowed: readonly Network[]; timeoutMs?: number }): Promise<PostResult> {
  const target = new URL(url);
  const literal = parseIp(target.hostname);
  if (literal && !mayConnectTo(literal, options.allowed)) return Promise.resolve({ ok: false, status: null, error: `refused address ${target.hostname}` });
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = client.request(
      target,
      {
        method: "POST",
        agent: false,
        lookup: guardedLookup(options.allowed),
        headers: { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), "User-Agent": "Inspraak-Webhooks/1" },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        // The answer's body is not needed; read it away so the socket closes.
        response.resume();
        response.on("end", () => {
          if (status >= 200 && status < 300) finish({ ok: true, status });
          else if (status >= 300 && status < 400) finish({ ok: false, status, error: `HTTP ${status}: redirect not followed` });
          else finish({ ok: false, status, error: `HTTP ${status}` });
        });
        response.on("error", (error) => finish({ ok: false, status, error: error.message }));
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`no answer within ${Math.round((options.timeoutMs ?? DELIVERY_TIMEOUT_MS) / 1000)} s`));
    }, options.timeoutMs ?? DELIVERY_TIMEOUT_MS);
    request.on("error", (error) => finish({ ok: false, status: null, error: error.message }));
    request.end(body);
  });
}

type Due = {
  id: number;
  endpointId: number;
  url: string;
  secret: string;
  topicId: number | null;
  body: string;
  attempts: number;
  nextAttemptAt: Date;
};

/** Whether the delivery's topic may still be told of: it exists, and a visitor may read it now. */
function topicStillPublic(topicId: number | null): boolean {
  if (topicId === null) return true;
  const topic = db.select({ kind: topics.kind, isPublic: topics.isPublic, hidden: topics.hidden, authorId: topics.authorId }).from(topics).where(eq(topics.id, topicId)).get();
  return Boolean(topic && readsTopic(null, topic));
}

async function deliverOne(due: Due, allowed: readonly Network[], now: Date, timeoutMs: number): Promise<boolean> {
  if (!topicStillPublic(due.topicId)) {
    db.update(webhookDeliveries).set({ status: "withheld", lastError: "topic not public" }).where(eq(webhookDeliveries.id, due.id)).run();
    return false;
  }
  const timestamp = Math.floor(Date.now() / 1000);
  const result = await postWebhook(
    due.url,
    { [HEADERS.id]: `delivery-${due.id}`, [HEADERS.timestamp]: String(timestamp), [HEADERS.signature]: signDelivery(due.secret, timestamp, due.body) },
    due.body,
    { allowed, timeoutMs },
  );
  if (result.ok) {
    db.update(webhookDeliveries)
      .set({ status: "sent", attempts: due.attempts + 1, lastStatus: result.status, lastError: null, deliveredAt: new Date() })
      .where(eq(webhookDeliveries.id, due.id))
      .run();
    return true;
  }
  const failed = failedAttempt(due.attempts, now, result.error);
  db.update(webhookDeliveries).set({ ...failed, lastStatus: result.status }).where(eq(webhookDeliveries.id, due.id)).run();
  logger().warn({ deliveryId: due.id, endpointId: due.endpointId, attempts: failed.attempts, err: result.error }, "webhook delivery failed");
  return false;
}

/** Deliveries to one endpoint at a time per wave, to several endpoints at once. */
const SEND_CONCURRENCY = 4;
/** How long one run may keep sending before it leaves the rest to the next tick. */
const RUN_BUDGET_MS = 4_000;

/**
 * Sends what is due, in batches read along the due index by key (when it is due, then id), each
 * delivery's result written in its own short statement: a run stopped half-way (a restart) has
 * lost nothing, and the next run sends the rest. A delivery sent just before a crash and not yet
 * marked is sent again: receivers treat a repeated Inspraak-Webhook-Id as the same delivery.
 * Deliveries to a paused endpoint wait. Returns how many were delivered.
 */
export async function deliverWebhooks(now = new Date(), options: { batch?: number; budgetMs?: number; maxRows?: number; timeoutMs?: number } = {}): Promise<number> {
  const batch = options.batch ?? 50;
  const started = Date.now();
  const allowed = allowedNetworks();
  let after: { at: Date; id: number } | null = null;
  let delivered = 0;
  let read = 0;
  while (Date.now() - started < (options.budgetMs ?? RUN_BUDGET_MS) && read < (options.maxRows ?? Infinity)) {
    const keyset: SQL | undefined = after
      ? or(gt(webhookDeliveries.nextAttemptAt, after.at), and(eq(webhookDeliveries.nextAttemptAt, after.at), gt(webhookDeliveries.id, after.id)))
      : undefined;
    const due: Due[] = db
      .select({
        id: webhookDeliveries.id,
        endpointId: webhookDeliveries.endpointId,
        url: webhookEndpoints.url,
        secret: webhookEndpoints.secret,
        topicId: webhookDeliveries.topicId,
        body: webhookDeliveries.body,
        attempts: webhookDeliveries.attempts,
        nextAttemptAt: webhookDeliveries.nextAttemptAt,
      })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      // `status = 'pending'` written as the partial index is, so the index serves the read.
      .where(and(sql`${webhookDeliveries.status} = 'pending'`, lte(webhookDeliveries.nextAttemptAt, now), eq(webhookEndpoints.paused, false), keyset))
      .orderBy(webhookDeliveries.nextAttemptAt, webhookDeliveries.id)
      .limit(Math.min(batch, (options.maxRows ?? Infinity) - read))
      .all();
    if (due.length === 0) break;
    read += due.length;
    const last = due[due.length - 1]!;
    after = { at: last.nextAttemptAt, id: last.id };
    delivered += await sendInWaves(due, (d) => d.endpointId, SEND_CONCURRENCY, (d) => deliverOne(d, allowed, now, options.timeoutMs ?? DELIVERY_TIMEOUT_MS));
    await yieldEvery();
    if (due.length < batch) break;
  }
  return delivered;
}

/** How long the delivery log keeps a delivery (bodies hold public words only, so nothing else expires sooner). */
export const DELIVERY_RETENTION_DAYS = 90;

/** Hourly: drops deliveries older than that, in short batches along the created index. */
export async function expireWebhookDeliveries(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - DELIVERY_RETENTION_DAYS * 86_400_000);
  return inBatches((size) =>
    db.delete(webhookDeliveries)
      .where(sql`${webhookDeliveries.id} IN (SELECT ${webhookDeliveries.id} FROM ${webhookDeliveries} WHERE ${lte(webhookDeliveries.createdAt, cutoff)} LIMIT ${size})`)
      .run().changes,
  );
}

export const webhookJobs = [
  { name: "webhook-deliveries", everyMs: 2_000, run: (now: Date) => deliverWebhooks(now) },
  { name: "webhook-retention", everyMs: 60 * 60_000, run: (now: Date) => expireWebhookDeliveries(now) },
];
