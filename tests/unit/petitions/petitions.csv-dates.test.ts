import { describe, expect, it } from "vitest";
import { csvCell, csvRows } from "~/utils/csv";
import { daysBetween, endOfLocalDay, localDay, noonOfLocalDay } from "~/utils/local-time";

describe("CSV cells", () => {
  it.each([
    ["=HYPERLINK(\"http://evil\")", `"'=HYPERLINK(""http://evil"")"`],
    ["+31 6 1234", "'+31 6 1234"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tTAB", "'\tTAB"],
    ["Centrum", "Centrum"],
    ["a,b", '"a,b"'],
  ])("a spreadsheet never runs %j as a formula", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("leaves numbers alone, also negative ones, and writes null as empty", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(null)).toBe("");
    expect(csvRows([["a", 1], ["b", null]])).toBe("a,1\r\nb,\r\n");
  });
});

describe("calendar days in Amsterdam", () => {
  it("ends a day at 23:59:59 local time, in winter and in summer", () => {
    expect(endOfLocalDay("2025-01-15")?.toISOString()).toBe("2025-01-15T22:59:59.000Z");
    expect(endOfLocalDay("2025-07-15")?.toISOString()).toBe("2025-07-15T21:59:59.000Z");
    expect(noonOfLocalDay("2025-07-15")?.toISOString()).toBe("2025-07-15T10:00:00.000Z");
  });

  it("refuses dates that do not exist", () => {
    for (const bad of ["2025-02-30", "2025-13-01", "tomorrow", "2025-1-1", ""]) expect(endOfLocalDay(bad), bad).toBeNull();
  });

  it("counts a late evening in UTC as the next day locally", () => {
    expect(localDay(new Date("2025-07-15T22:30:00Z"))).toBe("2025-07-16");
  });

  it("lists the days between two dates, across a month end", () => {
    expect(daysBetween("2025-02-27", "2025-03-02")).toEqual(["2025-02-27", "2025-02-28", "2025-03-01", "2025-03-02"]);
  });
});
