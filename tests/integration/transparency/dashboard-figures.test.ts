// The transparency figures against a fixture computed by hand: a small set of timeline events,
// participations, next steps and moderation decisions in the spring of 2026, some of them a few
// minutes either side of midnight in Amsterdam (where the UTC day is another one), run through the
// job and read back through `transparencyFigures`. Every number asserted here is worked out in the
// comments beside the fixture.
import { beforeAll, describe, expect, it } from "vitest";
import { refreshTransparencyFigures } from "~/modules/transparency/transparency.jobs.server";
import { transparencyFigures } from "~/modules/transparency/transparency.server";
import { sqlite } from "~/utils/db.server";

const at = (iso: string) => new Date(iso).getTime();
// 1 July 2026, noon in Amsterdam (summer time).
const NOW = new Date("2026-07-01T12:00:00+02:00");

let centrum = 0;
let noord = 0;
const ids: Record<string, number> = {};

function topic(name: string, kind: string, neighbourhoodId: number | null, closesAt: number | null = null): number {
  const row = sqlite()
    .prepare("INSERT INTO topics (kind, title, status, is_public, neighbourhood_id, closes_at) VALUES (?, ?, 'open', 1, ?, ?) RETURNING id")
    .get(kind, `Fixture ${name}`, neighbourhoodId, closesAt) as { id: number };
  ids[name] = row.id;
  return row.id;
}

function event(topicName: string, type: string, iso: string, data: Record<string, unknown> = {}): number {
  const topicId = ids[topicName]!;
  const kind = (sqlite().prepare("SELECT kind FROM topics WHERE id = ?").get(topicId) as { kind: string }).kind;
  return (
    sqlite()
      .prepare("INSERT INTO topic_events (topic_id, kind, type, actor_role, data, is_public, created_at) VALUES (?, ?, ?, 'staff', ?, 1, ?) RETURNING id")
      .get(topicId, kind, type, JSON.stringify(data), at(iso)) as { id: number }
  ).id;
}

function participation(user: string, topicName: string, iso: string): void {
  sqlite().prepare("INSERT OR IGNORE INTO users (id, display_name) VALUES (?, ?)").run(user, user);
  const topicId = ids[topicName]!;
  const kind = (sqlite().prepare("SELECT kind FROM topics WHERE id = ?").get(topicId) as { kind: string }).kind;
  sqlite()
    .prepare("INSERT INTO participations (user_id, topic_id, kind, ways, first_at, last_at, seen_at) VALUES (?, ?, ?, 1, ?, ?, ?)")
    .run(user, topicId, kind, at(iso), at(iso), at(iso));
}

function step(topicName: string, dueIso: string, doneIso: string | null): void {
  const topicId = ids[topicName]!;
  const stepId = (
    sqlite()
      .prepare("INSERT INTO next_steps (topic_id, description, due_at, status, completed_at) VALUES (?, 'Stap', ?, ?, ?) RETURNING id")
      .get(topicId, at(dueIso), doneIso ? "done" : "planned", doneIso ? at(doneIso) : null) as { id: number }
  ).id;
  if (doneIso) event(topicName, "next-step-done", doneIso, { stepId, description: "Stap" });
}

function moderation(topicName: string, action: string, flaggedIso: string | null, decidedIso: string): void {
  sqlite()
    .prepare("INSERT INTO moderation_actions (target_type, target_id, topic_id, action, flagged_at, created_at) VALUES ('topic', ?, ?, ?, ?, ?)")
    .run(String(ids[topicName]), ids[topicName], action, flaggedIso ? at(flaggedIso) : null, at(decidedIso));
}

const SPRING = { from: "2026-03-01", to: "2026-06-30", kind: null };

beforeAll(async () => {
  const raw = sqlite();
  centrum = (raw.prepare("INSERT INTO neighbourhoods (name, postcode_from, postcode_to) VALUES ('Centrum', 1000, 1099) RETURNING id").get() as { id: number }).id;
  noord = (raw.prepare("INSERT INTO neighbourhoods (name, postcode_from, postcode_to) VALUES ('Noord', 1100, 1199) RETURNING id").get() as { id: number }).id;

  // P1: submitted 2 March, published 4 March (2 days); threshold 10 March, answered 20 May
  // (21 + 30 + 20 = 71 days, within the 90 of petitionResponseDays); debated 3 June (14 days after the answer).
  topic("P1", "petition", centrum);
  event("P1", "submitted", "2026-03-02T10:00:00+01:00");
  event("P1", "published", "2026-03-04T09:00:00+01:00");
  event("P1", "threshold-reached", "2026-03-10T12:00:00+01:00", { count: 500, threshold: "response" });
  event("P1", "threshold-reached", "2026-03-25T12:00:00+01:00", { count: 2000, threshold: "debate" }); // a second threshold: the first counts
  event("P1", "responded", "2026-05-20T12:00:00+02:00");
  event("P1", "debated", "2026-06-03T20:00:00+02:00");
  // P2: submitted at 23:30 on 5 March, published at 00:15 on 13 March in Amsterdam (still 12 March
  // in UTC): 8 days, past the 5 of petitionModerationOverdueDays. Threshold on 20 March and no
  // answer: 103 days on 1 July, past the 90: waiting.
  topic("P2", "petition", noord);
  event("P2", "submitted", "2026-03-05T23:30:00+01:00");
  event("P2", "published", "2026-03-13T00:15:00+01:00");
  event("P2", "threshold-reached", "2026-03-20T10:00:00+01:00", { count: 500, threshold: "response" });
  // P3: submitted a minute before midnight on 31 March (summer time), turned down a minute after: 1 day.
  topic("P3", "petition", null);
  event("P3", "submitted", "2026-03-31T23:59:00+02:00");
  event("P3", "rejected", "2026-04-01T00:01:00+02:00", { reason: "petition.reject.reason.duplicate" });
  // P4 waits 3 days for the clerks (within 5), P5 11 days (past it).
  topic("P4", "petition", null);
  event("P4", "submitted", "2026-06-28T10:00:00+02:00");
  topic("P5", "petition", null);
  event("P5", "submitted", "2026-06-20T10:00:00+02:00");
  // Q1: a proposal admissible after 19 days (past the 14 of proposalAdmissibilityDays), decided by the council.
  topic("Q1", "proposal", centrum);
  event("Q1", "submitted", "2026-04-01T09:00:00+02:00");
  event("Q1", "admissible", "2026-04-20T09:00:00+02:00", { threshold: 100, days: 90 });
  event("Q1", "threshold-reached", "2026-05-01T09:00:00+02:00", { count: 100, threshold: "council" });
  event("Q1", "council-decided", "2026-06-10T21:00:00+02:00", { agendaItemId: 1, reason: "council.decision.adopted" });
  // B1: a bylaw whose consultation ended on 30 April (its closes_at, no close event) and whose report came on 12 May: 12 days.
  topic("B1", "bylaw", null, at("2026-04-30T23:59:59+02:00"));
  event("B1", "published", "2026-03-01T09:00:00+01:00");
  event("B1", "report-published", "2026-05-12T10:00:00+02:00", { amendments: 3 });
  // V1: a vote closed and counted the same evening: 0 days.
  topic("V1", "vote", null);
  event("V1", "closed", "2026-06-01T18:00:00+02:00");
  event("V1", "counted", "2026-06-01T18:05:00+02:00", { ballots: 40 });
  // D1: a discussion published and concluded.
  topic("D1", "discussion", noord);
  event("D1", "published", "2026-05-01T09:00:00+02:00");
  event("D1", "concluded", "2026-05-02T09:00:00+02:00");

  // Next steps on P1: done 2 days late, done a day early, and one open past its due date.
  step("P1", "2026-06-10T12:00:00+02:00", "2026-06-12T09:00:00+02:00");
  step("P1", "2026-06-15T12:00:00+02:00", "2026-06-14T09:00:00+02:00");
  step("P1", "2026-06-20T12:00:00+02:00", null);

  // New participants. In the spring: u1 and u2 on P1 in March (u2 at 23:30 on 31 March), u3 on P2
  // at 00:30 on 1 April in Amsterdam (still 31 March in UTC), u1 on Q1 in April. Outside it:
  // u4 on P1 at 23:30 on 28 February, u5 on P2 at 00:10 on 1 July (30 June in UTC).
  participation("u1", "P1", "2026-03-05T10:00:00+01:00");
  participation("u2", "P1", "2026-03-31T23:30:00+02:00");
  participation("u3", "P2", "2026-04-01T00:30:00+02:00");
  participation("u1", "Q1", "2026-04-02T10:00:00+02:00");
  participation("u4", "P1", "2026-02-28T23:30:00+01:00");
  participation("u5", "P2", "2026-07-01T00:10:00+02:00");

  // Moderation: a report at 23:30 on 10 April decided at 00:30 on 11 April (1 calendar day in
  // Amsterdam, the same UTC day), one decided after 3 days, and a restore without a report.
  moderation("P1", "hide", "2026-04-10T23:30:00+02:00", "2026-04-11T00:30:00+02:00");
  moderation("D1", "dismiss", "2026-04-12T10:00:00+02:00", "2026-04-15T10:00:00+02:00");
  moderation("P1", "restore", null, "2026-04-16T10:00:00+02:00");

  await refreshTransparencyFigures(NOW);
});

describe("the transparency figures, checked by hand", () => {
  it("lead times: medians, the 90th percentile and the distribution in calendar days in Amsterdam", () => {
    const figures = transparencyFigures(SPRING);
    const lead = Object.fromEntries(figures.leadTimes.map((l) => [l.leadTime, l]));
    // Submission to publication or rejection: P3 1, P1 2, P2 8, Q1 19: median (2 + 8) / 2 = 5, p90 at rank 2.7: 8 + 0.7 × 11 = 15.7.
    expect(lead["submission-publication"]).toMatchObject({ count: 4, median: 5 });
    expect(lead["submission-publication"]!.p90).toBeCloseTo(15.7, 5);
    expect(lead["submission-publication"]!.bands).toEqual([
      { key: "0-1", count: 1 },
      { key: "2-7", count: 1 },
      { key: "8-14", count: 1 },
      { key: "15-30", count: 1 },
      { key: "31-90", count: 0 },
      { key: "91+", count: 0 },
    ]);
    expect(lead["submission-publication"]!.byKind).toEqual([
      { kind: "petition", count: 3, median: 2, p90: expect.closeTo(6.8, 5) },
      { kind: "proposal", count: 1, median: 19, p90: 19 },
    ]);
    expect(lead["threshold-response"]).toMatchObject({ count: 1, median: 71 });
    expect(lead["response-decision"]).toMatchObject({ count: 1, median: 14 });
    // Close to report: V1 0 (its close event), B1 12 (from its closes_at): median 6.
    expect(lead["close-report"]).toMatchObject({ count: 2, median: 6 });
    // Flag to decision: 1 (across midnight in Amsterdam) and 3: median 2.
    expect(lead["flag-moderation"]).toMatchObject({ count: 2, median: 2 });
  });

  it("overdue against the municipality's deadlines: in time, late, and still waiting past the deadline", () => {
    const figures = transparencyFigures(SPRING);
    const row = (kind: string, leadTime: string) => figures.deadlines.find((d) => d.kind === kind && d.leadTime === leadTime);
    expect(row("petition", "submission-publication")).toEqual({ kind: "petition", leadTime: "submission-publication", deadlineDays: 5, inTime: 2, late: 1, waiting: 1 });
    expect(row("petition", "threshold-response")).toEqual({ kind: "petition", leadTime: "threshold-response", deadlineDays: 90, inTime: 1, late: 0, waiting: 1 });
    expect(row("proposal", "submission-publication")).toEqual({ kind: "proposal", leadTime: "submission-publication", deadlineDays: 14, inTime: 0, late: 1, waiting: 0 });
    expect(row("petition", "next-steps")).toEqual({ kind: "petition", leadTime: "next-steps", deadlineDays: null, inTime: 1, late: 1, waiting: 1 });
    expect(row("discussion", "next-steps")).toMatchObject({ inTime: 0, late: 0, waiting: 0 });
  });

  it("participation per kind, per month and per neighbourhood, with the period's ends taken in Amsterdam", () => {
    const figures = transparencyFigures(SPRING);
    expect(figures.unit).toBe("month");
    expect(figures.participation.total).toBe(4);
    expect(figures.participation.byPeriod.map((p) => [p.period, p.byKind.petition, p.byKind.proposal, p.total])).toEqual([
      ["2026-03", 2, 0, 2],
      ["2026-04", 1, 1, 2],
      ["2026-05", 0, 0, 0],
      ["2026-06", 0, 0, 0],
    ]);
    expect(figures.neighbourhoods).toEqual([
      // Centrum: u1 and u2 on P1 in March, u1 on Q1 in April; Noord: u3 on P2 on 1 April.
      { id: centrum, name: "Centrum", count: 3, byPeriod: { "2026-03": 2, "2026-04": 1, "2026-05": 0, "2026-06": 0 } },
      { id: noord, name: "Noord", count: 1, byPeriod: { "2026-03": 0, "2026-04": 1, "2026-05": 0, "2026-06": 0 } },
    ]);
    // 1 April alone: only u3's first participation (31 March in UTC), per day.
    const april1 = transparencyFigures({ from: "2026-04-01", to: "2026-04-01", kind: null });
    expect(april1.unit).toBe("day");
    expect(april1.participation.byPeriod).toEqual([{ period: "2026-04-01", byKind: expect.objectContaining({ petition: 1, proposal: 0 }), total: 1 }]);
    // The last day of February and the first of July hold the two outside the spring.
    expect(transparencyFigures({ from: "2026-02-28", to: "2026-02-28", kind: null }).participation.total).toBe(1);
    expect(transparencyFigures({ from: "2026-07-01", to: "2026-07-01", kind: null }).participation.total).toBe(1);
    expect(transparencyFigures({ from: "2026-06-30", to: "2026-06-30", kind: null }).participation.total).toBe(0);
  });

  it("topics per step, each topic's first event of a step counted once", () => {
    const figures = transparencyFigures(SPRING);
    const petition = figures.milestones.find((m) => m.kind === "petition")!.counts;
    expect(petition).toEqual({ submission: 5, publication: 3, threshold: 2, response: 1, decision: 1, close: 0, report: 0 });
    expect(figures.milestones.find((m) => m.kind === "bylaw")!.counts).toMatchObject({ publication: 1, report: 1 });
    // P3's rejection, a minute after midnight, is April's; its submission March's.
    const march = transparencyFigures({ from: "2026-03-01", to: "2026-03-31", kind: "petition" });
    expect(march.milestones).toEqual([{ kind: "petition", counts: { submission: 3, publication: 2, threshold: 2, response: 0, decision: 0, close: 0, report: 0 } }]);
  });

  it("moderation decisions per action", () => {
    const figures = transparencyFigures(SPRING);
    expect(figures.moderation).toEqual({
      actions: [
        { action: "dismiss", count: 1 },
        { action: "hide", count: 1 },
        { action: "restore", count: 1 },
      ],
      handled: 2,
      medianDays: 2,
    });
  });

  it("a kind's figures alone", () => {
    const figures = transparencyFigures({ ...SPRING, kind: "proposal" });
    expect(figures.kinds).toEqual(["proposal"]);
    expect(figures.participation.total).toBe(1);
    expect(figures.leadTimes.find((l) => l.leadTime === "submission-publication")).toMatchObject({ count: 1, median: 19 });
    expect(figures.deadlines.map((d) => d.kind)).toEqual(["proposal", "proposal"]);
    expect(figures.moderation.actions).toEqual([]);
  });

  it("is incremental: a second run computes only today, an event on a day already computed computes that day again", async () => {
    expect(transparencyFigures(SPRING).computedAt).toBe(NOW.toISOString());
    expect(await refreshTransparencyFigures(NOW)).toBe(1);
    topic("D2", "discussion", null);
    event("D2", "published", "2026-04-20T10:00:00+02:00");
    expect(await refreshTransparencyFigures(NOW)).toBe(2);
    const discussion = transparencyFigures({ from: "2026-04-20", to: "2026-04-20", kind: "discussion" });
    expect(discussion.milestones[0]!.counts.publication).toBe(1);
    // An earlier event of a milestone a topic had already reached moves its lead time: both days are computed again.
    event("P2", "published", "2026-03-09T10:00:00+01:00");
    await refreshTransparencyFigures(NOW);
    const lead = transparencyFigures(SPRING).leadTimes.find((l) => l.leadTime === "submission-publication")!;
    // P2 now took 4 days: 1, 2, 4, 19: median 3.
    expect(lead).toMatchObject({ count: 4, median: 3 });
  });
});
