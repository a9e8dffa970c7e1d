import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./users";
import type { DeliveryStatus, ReceiptVerdict } from "./webhooks.constants";

export * from "./webhooks.constants";

/**
 * A URL of the municipality's back office (a zaaksysteem) that hears of public topic events,
 * signed with its own secret (docs/decisions/030).
 */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
  id: integer("id").primaryKey({ autoIncrement: true }),
  url: text("url").notNull(),
  /** What the admin calls it ("Zaaksysteem Sociaal Domein"). */
  description: text("description").notNull().default(""),
  /** The HMAC-SHA256 key; shown once when generated, never again. */
  secret: text("secret").notNull(),
  /** Event types from the timeline catalogue, or ["*"] for every public one. */
  eventTypes: text("event_types", { mode: "json" }).$type<string[]>().notNull(),
  paused: integer("paused", { mode: "boolean" }).notNull().default(false),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
    /** The registering form's key: a double click or a repeated post finds this row instead of making a second. */
    submissionKey: text("submission_key"),
  },
  (t) => [uniqueIndex("webhook_endpoints_submission_unique").on(t.createdBy, t.submissionKey).where(sql`submission_key IS NOT NULL`)],
);

/**
 * The webhooks' durable outbox: one row per public topic event and subscribed endpoint, written
 * in the event's transaction, POSTed by the `webhook-deliveries` job with retries like the email
 * outbox. Also the endpoint's delivery log.
 */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    endpointId: integer("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    // Not foreign keys: removing a topic or event would otherwise search this log, which has no
    // index on them; a delivery whose topic is gone is withheld when its turn comes.
    /** The timeline event (topic_events.id); null for a test event. */
    topicEventId: integer("topic_event_id"),
    /** Read again at delivery: a topic hidden or made private since is withheld. */
    topicId: integer("topic_id"),
    eventType: text("event_type").notNull(),
    /** The JSON body, fixed when written, so every attempt signs the same bytes. */
    body: text("body").notNull(),
    status: text("status").$type<DeliveryStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
    /** The receiver's HTTP status of the last attempt (none when it could not be reached). */
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    deliveredAt: integer("delivered_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    // The job reads only what is due.
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt, t.id).where(sql`status = 'pending'`),
    // An endpoint's delivery log, newest first, by key.
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.id),
    // One delivery per event and endpoint, however often the event's transaction is repeated.
    uniqueIndex("webhook_deliveries_event_unique").on(t.endpointId, t.topicEventId).where(sql`topic_event_id IS NOT NULL`),
    index("webhook_deliveries_created_idx").on(t.createdAt),
  ],
);

/** What the demo's own receiver (/demo/webhook-receiver, demo mode only) got: its last deliveries. */
export const demoWebhookReceipts = sqliteTable(
  "demo_webhook_receipts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    deliveryId: text("delivery_id"),
    /** The signature of an accepted delivery, unique: a second request with the same one is a replay. */
    signature: text("signature"),
    eventType: text("event_type"),
    verdict: text("verdict").$type<ReceiptVerdict>().notNull(),
    /** The body as received, cut short. */
    body: text("body").notNull().default(""),
    receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("demo_webhook_receipts_signature_unique").on(t.signature), index("demo_webhook_receipts_delivery_idx").on(t.deliveryId)],
);
