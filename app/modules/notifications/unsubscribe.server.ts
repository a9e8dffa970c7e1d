// The page behind every email's one-click unsubscribe link (the mechanism itself is shared, in
// ~/utils/unsubscribe.server.ts). Opening the link shows what it stops and changes nothing, since
// mail filters open links; the button, or a mail program's RFC 8058 one-click post, records it.
import { and, eq } from "drizzle-orm";
import { topics } from "#db/schema";
import { db } from "~/utils/db.server";
import type { Refusal } from "~/utils/refusal";
import { EVERY_TOPIC, optOut, readUnsubscribeToken } from "~/utils/unsubscribe.server";

export type UnsubscribeLink =
  | { ok: true; everyTopic: boolean; title: string | null }
  | Refusal<"unsubscribe.invalid">;

/** What a link would stop: mail about one topic (with its public title, if it still has one) or all of it. */
export function findUnsubscribeLink(token: string): UnsubscribeLink {
  const scope = readUnsubscribeToken(token);
  if (!scope) return { ok: false, reason: "unsubscribe.invalid" };
  if (scope.topicId === EVERY_TOPIC) return { ok: true, everyTopic: true, title: null };
  const topic = db
    .select({ title: topics.title })
    .from(topics)
    .where(and(eq(topics.id, scope.topicId), eq(topics.hidden, false), eq(topics.isPublic, true)))
    .get();
  return { ok: true, everyTopic: false, title: topic?.title ?? null };
}

/** Stops the mail a link names; pressing twice is the same request. Works without an account or session. */
export function unsubscribeByLink(token: string, now = new Date()): UnsubscribeLink {
  const found = findUnsubscribeLink(token);
  if (!found.ok) return found;
  optOut(db, readUnsubscribeToken(token)!, now);
  return found;
}
