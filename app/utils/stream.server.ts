// Downloads that grow with the database (open data, download-my-data) are written as they are
// read: a page of rows at a time, each page its own short query (keyset: after the last key
// sent), so a worker holds one page in memory, never the whole file, and other requests get
// their turn between pages. (A better-sqlite3 iterator cannot stay open across them: the
// connection is busy while it is.)

/** Rows read per query. */
export const PAGE_ROWS = 500;
/** Text handed to the response at once. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Every row of a query, read a page at a time: `page(after)` returns up to PAGE_ROWS rows whose
 * key is greater than `after`, in key order.
 */
export function* keysetRows<T>(page: (after: number, limit: number) => T[], keyOf: (row: T) => number, start = 0): Generator<T> {
  let after = start;
  for (;;) {
    const rows = page(after, PAGE_ROWS);
    yield* rows;
    if (rows.length < PAGE_ROWS) return;
    after = keyOf(rows[rows.length - 1]!);
  }
}

/**
 * A lazily read list inside a JSON document: written as an array, row by row. Its rows are plain
 * data (database rows), each written whole with JSON.stringify: walking every field of tens of
 * thousands of rows through generators took four times as long.
 */
export class LazyList<T = unknown> {
  constructor(readonly rows: () => Iterable<T>) {}
}

/**
 * The JSON text of `value`, in pieces, indented like JSON.stringify(value, null, 2). A LazyList is
 * read only when its turn comes; everything else is written as JSON.stringify would.
 */
export function* jsonPieces(value: unknown, indent = ""): Generator<string> {
  if (value instanceof LazyList) {
    const inner = `${indent}  `;
    let first = true;
    for (const row of value.rows()) {
      const text = JSON.stringify(row === undefined ? null : row, null, 2);
      yield `${first ? "[\n" : ",\n"}${inner}${text.includes("\n") ? text.replace(/\n/g, `\n${inner}`) : text}`;
      first = false;
    }
    yield first ? "[]" : `\n${indent}]`;
    return;
  }
  if (value !== null && typeof value === "object" && !(value instanceof Date) && !hasToJSON(value)) {
    const inner = `${indent}  `;
    if (Array.isArray(value)) {
      if (value.length === 0) return void (yield "[]");
      for (let i = 0; i < value.length; i++) {
        yield i === 0 ? `[\n${inner}` : `,\n${inner}`;
        yield* jsonPieces(value[i] === undefined ? null : value[i], inner);
      }
      return void (yield `\n${indent}]`);
    }
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== "function");
    if (entries.length === 0) return void (yield "{}");
    for (let i = 0; i < entries.length; i++) {
      const [key, v] = entries[i]!;
      yield `${i === 0 ? "{\n" : ",\n"}${inner}${JSON.stringify(key)}: `;
      yield* jsonPieces(v, inner);
    }
    return void (yield `\n${indent}}`);
  }
  yield JSON.stringify(value, null, 2)?.replace(/\n/g, `\n${indent}`) ?? "null";
}

function hasToJSON(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === "function";
}

/**
 * A response whose body is written from `pieces` as the client reads it, about 64 KB at a time.
 * The pieces are produced only when the client is ready for more, so a slow reader costs memory
 * for one chunk, not the file.
 */
export function streamedResponse(pieces: Iterable<string>, init: ResponseInit): Response {
  const iterator = pieces[Symbol.iterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk = "";
      while (chunk.length < CHUNK_CHARS) {
        const next = iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    cancel() {
      iterator.return?.();
    },
  });
  return new Response(body, init);
}
