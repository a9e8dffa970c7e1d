import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { jobRuns } from "#db/schema";
import { registeredServerKinds } from "~/modules/topics/topics.kinds.server";
import { registeredJobs, runDueJobs, type Job } from "~/utils/jobs.server";
import { db } from "~/utils/db.server";

const MINUTE = 60_000;
const lastRun = (name: string) => db.select().from(jobRuns).where(eq(jobRuns.name, name)).get();

describe("the job runner", () => {
  it("runs a job when it is due, and not again until its interval has passed", async () => {
    const calls: Date[] = [];
    const job: Job = { name: `test-every-10-min-${Date.now()}`, everyMs: 10 * MINUTE, run: (now) => void calls.push(now) };
    const t0 = new Date("2030-05-01T10:00:00Z");
    expect(await runDueJobs(t0, [job])).toEqual([job.name]);
    expect(await runDueJobs(new Date(t0.getTime() + 9 * MINUTE), [job])).toEqual([]);
    expect(await runDueJobs(new Date(t0.getTime() + 10 * MINUTE), [job])).toEqual([job.name]);
    expect(calls).toHaveLength(2);
    expect(lastRun(job.name)).toMatchObject({ lastRunAt: new Date(t0.getTime() + 10 * MINUTE), lastError: null });
  });

  it("keeps its state in SQLite, so a 'restart' (a fresh job list) does not rerun early", async () => {
    const name = `test-restart-${Date.now()}`;
    const t0 = new Date("2030-05-01T10:00:00Z");
    await runDueJobs(t0, [{ name, everyMs: 60 * MINUTE, run: () => {} }]);
    let ran = false;
    await runDueJobs(new Date(t0.getTime() + MINUTE), [{ name, everyMs: 60 * MINUTE, run: () => void (ran = true) }]);
    expect(ran).toBe(false);
  });

  it("records a failing job's error and still runs the others", async () => {
    const failing: Job = { name: `test-failing-${Date.now()}`, everyMs: MINUTE, run: () => Promise.reject(new Error("disk on fire")) };
    let other = false;
    const healthy: Job = { name: `test-healthy-${Date.now()}`, everyMs: MINUTE, run: () => void (other = true) };
    const ran = await runDueJobs(new Date("2030-05-01T10:00:00Z"), [failing, healthy]);
    expect(ran).toEqual([failing.name, healthy.name]);
    expect(other).toBe(true);
    expect(lastRun(failing.name)!.lastError).toContain("disk on fire");
    // A later success clears the error.
    await runDueJobs(new Date("2030-05-01T10:05:00Z"), [{ ...failing, run: () => {} }]);
    expect(lastRun(failing.name)!.lastError).toBeNull();
  });

  it("the runner has every registered kind's jobs and the participation core's, from the composition root", () => {
    const names = registeredJobs().map((j) => j.name);
    const kindJobs = registeredServerKinds().flatMap((kind) => kind.jobs.map((j) => j.name));
    expect(kindJobs).toContain("petitions-close-expired");
    expect(names).toEqual(expect.arrayContaining([...kindJobs, "end-expired-blocks", "topics-overdue-next-step-reminders", "email-outbox"]));
    expect(new Set(names).size).toBe(names.length);
  });

  it("the real job list runs without errors on an empty database", async () => {
    const ran = await runDueJobs(new Date("2031-01-01T00:00:00Z"));
    expect(ran).toEqual(registeredJobs().map((j) => j.name));
    for (const job of registeredJobs()) expect(lastRun(job.name)!.lastError, job.name).toBeNull();
  });
});
