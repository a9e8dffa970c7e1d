import { describe, expect, it } from "vitest";
import { jsonPieces, keysetRows, LazyList, PAGE_ROWS, streamedResponse } from "~/utils/stream.server";

const written = (value: unknown) => [...jsonPieces(value)].join("");

describe("a download written as it is read", () => {
  it("writes exactly what JSON.stringify(value, null, 2) writes", () => {
    const value = {
      exportedAt: "2026-12-07T10:00:00.000Z",
      account: { id: "u-1", name: "Anna \"de\" Vries\n", postcode: null, skipped: undefined, at: new Date("2026-01-02T03:04:05Z") },
      roles: [],
      empty: {},
      nested: [[1, 2], { a: [{ b: null }] }, "x", true, 0],
      holes: [undefined, null],
    };
    expect(written(value)).toBe(JSON.stringify(value, null, 2));
  });

  it("writes a lazy list as the array it reads, and reads it only when its turn comes", () => {
    const read: string[] = [];
    const rows = new LazyList(function* () {
      read.push("started");
      yield { id: 1, data: { a: 1 } };
      yield { id: 2, data: {} };
    });
    const pieces = jsonPieces({ first: "a", rows, none: new LazyList(() => []) })[Symbol.iterator]();
    pieces.next();
    expect(read).toEqual([]);
    const text = pieces.next().value + [...{ [Symbol.iterator]: () => pieces }].join("");
    expect(read).toEqual(["started"]);
    expect(`{\n  "first": ${text}`).toBe(JSON.stringify({ first: "a", rows: [{ id: 1, data: { a: 1 } }, { id: 2, data: {} }], none: [] }, null, 2));
  });

  it("reads a query a page at a time, after the last key sent", () => {
    const all = Array.from({ length: PAGE_ROWS * 2 + 7 }, (_, i) => ({ id: i + 1 }));
    const asked: number[] = [];
    const rows = [...keysetRows((after, limit) => (asked.push(after), all.filter((r) => r.id > after).slice(0, limit)), (r) => r.id)];
    expect(rows).toEqual(all);
    expect(asked).toEqual([0, PAGE_ROWS, PAGE_ROWS * 2]);
  });

  it("hands the body over in chunks, producing each only when the reader asks for it", async () => {
    let produced = 0;
    const pieces = (function* () {
      for (let i = 0; i < 10_000; i++) {
        produced++;
        yield `${"x".repeat(99)}\n`;
      }
    })();
    const response = streamedResponse(pieces, { headers: { "Content-Type": "text/plain" } });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.value!.byteLength).toBeGreaterThanOrEqual(64 * 1024);
    // The stream may read ahead one chunk, not the whole body.
    expect(produced).toBeLessThan(2_000);
    let total = first.value!.byteLength;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) total += chunk.value.byteLength;
    expect(total).toBe(1_000_000);
  });
});
