import { describe, expect, it } from "vitest";
import { againstDeadline, bands, median, parseDashboardFilter, periodsOf, quantile } from "~/modules/transparency/transparency.rules";

const kinds = ["petition", "discussion"];
const today = "2026-07-01";
const parse = (query: string) => parseDashboardFilter(new URLSearchParams(query), { today, kinds });

describe("the dashboard's period and kind", () => {
  it.each([
    ["", { from: "2025-07-02", to: "2026-07-01", kind: null }],
    ["from=2026-01-01&to=2026-03-31&kind=petition", { from: "2026-01-01", to: "2026-03-31", kind: "petition" }],
    ["from=+2026-01-01+&to=&kind=", { from: "2026-01-01", to: "2026-07-01", kind: null }],
  ])("reads %j", (query, filter) => {
    expect(parse(query)).toEqual({ ok: true, filter });
  });

  it.each([
    ["from=2026-02-30", { from: "dashboard.error.date" }],
    ["from=31-01-2026", { from: "dashboard.error.date" }],
    ["to=2026-13-01", { to: "dashboard.error.date" }],
    ["from=1999-12-31", { from: "dashboard.error.outOfRange" }],
    ["to=2027-07-03", { to: "dashboard.error.outOfRange" }],
    ["from=2026-05-01&to=2026-04-30", { to: "dashboard.error.toBeforeFrom" }],
    ["from=2020-01-01&to=2026-01-01", { to: "dashboard.error.tooLong" }],
    ["kind=nonsense", { kind: "dashboard.error.kind" }],
    ["kind=constructor", { kind: "dashboard.error.kind" }],
  ])("refuses %j with a message beside the field, showing the default period meanwhile", (query, errors) => {
    const parsed = parse(query);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual(errors);
    if (!("kind" in errors)) expect(parsed.filter).toMatchObject({ from: "2025-07-02", to: "2026-07-01" });
  });

  it("shows up to two months per day, longer periods per month", () => {
    expect(periodsOf({ from: "2026-03-30", to: "2026-04-02" })).toEqual(["2026-03-30", "2026-03-31", "2026-04-01", "2026-04-02"]);
    expect(periodsOf({ from: "2026-01-15", to: "2026-04-02" })).toEqual(["2026-01", "2026-02", "2026-03", "2026-04"]);
  });
});

describe("distributions kept as counts per day", () => {
  const h = (pairs: Array<[number, number]>) => new Map(pairs);
  it("the median of an odd count is the middle value, of an even count halfway between the two middle ones", () => {
    expect(median(h([[1, 1], [4, 1], [9, 1]]))).toBe(4);
    expect(median(h([[1, 1], [2, 1], [8, 1], [19, 1]]))).toBe(5);
    expect(median(h([[3, 10]]))).toBe(3);
    expect(median(h([]))).toBeNull();
  });
  it("the 90th percentile interpolates between ranks", () => {
    expect(quantile(h([[1, 1], [2, 1], [8, 1], [19, 1]]), 0.9)).toBeCloseTo(15.7, 5);
  });
  it("bands and deadlines", () => {
    expect(bands(h([[0, 2], [1, 1], [7, 1], [8, 1], [90, 1], [91, 3]])).map((b) => b.count)).toEqual([3, 1, 1, 0, 1, 3]);
    expect(againstDeadline(h([[4, 2], [5, 1], [6, 3]]), 5)).toEqual({ inTime: 3, late: 3 });
  });
});
