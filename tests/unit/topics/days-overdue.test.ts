import { describe, expect, it } from "vitest";
import { daysOverdue } from "~/modules/topics/topics.rules";
import { endOfLocalDay } from "~/utils/local-time";

const step = (dueAt: Date | null, status: "planned" | "in-progress" | "done" = "planned") => ({ status, dueAt });
const at = (iso: string) => new Date(iso);

describe("how many days a next step is overdue, on the town hall's calendar", () => {
  // Due at the end of 7 December in Amsterdam (winter: UTC+1), i.e. 22:59:59 UTC.
  const winterDue = endOfLocalDay("2026-12-07")!;
  // Due at the end of 1 July in Amsterdam (summer: UTC+2), i.e. 21:59:59 UTC.
  const summerDue = endOfLocalDay("2026-07-01")!;

  it.each([
    ["the due moment itself is not overdue", winterDue, winterDue, null],
    ["a step not yet due", winterDue, at("2026-12-07T12:00:00Z"), null],
    ["the last second of the due day, past the moment", winterDue, at("2026-12-07T22:59:59.500Z"), 0],
    ["midnight in Amsterdam, still 7 December in UTC", winterDue, at("2026-12-07T23:00:00Z"), 1],
    ["half past midnight in Amsterdam", winterDue, at("2026-12-07T23:30:00Z"), 1],
    ["a week later, by the Amsterdam calendar", winterDue, at("2026-12-14T22:30:00Z"), 7],
    ["eight days once it is midnight in Amsterdam", winterDue, at("2026-12-14T23:30:00Z"), 8],
    ["summer: midnight in Amsterdam is 22:00 UTC", summerDue, at("2026-07-01T22:00:00Z"), 1],
    ["summer: 21:59:59.5 UTC is still the due day", summerDue, at("2026-07-01T21:59:59.500Z"), 0],
    ["across the change to winter time", summerDue, at("2026-10-26T12:00:00Z"), 117],
  ])("%s", (_name, dueAt, now, days) => {
    expect(daysOverdue(step(dueAt), now)).toBe(days);
  });

  it("a step that is done or has no due date is never overdue", () => {
    expect(daysOverdue(step(winterDue, "done"), at("2027-01-01T12:00:00Z"))).toBeNull();
    expect(daysOverdue(step(null), at("2027-01-01T12:00:00Z"))).toBeNull();
  });
});
