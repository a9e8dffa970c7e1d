import { afterEach, describe, expect, it } from "vitest";
import { boot } from "~/boot.server";
import { reloadEnv } from "~/utils/env.server";
import { jobRunnerStarted, stopJobRunner } from "~/utils/jobs.server";

// server.js boots each process in its role: the primary (which accepts every connection and hands
// it to a worker), the HTTP workers, and one jobs process. Background work must run only in the
// last, so a long job delays neither a new connection nor a request.
describe("where the jobs run", () => {
  afterEach(async () => {
    await stopJobRunner();
    delete process.env.JOBS;
    process.env.JOBS = "false";
    reloadEnv();
  });

  it.each(["primary", "worker"] as const)("the %s process, which takes connections, runs no job", async (role) => {
    process.env.JOBS = "true";
    reloadEnv();
    await boot(role);
    expect(jobRunnerStarted()).toBe(false);
  });

  it("the jobs process runs them", async () => {
    process.env.JOBS = "true";
    reloadEnv();
    await boot("jobs");
    expect(jobRunnerStarted()).toBe(true);
  });

  it("a lone process (one worker) runs them itself, unless JOBS=false", async () => {
    process.env.JOBS = "true";
    reloadEnv();
    await boot("single");
    expect(jobRunnerStarted()).toBe(true);
    await stopJobRunner();
    process.env.JOBS = "false";
    reloadEnv();
    await boot("single");
    expect(jobRunnerStarted()).toBe(false);
  });
});
