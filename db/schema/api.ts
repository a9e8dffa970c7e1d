import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * A change counter per part of what the public reads (a topic kind, or "meetings"), raised by
 * triggers (the open_api_versions migration) whenever a row the open API shows is written. The API's ETags are
 * made of these numbers, so a request with If-None-Match is answered 304 from one small read,
 * without building the page. A kind's own tables that its open data reads get triggers of
 * their own when it is registered (app/modules/topics/topics.versions.server.ts).
 */
export const publicVersions = sqliteTable("public_versions", {
  scope: text("scope").primaryKey(),
  version: integer("version").notNull().default(0),
});
