// Open data for every kind of topic: what the public may read of each public, visible topic, as a
// paged JSON list (a cursor per page) and as one CSV written as it is read. The shared columns come
// from the topic row; each kind adds its own through the `openData` entry of its server manifest
// (its lifecycle dates and thresholds). Never a name, never hidden text, never a person's support:
// a topic the one read rule does not show a visitor is not in it.
import { and, asc, eq, gt, inArray, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { neighbourhoods, topics, type TopicKind } from "#db/schema";
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
  /**
   * The kind's own tables those fields are read from: a write to one raises the kind's change
   * counter, so the open API's ETags change with them (decision 028). The shared tables (topics,
   * timeline events, outcomes, next steps) need not be named.
   */
  sources: readonly SQLiteTable[];
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

/** Which public, visible topics a page reads: all of them, or those of one kind and/or in one status. */
export interface PublicTopicFilter {
  kind?: string;
  status?: string;
}

const publicTopicColumns = {
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
};

function publicTopicRows(where: SQL | undefined, limit: number) {
  return db
    .select(publicTopicColumns)
    .from(topics)
    .leftJoin(neighbourhoods, eq(neighbourhoods.id, topics.neighbourhoodId))
    .where(and(eq(topics.isPublic, true), eq(topics.hidden, false), where))
    .orderBy(asc(topics.id))
    .limit(limit)
    .all();
}

type PublicTopicRow = ReturnType<typeof publicTopicRows>[number];

/**
 * What the public reads of these rows: the shared columns and each kind's own fields (one query
 * per kind on the page). The SQL read public, visible rows; each kind's visibility hook has the
 * last word, so a row it refuses a visitor is left out.
 */
function publicRecords(rows: readonly PublicTopicRow[]): OpenDataRecord[] {
  const readable = rows.filter((r) => can(null, "topic:read", { kind: r.kind, isPublic: r.isPublic, hidden: r.hidden, authorId: r.authorId }));
  const idsByKind = new Map<string, number[]>();
  for (const r of readable) idsByKind.set(r.kind, [...(idsByKind.get(r.kind) ?? []), r.id]);
  const own = new Map<number, OpenDataRecord>();
  for (const [kind, ids] of idsByKind) for (const [id, fields] of kindServerManifest(kind).openData.fields(ids)) own.set(id, fields);
  const base = env().BASE_URL.replace(/\/$/, "");
  return readable.map((r) => ({
    id: r.id,
    kind: r.kind,
    url: `${base}${kindServerManifest(r.kind).client.path}/${r.id}`,
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
}

/**
 * Up to `limit` public, visible topics after the topic id `after`, in id order, and where the next
 * page starts. Each filter has an index that ends in the row id (a kind alone: the kind's open-data
 * index), so a page reads only its own rows however deep it is. A page the read rule thinned still
 * moves the cursor past its last row.
 */
export function publicTopicsPage(filter: PublicTopicFilter, cursor: { after: number; limit: number }): { items: OpenDataRecord[]; next: number | null } {
  const rows = publicTopicRows(
    and(filter.kind === undefined ? undefined : eq(topics.kind, filter.kind as TopicKind), filter.status === undefined ? undefined : eq(topics.status, filter.status), gt(topics.id, cursor.after)),
    cursor.limit + 1,
  );
  const more = rows.length > cursor.limit;
  const page = more ? rows.slice(0, cursor.limit) : rows;
  return { items: publicRecords(page), next: more ? page[page.length - 1]!.id : null };
}

/** One topic as the public reads it, or null when a visitor may not read it (or it does not exist). */
export function publicTopic(topicId: number): OpenDataRecord | null {
  return publicRecords(publicTopicRows(eq(topics.id, topicId), 1))[0] ?? null;
}

/** These topics as the public reads them, by id: those a visitor may not read (or missing ones) left out. */
export function publicTopicsByIds(topicIds: readonly number[]): ReadonlyMap<number, OpenDataRecord> {
  if (topicIds.length === 0) return new Map();
  return new Map(publicRecords(publicTopicRows(inArray(topics.id, [...topicIds]), topicIds.length)).map((r) => [r.id as number, r]));
}

/** Up to `limit` public, visible topics of a kind after the topic id `after` (the kind's open-data index), and where the next page starts. */
export function openDataPage(kind: string, cursor: { after: number; limit: number }): { items: OpenDataRecord[]; next: number | null } {
  return publicTopicsPage({ kind: kindServerManifest(kind).kind }, cursor);
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
