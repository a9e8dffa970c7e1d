import { describe, expect, it } from "vitest";
import { isDigestDue, nextDigestStep, UNREAD_CAP, unreadLabel } from "~/modules/notifications/notifications.rules";
import { localDayAndHour } from "~/utils/local-time";

const d = (iso: string) => new Date(iso);

describe("the local calendar of the digest (Europe/Amsterdam)", () => {
  it.each([
    ["2026-01-15T05:59:59Z", "2026-01-15", 6], // winter: UTC+1
    ["2026-01-15T06:00:00Z", "2026-01-15", 7],
    ["2026-07-15T04:59:59Z", "2026-07-15", 6], // summer: UTC+2
    ["2026-07-15T05:00:00Z", "2026-07-15", 7],
    ["2026-07-15T22:30:00Z", "2026-07-16", 0], // after midnight local, still the 15th in UTC
    ["2026-03-29T01:30:00Z", "2026-03-29", 3], // spring forward: 02:00 does not exist
    ["2026-10-25T00:30:00Z", "2026-10-25", 2], // fall back: the first 02:30
    ["2026-10-25T01:30:00Z", "2026-10-25", 2], // ... and the second
  ])("%s is %s, hour %i", (iso, day, hour) => {
    expect(localDayAndHour(d(iso))).toEqual({ day, hour });
  });
});

describe("whether today's digest is due", () => {
  it.each<[string, string, string | null, boolean]>([
    ["before 07:00 (06:59 in winter), never sent", "2026-01-15T05:59:00Z", null, false],
    ["at 07:00 in winter, never sent", "2026-01-15T06:00:00Z", null, true],
    ["at 07:00 in summer, never sent", "2026-07-15T05:00:00Z", null, true],
    ["06:00 in summer (04:00 UTC), sent yesterday", "2026-07-15T04:00:00Z", "2026-07-14T05:00:00Z", false],
    ["07:00, sent yesterday at 07:00", "2026-01-15T06:00:00Z", "2026-01-14T06:00:00Z", true],
    ["07:00, sent yesterday at 23:30 local (a late catch-up)", "2026-01-15T06:00:00Z", "2026-01-14T22:30:00Z", true],
    ["08:00, already sent today at 07:00", "2026-01-15T07:00:00Z", "2026-01-15T06:00:00Z", false],
    ["23:59, already sent today at 07:00", "2026-01-15T22:59:00Z", "2026-01-15T06:00:00Z", false],
    ["00:30 local (still the 15th in UTC), sent on the 15th", "2026-01-15T23:30:00Z", "2026-01-15T06:00:00Z", false],
    ["07:15, last sent two days ago", "2026-01-15T06:15:00Z", "2026-01-13T06:00:00Z", true],
    ["06:45, last sent two days ago (still waits for 07:00)", "2026-01-15T05:45:00Z", "2026-01-13T06:00:00Z", false],
    ["the clock was set back: last sent 'tomorrow'", "2026-01-15T08:00:00Z", "2026-01-16T06:00:00Z", false],
    // Spring forward (29 March 2026): 07:00 local is 05:00 UTC, no longer 06:00.
    ["spring forward day, 06:30 local (04:30 UTC)", "2026-03-29T04:30:00Z", "2026-03-28T06:00:00Z", false],
    ["spring forward day, 07:00 local (05:00 UTC)", "2026-03-29T05:00:00Z", "2026-03-28T06:00:00Z", true],
    ["day after spring forward, sent at 07:00 CEST the day before", "2026-03-30T05:00:00Z", "2026-03-29T05:00:00Z", true],
    // Fall back (25 October 2026): 07:00 local is 06:00 UTC, no longer 05:00.
    ["fall back day, 06:30 local (05:30 UTC)", "2026-10-25T05:30:00Z", "2026-10-24T05:00:00Z", false],
    ["fall back day, 07:00 local (06:00 UTC)", "2026-10-25T06:00:00Z", "2026-10-24T05:00:00Z", true],
    ["fall back day, the second 02:30 local, sent the day before", "2026-10-25T01:30:00Z", "2026-10-24T05:00:00Z", false],
  ])("%s", (_name, now, last, expected) => {
    expect(isDigestDue(d(now), last ? d(last) : null)).toBe(expected);
  });
});

describe("the digest job's next step", () => {
  const started = d("2026-01-15T06:00:00Z");
  it.each<[string, string, { startedAt: Date | null; finishedFor: Date | null }, ReturnType<typeof nextDigestStep>]>([
    ["nothing yet, before 07:00", "2026-01-15T05:00:00Z", { startedAt: null, finishedFor: null }, { kind: "wait" }],
    ["nothing yet, after 07:00", "2026-01-15T06:15:00Z", { startedAt: null, finishedFor: null }, { kind: "start" }],
    ["today's finished", "2026-01-15T06:15:00Z", { startedAt: started, finishedFor: started }, { kind: "wait" }],
    ["today's interrupted", "2026-01-15T06:15:00Z", { startedAt: started, finishedFor: null }, { kind: "resume", startedAt: started }],
    [
      "yesterday's interrupted, today's due: finish yesterday's first",
      "2026-01-16T06:15:00Z",
      { startedAt: started, finishedFor: d("2026-01-14T06:00:00Z") },
      { kind: "resume", startedAt: started },
    ],
    ["yesterday's finished, today's due", "2026-01-16T06:15:00Z", { startedAt: started, finishedFor: started }, { kind: "start" }],
    ["yesterday's finished, 06:00 today", "2026-01-16T05:00:00Z", { startedAt: started, finishedFor: started }, { kind: "wait" }],
  ])("%s", (_name, now, record, expected) => {
    expect(nextDigestStep(d(now), record)).toEqual(expected);
  });
});

describe("the unread badge", () => {
  it("shows the count up to 99 and '99+' once the count reached its cap", () => {
    expect(unreadLabel(0)).toBeNull();
    expect(unreadLabel(7)).toBe("7");
    expect(unreadLabel(99)).toBe("99");
    expect(unreadLabel(UNREAD_CAP)).toBe("99+");
  });
});
