// Enum-like lists of the webhooks schema: plain data, safe to import in browser code (no drizzle).
import { OUTBOX_STATUSES } from "./notifications.constants";

/**
 * A delivery's state: the email outbox's three, and `withheld` for an event whose topic was not
 * (or no longer) public when its turn came: it is never sent.
 */
export const DELIVERY_STATUSES = [...OUTBOX_STATUSES, "withheld"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The event type of the "send test event" button; not a timeline event. */
export const TEST_EVENT_TYPE = "test";

/** An endpoint subscribed to this hears every public event type, also types added later. */
export const EVERY_EVENT_TYPE = "*";

/** What a receiver's verdict on a delivery was (the demo receiver keeps the last ones). */
export const RECEIPT_VERDICTS = ["accepted", "duplicate", "bad-signature", "stale", "replayed", "malformed"] as const;
export type ReceiptVerdict = (typeof RECEIPT_VERDICTS)[number];
