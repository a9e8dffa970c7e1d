import { describe, expect, it } from "vitest";
import { decisionDateProblem, isPlannable, keepsAwaiting, moveItem, nextPosition, readsPosition, renumber, spread, strongestArguments, takesAgendaItems } from "~/modules/council/council.rules";

const DAY = 86_400_000;
const now = new Date("2026-12-07T12:00:00Z");

describe("a meeting's agenda", () => {
  it.each([
    ["an hour ahead", new Date(now.getTime() + 3_600_000), true],
    ["this very moment", now, false],
    ["yesterday", new Date(now.getTime() - DAY), false],
  ])("takes new items and can be planned only while it is ahead: %s", (_label, startsAt, expected) => {
    expect(takesAgendaItems({ startsAt }, now)).toBe(expected);
    expect(isPlannable(startsAt, now)).toBe(expected);
  });

  it("numbers a new item after the last one, from 1", () => {
    expect(nextPosition([])).toBe(1);
    expect(nextPosition([1, 2, 5])).toBe(6);
  });

  const agenda = [
    { id: 10, position: 1 },
    { id: 11, position: 2 },
    { id: 12, position: 3 },
  ];
  it.each([
    ["the middle item up", 11, "up", [{ id: 11, position: 1 }, { id: 10, position: 2 }]],
    ["the middle item down", 11, "down", [{ id: 11, position: 3 }, { id: 12, position: 2 }]],
    ["the first item up", 10, "up", null],
    ["the last item down", 12, "down", null],
    ["an item of another agenda", 99, "up", null],
  ] as const)("moves %s by swapping two numbers, or not at all", (_label, id, direction, expected) => {
    expect(moveItem(agenda, id, direction)).toEqual(expected);
  });

  it("follows the numbers, not the order the rows came in", () => {
    expect(moveItem([agenda[2]!, agenda[0]!, agenda[1]!], 12, "up")).toEqual([{ id: 12, position: 2 }, { id: 11, position: 3 }]);
    expect(renumber([{ id: 1, position: 4 }, { id: 2, position: 2 }])).toEqual([{ id: 2, position: 1 }, { id: 1, position: 2 }]);
  });
});

describe("the council's decision", () => {
  const meeting = new Date("2026-12-03T19:30:00Z");
  it.each([
    ["on the meeting's evening", new Date("2026-12-03T22:00:00Z"), null],
    ["days after the meeting", new Date("2026-12-06T12:00:00Z"), null],
    ["the day before the meeting", new Date("2026-12-02T12:00:00Z"), "decision-before-meeting"],
    ["next week", new Date(now.getTime() + 7 * DAY), "decision-in-future"],
  ])("is dated from the meeting's day to today: %s", (_label, decidedAt, expected) => {
    expect(decisionDateProblem(decidedAt, meeting, now)).toBe(expected);
  });

  it("leaves a referred topic with the council, and settles every other decision", () => {
    expect(keepsAwaiting("referred")).toBe(true);
    for (const decision of ["adopted", "rejected", "amended"] as const) expect(keepsAwaiting(decision)).toBe(false);
  });
});

describe("the briefing", () => {
  it("gives each neighbourhood's share of the support in whole percentages, largest first", () => {
    expect(spread([{ name: "Noord", count: 1 }, { name: "Centrum", count: 3 }], 4)).toEqual([
      { name: "Centrum", count: 3, percent: 75 },
      { name: "Noord", count: 1, percent: 25 },
    ]);
    expect(spread([{ name: "Noord", count: 0 }], 0)).toEqual([{ name: "Noord", count: 0, percent: 0 }]);
  });

  it("puts the most supported arguments first, the oldest first among equals", () => {
    const at = (d: number) => new Date(now.getTime() - d * DAY);
    const rows = [
      { id: 1, upvoteCount: 2, createdAt: at(1) },
      { id: 2, upvoteCount: 5, createdAt: at(1) },
      { id: 3, upvoteCount: 2, createdAt: at(3) },
    ];
    expect(strongestArguments(rows, 2).map((r) => r.id)).toEqual([2, 3]);
  });

  it("shows internal positions only to those who may read them", () => {
    expect(readsPosition({ visibility: "public" }, false)).toBe(true);
    expect(readsPosition({ visibility: "internal" }, false)).toBe(false);
    expect(readsPosition({ visibility: "internal" }, true)).toBe(true);
  });
});
