// Computing the transparency figures in the jobs process, in two resumable steps of short
// transactions that give way between them (jobs.yield.ts):
//  1. fold the timeline events (the source of truth) written since the last run into each topic's
//     first moment of each milestone (transparency_milestones), and mark the days they touch as
//     changed; the same for new moderation decisions;
//  2. compute every day (Amsterdam) that is not computed, was computed before it was over, or was
//     marked changed: its rows of transparency_figures are replaced whole.
// A run stopped half-way has committed whole batches and days, with how far it read, so the next
// run goes on from there. Then what waits past its deadline now is counted (a figure of now).
import { sqlite } from "~/utils/db.server";
import { yieldEvery } from "~/utils/jobs.yield";
import type { Job } from "~/utils/jobs.server";
import { endOfLocalDay, localDay } from "~/utils/local-time";
import { getSetting } from "~/modules/settings/settings.server";
import type { SettingKey } from "~/modules/settings/settings.schema";
import { eventSpec, SHARED_EVENTS } from "~/modules/topics/timeline.events";
import { isRegisteredKind, registeredKinds } from "~/modules/topics/topics.kinds";
import { kindServerManifest } from "~/modules/topics/topics.kinds.server";
import { LEAD_TIME_MILESTONES, type LeadTime, type Milestone } from "./transparency.constants";
import { calendarDays, dayNumber, dayOfNumber } from "./transparency.rules";

const MINUTE = 60_000;
/** A day counts as over this long after midnight: an event carries the moment it happened, a little before it commits. */
const SETTLE_MS = 5 * MINUTE;
/** Events folded per transaction. */
const FOLD_BATCH = 2_000;

/** The first moment of a calendar day in Amsterdam (ms). */
export function startOfLocalDay(day: string): number {
  return endOfLocalDay(dayOfNumber(dayNumber(day) - 1))!.getTime() + 1000;
}

const dayOf = (at: number) => localDay(new Date(at));

/** The event types of a kind that mark a milestone, from the shared catalogue and the kind's own. */
export function milestoneTypes(kind: string): Map<string, Milestone> {
  const own = registeredKinds().find((k) => k.kind === kind)?.events ?? {};
  const out = new Map<string, Milestone>();
  for (const type of new Set([...Object.keys(SHARED_EVENTS), ...Object.keys(own)])) {
    const marks = eventSpec(own, type)?.marks;
    if (marks) out.set(type, marks);
  }
  return out;
}

interface State {
  eventsUpTo: number;
  moderationUpTo: number;
}

function readState(): State {
  return (
    (sqlite().prepare("SELECT events_up_to AS eventsUpTo, moderation_up_to AS moderationUpTo FROM transparency_state WHERE id = 1").get() as State | undefined) ?? {
      eventsUpTo: 0,
      moderationUpTo: 0,
    }
  );
}

function saveState(fields: Partial<State> & { computedAt?: number; waiting?: string }): void {
  const raw = sqlite();
  raw.prepare("INSERT INTO transparency_state (id) VALUES (1) ON CONFLICT (id) DO NOTHING").run();
  const sets: string[] = [];
  if (fields.eventsUpTo !== undefined) sets.push("events_up_to = @eventsUpTo");
  if (fields.moderationUpTo !== undefined) sets.push("moderation_up_to = @moderationUpTo");
  if (fields.computedAt !== undefined) sets.push("computed_at = @computedAt");
  if (fields.waiting !== undefined) sets.push("waiting = @waiting");
  if (sets.length) raw.prepare(`UPDATE transparency_state SET ${sets.join(", ")} WHERE id = 1`).run(fields);
}

function markChanged(days: Iterable<string>): void {
  const forget = sqlite().prepare("DELETE FROM transparency_days WHERE day = ?");
  for (const day of days) forget.run(day);
}

/**
 * Folds one batch of timeline events after the last one read into the topics' milestones, in one
 * transaction with the mark of every day it changes and how far it read. Returns the events read.
 */
export function foldEvents(size: number = FOLD_BATCH): number {
  const raw = sqlite();
  const types = new Map<string, Map<string, Milestone>>();
  const typesOf = (kind: string) => {
    if (!types.has(kind)) types.set(kind, isRegisteredKind(kind) ? milestoneTypes(kind) : new Map());
    return types.get(kind)!;
  };
  const upsert = raw.prepare(
    `INSERT INTO transparency_milestones (topic_id, milestone, kind, at, event_id) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (topic_id, milestone) DO UPDATE SET at = excluded.at, event_id = excluded.event_id WHERE excluded.at < transparency_milestones.at`,
  );
  const milestonesOf = raw.prepare("SELECT at FROM transparency_milestones WHERE topic_id = ?");
  return raw
    .transaction(() => {
      const { eventsUpTo } = readState();
      const events = raw
        .prepare("SELECT id, topic_id AS topicId, kind, type, created_at AS at, is_public AS isPublic FROM topic_events WHERE id > ? ORDER BY id LIMIT ?")
        .all(eventsUpTo, size) as Array<{ id: number; topicId: number; kind: string | null; type: string; at: number; isPublic: number }>;
      if (events.length === 0) return 0;
      const changed = new Set<string>();
      for (const e of events) {
        if (!e.isPublic || !e.kind) continue;
        changed.add(dayOf(e.at));
        const milestone = typesOf(e.kind).get(e.type);
        if (!milestone) continue;
        // A new first moment moves the counts and lead times it is part of: every day the topic had
        // a milestone on (the one it replaces among them) is computed again.
        const before = milestonesOf.all(e.topicId) as Array<{ at: number }>;
        if (upsert.run(e.topicId, milestone, e.kind, e.at, e.id).changes > 0) for (const { at } of before) changed.add(dayOf(at));
      }
      markChanged(changed);
      saveState({ eventsUpTo: events[events.length - 1]!.id });
      return events.length;
    })
    .immediate();
}

/** Marks the days of moderation decisions made since the last run as changed. Returns the decisions read. */
export function foldModeration(size: number = FOLD_BATCH): number {
  const raw = sqlite();
  return raw
    .transaction(() => {
      const { moderationUpTo } = readState();
      const rows = raw.prepare("SELECT id, created_at AS at FROM moderation_actions WHERE id > ? ORDER BY id LIMIT ?").all(moderationUpTo, size) as Array<{ id: number; at: number }>;
      if (rows.length === 0) return 0;
      markChanged(new Set(rows.map((r) => dayOf(r.at))));
      saveState({ moderationUpTo: rows[rows.length - 1]!.id });
      return rows.length;
    })
    .immediate();
}

type Figures = Map<string, number>;
function add(figures: Figures, figure: string, kind: string, neighbourhoodId: number, bucket: number, n = 1): void {
  const key = JSON.stringify([figure, kind, neighbourhoodId, bucket]);
  figures.set(key, (figures.get(key) ?? 0) + n);
}

/** Adds up one day's figures from the milestones, the participation index and the moderation log. */
export function figuresOfDay(day: string): Figures {
  const raw = sqlite();
  const range = { start: startOfLocalDay(day), end: startOfLocalDay(dayOfNumber(dayNumber(day) + 1)) };
  const figures: Figures = new Map();

  const reached = raw
    .prepare(
      `SELECT m.kind, m.milestone, coalesce(t.neighbourhood_id, 0) AS neighbourhoodId, count(*) AS n
         FROM transparency_milestones m JOIN topics t ON t.id = m.topic_id
        WHERE m.at >= @start AND m.at < @end GROUP BY m.kind, m.milestone, neighbourhoodId`,
    )
    .all(range) as Array<{ kind: string; milestone: string; neighbourhoodId: number; n: number }>;
  for (const r of reached) add(figures, `milestone:${r.milestone}`, r.kind, r.neighbourhoodId, 0, r.n);

  // Lead times ending today, from the first moment of the pair's first milestone. A consultation
  // without a close event closed at the end of its open phase (the topic's closes_at).
  const pairs = raw.prepare(
    `SELECT b.kind, coalesce(a.at, CASE WHEN @from = 'close' THEN t.closes_at END) AS fromAt, b.at AS toAt
       FROM transparency_milestones b JOIN topics t ON t.id = b.topic_id
       LEFT JOIN transparency_milestones a ON a.topic_id = b.topic_id AND a.milestone = @from
      WHERE b.at >= @start AND b.at < @end AND b.milestone = @to`,
  );
  for (const [leadTime, [from, to]] of Object.entries(LEAD_TIME_MILESTONES)) {
    for (const p of pairs.all({ ...range, from, to }) as Array<{ kind: string; fromAt: number | null; toAt: number }>) {
      if (p.fromAt !== null && p.fromAt <= p.toAt) add(figures, `lead:${leadTime}`, p.kind, 0, calendarDays(p.fromAt, p.toAt));
    }
  }

  // Next steps done today: on time (bucket -1) or the calendar days they were late.
  const done = raw.prepare(
    `SELECT s.due_at AS dueAt, e.created_at AS at FROM topic_events e JOIN next_steps s ON s.id = json_extract(e.data, '$.stepId')
      WHERE e.kind = @kind AND e.type = 'next-step-done' AND e.created_at >= @start AND e.created_at < @end AND s.due_at IS NOT NULL`,
  );
  for (const { kind } of registeredKinds()) {
    for (const step of done.all({ ...range, kind }) as Array<{ dueAt: number; at: number }>) {
      add(figures, "next-step-done", kind, 0, step.at <= step.dueAt ? -1 : calendarDays(step.dueAt, step.at));
    }
  }

  // New participants: people taking part in a topic for the first time today.
  const participants = raw
    .prepare(
      `SELECT p.kind, coalesce(t.neighbourhood_id, 0) AS neighbourhoodId, count(*) AS n FROM participations p JOIN topics t ON t.id = p.topic_id
        WHERE p.first_at >= @start AND p.first_at < @end GROUP BY p.kind, neighbourhoodId`,
    )
    .all(range) as Array<{ kind: string; neighbourhoodId: number; n: number }>;
  for (const r of participants) add(figures, "participants", r.kind, r.neighbourhoodId, 0, r.n);

  // Moderation decisions, and how long the oldest open flag on each waited for it.
  const decisions = raw
    .prepare(
      `SELECT coalesce(t.kind, '') AS kind, m.action, m.flagged_at AS flaggedAt, m.created_at AS at
         FROM moderation_actions m LEFT JOIN topics t ON t.id = m.topic_id WHERE m.created_at >= @start AND m.created_at < @end`,
    )
    .all(range) as Array<{ kind: string; action: string; flaggedAt: number | null; at: number }>;
  for (const d of decisions) {
    add(figures, `moderation:${d.action}`, d.kind, 0, 0);
    if (d.flaggedAt !== null && d.flaggedAt <= d.at) add(figures, "lead:flag-moderation", d.kind, 0, calendarDays(d.flaggedAt, d.at));
  }
  return figures;
}

/** Replaces one day's rows with what its sources add up to now, in one short transaction. */
export function computeDay(day: string, now: Date): void {
  const raw = sqlite();
  const insert = raw.prepare("INSERT INTO transparency_figures (day, figure, kind, neighbourhood_id, bucket, count) VALUES (?, ?, ?, ?, ?, ?)");
  raw
    .transaction(() => {
      const figures = figuresOfDay(day);
      raw.prepare("DELETE FROM transparency_figures WHERE day = ?").run(day);
      for (const [key, count] of figures) {
        const [figure, kind, neighbourhoodId, bucket] = JSON.parse(key) as [string, string, number, number];
        insert.run(day, figure, kind, neighbourhoodId, bucket, count);
      }
      raw
        .prepare("INSERT INTO transparency_days (day, computed_at) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET computed_at = excluded.computed_at")
        .run(day, now.getTime());
    })
    .immediate();
}

/** The days to compute: never computed (or marked changed), or computed before they were over. */
export function daysToCompute(now: Date): string[] {
  const raw = sqlite();
  const today = localDay(now);
  // Each min() reads one end of an index.
  const earliest = raw
    .prepare(
      `SELECT min(at) AS at FROM (SELECT min(at) AS at FROM transparency_milestones UNION ALL SELECT min(first_at) FROM participations
        UNION ALL SELECT min(created_at) FROM moderation_actions)`,
    )
    .get() as { at: number | null };
  if (earliest.at === null) return [];
  const computed = new Map((raw.prepare("SELECT day, computed_at AS at FROM transparency_days").all() as Array<{ day: string; at: number }>).map((r) => [r.day, r.at]));
  const out: string[] = [];
  for (let n = dayNumber(dayOf(earliest.at)); n <= dayNumber(today); n++) {
    const day = dayOfNumber(n);
    const at = computed.get(day);
    if (at === undefined || at < startOfLocalDay(dayOfNumber(n + 1)) + SETTLE_MS) out.push(day);
  }
  return out;
}

/** What waits past its deadline now, per kind: its lead times with a deadline (settings), and open next steps past their due date. */
export function waitingPastDeadline(now: Date): Record<string, Record<string, number>> {
  const raw = sqlite();
  const today = localDay(now);
  const out: Record<string, Record<string, number>> = {};
  const waiting = raw.prepare(
    `SELECT count(*) AS n FROM transparency_milestones a
      WHERE a.kind = @kind AND a.milestone = @from AND a.at < @cutoff
        AND NOT EXISTS (SELECT 1 FROM transparency_milestones b WHERE b.topic_id = a.topic_id AND b.milestone = @to)`,
  );
  const steps = raw.prepare(
    `SELECT count(*) AS n FROM next_steps s INDEXED BY next_steps_open_due_idx JOIN topics t ON t.id = s.topic_id
      WHERE s.status <> 'done' AND s.due_at IS NOT NULL AND s.due_at < @now AND t.kind = @kind AND t.is_public = 1 AND t.hidden = 0`,
  );
  for (const { kind } of registeredKinds()) {
    const ofKind: Record<string, number> = {};
    for (const [leadTime, key] of Object.entries(kindServerManifest(kind).deadlines ?? {}) as Array<[LeadTime, SettingKey]>) {
      if (leadTime === "flag-moderation") continue;
      const [from, to] = LEAD_TIME_MILESTONES[leadTime];
      // Reached on a day more than `days` days before today: past its deadline since the day after it.
      const cutoff = startOfLocalDay(dayOfNumber(dayNumber(today) - Number(getSetting(key))));
      ofKind[leadTime] = (waiting.get({ kind, from, to, cutoff }) as { n: number }).n;
    }
    ofKind["next-steps"] = (steps.get({ now: now.getTime(), kind }) as { n: number }).n;
    out[kind] = ofKind;
  }
  return out;
}

/**
 * The job: folds what is new, computes every day that needs it, then counts what waits past its
 * deadline and records when. Returns the days computed.
 */
export async function refreshTransparencyFigures(now: Date = new Date()): Promise<number> {
  while (foldEvents() === FOLD_BATCH) await yieldEvery();
  while (foldModeration() === FOLD_BATCH) await yieldEvery();
  const days = daysToCompute(now);
  for (const day of days) {
    computeDay(day, now);
    await yieldEvery();
  }
  saveState({ computedAt: now.getTime(), waiting: JSON.stringify(waitingPastDeadline(now)) });
  return days.length;
}

export const transparencyJobs: Job[] = [{ name: "transparency-figures", everyMs: 15 * MINUTE, run: (now) => refreshTransparencyFigures(now) }];
