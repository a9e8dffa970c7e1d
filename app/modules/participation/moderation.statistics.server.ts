// Public moderation statistics: counts per month, nothing that names a person or quotes content.
import { and, gte, inArray, sql } from "drizzle-orm";
import { flags, moderationActions } from "#db/schema";
import { db } from "~/utils/db.server";
import { median, monthKey } from "./moderation.rules";

export interface ModerationMonth {
  month: string;
  flagged: number;
  hidden: number;
  restored: number;
  /** Median hours from the first flag to a clerk's decision, or null without decisions. */
  medianHandleHours: number | null;
}

/**
 * Items flagged, hidden and restored per month, and the median time from first flag to a
 * clerk's decision. Counts only: nothing here names a person or quotes content.
 */
export function moderationStatistics(now: Date = new Date(), months = 12): { months: ModerationMonth[]; totals: Omit<ModerationMonth, "month"> } {
  const keys: string[] = [];
  const cursor = new Date(now);
  for (let i = 0; i < months; i++) {
    const d = new Date(Date.UTC(cursor.getUTCFullYear(), cursor.getUTCMonth() - i, 15));
    keys.push(monthKey(d));
  }
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months + 1, 1) - 2 * 86_400_000);
  // When each thing in the period was first flagged: its flags since then, for things with no
  // flag before (one flagged earlier was counted in its own month).
  const firstFlags = db
    .select({ first: sql<number>`min(${flags.createdAt})` })
    .from(flags)
    .where(
      and(
        gte(flags.createdAt, since),
        sql`NOT EXISTS (SELECT 1 FROM ${flags} AS earlier WHERE earlier.target_type = ${flags.targetType} AND earlier.target_id = ${flags.targetId} AND earlier.created_at < ${since.getTime()})`,
      ),
    )
    .groupBy(flags.targetType, flags.targetId)
    .all();
  const actions = db
    .select({ action: moderationActions.action, targetType: moderationActions.targetType, targetId: moderationActions.targetId, actorId: moderationActions.actorId, flaggedAt: moderationActions.flaggedAt, createdAt: moderationActions.createdAt })
    .from(moderationActions)
    .where(and(gte(moderationActions.createdAt, since), inArray(moderationActions.action, ["hide", "auto-hide", "restore", "dismiss"])))
    .all();
  const byMonth = new Map(keys.map((k) => [k, { flagged: 0, hidden: new Set<string>(), restored: new Set<string>(), handle: [] as number[] }]));
  for (const f of firstFlags) {
    const bucket = byMonth.get(monthKey(new Date(f.first)));
    if (bucket) bucket.flagged++;
  }
  for (const a of actions) {
    const bucket = byMonth.get(monthKey(a.createdAt));
    if (!bucket) continue;
    const target = `${a.targetType}:${a.targetId}`;
    if (a.action === "hide" || a.action === "auto-hide") bucket.hidden.add(target);
    if (a.action === "restore") bucket.restored.add(target);
    if (a.actorId && a.flaggedAt) bucket.handle.push((a.createdAt.getTime() - a.flaggedAt.getTime()) / 3_600_000);
  }
  const round = (h: number | null) => (h === null ? null : Math.round(h * 10) / 10);
  const rows = keys.map((month) => {
    const b = byMonth.get(month)!;
    return { month, flagged: b.flagged, hidden: b.hidden.size, restored: b.restored.size, medianHandleHours: round(median(b.handle)) };
  });
  const allHandle = [...byMonth.values()].flatMap((b) => b.handle);
  return {
    months: rows,
    totals: {
      flagged: rows.reduce((s, r) => s + r.flagged, 0),
      hidden: rows.reduce((s, r) => s + r.hidden, 0),
      restored: rows.reduce((s, r) => s + r.restored, 0),
      medianHandleHours: round(median(allHandle)),
    },
  };
}
