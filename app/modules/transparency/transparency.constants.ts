// The words of the transparency figures (issue #13): the moments in a topic's life that lead times
// run between, and the lead times themselves. Client-safe: data and types only.

/**
 * The moments a lead time runs between. An event type marks one in the catalogue
 * (timeline.events.ts: `marks`); a kind marks its own events in its manifest.
 */
export const MILESTONES = ["submission", "publication", "threshold", "response", "decision", "close", "report"] as const;
export type Milestone = (typeof MILESTONES)[number];

/**
 * The lead times (doorlooptijden) the dashboard shows, each from one moment to the next, in
 * calendar days in Amsterdam. "flag-moderation" runs from the oldest open flag to the clerk's
 * decision (the moderation log), the others between two timeline events of one topic.
 */
export const LEAD_TIMES = ["submission-publication", "threshold-response", "response-decision", "close-report", "flag-moderation"] as const;
export type LeadTime = (typeof LEAD_TIMES)[number];

/** Between which moments each lead time runs (the moderation one is read from the moderation log). */
export const LEAD_TIME_MILESTONES: Readonly<Record<Exclude<LeadTime, "flag-moderation">, readonly [Milestone, Milestone]>> = {
  "submission-publication": ["submission", "publication"],
  "threshold-response": ["threshold", "response"],
  "response-decision": ["response", "decision"],
  "close-report": ["close", "report"],
};

/** The bands a distribution is shown in: up to and including `upTo` days (null: the rest). */
export const LEAD_TIME_BANDS: ReadonlyArray<{ key: string; upTo: number | null }> = [
  { key: "0-1", upTo: 1 },
  { key: "2-7", upTo: 7 },
  { key: "8-14", upTo: 14 },
  { key: "15-30", upTo: 30 },
  { key: "31-90", upTo: 90 },
  { key: "91+", upTo: null },
];

/** The figures the dashboard and its CSV downloads show, one chart and table each. */
export const FIGURES = ["participation", "neighbourhoods", "published", "lead-times", "overdue", "moderation"] as const;
export type FigureName = (typeof FIGURES)[number];

/** The longest period the dashboard adds up at once (days), and the earliest day it accepts. */
export const MAX_PERIOD_DAYS = 366 * 5;
export const EARLIEST_DAY = "2000-01-01";
