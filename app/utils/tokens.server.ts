// Emailed link tokens (account links, guest signature links, co-sponsor links): made, recognised
// and hashed in one place, so every kind of link is as hard to guess and as cheap to refuse.
import crypto from "node:crypto";

/** A new random link token: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** Only this hash of an emailed token is stored: a leaked table opens nothing. SHA-256, hex. */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** What newToken makes, give or take: anything else is no token of ours. */
export const PLAUSIBLE_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** Whether a token from a URL may be one of ours; a malformed or over-long one is not even hashed. */
export function isPlausibleToken(token: string): boolean {
  return PLAUSIBLE_TOKEN.test(token);
}
