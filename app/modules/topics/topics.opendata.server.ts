// Open data for every kind of topic: what the public may read of each public, visible topic, as a
// paged JSON list (a cursor per page) and as one CSV written as it is read. The shared columns come
// from the topic row; each kind adds its own through the `openData` entry of its server manifest
// (its lifecycle dates and thresholds). Never a name, never hidden text, never a person's support:
// a topic the one read rule does not show a visitor is not in it.
import { and, asc, eq, gt } from "drizzle-orm";
import { neighbourhoods, topics } from "#db/schema";
import { csvRows } from "~/utils/csv";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { can } from "~/utils/permissions";
import { PAGE_ROWS } from "~/utils/stream.server";
import { kindServerManifest } from "./topics.kinds.server";

export type OpenDataValue = string | number | boolean | null;
export type OpenDataRecord = Record<string, OpenDataValue>;

/** What a kind adds to its open data (`openData` in its server manifest). */
export interface OpenDataEntry {
  /** Its own public fields for a page of its topics, read in one query for the page. */
  fields: (topicIds: readonly number[]) => ReadonlyMap<number, OpenDataRecord>;
  /** Their names, in the CSV's column order; a field it returns that is not named here is not written to the CSV. */
  columns: readonly string[];
}

/** The fields every kind's open data has, in this order. */
export const SHARED_COLUMNS = [
  "id",
  "kind",
  "url",
  "title",
  "summary",
  "status",
  "neighbourhood",
  "publishedAt",
  "closesAt",
  "closedAt",
  "supportCount",
  "commentCount",
  "followerCount",
] as const;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Up to `limit` public, visible topics of a kind after the topic id `after`, in id order (the
 * kind's open-data index: kind, is_public, hidden, then the row id), and where the next page starts.
 */
export function openDataPage(kind: string, cursor: { after: number; limit: number }): { items: OpenDataRecord[]; next: number | null } {
  const manifest = kindServerManifest(kind);
  const rows = db
    .select({
      id: topics.id,
      kind: topics.kind,
      title: topics.title,
      summary: topics.summary,
      status: topics.status,
      neighbourhood: neighbourhoods.name,
      publishedAt: topics.publishedAt,
      closesAt: topics.closesAt,
      closedAt: topics.closedAt,
      supportCount: topics.supportCount,
      commentCount: topics.commentCount,
      followerCount: topics.followerCount,
      isPublic: topics.isPublic,
      hidden: topics.hidden,
      authorId: topics.authorId,
    })
    .from(topics)
    .leftJoin(neighbourhoods, eq(neighbourhoods.id, topics.neighbourhoodId))
    .where(and(eq(topics.kind, manifest.kind), eq(topics.isPublic, true), eq(topics.hidden, false), gt(topics.id, cursor.after)))
    .orderBy(asc(topics.id))
    .limit(cursor.limit + 1)
    .all();
  const more = rows.length > cursor.limit;
  const page = more ? rows.slice(0, cursor.limit) : rows;
  // The SQL reads public, visible rows; the kind's own visibility hook has the last word.
  const readable = page.filter((r) => can(null, "topic:read", { kind: r.kind, isPublic: r.isPublic, hidden: r.hidden, authorId: r.authorId }));
  const own = readable.length ? manifest.openData.fields(readable.map((r) => r.id)) : new Map<number, OpenDataRecord>();
  const base = env().BASE_URL.replace(/\/$/, "");
  const items = readable.map((r) => ({
    id: r.id,
    kind: r.kind,
    url: `${base}${manifest.client.path}/${r.id}`,
    title: r.title,
    summary: r.summary,
    status: r.status,
    neighbourhood: r.neighbourhood,
    publishedAt: iso(r.publishedAt),
    closesAt: iso(r.closesAt),
    closedAt: iso(r.closedAt),
    supportCount: r.supportCount,
    commentCount: r.commentCount,
    followerCount: r.followerCount,
    // The kind's own fields come last and may withhold a shared one (a title the clerks hid).
    ...own.get(r.id),
  }));
  return { items, next: more ? page[page.length - 1]!.id : null };
}

/**
 * Every public, visible topic of a kind, read a page at a time. A page the read rule thinned still
 * moves the cursor past its last row.
 */
export function* openDataRows(kind: string): Generator<OpenDataRecord> {
  let after = 0;
  for (;;) {
    const { items, next } = openDataPage(kind, { after, limit: PAGE_ROWS });
    yield* items;
    if (next === null) return;
    after = next;
  }
}

/** The kind's open data as CSV lines (formula-safe), written as they are read. */
export function* openDataCsv(kind: string): Generator<string> {
  const columns = [...SHARED_COLUMNS, ...kindServerManifest(kind).openData.columns];
  yield csvRows([columns]);
  for (const item of openDataRows(kind)) yield csvRows([columns.map((c) => toCell(item[c]))]);
}

function toCell(value: OpenDataValue | undefined): string | number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? "true" : "false";
  return value;
}
