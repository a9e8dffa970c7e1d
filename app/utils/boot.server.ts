import { env } from "./env.server";
import { closeDatabase, databaseHealth, db } from "./db.server";
import { startJobRunner, stopJobRunner } from "./jobs.server";
import { logger } from "./logger.server";
import { seedIfEmpty } from "#db/seed";

/**
 * Called once by server.js before it listens: validates the environment (a bad value stops the
 * process with a message), opens and migrates the database, seeds the demo municipality on an
 * empty database, and starts the job runner. Returns what the server needs for /healthz and shutdown.
 */
export async function boot() {
  const config = env();
  void db;
  if (config.DEMO) await seedIfEmpty();
  if (config.JOBS) startJobRunner();
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
