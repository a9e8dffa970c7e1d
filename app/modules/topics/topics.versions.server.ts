// The change counters of what the public reads (public_versions, decision 028). The shared tables
// (topics, timeline events, outcomes, next steps, meetings) raise them through the triggers of the
// open_api_versions migration; a kind's own tables that its open data reads (`openData.sources` in
// its server manifest) get triggers of their own when the kind is registered, so a ballot counted
// or an amendment written changes the kind's ETags as a topic's own columns do.
import { getTableName } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { sqlite } from "~/utils/db.server";

const NAME = /^[a-z][a-z0-9_-]{0,62}$/;

/**
 * Makes every insert, update and delete on these tables raise the kind's counter, in the writing
 * transaction. Idempotent (IF NOT EXISTS): each process that registers the kind may call it.
 */
export function keepPublicVersions(kind: string, tables: readonly SQLiteTable[]): void {
  if (!NAME.test(kind)) throw new Error(`Cannot keep public versions for the kind "${kind}"`);
  for (const table of tables) {
    const name = getTableName(table);
    if (!NAME.test(name)) throw new Error(`Cannot keep public versions for the table "${name}"`);
    for (const op of ["insert", "update", "delete"]) {
      sqlite().exec(
        `CREATE TRIGGER IF NOT EXISTS "public_versions_${kind}_${name}_${op}" AFTER ${op.toUpperCase()} ON "${name}" BEGIN
           INSERT INTO public_versions (scope, version) VALUES ('${kind}', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
         END`,
      );
    }
  }
}
