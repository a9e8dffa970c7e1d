// The SQL half of keyset pages (app/utils/keyset.ts): the condition that starts a page after or
// before a key, and the order to read it in.
import { sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { CURSOR_PARAMS, type KeyType, type KeyValue, type PageCursor } from "./keyset";

/**
 * A list's order: its columns, every one the same way (a row value compares them as one key, so
 * an index on the same columns serves both the condition and the order).
 */
export interface KeyOrder {
  columns: ReadonlyArray<SQLiteColumn | SQL>;
  descending: boolean;
}

/** The rows of the page the cursor points to: after its key in list order, or before it. */
export function keysetCondition(order: KeyOrder, cursor: PageCursor | null): SQL | undefined {
  if (!cursor) return undefined;
  const forward = cursor.after !== order.descending;
  const columns = sql.join([...order.columns], sql`, `);
  const values = sql.join(cursor.key.map((value) => sql`${value}`), sql`, `);
  return forward ? sql`(${columns}) > (${values})` : sql`(${columns}) < (${values})`;
}

/** The order to read a page in: the list's own, or its reverse for a previous page. */
export function keysetOrderBy(order: KeyOrder, cursor: PageCursor | null): SQL[] {
  const reversed = cursor !== null && !cursor.after;
  const descending = order.descending !== reversed;
  return order.columns.map((column) => (descending ? sql`${column} DESC` : sql`${column} ASC`));
}

export function encodeCursor(key: readonly KeyValue[]): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

/**
 * The cursor of a page's query (under other names where a page has two keyed lists), checked against the key's shape: a value of the wrong type, a
 * key of the wrong length, anything that is not our base64url JSON is no cursor (the first page).
 */
export function readCursor(params: URLSearchParams, types: readonly KeyType[], names: { after: string; before: string } = CURSOR_PARAMS): PageCursor | null {
  const after = params.get(names.after);
  const before = params.get(names.before);
  const raw = after ?? before;
  if (!raw || raw.length > 400 || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(key) || key.length !== types.length) return null;
  const fits = key.every((value, i) =>
    types[i] === "number" ? typeof value === "number" && Number.isSafeInteger(value) : typeof value === "string" && value.length <= 200,
  );
  return fits ? { after: after !== null, key: key as KeyValue[] } : null;
}

/**
 * A page from rows read one past the page size, in list order for a first or next page and in
 * reverse for a previous page: the rows to show, and the cursors of the pages on either side.
 */
export function keysetPage<T>(
  fetched: T[],
  size: number,
  cursor: PageCursor | null,
  keyOf: (row: T) => KeyValue[],
): { rows: T[]; next: string | null; prev: string | null } {
  const more = fetched.length > size;
  const rows = fetched.slice(0, size);
  if (cursor && !cursor.after) rows.reverse();
  const first = rows[0];
  const last = rows.at(-1);
  const hasNext = cursor && !cursor.after ? true : more;
  const hasPrev = cursor ? (cursor.after ? true : more) : false;
  return {
    rows,
    next: hasNext && last ? encodeCursor(keyOf(last)) : null,
    prev: hasPrev && first ? encodeCursor(keyOf(first)) : null,
  };
}
