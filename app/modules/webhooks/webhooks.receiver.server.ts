// The demo's own receiver (/demo/webhook-receiver, demo mode only): what a back office does with a
// delivery, following the documented recipe (webhooks.signature.server.ts) step by step, so a
// visitor sees deliveries arrive and the tests check the recipe refuses what it should.
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { appSecrets, demoWebhookReceipts, type ReceiptVerdict } from "#db/schema";
import { db } from "~/utils/db.server";
import { REPLAY_WINDOW_SECONDS } from "./webhooks.rules";
import { HEADERS, newWebhookSecret, verifyDelivery } from "./webhooks.signature.server";

export const DEMO_RECEIVER_PATH = "/demo/webhook-receiver";
const SECRET_NAME = "demo-webhook-receiver";

/** The secret the demo receiver checks with: made once per database, given to the demo endpoint by the seed. */
export function demoReceiverSecret(): string {
  const found = db.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, SECRET_NAME)).get();
  if (found) return found.value;
  db.insert(appSecrets).values({ name: SECRET_NAME, value: newWebhookSecret() }).onConflictDoNothing().run();
  return db.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, SECRET_NAME)).get()!.value;
}

const STATUS: Record<ReceiptVerdict, number> = { accepted: 200, duplicate: 200, malformed: 400, "bad-signature": 401, stale: 400, replayed: 409 };
/** The receiver remembers at least this many deliveries (and every one within the replay window). */
const KEEP = 100;

/**
 * Steps 1–4 of the recipe: a bad or old signature is refused, a signature seen before is a replay
 * (refused), a delivery id seen before with a new signature is a retry (answered 200, not processed
 * again). Every request is remembered with its verdict, for the page.
 */
export function receiveDemoDelivery(input: { headers: Headers; body: string; now: Date }): { status: number; verdict: ReceiptVerdict } {
  const signature = input.headers.get(HEADERS.signature);
  const deliveryId = input.headers.get(HEADERS.id)?.slice(0, 100) ?? null;
  const checked = verifyDelivery({ secret: demoReceiverSecret(), timestamp: input.headers.get(HEADERS.timestamp), signature, body: input.body, now: input.now });
  let eventType: string | null = null;
  try {
    const parsed = JSON.parse(input.body) as { type?: unknown };
    if (typeof parsed.type === "string") eventType = parsed.type.slice(0, 60);
  } catch {
    // Not JSON: recorded as it came.
  }
  const verdict = db.transaction((tx): ReceiptVerdict => {
    let verdict: ReceiptVerdict = checked.ok ? "accepted" : checked.reason;
    if (verdict === "accepted" && deliveryId && tx.select({ id: demoWebhookReceipts.id }).from(demoWebhookReceipts).where(and(eq(demoWebhookReceipts.deliveryId, deliveryId), sql`${demoWebhookReceipts.verdict} IN ('accepted', 'duplicate')`)).get()) {
      verdict = "duplicate";
    }
    const row = { deliveryId, eventType, verdict, body: input.body.slice(0, 2_000), receivedAt: input.now };
    const kept = checked.ok
      ? tx.insert(demoWebhookReceipts).values({ ...row, signature }).onConflictDoNothing().run().changes
      : tx.insert(demoWebhookReceipts).values({ ...row, signature: null }).run().changes;
    // The unique signature refused it: this exact request was received before.
    if (kept === 0) {
      verdict = "replayed";
      tx.insert(demoWebhookReceipts).values({ ...row, verdict, signature: null }).run();
    }
    const newest = tx.select({ id: demoWebhookReceipts.id }).from(demoWebhookReceipts).orderBy(desc(demoWebhookReceipts.id)).limit(1).offset(KEEP).get();
    const windowStart = new Date(input.now.getTime() - 2 * REPLAY_WINDOW_SECONDS * 1000);
    if (newest) tx.delete(demoWebhookReceipts).where(and(lt(demoWebhookReceipts.id, newest.id), lt(demoWebhookReceipts.receivedAt, windowStart))).run();
    return verdict;
  });
  return { status: STATUS[verdict], verdict };
}

/** The last deliveries the demo receiver got, newest first. */
export function latestReceipts(limit = 20) {
  return db
    .select({ id: demoWebhookReceipts.id, deliveryId: demoWebhookReceipts.deliveryId, eventType: demoWebhookReceipts.eventType, verdict: demoWebhookReceipts.verdict, body: demoWebhookReceipts.body, receivedAt: demoWebhookReceipts.receivedAt })
    .from(demoWebhookReceipts)
    .orderBy(desc(demoWebhookReceipts.id))
    .limit(limit)
    .all();
}
