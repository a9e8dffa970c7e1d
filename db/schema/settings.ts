import { sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Admin-editable settings, one JSON value per key; defaults and validation live in app/modules/settings. */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
});

/** A neighbourhood (wijk) as a range of 4-digit postcode numbers, inclusive. */
export const neighbourhoods = sqliteTable("neighbourhoods", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  postcodeFrom: integer("postcode_from").notNull(),
  postcodeTo: integer("postcode_to").notNull(),
});
