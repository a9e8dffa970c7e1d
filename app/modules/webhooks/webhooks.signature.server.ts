// The signature of a delivery, and the recipe a receiver follows to check it (the admin page and
// docs/decisions/030 document the same steps; the demo receiver and the tests use this very code):
//
//   1. Read the headers Inspraak-Webhook-Timestamp (Unix seconds) and Inspraak-Webhook-Signature
//      ("v1=" and 64 hex digits), and the body as raw bytes, before any JSON parsing.
//   2. Compute HMAC-SHA256 with the endpoint's secret (its UTF-8 bytes) as the key over
//      `<timestamp>.<body>`, as lowercase hex, and compare it with the header in constant time.
//   3. Refuse a timestamp more than five minutes from your clock, either way.
//   4. Refuse a signature you have accepted before (a replay within those five minutes); a new
//      signature with an Inspraak-Webhook-Id you already processed is a retry: answer 2xx, do nothing.
import crypto from "node:crypto";
import { REPLAY_WINDOW_SECONDS } from "./webhooks.rules";

export const HEADERS = {
  id: "Inspraak-Webhook-Id",
  timestamp: "Inspraak-Webhook-Timestamp",
  signature: "Inspraak-Webhook-Signature",
} as const;

const VERSION = "v1=";

/** A new secret: 32 random bytes, recognisable by its prefix in a configuration file. */
export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString("base64url")}`;
}

/** The signature header's value for a body sent at a timestamp (Unix seconds). */
export function signDelivery(secret: string, timestamp: number, body: string): string {
  return VERSION + crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: "malformed" | "stale" | "bad-signature" };

/** Steps 1–3 of the recipe: the signature fits the body and timestamp, and the timestamp is recent. */
export function verifyDelivery(input: { secret: string; timestamp: string | null; signature: string | null; body: string; now: Date }): VerifyResult {
  if (!input.timestamp || !/^\d{1,12}$/.test(input.timestamp) || !input.signature || !/^v1=[0-9a-f]{64}$/.test(input.signature)) {
    return { ok: false, reason: "malformed" };
  }
  const timestamp = Number(input.timestamp);
  const expected = Buffer.from(signDelivery(input.secret, timestamp, input.body));
  const given = Buffer.from(input.signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return { ok: false, reason: "bad-signature" };
  if (Math.abs(input.now.getTime() / 1000 - timestamp) > REPLAY_WINDOW_SECONDS) return { ok: false, reason: "stale" };
  return { ok: true, timestamp };
}
