import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { notifications, users } from "#db/schema";
import type { MessageKey } from "~/i18n";
import { db, type DB, type Tx } from "~/utils/db.server";
import { enqueueEmail } from "~/utils/email.server";
import { env } from "~/utils/env.server";

export interface Notice {
  /** A message key that reads as one line, e.g. "notification.petition.responded" ("{title} has been answered"). */
  type: MessageKey;
  topicId?: number | null;
  data?: Record<string, string | number>;
  /** Path on this site that the notice links to, e.g. "/petitions/12". */
  link?: string;
  /** Distinguishes repeats of the same event, so enqueueing twice mails once (e.g. "response:12"). */
  eventKey?: string;
}

/**
 * Tells people about a topic event: an inbox row for each, and email by their preference
 * (immediately, in the daily digest, or not). Call inside the transaction of the change.
 * Deleted and blocked people and the actor themselves are skipped by the caller's choice of ids.
 */
export function notify(tx: DB | Tx, userIds: Iterable<string>, notice: Notice): number {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return 0;
  let count = 0;
  // Chunk to stay well under SQLite's variable limit on very large audiences.
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const people = tx
      .select({
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        locale: users.locale,
        emailPreference: users.emailPreference,
        emailVerifiedAt: users.emailVerifiedAt,
      })
      .from(users)
      .where(and(inArray(users.id, chunk), isNull(users.deletedAt)))
      .all();
    for (const person of people) {
      const mail = person.emailPreference === "immediate" && person.email && person.emailVerifiedAt;
      tx.insert(notifications)
        .values({
          userId: person.id,
          topicId: notice.topicId ?? null,
          type: notice.type,
          data: { ...notice.data, ...(notice.link ? { link: notice.link } : {}) },
          digestPending: person.emailPreference === "digest",
        })
        .run();
      if (mail) {
        enqueueEmail(tx, {
          to: person.email!,
          locale: person.locale,
          name: person.displayName,
          subject: notice.type,
          params: notice.data,
          paragraphs: [[notice.type, notice.data]],
          action: notice.link ? { label: "notification.open", url: `${env().BASE_URL}${notice.link}` } : undefined,
          dedupeKey: notice.eventKey ? `${notice.eventKey}:${person.id}` : undefined,
        });
      }
      count++;
    }
  }
  return count;
}

export function listNotifications(userId: string, limit = 50) {
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .all();
}

export function countUnread(userId: string): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .get();
  return row?.n ?? 0;
}

export function markAllRead(userId: string): void {
  db.update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .run();
}
