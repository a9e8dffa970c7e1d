import { describe, expect, it } from "vitest";
import { readOpenDataQuery } from "~/modules/topics/topics.opendata.rules";

describe("what a request for open data may ask", () => {
  const read = (query: string) => readOpenDataQuery(new URLSearchParams(query));

  it.each([
    ["", { format: "json", after: 0, limit: 100 }],
    ["after=120&limit=1000", { format: "json", after: 120, limit: 1000 }],
    ["format=json&limit=1", { format: "json", after: 0, limit: 1 }],
    ["format=csv", { format: "csv" }],
  ])("reads %j", (query, expected) => {
    expect(read(query)).toEqual({ ok: true, query: expected });
  });

  it.each([
    ["limit=0", "limit", "openData.problem.limit"],
    ["limit=1001", "limit", "openData.problem.limit"],
    ["limit=ten", "limit", "openData.problem.limit"],
    ["limit=", "limit", "openData.problem.limit"],
    ["after=-1", "after", "openData.problem.after"],
    ["after=1.5", "after", "openData.problem.after"],
    ["after=99999999999999999999", "after", "openData.problem.after"],
    ["format=xml", "format", "openData.problem.format"],
    ["format=csv&after=10", "after", "openData.problem.csvWhole"],
    ["page=2", "page", "openData.problem.unknownParam"],
  ])("refuses %j, naming %s", (query, param, reason) => {
    expect(read(query)).toEqual({ ok: false, param, reason });
  });
});
