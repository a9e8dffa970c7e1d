import { eq } from "drizzle-orm";
import { jobRuns } from "#db/schema";
import { db, sqlite } from "./db.server";
import { deliverOutbox, expireOutboxMail } from "./email.server";
import { logger } from "./logger.server";
import { pruneRateLimits } from "./rate-limit.server";
import { deleteExpiredSessions } from "./auth.server";
import { petitionJobs } from "~/modules/petitions/petitions.jobs.server";
import { moderationJobs } from "~/modules/participation/moderation.jobs.server";
import { notificationJobs } from "~/modules/notifications/notifications.jobs.server";
import { topicJobs } from "~/modules/topics/topics.jobs.server";

export interface Job {
  name: string;
  /** How often it runs; the last run time is kept in SQLite, so a restart does not reset it. */
  everyMs: number;
  run: (now: Date) => unknown | Promise<unknown>;
}

const MINUTE = 60_000;

export const JOBS: Job[] = [
  { name: "email-outbox", everyMs: 5_000, run: (now) => deliverOutbox(now) },
  { name: "wal-checkpoint", everyMs: 1_000, run: () => sqlite().pragma("wal_checkpoint(PASSIVE)") },
  { name: "outbox-retention", everyMs: 60 * MINUTE, run: (now) => expireOutboxMail(now) },
  { name: "prune-rate-limits", everyMs: 60 * MINUTE, run: (now) => pruneRateLimits(now.getTime()) },
  { name: "expired-sessions", everyMs: 60 * MINUTE, run: () => deleteExpiredSessions() },
  ...notificationJobs,
  ...petitionJobs,
  ...moderationJobs,
  ...topicJobs,
];

/** Runs every job that is due now. Exported so tests and scripts can drive the runner by hand. */
export async function runDueJobs(now = new Date(), jobs: Job[] = JOBS): Promise<string[]> {
  const ran: string[] = [];
  for (const job of jobs) {
    const last = db.select().from(jobRuns).where(eq(jobRuns.name, job.name)).get();
    if (last?.lastRunAt && now.getTime() - last.lastRunAt.getTime() < job.everyMs) continue;
    let lastError: string | null = null;
    try {
      await job.run(now);
    } catch (error) {
      lastError = String(error instanceof Error ? error.stack ?? error.message : error).slice(0, 2000);
      logger().error({ job: job.name, err: lastError }, "job failed");
    }
    db.insert(jobRuns)
      .values({ name: job.name, lastRunAt: now, lastError })
      .onConflictDoUpdate({ target: jobRuns.name, set: { lastRunAt: now, lastError } })
      .run();
    ran.push(job.name);
  }
  return ran;
}

let timer: NodeJS.Timeout | undefined;
let running: Promise<unknown> | undefined;

/** Starts the one in-process worker: a tick every few seconds runs what is due. */
export function startJobRunner(tickMs = 2_000): void {
  if (timer) return;
  timer = setInterval(() => {
    if (running) return;
    running = runDueJobs()
      .catch((error) => logger().error({ err: String(error) }, "job runner tick failed"))
      .finally(() => {
        running = undefined;
      });
  }, tickMs);
  timer.unref();
}

/** Stops the worker and waits for a tick in progress, for a graceful shutdown. */
export async function stopJobRunner(): Promise<void> {
  if (timer) clearInterval(timer);
  timer = undefined;
  await running;
}
