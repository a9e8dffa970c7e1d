import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Fixed-window rate limit counters, kept in SQLite so every process and restart shares them. */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  windowStart: integer("window_start").notNull(),
});

/** When each background job last ran, so a restart picks up where it left off. */
export const jobRuns = sqliteTable("job_runs", {
  name: text("name").primaryKey(),
  lastRunAt: integer("last_run_at", { mode: "timestamp_ms" }),
  lastError: text("last_error"),
});

/** Keys the app makes for itself once per database (e.g. the one that seals unsubscribe links), shared by every process. */
export const appSecrets = sqliteTable("app_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
});
