// Counting support, the same for every kind: the topic's supportCount, the day and the
// neighbourhood, and the thresholds a new count reaches, all in the transaction that counted (or
// withdrew) the support, so the counters never disagree with the rows and a threshold is reached
// exactly once.
import { recordTopicEvent } from "~/modules/topics/outcomes.server";
import { stoppedTakingPart, tookPart } from "~/modules/topics/participations.server";
import { sqlite, type Tx } from "~/utils/db.server";
import { localDay } from "~/utils/local-time";
import type { SupportThresholds } from "./support.policy";
import { newlyReached } from "./support.rules";

// Prepared once: they run on every signature of a viral petition, inside its group commit
// (drizzle would build and prepare each statement again on every call).
let prepared: ReturnType<typeof prepareCounting> | undefined;
function prepareCounting() {
  const raw = sqlite();
  return {
    bumpTopic: raw.prepare<[number, number, number], { count: number }>(
      "UPDATE topics SET support_count = support_count + ?, updated_at = ? WHERE id = ? RETURNING support_count AS count",
    ),
    bumpDay: raw.prepare<[number, string, number]>(
      "INSERT INTO support_daily_counts (topic_id, day, count) VALUES (?, ?, ?) ON CONFLICT (topic_id, day) DO UPDATE SET count = count + excluded.count",
    ),
    bumpNeighbourhood: raw.prepare<[number, number, number]>(
      "INSERT INTO support_neighbourhood_counts (topic_id, neighbourhood_id, count) VALUES (?, ?, ?) ON CONFLICT (topic_id, neighbourhood_id) DO UPDATE SET count = count + excluded.count",
    ),
  };
}
const statements = () => (prepared ??= prepareCounting());

export interface CountChange {
  topicId: number;
  /** The supporter's neighbourhood; null counts as "outside or unknown" (0). */
  neighbourhoodId: number | null;
  /** When the support counted: a withdrawal takes it off that day, so the days add up to the total. */
  countedAt: Date;
  now: Date;
  /** The supporter's account, if they have one: their participation index moves with the count. */
  supporterId?: string | null;
}

/**
 * Moves the denormalised counts by one support (+1 when it counts, -1 when it is withdrawn): the
 * topic's supportCount, the day it counted and its neighbourhood. Runs inside the caller's
 * transaction (`_tx` says so; the prepared statements run on the same connection). Returns the new total.
 */
export function moveSupportCounts(_tx: Tx, change: CountChange, delta: 1 | -1): number {
  const { bumpTopic, bumpDay, bumpNeighbourhood } = statements();
  const row = bumpTopic.get(delta, change.now.getTime(), change.topicId);
  bumpDay.run(change.topicId, localDay(change.countedAt), delta);
  bumpNeighbourhood.run(change.topicId, change.neighbourhoodId ?? 0, delta);
  return row?.count ?? 0;
}

/**
 * The thresholds a count reaches for the first time move the subject on: for each, in the
 * subject's order, the kind's own step (status, notices) and, when its rules allowed it, the
 * public timeline event. Returns the names of the thresholds reached.
 */
export function reachThresholds<Subject>(tx: Tx, thresholds: SupportThresholds<Subject>, topicId: number, subject: Subject, count: number, now: Date): string[] {
  const all = thresholds.of(subject);
  const reached: string[] = [];
  for (const name of newlyReached(all, count)) {
    const at = all.find((t) => t.name === name)!.at!;
    const moved = thresholds.reached(tx, subject, { name, at }, now);
    if (!moved) continue;
    recordTopicEvent(tx, { topicId, type: "threshold-reached", payload: { count: at, threshold: name }, actor: null, at: now, notice: moved === true ? undefined : moved });
    reached.push(name);
  }
  return reached;
}

/** One support counts: the counters move up and the thresholds it reaches move the subject on. Returns the new total. */
export function countSupport<Subject>(tx: Tx, thresholds: SupportThresholds<Subject>, subject: Subject, change: CountChange): number {
  const count = moveSupportCounts(tx, change, 1);
  if (change.supporterId) tookPart(tx, { userId: change.supporterId, topicId: change.topicId, way: "supported", at: change.now });
  reachThresholds(tx, thresholds, change.topicId, subject, count, change.now);
  return count;
}

/** One support is withdrawn: the counters move down (a threshold once reached stays reached). Returns the new total. */
export function uncountSupport(tx: Tx, change: CountChange): number {
  if (change.supporterId) stoppedTakingPart(tx, { userId: change.supporterId, topicId: change.topicId, way: "supported" });
  return moveSupportCounts(tx, change, -1);
}
