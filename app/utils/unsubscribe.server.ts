// One-click unsubscribe for every email (RFC 8058), in the shared email layer so every kind of
// topic gets it: each message carries a link and the List-Unsubscribe / List-Unsubscribe-Post
// headers, whose token names one address and one scope (a topic, or every topic email). The
// token is sealed (AES-256-GCM) with a key kept in the database, so it survives restarts, works
// signed out, reveals no address in a URL or a log, and cannot be altered to reach another person
// or topic. An opt-out is kept per canonical address, so a guest without an account can use it.
import crypto from "node:crypto";
import { appSecrets, emailOptOuts, users } from "#db/schema";
import { and, eq } from "drizzle-orm";
import { canonicalEmail } from "./email-address";
import { db, sqlite, type DB, type Tx } from "./db.server";
import { env } from "./env.server";

/** Scope 0 is every email about topics; any other is one topic's id. */
export const EVERY_TOPIC = 0;

export interface UnsubscribeScope {
  address: string;
  topicId: number;
}

let key: Buffer | undefined;
/** The sealing key: made once per database, in the database, so every process and restart shares it. */
function sealingKey(): Buffer {
  if (key) return key;
  db.insert(appSecrets).values({ name: "unsubscribe", value: crypto.randomBytes(32).toString("base64") }).onConflictDoNothing().run();
  const row = db.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, "unsubscribe")).get();
  key = Buffer.from(row!.value, "base64");
  return key;
}

/** For tests that swap the database. */
export function forgetSealingKey(): void {
  key = undefined;
}

/** The token of an unsubscribe link for this address and scope. */
export function unsubscribeToken(scope: UnsubscribeScope): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", sealingKey(), iv);
  const sealed = Buffer.concat([cipher.update(`${scope.topicId}\n${canonicalEmail(scope.address)}`, "utf8"), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString("base64url");
}

const TOKEN = /^[A-Za-z0-9_-]{40,600}$/;

/** What a token names, or null for a token that is malformed, altered or sealed with another key. */
export function readUnsubscribeToken(token: string): UnsubscribeScope | null {
  if (!TOKEN.test(token)) return null;
  const raw = Buffer.from(token, "base64url");
  // Only the one spelling the link was made with: the last character's spare bits could otherwise
  // be changed without changing the bytes, and an altered link would still work.
  if (raw.length < 12 + 16 + 3 || raw.toString("base64url") !== token) return null;
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", sealingKey(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const text = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString("utf8");
    const newline = text.indexOf("\n");
    const topicId = Number(text.slice(0, newline));
    if (newline < 1 || !Number.isInteger(topicId) || topicId < 0) return null;
    return { topicId, address: text.slice(newline + 1) };
  } catch {
    return null;
  }
}

/** The absolute unsubscribe link of an address and scope (what the footer and List-Unsubscribe carry). */
export function unsubscribeUrl(scope: UnsubscribeScope): string {
  return `${env().BASE_URL}/unsubscribe/${unsubscribeToken(scope)}`;
}

/**
 * Records that an address wants no more email in this scope; a repeat is the same request. "Every
 * topic email" also switches an account with that address to no email, so its profile says so.
 */
export function optOut(tx: DB | Tx, scope: UnsubscribeScope, now = new Date()): void {
  const address = canonicalEmail(scope.address);
  tx.insert(emailOptOuts).values({ addressCanonical: address, topicId: scope.topicId, createdAt: now }).onConflictDoNothing().run();
  if (scope.topicId === EVERY_TOPIC) tx.update(users).set({ emailPreference: "off" }).where(eq(users.emailCanonical, address)).run();
}

let optedOutQuery: import("better-sqlite3").Statement<[string, number], { one: 1 }> | undefined;

/** Whether mail about this topic (or any topic, for EVERY_TOPIC) may not go to this address. Prepared once: a mailing asks it per signer. */
export function hasOptedOut(address: string, topicId: number): boolean {
  optedOutQuery ??= sqlite().prepare("SELECT 1 AS one FROM email_opt_outs WHERE address_canonical = ? AND topic_id IN (0, ?) LIMIT 1");
  return Boolean(optedOutQuery.get(canonicalEmail(address), topicId));
}

/** Takes an opt-out back (the profile's email preference switched on again). */
export function optBackIn(tx: DB | Tx, address: string, topicId = EVERY_TOPIC): void {
  tx.delete(emailOptOuts).where(and(eq(emailOptOuts.addressCanonical, canonicalEmail(address)), eq(emailOptOuts.topicId, topicId))).run();
}
