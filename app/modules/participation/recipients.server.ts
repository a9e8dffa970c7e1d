// Who hears about something: one filter for every notice the platform sends (the outcome service,
// comment notices, moderation), so blocked and deleted people never get one, whatever the kind.
import { and, eq, gt, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { comments, users } from "#db/schema";
import type { DB, Tx } from "~/utils/db.server";
import { visibleCommentsCondition } from "./comments.rows.server";

/** People who should hear about something, minus those blocked right now and those whose account is deleted. */
export function activeRecipients(tx: DB | Tx, ids: Iterable<string>, now: Date = new Date()): string[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const silent = new Set<string>();
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    for (const row of tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          inArray(users.id, chunk),
          or(isNotNull(users.deletedAt), and(sql`${users.blockedAt} IS NOT NULL`, or(isNull(users.blockedUntil), gt(users.blockedUntil, now)))),
        ),
      )
      .all())
      silent.add(row.id);
  }
  return unique.filter((id) => !silent.has(id));
}

/** The people who wrote a visible comment on a topic. */
export function commenterIds(tx: DB | Tx, topicId: number): string[] {
  return tx
    .selectDistinct({ id: comments.authorId })
    .from(comments)
    .where(and(eq(comments.topicId, topicId), isNotNull(comments.authorId), visibleCommentsCondition()))
    .all()
    .map((r) => r.id!);
}
