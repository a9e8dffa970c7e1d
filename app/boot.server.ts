import { seedIfEmpty } from "#db/seed";
import { dummyPasswordHash } from "~/utils/auth.server";
import { env } from "~/utils/env.server";
import { closeDatabase, databaseHealth, db } from "~/utils/db.server";
import { startJobRunner, stopJobRunner } from "~/utils/jobs.server";
import { logger } from "~/utils/logger.server";
import "./kinds.server";

/**
 * Called once per process by server.js: validates the environment (a bad value stops the process
 * with a message) and opens the database. The "primary" (or a lone "single" process) also
 * migrates and seeds the demo municipality on an empty database; a "worker" only serves HTTP;
 * the "jobs" process only runs the job runner. Background work runs in a process of its own
 * (with several workers), off the primary that hands out every new connection: a long job can
 * then delay neither a connection nor a request. A lone "single" process runs the jobs itself.
 * Returns what the server needs for /healthz and shutdown.
 */
export async function boot(role: "single" | "primary" | "worker" | "jobs" = "single") {
  const config = env();
  void db;
  if ((role === "single" || role === "primary") && config.DEMO) await seedIfEmpty();
  if ((role === "single" || role === "jobs") && config.JOBS) startJobRunner();
  // Made now, not on the first sign-in with an unknown address, whose answer would otherwise be
  // measurably slower than a known address's and tell that it has no account.
  if (role === "single" || role === "worker") await dummyPasswordHash();
  logger().info({ database: config.DATABASE_PATH, smtp: Boolean(config.SMTP_URL) }, "inspraak booted");
  return {
    port: config.PORT,
    trustProxy: config.TRUST_PROXY,
    production: config.NODE_ENV === "production",
    secureCookies: config.BASE_URL.startsWith("https:"),
    logger: logger(),
    health: databaseHealth,
    async shutdown() {
      await stopJobRunner();
      closeDatabase();
    },
  };
}
