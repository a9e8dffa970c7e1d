// The public list of a kind, read by key: a list filter is a set of segments (a status, open or
// closed), each read from the cursor on through its own stretch of one index, one past the page,
// and merged here. A page reads at most (segments × page + 1) index entries and then the page's
// own rows, however many topics the city holds and however rare the filter.
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { topics, type TopicKind } from "#db/schema";
import { db } from "~/utils/db.server";
import type { PageCursor } from "~/utils/keyset";
import { keysetPage } from "~/utils/keyset.server";

/** One stretch of a list: topics of one status, open (closed_at unset) or closed; of the list's kind unless it names its own. */
export interface ListSegment {
  kind?: TopicKind;
  status: string;
  closed: boolean;
}

export type TopicListOrder = "support" | "latest" | "closing";

// The list orders as topics_list_{support,latest,closing}_idx hold them (migration 0018): the
// expressions must read exactly as there for SQLite to use the index.
const ORDERS: Record<TopicListOrder, { key: SQL; descending: boolean }> = {
  support: { key: sql`${topics.supportCount}`, descending: true },
  latest: { key: sql`coalesce(${topics.publishedAt}, 0)`, descending: true },
  closing: { key: sql`coalesce(${topics.closesAt}, 8640000000000000)`, descending: false },
};

/** Counts stop here ("more than 1,000"): each segment is counted up to it through the index. */
export const LIST_COUNT_CAP = 1000;

/**
 * The ids of one page of a kind's public list, in its order, with the cursors either side and a
 * capped count. `where` narrows further (a title search); it is checked per index entry read.
 */
export function topicListPage(options: {
  /** The list's kind; a list over several kinds (the council's briefing) names one per segment instead. */
  kind?: TopicKind;
  segments: readonly ListSegment[];
  order: TopicListOrder;
  cursor: PageCursor | null;
  size: number;
  where?: SQL;
}): { ids: number[]; next: string | null; prev: string | null; total: number; more: boolean } {
  const { key, descending } = ORDERS[options.order];
  const cursor = options.cursor;
  const forward = !cursor || cursor.after;
  const ascending = descending !== forward;
  const segmentWhere = (segment: ListSegment) =>
    and(
      eq(topics.kind, (segment.kind ?? options.kind)!),
      eq(topics.status, segment.status),
      eq(topics.isPublic, true),
      eq(topics.hidden, false),
      sql`(${topics.closedAt} IS NULL) = ${segment.closed ? 0 : 1}`,
      options.where,
    );
  const rows: Array<{ id: number; key: number }> = [];
  for (const segment of options.segments) {
    const after = cursor
      ? ascending
        ? sql`(${key}, ${topics.id}) > (${cursor.key[0]}, ${cursor.key[1]})`
        : sql`(${key}, ${topics.id}) < (${cursor.key[0]}, ${cursor.key[1]})`
      : undefined;
    rows.push(
      ...db
        .select({ id: topics.id, key: sql<number>`${key}` })
        .from(topics)
        .where(and(segmentWhere(segment), after))
        .orderBy(ascending ? sql`${key} ASC` : sql`${key} DESC`, ascending ? sql`${topics.id} ASC` : sql`${topics.id} DESC`)
        .limit(options.size + 1)
        .all(),
    );
  }
  rows.sort((a, b) => (ascending ? 1 : -1) * (a.key - b.key || a.id - b.id));
  const page = keysetPage(rows.slice(0, options.size + 1), options.size, cursor, (r) => [r.key, r.id]);
  let counted = 0;
  for (const segment of options.segments) {
    if (counted > LIST_COUNT_CAP) break;
    counted += db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM ${topics} WHERE ${segmentWhere(segment)} LIMIT ${LIST_COUNT_CAP + 1})`).n;
  }
  return { ids: page.rows.map((r) => r.id), next: page.next, prev: page.prev, total: Math.min(counted, LIST_COUNT_CAP), more: counted > LIST_COUNT_CAP };
}

/** Rows fetched by id, put back in the page's order. */
export function inPageOrder<T extends { id: number }>(ids: readonly number[], rows: readonly T[]): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is T => row !== undefined);
}

/** A page's rows read in one query by their ids (none for an empty page), in the page's order. */
export function pageRows<T extends { id: number }>(ids: readonly number[], read: (byIds: SQL) => T[]): T[] {
  return ids.length ? inPageOrder(ids, read(idsOf(ids))) : [];
}

/** The ids condition for fetching a page's rows. */
export function idsOf(ids: readonly number[]): SQL {
  return ids.length ? inArray(topics.id, [...ids]) : sql`0`;
}
