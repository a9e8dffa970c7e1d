import { and, eq, inArray } from "drizzle-orm";
import { notifications, users } from "#db/schema";
import { translator, isMessageKey } from "~/i18n";
import { db } from "~/utils/db.server";
import { enqueueEmail } from "~/utils/email.server";
import { env } from "~/utils/env.server";
import type { Job } from "~/utils/jobs.server";

/** Sends each person who chose the daily digest one email with what happened since the last one. */
export function sendDigests(now: Date): number {
  const pending = db
    .select({
      id: notifications.id,
      userId: notifications.userId,
      type: notifications.type,
      data: notifications.data,
    })
    .from(notifications)
    .where(eq(notifications.digestPending, true))
    .all();
  const byUser = new Map<string, typeof pending>();
  for (const n of pending) byUser.set(n.userId, [...(byUser.get(n.userId) ?? []), n]);
  const day = now.toISOString().slice(0, 10);
  let sent = 0;
  for (const [userId, items] of byUser) {
    db.transaction((tx) => {
      const person = tx.select().from(users).where(eq(users.id, userId)).get();
      if (person?.email && person.emailVerifiedAt && !person.deletedAt && person.emailPreference === "digest") {
        const t = translator(person.locale);
        const lines = items
          .filter((n) => isMessageKey(n.type))
          .map((n) => `- ${t(n.type as Parameters<typeof t>[0], n.data)}`);
        enqueueEmail(tx, {
          to: person.email,
          locale: person.locale,
          name: person.displayName,
          subject: "notification.digest.subject",
          paragraphs: [["notification.digest.intro"], ["notification.digest.items", { items: lines.join("\n") }]],
          action: { label: "notification.open", url: `${env().BASE_URL}/inbox` },
          dedupeKey: `digest:${userId}:${day}:${items[0]!.id}`,
        });
        sent++;
      }
      tx.update(notifications)
        .set({ digestPending: false })
        .where(and(eq(notifications.userId, userId), inArray(notifications.id, items.map((n) => n.id))))
        .run();
    });
  }
  return sent;
}

export const notificationJobs: Job[] = [{ name: "daily-digest", everyMs: 24 * 60 * 60_000, run: sendDigests }];
