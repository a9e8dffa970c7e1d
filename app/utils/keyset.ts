// Keyset pages for long lists: a page is read from where the last one ended (its sort key and
// id), never by skipping rows (OFFSET reads and throws away every row before the page). The
// cursor travels in the query string as ?after=… or ?before=…, base64url JSON of the key.

export type KeyValue = number | string;
export type KeyType = "number" | "string";

/** Where a page starts: after a key (the next page) or before it (the previous page). */
export interface PageCursor {
  after: boolean;
  key: KeyValue[];
}

export const CURSOR_PARAMS = { after: "after", before: "before" } as const;

/** The query string of a neighbouring page: the list's own parameters and the cursor. */
export function pageHref(query: URLSearchParams, cursor: { after?: string | null; before?: string | null }): string {
  const params = new URLSearchParams(query);
  params.delete(CURSOR_PARAMS.after);
  params.delete(CURSOR_PARAMS.before);
  params.delete("page");
  if (cursor.after) params.set(CURSOR_PARAMS.after, cursor.after);
  if (cursor.before) params.set(CURSOR_PARAMS.before, cursor.before);
  return `?${params.toString()}`;
}
