// Who hears about something: one filter for every notice the participation core sends.
import { and, gt, inArray, isNull, or, sql } from "drizzle-orm";
import { users } from "#db/schema";
import type { DB, Tx } from "~/utils/db.server";

/** People who should hear about something, minus those blocked right now. */
export function activeRecipients(tx: DB | Tx, ids: Iterable<string>, now: Date = new Date()): string[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const blocked = new Set<string>();
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    for (const row of tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          inArray(users.id, chunk),
          sql`${users.blockedAt} IS NOT NULL`,
          or(isNull(users.blockedUntil), gt(users.blockedUntil, now)),
        ),
      )
      .all())
      blocked.add(row.id);
  }
  return unique.filter((id) => !blocked.has(id));
}
