import { eq } from "drizzle-orm";
import { jobRuns } from "#db/schema";
import { db, optimizeDatabase, sqlite } from "./db.server";
import { deliverOutbox, expireOutboxMail } from "./email.server";
import { logger } from "./logger.server";
import { pruneRateLimits } from "./rate-limit.server";
import { deleteExpiredSessions } from "./auth.server";

export interface Job {
  name: string;
  /** How often it runs; the last run time is kept in SQLite, so a restart does not reset it. */
  everyMs: number;
  run: (now: Date) => unknown | Promise<unknown>;
}

const MINUTE = 60_000;

/** The platform's own jobs; the modules' jobs are added by the composition root (app/kinds.server.ts). */
const PLATFORM_JOBS: Job[] = [
  { name: "email-outbox", everyMs: 5_000, run: (now) => deliverOutbox(now) },
  { name: "wal-checkpoint", everyMs: 1_000, run: () => sqlite().pragma("wal_checkpoint(PASSIVE)") },
  { name: "outbox-retention", everyMs: 60 * MINUTE, run: (now) => expireOutboxMail(now) },
  { name: "prune-rate-limits", everyMs: 60 * MINUTE, run: (now) => pruneRateLimits(now.getTime()) },
  { name: "expired-sessions", everyMs: 60 * MINUTE, run: () => deleteExpiredSessions() },
  { name: "database-optimize", everyMs: 24 * 60 * MINUTE, run: () => optimizeDatabase() },
];

const jobs: Job[] = [...PLATFORM_JOBS];

/** Adds modules' jobs to the runner, in the order given; a job registered again is a no-op. */
export function registerJobs(more: readonly Job[]): void {
  for (const job of more) {
    const known = jobs.find((j) => j.name === job.name);
    if (known && known !== job) throw new Error(`Job ${job.name} is registered twice`);
    if (!known) jobs.push(job);
  }
}

/** Every job the runner runs. */
export function registeredJobs(): readonly Job[] {
  return jobs;
}

/** Runs every job that is due now. Exported so tests and scripts can drive the runner by hand. */
export async function runDueJobs(now = new Date(), list: readonly Job[] = jobs): Promise<string[]> {
  const ran: string[] = [];
  for (const job of list) {
    const last = db.select().from(jobRuns).where(eq(jobRuns.name, job.name)).get();
    if (last?.lastRunAt && now.getTime() - last.lastRunAt.getTime() < job.everyMs) continue;
    let lastError: string | null = null;
    const started = performance.now();
    try {
      const rows = await job.run(now);
      // Every run's time and rows, so a job that grows with the database shows in the log; the
      // frequent runs that found nothing to do stay at debug level.
      const ms = Math.round(performance.now() - started);
      const fields = { job: job.name, ms, ...(typeof rows === "number" ? { rows } : {}) };
      if ((typeof rows === "number" && rows > 0) || ms >= 20) logger().info(fields, "job ran");
      else logger().debug(fields, "job ran");
    } catch (error) {
      lastError = String(error instanceof Error ? error.stack ?? error.message : error).slice(0, 2000);
      logger().error({ job: job.name, ms: Math.round(performance.now() - started), err: lastError }, "job failed");
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

/** Whether this process runs the job runner (only the jobs process, or a lone single process). */
export function jobRunnerStarted(): boolean {
  return timer !== undefined;
}

/** Stops the worker and waits for a tick in progress, for a graceful shutdown. */
export async function stopJobRunner(): Promise<void> {
  if (timer) clearInterval(timer);
  timer = undefined;
  await running;
}
