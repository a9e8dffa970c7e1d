import type { DeliveryStatus } from "#db/schema/webhooks.constants";

/** The badge tone of a delivery's status in the admin pages. */
export const DELIVERY_TONE: Record<DeliveryStatus, "warning" | "success" | "danger" | "neutral"> = { pending: "warning", sent: "success", failed: "danger", withheld: "neutral" };
