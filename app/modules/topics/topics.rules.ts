// Pure rules shared by every kind of topic: when a next step is overdue, and when the clerks
// are to be reminded of it. No database, no clock: `now` is always passed in.
import type { NextStepStatus } from "#db/schema/topics.constants";
import { localDay } from "~/utils/local-time";

export interface StepTiming {
  status: NextStepStatus;
  dueAt: Date | null;
}

/** A step is overdue once its due moment has passed and it is not done (the public flag on the topic page). */
export function isOverdue(step: StepTiming, now: Date): boolean {
  return step.status !== "done" && step.dueAt !== null && step.dueAt.getTime() < now.getTime();
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;

/**
 * How many calendar days (on the town hall's clock, Europe/Amsterdam) an overdue step is late: 0
 * on its due day itself (past the due moment), 1 the day after, and so on; null while it is not
 * overdue. Days, not 24-hour periods: a step due at 23:59 is one day late at 00:00.
 */
export function daysOverdue(step: StepTiming, now: Date): number | null {
  if (!isOverdue(step, now)) return null;
  return dayNumber(localDay(now)) - dayNumber(localDay(step.dueAt!));
}

export interface ReminderCandidate extends StepTiming {
  /** When the clerks were told; null while they have not been. */
  remindedAt: Date | null;
  /** Whether the topic the step belongs to is hidden by moderation: nothing about it goes out. */
  topicHidden: boolean;
}

/**
 * Whether the clerks are to be reminded of a step at `now`: it is overdue, on a topic that is not
 * hidden, and they have not been reminded of it yet (once per step; moving the due date resets it).
 */
export function isDueForReminder(step: ReminderCandidate, now: Date): boolean {
  return !step.topicHidden && step.remindedAt === null && isOverdue(step, now);
}

/** The steps of a list that are due for a reminder at `now`, in their order. */
export function stepsDueForReminder<T extends ReminderCandidate>(steps: readonly T[], now: Date): T[] {
  return steps.filter((step) => isDueForReminder(step, now));
}
