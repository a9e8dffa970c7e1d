import { sql } from "drizzle-orm";
import { settings as settingsTable } from "#db/schema";
import { db, type DB, type Tx } from "~/utils/db.server";
import { recordAudit } from "~/utils/audit.server";
import { defaultSettings, onSettingsRegistered, settingSchema, type SettingKey, type Settings, type SettingValue } from "./settings.schema";

// Settings are read on nearly every request and written rarely: keep them in memory, reload after
// a write in this process and at most two seconds after one in another (server.js may run several).
const CACHE_MS = 2_000;
let cache: Settings | undefined;
let loadedAt = 0;

function load(): Settings {
  const values = defaultSettings() as Record<string, unknown>;
  for (const row of db.select().from(settingsTable).all()) {
    const schema = settingSchema(row.key);
    if (!schema) continue;
    const parsed = schema.safeParse(row.value);
    if (parsed.success) values[row.key] = parsed.data;
  }
  return values as Settings;
}

export function getSettings(): Settings {
  const now = Date.now();
  if (!cache || now - loadedAt > CACHE_MS) {
    cache = load();
    loadedAt = now;
  }
  return cache;
}

export function getSetting<K extends SettingKey>(key: K): SettingValue<K> {
  return getSettings()[key];
}

export function invalidateSettings(): void {
  cache = undefined;
}

// A kind registered after a first read brings keys the cached values lack.
onSettingsRegistered(invalidateSettings);

/** Writes already-validated values, with one audit entry per changed key. */
export function updateSettings(actorId: string | null, changes: Partial<Settings>, tx: DB | Tx = db): void {
  const current = getSettings();
  const apply = (t: DB | Tx) => {
    for (const [key, value] of Object.entries(changes)) {
      const before = current[key as SettingKey];
      if (JSON.stringify(before) === JSON.stringify(value)) continue;
      t.insert(settingsTable)
        .values({ key, value })
        .onConflictDoUpdate({ target: settingsTable.key, set: { value, updatedAt: sql`(unixepoch('subsec') * 1000)` } })
        .run();
      recordAudit(t, { actorId, action: "settings.update", entityType: "setting", entityId: key, before, after: value });
    }
  };
  if (tx === db) db.transaction(apply);
  else apply(tx);
  invalidateSettings();
}
