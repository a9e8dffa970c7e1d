// Public moderation statistics: counts per month, nothing that names a person or quotes content.
import { sql } from "drizzle-orm";
import { flags, moderationActions } from "#db/schema";
import { db } from "~/utils/db.server";
import { startOfLocalDay } from "~/utils/local-time";
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
 * clerk's decision. Counts only: nothing here names a person or quotes content. The database
 * counts per month (the municipality's months, as moments from which to which); only the handling
 * times come back, as numbers: three years of flags are never read into the worker.
 */
export function moderationStatistics(now: Date = new Date(), months = 12): { months: ModerationMonth[]; totals: Omit<ModerationMonth, "month"> } {
  const thisMonth = monthKey(now);
  const keys: string[] = [];
  for (let i = 0; i < months; i++) keys.push(shiftMonth(thisMonth, -i));
  // Month i runs from bounds[i] to bounds[i + 1], oldest first.
  const oldestFirst = [...keys].reverse();
  const bounds = [...oldestFirst, shiftMonth(thisMonth, 1)].map((key) => startOfLocalDay(`${key}-01`)!.getTime());
  const since = bounds[0]!;
  const periods = sql.join(
    oldestFirst.map((key, i) => sql`(${key}, ${bounds[i]}, ${bounds[i + 1]})`),
    sql`, `,
  );
  const monthsTable = sql`months(month, starts, ends) AS (VALUES ${periods})`;
  // A thing counts in the month of its very first flag (one flagged before the period was counted
  // in its own month): each thing's first flag read off flags_target_created_idx, no table rows.
  const flagged = db.all<{ month: string; n: number }>(sql`
    WITH ${monthsTable},
    first_flags AS (
      SELECT min(f.created_at) AS first FROM ${flags} AS f
      GROUP BY f.target_type, f.target_id
      HAVING min(f.created_at) >= ${since}
    )
    SELECT months.month AS month, count(*) AS n FROM first_flags JOIN months ON first_flags.first >= months.starts AND first_flags.first < months.ends
    GROUP BY months.month`);
  const decided = db.all<{ month: string; action: string; n: number }>(sql`
    WITH ${monthsTable}
    SELECT months.month AS month, CASE WHEN a.action = 'restore' THEN 'restore' ELSE 'hide' END AS action,
      count(DISTINCT a.target_type || ':' || a.target_id) AS n
    FROM ${moderationActions} AS a JOIN months ON a.created_at >= months.starts AND a.created_at < months.ends
    WHERE a.created_at >= ${since} AND a.action IN ('hide', 'auto-hide', 'restore')
    GROUP BY months.month, 2`);
  const handling = db.all<{ month: string; ms: number }>(sql`
    WITH ${monthsTable}
    SELECT months.month AS month, a.created_at - a.flagged_at AS ms
    FROM ${moderationActions} AS a JOIN months ON a.created_at >= months.starts AND a.created_at < months.ends
    WHERE a.created_at >= ${since} AND a.action IN ('hide', 'auto-hide', 'restore', 'dismiss') AND a.actor_id IS NOT NULL AND a.flagged_at IS NOT NULL`);
  const byMonth = new Map(keys.map((k) => [k, { flagged: 0, hidden: 0, restored: 0, handle: [] as number[] }]));
  for (const row of flagged) byMonth.get(row.month)!.flagged = row.n;
  for (const row of decided) {
    const bucket = byMonth.get(row.month)!;
    if (row.action === "restore") bucket.restored = row.n;
    else bucket.hidden = row.n;
  }
  for (const row of handling) byMonth.get(row.month)!.handle.push(row.ms / 3_600_000);
  const round = (h: number | null) => (h === null ? null : Math.round(h * 10) / 10);
  const rows = keys.map((month) => {
    const b = byMonth.get(month)!;
    return { month, flagged: b.flagged, hidden: b.hidden, restored: b.restored, medianHandleHours: round(median(b.handle)) };
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

/** "2025-03" moved by a number of months. */
function shiftMonth(key: string, by: number): string {
  const d = new Date(Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1 + by, 15));
  return d.toISOString().slice(0, 7);
}
