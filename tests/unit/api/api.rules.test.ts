// The open API's parameter rules: every parameter read strictly and refused by name, cursors that
// only fit the list they came from, and ETags compared the way RFC 9110 says.
import { describe, expect, it } from "vitest";
import { cursorReader, encodeCursor, etagOf, kindReader, matchesIfNoneMatch, readApiQuery, readLimit, readPathId, readStatus } from "~/modules/api/api.rules";

const spec = { kind: kindReader(["petition", "discussion"]), status: readStatus, limit: readLimit, cursor: cursorReader("topics", ["number"]) };
const read = (query: string) => readApiQuery(new URLSearchParams(query), spec);

describe("reading an API query", () => {
  it("takes what it knows, each through its reader", () => {
    const cursor = encodeCursor("topics", [42]);
    expect(read(`kind=petition&status=awaiting-response&limit=200&cursor=${cursor}`)).toEqual({
      ok: true,
      query: { kind: "petition", status: "awaiting-response", limit: 200, cursor: [42] },
    });
    expect(read("")).toEqual({ ok: true, query: {} });
  });

  it.each([
    ["limit=0", "limit", "api.problem.limit"],
    ["limit=201", "limit", "api.problem.limit"],
    ["limit=-1", "limit", "api.problem.limit"],
    ["limit=1.5", "limit", "api.problem.limit"],
    ["limit=ten", "limit", "api.problem.limit"],
    ["limit=", "limit", "api.problem.limit"],
    ["limit=1e2", "limit", "api.problem.limit"],
    ["limit=99999999999999999999", "limit", "api.problem.limit"],
    ["kind=spreadsheet", "kind", "api.problem.kind"],
    ["kind=Petition", "kind", "api.problem.kind"],
    ["status=OPEN", "status", "api.problem.status"],
    ["status=%3Cscript%3E", "status", "api.problem.status"],
    ["status=" + "a".repeat(41), "status", "api.problem.status"],
    ["cursor=abc", "cursor", "api.problem.cursor"],
    ["cursor=%2F%2F", "cursor", "api.problem.cursor"],
    ["page=2", "page", "api.problem.unknownParam"],
    ["after=3", "after", "api.problem.unknownParam"],
    ["limit=5&limit=6", "limit", "api.problem.repeated"],
  ])("refuses %s, naming %s", (query, param, reason) => {
    expect(read(query)).toEqual({ ok: false, param, reason });
  });

  it("refuses a cursor of another list, of another shape, or with a key that is not a whole number", () => {
    expect(read(`cursor=${encodeCursor("meetings", [42])}`)).toMatchObject({ ok: false, param: "cursor" });
    expect(read(`cursor=${encodeCursor("topics", [42, 7])}`)).toMatchObject({ ok: false, param: "cursor" });
    expect(read(`cursor=${encodeCursor("topics", ["42"])}`)).toMatchObject({ ok: false, param: "cursor" });
    expect(read(`cursor=${Buffer.from('["topics",1.5]').toString("base64url")}`)).toMatchObject({ ok: false, param: "cursor" });
    expect(read(`cursor=${Buffer.from("{not json").toString("base64url")}`)).toMatchObject({ ok: false, param: "cursor" });
  });

  it("reads a path id as a whole number from 1 and refuses anything else by the parameter's name", () => {
    expect(readPathId("12", "id")).toEqual({ ok: true, value: 12 });
    for (const raw of ["0", "-1", "1.5", "abc", "01", "1e3", "9".repeat(16), undefined]) {
      expect(readPathId(raw, "meeting")).toEqual({ ok: false, param: "meeting", reason: "api.problem.id" });
    }
  });
});

describe("ETags", () => {
  it("change with any version, with the request, and never otherwise", () => {
    const a = etagOf("/api/v1/topics", [["petition", 3]]);
    expect(a).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(etagOf("/api/v1/topics", [["petition", 3]])).toBe(a);
    expect(etagOf("/api/v1/topics", [["petition", 4]])).not.toBe(a);
    expect(etagOf("/api/v1/topics?limit=2", [["petition", 3]])).not.toBe(a);
  });

  it("match If-None-Match weakly, in a list, or as *", () => {
    const etag = 'W/"abc"';
    expect(matchesIfNoneMatch('W/"abc"', etag)).toBe(true);
    expect(matchesIfNoneMatch('"abc"', etag)).toBe(true);
    expect(matchesIfNoneMatch('"x", W/"abc"', etag)).toBe(true);
    expect(matchesIfNoneMatch("*", etag)).toBe(true);
    expect(matchesIfNoneMatch('W/"abd"', etag)).toBe(false);
    expect(matchesIfNoneMatch(null, etag)).toBe(false);
    expect(matchesIfNoneMatch("", etag)).toBe(false);
  });
});
