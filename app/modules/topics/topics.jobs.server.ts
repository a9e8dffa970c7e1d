import { and, asc, eq, inArray, isNotNull, isNull, lt, ne } from "drizzle-orm";
import { nextSteps, topics, userRoles } from "#db/schema";
import { notify } from "~/modules/notifications/notifications.server";
import { db, type DB, type Tx } from "~/utils/db.server";
import type { Job } from "~/utils/jobs.server";
import { topicPath } from "./topics.paths";
import { stepsDueForReminder } from "./topics.rules";

const MINUTE = 60_000;
/** Steps reminded per transaction, so a backlog never holds the write lock for long. */
const BATCH = 100;

function clerks(tx: DB | Tx): string[] {
  return tx.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, "clerk")).all().map((r) => r.id);
}

/** Overdue, not done, not yet reminded, on a visible topic: what the database can narrow down before the rule decides. */
function candidates(tx: DB | Tx, now: Date, limit: number) {
  return tx
    .select({
      id: nextSteps.id,
      topicId: nextSteps.topicId,
      description: nextSteps.description,
      status: nextSteps.status,
      dueAt: nextSteps.dueAt,
      remindedAt: nextSteps.remindedAt,
      topicHidden: topics.hidden,
      kind: topics.kind,
      title: topics.title,
    })
    .from(nextSteps)
    .innerJoin(topics, eq(topics.id, nextSteps.topicId))
    .where(
      and(
        isNull(nextSteps.remindedAt),
        ne(nextSteps.status, "done"),
        isNotNull(nextSteps.dueAt),
        lt(nextSteps.dueAt, now),
        eq(topics.hidden, false),
      ),
    )
    .orderBy(asc(nextSteps.dueAt), asc(nextSteps.id))
    .limit(limit)
    .all();
}

/**
 * Tells every clerk, once per step, that a next step is overdue: an inbox notice linking to the
 * topic, mailed by each clerk's email preference like every notice. The steps are chosen and
 * marked reminded in the same write transaction as the notices, so a second run, or two at once,
 * sends nothing more. Returns how many steps were reminded.
 */
export function remindOverdueNextSteps(now = new Date()): number {
  // A cheap read first: most runs find nothing and then take no write lock at all.
  if (candidates(db, now, 1).length === 0) return 0;
  let reminded = 0;
  for (;;) {
    const count = db.transaction((tx) => {
      const due = stepsDueForReminder(candidates(tx, now, BATCH), now);
      if (due.length === 0) return 0;
      const ids = clerks(tx);
      for (const step of due) {
        notify(tx, ids, {
          type: "notification.nextStep.overdue",
          topicId: step.topicId,
          data: { title: step.title, description: step.description },
          link: topicPath({ id: step.topicId, kind: step.kind }),
          eventKey: `next-step-overdue:${step.id}`,
        });
      }
      tx.update(nextSteps)
        .set({ remindedAt: now })
        .where(and(inArray(nextSteps.id, due.map((s) => s.id)), isNull(nextSteps.remindedAt)))
        .run();
      return due.length;
    });
    reminded += count;
    if (count < BATCH) return reminded;
  }
}

export const topicJobs: Job[] = [
  { name: "topics-overdue-next-step-reminders", everyMs: 15 * MINUTE, run: (now) => remindOverdueNextSteps(now) },
];
