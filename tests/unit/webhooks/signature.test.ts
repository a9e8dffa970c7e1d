// The documented recipe (admin page, docs/decisions/030), written out here as a receiver would
// write it from the documentation, against what the sender signs.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { HEADERS, signDelivery, verifyDelivery } from "~/modules/webhooks/webhooks.signature.server";

const secret = "whsec_test-secret-of-the-zaaksysteem";
const body = JSON.stringify({ id: "event-1", type: "decided", occurredAt: "2026-12-08T10:00:00.000Z", topic: { id: 1, kind: "x", title: "Bankjes", url: "https://example.nl/x/1" }, data: {} });

/** Steps 1–3 of the recipe, from the documentation alone. */
function recipe(headers: Record<string, string>, rawBody: string, nowSeconds: number): boolean {
  const timestamp = headers["inspraak-webhook-timestamp"]!;
  const signature = headers["inspraak-webhook-signature"]!;
  const expected = "v1=" + crypto.createHmac("sha256", Buffer.from(secret, "utf8")).update(`${timestamp}.${rawBody}`).digest("hex");
  if (signature.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return false;
  return Math.abs(nowSeconds - Number(timestamp)) <= 300;
}

describe("the signature of a delivery", () => {
  const now = 1_796_700_000;
  const headers = { "inspraak-webhook-timestamp": String(now), "inspraak-webhook-signature": signDelivery(secret, now, body) };

  it("names the documented headers", () => {
    expect(HEADERS).toEqual({ id: "Inspraak-Webhook-Id", timestamp: "Inspraak-Webhook-Timestamp", signature: "Inspraak-Webhook-Signature" });
    expect(headers["inspraak-webhook-signature"]).toMatch(/^v1=[0-9a-f]{64}$/);
  });

  it("verifies with the documented recipe", () => {
    expect(recipe(headers, body, now + 10)).toBe(true);
    expect(verifyDelivery({ secret, timestamp: String(now), signature: headers["inspraak-webhook-signature"], body, now: new Date((now + 10) * 1000) })).toEqual({ ok: true, timestamp: now });
  });

  it("fails for a changed body, another timestamp or another secret", () => {
    expect(recipe(headers, body.replace("Bankjes", "Bomen"), now)).toBe(false);
    expect(recipe({ ...headers, "inspraak-webhook-timestamp": String(now + 1) }, body, now)).toBe(false);
    expect(verifyDelivery({ secret: "whsec_another", timestamp: String(now), signature: headers["inspraak-webhook-signature"], body, now: new Date(now * 1000) })).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("is refused once the five-minute window has passed, either way", () => {
    expect(recipe(headers, body, now + 301)).toBe(false);
    expect(verifyDelivery({ secret, timestamp: String(now), signature: headers["inspraak-webhook-signature"], body, now: new Date((now + 301) * 1000) })).toEqual({ ok: false, reason: "stale" });
    expect(verifyDelivery({ secret, timestamp: String(now), signature: headers["inspraak-webhook-signature"], body, now: new Date((now - 301) * 1000) })).toEqual({ ok: false, reason: "stale" });
  });

  it("refuses what is not a signature at all", () => {
    for (const signature of [null, "", "sha256=abc", `v1=${"0".repeat(63)}`]) {
      expect(verifyDelivery({ secret, timestamp: String(now), signature, body, now: new Date(now * 1000) })).toEqual({ ok: false, reason: "malformed" });
    }
    expect(verifyDelivery({ secret, timestamp: "soon", signature: headers["inspraak-webhook-signature"], body, now: new Date(now * 1000) })).toEqual({ ok: false, reason: "malformed" });
  });
});
